"""The sync protocol's vocabulary (docs/PROTOCOL.md): the core's own language, spoken by the
server and by the tablet alike. Entity names, audiences, limits, close codes here; every
mutation with its typed arguments in `app.protocol.mutations`, described once."""
from __future__ import annotations

import math

PROTOCOL_VERSION = 1

# Replica entity types and what their keys are.
ENTITY_SESSION = "session"  # key: session id
ENTITY_AGENDA_ITEM = "agenda_item"  # key: item id
ENTITY_DOCUMENT = "document"  # key: document id
ENTITY_LIVE = "live"  # key: "state"
ENTITY_ANNOTATION = "annotation"  # key: client-made uuid
ENTITY_NOTE = "note"  # key: client-made uuid
ENTITY_SPEAKER = "speaker_request"  # key: client-made uuid
ENTITY_VOTE = "vote"  # key: vote id
ENTITY_SITTING = "sitting"  # key: sitting id
ENTITY_ATTENDANCE = "attendance"  # key: "<sitting id>:<user id>" ("0:<user id>": no sittings)
ENTITY_ROSTER = "roster"  # key: "delegates": the delegates, the totals, the body's rules
ENTITY_BALLOT = "my_ballot"  # key: vote id; the user's own ballot (voted, tracking code)
ENTITY_BALLOT_BOX = "ballot_box"  # key: vote id; a closed secret vote's published tracking codes
ROSTER_KEY = "delegates"

LIVE_KEY = "state"

# Audiences of events ("user:<id>" for one user).
AUDIENCE_ALL = "all"
AUDIENCE_MEMBERS = "members"
AUDIENCE_READERS = "readers"
AUDIENCE_OFFICERS = "officers"  # the chair and the secretary (who has voted in an open vote)

# Limits. Ids and cursors fit PostgreSQL's INTEGER (and so every database we use).
MAX_ID = 2 ** 31 - 1
MAX_MUTATIONS_PER_PUSH = 100
MAX_MUTATION_BYTES = 64 * 1024  # the JSON of one mutation's args
MAX_MUTATION_NAME = 60
MAX_PUSH_BYTES = 1024 * 1024  # one push body; a client packs mutations up to it
MAX_WS_MESSAGE_BYTES = 64 * 1024
PULL_PAGE = 2000

# What a push answers for each mutation, and why a refused one was refused (PROTOCOL.md).
ANSWER_STATUSES = frozenset({"applied", "rejected", "out_of_order", "client_diverged",
                             "rate_limited", "error"})
REJECTION_CODES = frozenset({
    "forbidden", "invalid", "not_found", "conflict", "unknown_mutation", "too_large",
    "session_closed", "quota_exceeded",
    # running the sitting
    "chair_only", "officers_only", "delegates_only", "sitting_not_found", "sitting_ended",
    "not_a_delegate", "reason_required", "not_waiting", "not_speaking",
    "vote_not_found", "vote_not_open", "vote_already_open", "vote_closed", "vote_cancelled",
    "another_vote_open", "vote_has_ballots", "unknown_option", "incomplete_ballot",
    "too_many_chosen", "already_voted", "not_seated", "not_checked_in",
})

# WebSocket close codes.
CLOSE_POLICY_VIOLATION = 1008
CLOSE_TOO_BIG = 1009
CLOSE_TRY_AGAIN = 1013
CLOSE_TOKEN_REVOKED = 4401


def user_audience(user_id: int) -> str:
    return f"user:{user_id}"


def encoded_size(value) -> int:
    """Bytes of `value` as the JSON the protocol sends (UTF-8, no ASCII escapes): the
    measure of every size limit, on the tablet and on the server alike."""
    import json

    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return len(text.encode("utf-8", "surrogatepass"))


def text_problem(value) -> str | None:
    """Why a JSON value cannot be stored (a NUL character, which PostgreSQL's text refuses;
    an unpaired surrogate, which is not Unicode text), or None. Looks into lists and objects."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return "text must not contain NUL characters"
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                return "text must be Unicode (it holds an unpaired surrogate)"
        elif isinstance(item, float) and not math.isfinite(item):
            return "numbers must be finite (NaN and Infinity are not JSON)"
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return None
