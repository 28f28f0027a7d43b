"""The sync protocol's vocabulary, shared by the server and the tablet (docs/PROTOCOL.md)."""
from __future__ import annotations

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

LIVE_KEY = "state"

# Audiences of events ("user:<id>" for one user).
AUDIENCE_ALL = "all"
AUDIENCE_MEMBERS = "members"
AUDIENCE_READERS = "readers"

# Mutations. Those that need the server right now are never queued offline.
MUTATIONS = frozenset({
    "live.set_current_item", "live.set_presenter",
    "annotation.put", "annotation.delete",
    "note.put", "note.delete",
    "speaker.request", "speaker.withdraw", "speaker.set_status",
    "ballot.cast",
})
ONLINE_ONLY = frozenset({"ballot.cast"})

# Limits.
MAX_MUTATIONS_PER_PUSH = 100
MAX_MUTATION_BYTES = 64 * 1024
MAX_WS_MESSAGE_BYTES = 64 * 1024
PULL_PAGE = 2000

# WebSocket close codes.
CLOSE_POLICY_VIOLATION = 1008
CLOSE_TOO_BIG = 1009
CLOSE_TOKEN_REVOKED = 4401


def user_audience(user_id: int) -> str:
    return f"user:{user_id}"
