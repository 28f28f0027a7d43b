"""The harness behind tests/sync/test_api_fuzz.py: schemathesis 4.x over the server's own
`/openapi.json`, as one user at a time, every failure turned into a readable finding (the check,
the operation, the request that triggers it, the answer).

Schemathesis is driven through its Python engine (`schemathesis.engine.from_schema`, what its CLI
runs): all its phases (coverage, fuzzing, stateful) and every built-in check, plus the protocol's
own rules from docs/PROTOCOL.md as custom checks. Nothing is written to the working tree (no
`.schemathesis/` cache, no Hypothesis example database).
"""
from __future__ import annotations

import ast
import contextlib
import copy
import json
import logging
import re
import threading
import traceback
import time
import uuid as uuidlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterator
from urllib.parse import urlsplit

import httpx
import schemathesis
from hypothesis import strategies as st
from schemathesis.config import SchemathesisConfig
from schemathesis.engine import events, from_schema

from app import protocol as p
from app.protocol.mutations import MUTATIONS

# ---------------------------------------------------------------------------------------------
# What fails the test, what is only reported, and what the fuzzer tries.

# A 5xx (also one hidden in a mutation answer), an answer that contradicts the documented schema
# (body, content type, headers), a route that ignores its documented security, an error body
# without the protocol's envelope.
ASSERTED_CHECKS = frozenset({
    "not_a_server_error", "response_schema_conformance", "content_type_conformance",
    "response_headers_conformance", "ignored_auth", "error_envelope", "mutation_answers",
})
# Every other check (schemathesis runs them all) reports a gap between the document and the
# server that is not a bug by itself: an undocumented 401/404/429 (status_code_conformance), a
# format the schema does not state (positive_data_acceptance), ... Warnings, unless strict.

# Integers that break naive code: 32-bit (PostgreSQL INTEGER), 53-bit (JSON doubles) and 64-bit
# (SQLite, BIGINT) boundaries; mixed with the world's real ids so requests get past the 404s.
INTERESTING_INTS = [0, -1, 1, 2**31 - 1, 2**31, 2**53 + 1, 2**63 - 1, 2**63, -(2**63) - 1, 10**20]
# Strings that break naive code: NUL (PostgreSQL text refuses it), quoting and format
# characters, right-to-left override, non-BMP and case-folding letters. (Not a lone surrogate:
# schemathesis sends bodies as UTF-8 and cannot encode one.)
INTERESTING_STRINGS = ["\x00", "a\x00b", "'\"; --", "%s%n{0}", "\\", "\u202egnp.exe",
                       "\U0001f600", "İı", " "]

ERROR_CODES = frozenset({  # PROTOCOL.md, "Errors"; the last two from sync/server/errors.py
    "bad_request", "invalid_credentials", "token_invalid", "token_expired", "forbidden",
    "client_mismatch", "not_found", "too_large", "validation_error", "rate_limited",
    "server_error", "method_not_allowed", "range_not_satisfiable",
})
ANSWER_STATUSES = p.ANSWER_STATUSES  # PROTOCOL.md, "Mutations"
REJECTION_CODES = p.REJECTION_CODES
PUSH_SIZE = 5  # real mutations in a generated push (of the ten), in a random order


# ---------------------------------------------------------------------------------------------
# The protocol's rules as schemathesis checks (registered on import, enabled in the config).

def _is_push(case) -> bool:
    return case.operation.path.endswith("/mutations")


def _answers(response) -> list:
    try:
        body = json.loads(response.content)
    except ValueError:
        return []
    answers = body.get("answers") if isinstance(body, dict) else None
    return [a for a in answers if isinstance(a, dict)] if isinstance(answers, list) else []


@schemathesis.check
def error_envelope(ctx, response, case) -> bool | None:
    """PROTOCOL.md: every 4xx/5xx answer has the body {"error": {"code", "message"}}."""
    if response.status_code < 400:
        return None
    try:
        body = json.loads(response.content)
    except ValueError:
        raise AssertionError(f"a {response.status_code} answer whose body is not JSON: "
                             f"{response.content[:200]!r}") from None
    error = body.get("error") if isinstance(body, dict) else None
    if not (isinstance(error, dict) and isinstance(error.get("code"), str)
            and isinstance(error.get("message"), str)):
        raise AssertionError(f"a {response.status_code} answer without the error envelope "
                             f'{{"error": {{"code", "message"}}}}: {response.content[:200]!r}')
    if error["code"] not in ERROR_CODES:
        raise AssertionError(f"error code {error['code']!r} is not one PROTOCOL.md lists")
    return True


@schemathesis.check
def mutation_answers(ctx, response, case) -> bool | None:
    """PROTOCOL.md: each mutation of a push is answered with a documented status; `error` is a
    server fault, a 500 in a 200's clothing."""
    if not _is_push(case) or response.status_code != 200:
        return None
    for answer in _answers(response):
        status = answer.get("status")
        if status not in ANSWER_STATUSES:
            raise AssertionError(f"mutation answer with undocumented status {status!r}: {answer}")
        if status == "error":
            raise AssertionError(f"the server failed applying mutation "
                                 f"{_sent_mutation(case, answer.get('id'))} (answer {answer})")
    return True


@schemathesis.check
def mutation_rejection_codes(ctx, response, case) -> bool | None:
    """PROTOCOL.md lists the codes of a rejected mutation; anything else is undocumented."""
    if not _is_push(case) or response.status_code != 200:
        return None
    for answer in _answers(response):
        code = (answer.get("error") or {}).get("code")
        if answer.get("status") == "rejected" and code not in REJECTION_CODES:
            raise AssertionError(f"rejection code {code!r} is not one PROTOCOL.md lists: {answer}")
    return True


CUSTOM_CHECKS = ("error_envelope", "mutation_answers", "mutation_rejection_codes")


def _sent_mutation(case, mutation_id) -> str:
    body = case.body if isinstance(case.body, dict) else {}
    for mutation in body.get("mutations") or []:
        if isinstance(mutation, dict) and mutation.get("id") == mutation_id:
            return json.dumps(mutation, ensure_ascii=False)
    return f"#{mutation_id}"


# ---------------------------------------------------------------------------------------------
# The OpenAPI document.

def fetch_openapi(base_url: str) -> dict:
    response = httpx.get(base_url + "/openapi.json", timeout=10)
    response.raise_for_status()
    return response.json()


def iter_refs(node: Any, where: str = "#") -> Iterator[tuple[str, str]]:
    """Every (JSON pointer of the place, $ref) in a JSON document."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield where, value
            else:
                token = str(key).replace("~", "~0").replace("/", "~1")
                yield from iter_refs(value, f"{where}/{token}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from iter_refs(value, f"{where}/{index}")


def resolve_pointer(doc: dict, ref: str) -> Any:
    """The target of a local `#/...` reference; KeyError when there is none."""
    if not ref.startswith("#"):
        raise KeyError(f"not a local reference: {ref}")
    node: Any = doc
    for raw in [t for t in ref[1:].split("/") if t]:
        token = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        elif isinstance(node, dict) and token in node:
            node = node[token]
        else:
            raise KeyError(ref)
    return node


def unresolved_refs(doc: dict) -> list[tuple[str, str]]:
    """(JSON pointer of the place, $ref) for every reference that points at nothing."""
    broken = []
    for where, ref in iter_refs(doc):
        try:
            resolve_pointer(doc, ref)
        except KeyError:
            broken.append((where, ref))
    return broken


def readable_pointer(pointer: str) -> str:
    """`#/paths/~1api~1v1~1x/post/...` as `paths["/api/v1/x"].post....`, for people."""
    parts = [t.replace("~1", "/").replace("~0", "~") for t in pointer.lstrip("#").split("/") if t]
    return "".join(f'["{t}"]' if "/" in t or "." in t else (f".{t}" if i else t)
                   for i, t in enumerate(parts))


def healed(doc: dict) -> tuple[dict, list[str]]:
    """A copy in which a missing `#/components/schemas/X` that some nested `$defs` defines
    (Pydantic's `model_json_schema()` pasted into `openapi_extra`) is hoisted into
    `components/schemas`, so the fuzzer can still generate that operation's body. The document
    test reports the defect; this only keeps it from hiding everything behind it."""
    fixed = copy.deepcopy(doc)
    nested: dict[str, Any] = {}

    def collect(node: Any) -> None:
        if isinstance(node, dict):
            for name, schema in (node.get("$defs") or {}).items():
                nested.setdefault(name, schema)
            for value in node.values():
                collect(value)
        elif isinstance(node, list):
            for value in node:
                collect(value)

    collect(fixed)
    notes = []
    schemas = fixed.setdefault("components", {}).setdefault("schemas", {})
    prefix = "#/components/schemas/"
    for where, ref in unresolved_refs(fixed):
        name = ref[len(prefix):] if ref.startswith(prefix) else None
        if name in nested and name not in schemas:
            schemas[name] = nested[name]
            notes.append(f"{ref} (used at {readable_pointer(where)}) taken from a nested $defs")
    return fixed, notes


# ---------------------------------------------------------------------------------------------
# Configuration and the strategies the fuzzer is given beyond the document.

def build_config(*, base_url: str, token: str | None, logout_token: str | None,
                 max_examples: int, seed: int | None, ids: list[int], hashes: list[str],
                 usernames: list[str], password: str) -> SchemathesisConfig:
    data: dict[str, Any] = {
        "base-url": base_url,
        "cache": {"enabled": False},  # no .schemathesis/ in the working tree
        "generation": {"max-examples": max_examples, "database": "none"},
        "checks": {"enabled": True, **{name: {"enabled": True} for name in CUSTOM_CHECKS}},
        "request-timeout": 30,
        # Keep generating after a failure: otherwise the first undocumented 401 or 404 of an
        # operation ends its exploration and hides the 500 behind it. (The price: no shrinking;
        # the smallest failing request is kept instead.)
        "continue-on-failure": True,
        # Chains of calls that feed one answer into the next request: worth having, but the
        # costliest phase per request, so kept short.
        "phases": {"stateful": {"max-steps": 6, "generation": {"max-examples": 8}}},
        # Values drawn instead of the generated ones now and then ("fuzzing dictionaries").
        "dictionaries": {
            "ints": {"values": sorted(set(ids) | set(INTERESTING_INTS))},
            "hashes": {"values": hashes + [hashes[0].upper(), "0" * 64]},
            "usernames": {"values": usernames + INTERESTING_STRINGS},
            "passwords": {"values": [password] + INTERESTING_STRINGS},
            "strings": {"values": INTERESTING_STRINGS},
        },
        "parameters": {
            "path.session_id": {"dictionary": "ints", "probability": 0.5},
            "path.document_id": {"dictionary": "ints", "probability": 0.5},
            "path.sha256": {"dictionary": "hashes", "probability": 0.5},
            "query.since": {"dictionary": "ints", "probability": 0.5},
            "body.username": {"dictionary": "usernames", "probability": 0.5},
            "body.password": {"dictionary": "passwords", "probability": 0.5},
            "body.device": {"dictionary": "strings", "probability": 0.3},
        },
        # The push carries every change a tablet makes and each example reaches several
        # handlers; login is everyone's door (fuzzed only anonymously, see `fuzz`). Both get
        # more examples than a GET with one integer in its path. The push's malformed bodies
        # come from the coverage phase; its fuzzing examples are all well-formed pushes.
        "operations": [
            {"include-path": "/api/v1/mutations", "phases": {"fuzzing": {"generation": {
                "max-examples": 6 * max_examples, "mode": "positive"}}}},
            {"include-path": "/api/v1/auth/login",
             "generation": {"max-examples": 4 * max_examples}},
        ],
    }
    if seed is not None:
        data["seed"] = seed
    if token is not None:
        data["headers"] = {"Authorization": f"Bearer {token}"}
        # Logout revokes the token it is sent with: it gets one of its own.
        data["operations"].append({"include-path": "/api/v1/auth/logout",
                                   "headers": {"Authorization": f"Bearer {logout_token}"}})
    return SchemathesisConfig.from_dict(data)


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


def _push_strategy(body: Any, session_ids: list[int], ids: list[int]) -> st.SearchStrategy:
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


@contextlib.contextmanager
def serialized_ast_parse() -> Iterator[None]:
    """CPython 3.11 keeps the AST constructor's recursion depth in per-interpreter state, so two
    threads in `ast.parse` at once can fail with "SystemError: AST constructor recursion depth
    mismatch" (python/cpython#106905). Here they do: Hypothesis parses lambda sources in the
    fuzzer's thread while the in-process server formats the traceback of a 500 (3.11's
    `traceback` parses the failing line to place its carets). A lock around `ast.parse` for the
    length of a run keeps the harness from reporting the interpreter's bug as its own."""
    original = ast.parse
    lock = threading.RLock()

    def parse(*args, **kwargs):
        with lock:
            return original(*args, **kwargs)

    ast.parse = parse
    try:
        yield
    finally:
        ast.parse = original


class ServerLog(logging.Filter):
    """What the in-process server logs at WARNING and above during a run, one entry per distinct
    problem (logger, exception, where it was raised in our code) with a count, instead of
    thousands of tracebacks burying the report. Installed on the server's loggers, it drops the
    records it collects."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: Counter[str] = Counter()

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING:
            return True
        self.seen[f"{record.name}: {_problem(record)}"] += 1
        return False

    @contextlib.contextmanager
    def installed(self) -> Iterator["ServerLog"]:
        names = [name for name in list(logging.root.manager.loggerDict)
                 if name.split(".")[0] in ("uvicorn", "phonghop")]
        loggers = [logging.getLogger(name) for name in names]
        for logger in loggers:
            logger.addFilter(self)
        try:
            yield self
        finally:
            for logger in loggers:
                logger.removeFilter(self)


def _problem(record: logging.LogRecord) -> str:
    if not record.exc_info or record.exc_info[1] is None:
        return record.getMessage()[:200]
    exc = record.exc_info[1]
    while exc.__cause__ is not None:  # SQLAlchemy wraps the driver's error
        exc = exc.__cause__
    first = (str(exc).splitlines() or [""])[0][:160]
    frames = [f for f in traceback.extract_tb(record.exc_info[2])
              if not f.filename.startswith("<") and "/site-packages/" not in f.filename
              and "/lib/python" not in f.filename]
    where = f" at {_relative(frames[-1].filename)}:{frames[-1].lineno} in {frames[-1].name}" \
        if frames else ""
    return f"{type(exc).__name__}: {first}{where}"


def _relative(filename: str) -> str:
    for marker in ("/app/", "/sync/", "/documents/", "/signing/"):
        if marker in filename:
            return marker[1:] + filename.split(marker, 1)[1]
    return filename


# ---------------------------------------------------------------------------------------------
# One run and what it found.

@dataclass
class Finding:
    check: str
    code: str
    title: str
    message: str
    operation: str
    phase: str
    method: str
    url: str
    body: str | None
    status: int | None
    response_body: str
    response_type: str
    # What tells two failures of one asserted check on one operation apart: the inputs a
    # database chokes on (a huge id, a huge cursor, a NUL), the mutations that failed.
    signature: tuple[str, ...] = ()
    # For a push with a failed mutation: that mutation alone, as a push to try by hand.
    alone: str | None = None

    @property
    def key(self) -> tuple:
        signature = self.signature if self.check in ASSERTED_CHECKS else ()
        return (self.check, self.operation, self.code, self.title, self.status, signature)

    @property
    def size(self) -> int:
        return len(self.url) + len(self.body or "")

    @property
    def target(self) -> str:
        url = urlsplit(self.url)
        return url.path + (f"?{url.query}" if url.query else "")

    def describe(self, who: str) -> str:
        lines = [f"[{self.check}] {self.code} {self.title} — {self.operation}  (as {who}, "
                 f"{self.phase} phase)",
                 f"    request:  {self.method} {self.target}"]
        if self.body:
            lines.append(f"    body:     {_clip(self.body, 600)}")
        if self.alone:
            lines.append(f"    alone:    {_clip(self.alone, 600)}  (the failing mutation)")
        lines.append(f"    answer:   {self.status} {self.response_type} "
                     f"{_clip(self.response_body, 400)}")
        message = " ".join(self.message.split())
        if message:
            lines.append(f"    why:      {_clip(message, 600)}")
        return "\n".join(lines)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit] + f"… ({len(text)} chars)"


@dataclass
class FuzzResult:
    who: str
    findings: list[Finding] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # what kept the engine from testing
    notes: list[str] = field(default_factory=list)  # schema warnings, what `healed` changed
    statuses: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    requests: int = 0
    seconds: float = 0.0
    seed: int | None = None
    phases: dict[str, float] = field(default_factory=dict)  # seconds per schemathesis phase
    server_log: Counter = field(default_factory=Counter)  # see ServerLog

    def asserted(self, strict: bool = False) -> list[Finding]:
        return [f for f in self.findings if strict or f.check in ASSERTED_CHECKS]

    def reported(self, strict: bool = False) -> list[Finding]:
        return [] if strict else [f for f in self.findings if f.check not in ASSERTED_CHECKS]

    def coverage(self) -> str:
        """The answers seen per operation: shows the run got past the 401s and 404s."""
        return "\n".join(
            f"    {operation}: " + ", ".join(f"{status}×{n}" for status, n in sorted(
                self.statuses[operation].items(), key=lambda kv: str(kv[0])))
            for operation in sorted(self.statuses))

    def report(self, findings: list[Finding]) -> str:
        head = (f"{len(findings)} distinct failure(s) as {self.who} "
                f"({self.requests} requests in {self.seconds:.1f} s, seed {self.seed}):")
        body = "\n\n".join(f.describe(self.who) for f in findings)
        notes = "".join(f"\nnote: {note}" for note in self.notes)
        return (f"{head}\n\n{body}\n\nanswers seen per operation:\n{self.coverage()}\n"
                f"{self.logged()}{notes}")

    def logged(self) -> str:
        """What the server logged, the cause of each 500 and `error` answer among it."""
        if not self.server_log:
            return "the server logged no warning or error"
        return "the server logged (distinct warnings and errors, innermost frame of ours):\n" + \
            "\n".join(f"    {n:4}× {problem}" for problem, n in self.server_log.most_common())

    def summary(self, findings: list[Finding]) -> str:
        """One line per check and operation: the statuses seen and the smallest example."""
        groups: dict[tuple[str, str], list[Finding]] = defaultdict(list)
        for finding in findings:
            groups[(finding.check, finding.operation)].append(finding)
        lines = [f"{len(groups)} documentation gap(s) as {self.who} (not failing the test):"]
        for (check, operation), group in sorted(groups.items()):
            statuses = ", ".join(sorted({str(f.status) for f in group}))
            example = min(group, key=lambda f: f.size)
            body = f" {_clip(example.body, 160)}" if example.body else ""
            lines.append(f"  [{check}] {operation}: {group[0].title}, answered {statuses}; e.g. "
                         f"{example.method} {example.target}{body} -> {example.status} "
                         f"{_clip(example.response_body, 160)}")
        return "\n".join(lines)


def fuzz(*, base_url: str, who: str, token: str | None, logout_token: str | None,
         max_examples: int, seed: int | None, session_ids: list[int], ids: list[int],
         hashes: list[str], usernames: list[str], password: str) -> FuzzResult:
    """Every phase of schemathesis over the (healed) document, as one user."""
    doc, notes = healed(fetch_openapi(base_url))
    config = build_config(base_url=base_url, token=token, logout_token=logout_token,
                          max_examples=max_examples, seed=seed, ids=ids, hashes=hashes,
                          usernames=usernames, password=password)
    schema = schemathesis.openapi.from_dict(doc, config=config)
    if token is not None:
        # Login is rate limited (a handful of attempts a minute): fuzzed only anonymously, so a
        # logged-in run never locks its own user out.
        schema = schema.exclude(path="/api/v1/auth/login")

    @schema.hook("flatmap_case")
    def _shape_pushes(context, case):
        # Only schema-valid pushes are reshaped: a negative one must stay what it was made to be.
        meta = case.meta
        if not _is_push(case) or (meta is not None and meta.generation.mode.is_negative):
            return st.just(case)

        def with_body(body):
            case.body = body  # schemathesis revalidates a changed component
            return case

        return _push_strategy(case.body, session_ids, ids).map(with_body)

    result = FuzzResult(who=who, seed=config.seed,
                        notes=[f"fuzzed a repaired copy of the document: {n}" for n in notes])
    best: dict[tuple, Finding] = {}
    started = time.monotonic()
    with serialized_ast_parse(), ServerLog().installed() as server_log:
        _run(schema, result, best)
    result.server_log = server_log.seen
    result.seconds = time.monotonic() - started
    result.findings = sorted(_without_supersets(list(best.values())),
                             key=lambda f: (f.check not in ASSERTED_CHECKS, f.operation, f.check,
                                            f.title, f.signature))
    return result


def _run(schema, result: FuzzResult, best: dict[tuple, Finding]) -> None:
    phase_started: dict[str, float] = {}
    for event in from_schema(schema).execute():
        if isinstance(event, events.PhaseStarted):
            phase_started[event.phase.name.value] = event.timestamp
        elif isinstance(event, events.PhaseFinished) and event.phase.name.value in phase_started:
            name = event.phase.name.value
            result.phases[name] = event.timestamp - phase_started[name]
        elif isinstance(event, (events.ScenarioFinished, events.FuzzScenarioFinished)):
            _collect(event, result, best)
        elif isinstance(event, events.NonFatalError):
            result.errors.append(f"{event.label}: {event.value!r}")
        elif isinstance(event, events.FatalError):
            result.errors.append(f"fatal: {event.exception!r}")
        elif isinstance(event, events.SchemaAnalysisWarnings):
            result.notes.extend(f"schema warning: {w!r}" for w in event.warnings)


def _collect(event, result: FuzzResult, best: dict[tuple, Finding]) -> None:
    """Count the answers of a finished scenario and keep, per distinct failure, the smallest
    request that shows it."""
    recorder = event.recorder
    phase = getattr(getattr(event, "phase", None), "value", None) or "fuzz"
    for case_id, interaction in recorder.interactions.items():
        node = recorder.cases.get(case_id)
        if node is not None and interaction.response is not None:
            result.requests += 1
            result.statuses[node.value.operation.label][interaction.response.status_code] += 1
    for case_id, checks in recorder.checks.items():
        for check in checks:
            if check.failure_info is None:
                continue
            failure = check.failure_info.failure
            failing_id = failure.case_id or case_id
            interaction = recorder.interactions.get(failing_id)
            request = interaction.request if interaction else None
            response = interaction.response if interaction else None
            finding = Finding(
                check=check.name, code=getattr(failure, "code", ""), title=failure.title,
                message=failure.message or "", operation=failure.operation or recorder.label,
                phase=phase, method=request.method if request else "?",
                url=request.uri if request else "?",
                body=request.body.decode("utf-8", "replace") if request and request.body else None,
                status=response.status_code if response is not None else None,
                response_body=(response.content if response is not None else b"")
                .decode("utf-8", "replace"),
                response_type=_header(response, "content-type"))
            node = recorder.cases.get(failing_id)
            if node is not None:
                finding.signature = _signature(node.value, response)
                if check.name == "mutation_answers":
                    finding.alone = _failed_alone(response)
            kept = best.get(finding.key)
            if kept is None or finding.size < kept.size:
                best[finding.key] = finding


def _header(response, name: str) -> str:
    for key, values in (response.headers.items() if response is not None else ()):
        if key.lower() == name:
            return values[0] if isinstance(values, list) else str(values)
    return ""


def _without_supersets(findings: list[Finding]) -> list[Finding]:
    """Drop a finding whose signature strictly contains another's of the same kind: a request
    with a huge id *and* a huge cursor adds nothing to the one with only the huge id."""
    return [finding for finding in findings
            if not (finding.signature and any(
                other.key[:5] == finding.key[:5] and other.signature
                and set(other.signature) < set(finding.signature) for other in findings))]


_DIGITS = re.compile(r"[-+]?[0-9]+")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _printable(value: Any) -> str:
    return str(value).encode("unicode_escape").decode("ascii")[:40]


def _suspicious_in(value: Any, where: str, parse: bool) -> list[str]:
    """Where in `value` lies what databases choke on: an integer beyond a signed 32-bit
    (PostgreSQL INTEGER) or 64-bit (SQLite, BIGINT) column, a NUL, a lone surrogate; with
    `parse`, strings of digits count as integers (path and query values)."""
    found: set[str] = set()

    def visit(item: Any, at: str) -> None:
        if isinstance(item, dict):
            for key, inner in item.items():
                visit(key, f"{at}.<key>")
                visit(inner, f"{at}.{_printable(key)}")
        elif isinstance(item, list):
            for inner in item:
                visit(inner, f"{at}[*]")
        elif isinstance(item, str) and ("\x00" in item or _SURROGATE.search(item)):
            found.add(f"{at}:{'NUL' if chr(0) in item else 'lone surrogate'}")
        elif (isinstance(item, int) and not isinstance(item, bool)) or (
                parse and isinstance(item, str) and _DIGITS.fullmatch(item)):
            number = int(item)
            if not -(2**63) <= number < 2**63:
                found.add(f"{at}>64bit")
            elif not -(2**31) <= number < 2**31:
                found.add(f"{at}>32bit")

    visit(value, where)
    return sorted(found)


def _signature(case, response) -> tuple[str, ...]:
    found = []
    for location in ("path_parameters", "query"):
        values = getattr(case, location, None)
        if isinstance(values, dict):
            found += _suspicious_in(values, location.split("_")[0], parse=True)
    if _is_push(case):
        return tuple(found) + _failed_mutations(response)
    if isinstance(getattr(case, "body", None), (dict, list)):
        found += _suspicious_in(case.body, "body", parse=False)
    return tuple(found)


def _failed_alone(response) -> str | None:
    """The first mutation a push answered with `error`, alone in a push of its own (its client
    id kept when that is the culprit, made fresh otherwise)."""
    answers = [a for a in _answers(response) if a.get("status") == "error"]
    try:
        sent = json.loads(response.request.body or b"{}")
    except (ValueError, AttributeError):
        return None
    if not answers or not isinstance(sent, dict):
        return None
    mutation = next((m for m in sent.get("mutations") or []
                     if isinstance(m, dict) and m.get("id") == answers[0].get("id")), None)
    if mutation is None:
        return None
    client_id = sent.get("client_id")
    if not _suspicious_in(client_id, "client_id", parse=False):
        client_id = "fuzz-alone-0001"
    return json.dumps({"client_id": client_id, "mutations": [{**mutation, "id": 1}]})


def _failed_mutations(response) -> tuple[str, ...]:
    """What made a push answer `error`: its client id when that holds what a database chokes
    on, else each failed mutation as "name:what in it a database chokes on" ("name:" if none)."""
    if response is None or response.status_code != 200:
        return ()
    answers = [a for a in _answers(response) if a.get("status") == "error"]
    try:
        sent = json.loads(response.request.body or b"{}")
    except (ValueError, AttributeError):
        return ()
    if not answers or not isinstance(sent, dict):
        return ()
    client = _suspicious_in(sent.get("client_id"), "client_id", parse=False)
    if client:
        return tuple(client)
    by_id = {m.get("id"): m for m in sent.get("mutations") or [] if isinstance(m, dict)}
    failed: set[str] = set()
    for answer in answers:
        mutation = by_id.get(answer.get("id"), {})
        odd = (_suspicious_in(mutation.get("name"), "name", parse=False)
               + _suspicious_in(mutation.get("args"), "args", parse=False)) or [""]
        failed.update(f"{_printable(mutation.get('name'))}:{where}" for where in odd)
    return tuple(sorted(failed))
