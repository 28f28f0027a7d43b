"""What the fuzzer tries beyond the document: values that break naive code, and pushes the
server will apply (real ids, real mutation names, the arguments the handlers read)."""
from __future__ import annotations

import uuid as uuidlib
from typing import Any

from hypothesis import strategies as st

from app.protocol.mutations import MUTATIONS

# Integers that break naive code: 32-bit (PostgreSQL INTEGER), 53-bit (JSON doubles) and 64-bit
# (SQLite, BIGINT) boundaries; mixed with the world's real ids so requests get past the 404s.
INTERESTING_INTS = [0, -1, 1, 2**31 - 1, 2**31, 2**53 + 1, 2**63 - 1, 2**63, -(2**63) - 1, 10**20]
# Strings that break naive code: NUL (PostgreSQL text refuses it), quoting and format
# characters, right-to-left override, non-BMP and case-folding letters. (Not a lone surrogate:
# schemathesis sends bodies as UTF-8 and cannot encode one.)
INTERESTING_STRINGS = ["\x00", "a\x00b", "'\"; --", "%s%n{0}", "\\", "\u202egnp.exe",
                       "\U0001f600", "İı", " "]

PUSH_SIZE = 5  # real mutations in a generated push (of the ten), in a random order


def _mostly(plausible: st.SearchStrategy, wild: st.SearchStrategy) -> st.SearchStrategy:
    """Mostly a plausible value, sometimes a wild one (Hypothesis favours small integers, so the
    plausible branch gets them)."""
    return st.integers(0, 3).flatmap(lambda n: plausible if n < 3 else wild)


def _mutation_args(session_ids: list[int], ids: list[int]) -> st.SearchStrategy[dict]:
    """The arguments the handlers read (PROTOCOL.md, "Mutations"; OpenAPI only says `object`):
    a `session_id` and `uuid` that are usually real, so the mutation gets past them into its
    handler; the rest optional; each plausible or wild."""
    some_int = st.one_of(st.sampled_from(sorted(set(ids) | set(INTERESTING_INTS))), st.integers())
    some_text = st.one_of(st.sampled_from(INTERESTING_STRINGS), st.text(max_size=40))
    anything = st.one_of(st.none(), st.booleans(), some_int, some_text,
                         st.lists(st.integers(), max_size=3))
    real_id = st.sampled_from(sorted(set(ids)))
    wild_int = st.one_of(some_int, anything)
    return st.fixed_dictionaries({
        "session_id": _mostly(st.sampled_from(session_ids), wild_int),
        "uuid": _mostly(st.uuids().map(str), some_text),
    }, optional={
        "agenda_item_id": _mostly(real_id, wild_int),
        "document_id": _mostly(real_id, wild_int),
        "vote_id": _mostly(real_id, wild_int),
        "page": _mostly(st.integers(0, 3), wild_int),
        "page_index": _mostly(st.integers(0, 3), wild_int),
        "kind": _mostly(st.sampled_from(["ink", "highlight", "note", "speech", "question"]),
                        anything),
        "status": _mostly(st.sampled_from(["waiting", "speaking", "done", "withdrawn"]),
                          anything),
        "option": _mostly(st.sampled_from(["yes", "no", "abstain"]), anything),
        "data": _mostly(st.dictionaries(some_text, anything, max_size=3), anything),
        "text": some_text, "topic": some_text, "shared": _mostly(st.booleans(), anything),
    })


def push_strategy(body: Any, session_ids: list[int], ids: list[int]) -> st.SearchStrategy:
    """Now and then the generated push as it is (replays, client mismatches, odd ids), mostly one
    the server will apply: a fresh client id (a reused one only gets replays back; now and then
    with an odd string in it), PUSH_SIZE different mutation names in a random order (a rejected
    mutation does not stop a push, so one request reaches several handlers), maybe an unknown or
    odd name, consecutive ids from 1, the arguments the handlers read."""
    real = sorted(MUTATIONS)
    odd_names = ["no.such_mutation", ""] + INTERESTING_STRINGS
    odd_client = _mostly(st.just(""), st.sampled_from(INTERESTING_STRINGS))

    def build(drawn: tuple[str, list[str], list[str], list[dict]]) -> dict:
        prefix, order, extra, args = drawn
        names = order[:PUSH_SIZE] + extra
        return {"client_id": f"fuzz{prefix}-{uuidlib.uuid4().hex[:16]}",
                "mutations": [{"id": index + 1, "name": name, "args": args[index]}
                              for index, name in enumerate(names)]}

    shaped = st.tuples(odd_client, st.permutations(real),
                       st.lists(st.sampled_from(odd_names), max_size=1),
                       st.lists(_mutation_args(session_ids, ids),
                                min_size=PUSH_SIZE + 1, max_size=PUSH_SIZE + 1)).map(build)
    return st.integers(0, 3).flatmap(lambda n: shaped if n < 3 else st.just(body))
