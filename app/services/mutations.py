"""Client mutations, applied exactly once and in order per client (GUIDE.md §3, Replicache).

Each mutation runs in its own transaction: the client's row is written first (so the
transaction holds the write lock from its first statement, on SQLite and PostgreSQL alike),
the handler changes the domain and appends events, the answer is stored, then the caller
commits. A replay (an id at or below the client's last) gets the stored answer back."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Callable

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.models import AppliedMutation, SyncClient, User
from app.models.base import utcnow
from app.services import events
from sync import protocol as p


class Rejected(Exception):
    """The mutation is refused (not allowed, invalid): it is consumed and its answer says why."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


class ClientMismatch(Exception):
    """The client id belongs to another user."""


class OutOfOrder(Exception):
    def __init__(self, expected: int):
        super().__init__(f"expected mutation {expected}")
        self.expected = expected


@dataclass
class MutationContext:
    db: Session
    user: User
    client_id: str
    mutation_id: int
    emitted: list[tuple[int, int]] = field(default_factory=list)  # (session_id, seq)
    rows: list[dict] = field(default_factory=list)  # the events, for the live fan-out

    def emit(self, session_id: int, kind: str, entity: str, key: Any, op: str, data: dict | None,
             audience: str, anonymous: bool = False) -> None:
        event = events.append(self.db, session_id, kind, entity, key, op, data, audience,
                              origin=None if anonymous else (self.client_id, self.mutation_id))
        self.emitted.append((session_id, event.seq))
        self.rows.append(dict(events.event_dict(event), audience=audience, session_id=session_id))


Handler = Callable[[MutationContext, dict], dict]
HANDLERS: dict[str, Handler] = {}


def handler(name: str) -> Callable[[Handler], Handler]:
    assert name in p.MUTATIONS, name

    def register(fn: Handler) -> Handler:
        HANDLERS[name] = fn
        return fn

    return register


def _claim_client(db: Session, user: User, client_id: str) -> SyncClient:
    db.execute(update(SyncClient).where(SyncClient.client_id == client_id)
               .values(last_seen_at=utcnow()))
    client = db.get(SyncClient, client_id, with_for_update=True)
    if client is None:
        try:
            with db.begin_nested():
                client = SyncClient(client_id=client_id, user_id=user.id, last_mutation_id=0)
                db.add(client)
        except IntegrityError:
            client = db.get(SyncClient, client_id, with_for_update=True, populate_existing=True)
    if client.user_id != user.id:
        raise ClientMismatch()
    return client


def apply_one(db: Session, user: User, client_id: str, mutation: dict,
              emitted_rows: list[dict] | None = None) -> dict[str, Any]:
    """Apply one mutation {"id", "name", "args"}; returns its answer and adds the events it
    wrote to `emitted_rows`. Raises ClientMismatch and OutOfOrder (nothing applied); any other
    exception is a server fault (the caller rolls back)."""
    mutation_id = mutation["id"]
    client = _claim_client(db, user, client_id)
    if mutation_id <= client.last_mutation_id:
        stored = db.get(AppliedMutation, (client_id, mutation_id))
        answer = dict(stored.result) if stored else {"id": mutation_id, "status": "applied"}
        answer["replay"] = True
        return answer
    if mutation_id != client.last_mutation_id + 1:
        raise OutOfOrder(client.last_mutation_id + 1)
    name = mutation["name"]
    context = MutationContext(db, user, client_id, mutation_id)
    try:
        with db.begin_nested():
            fn = HANDLERS.get(name)
            if fn is None:
                raise Rejected("unknown_mutation", f"unknown mutation {name!r}")
            if len(json.dumps(mutation.get("args") or {})) > p.MAX_MUTATION_BYTES:
                raise Rejected("too_large", f"a change may hold at most {p.MAX_MUTATION_BYTES} bytes")
            result = fn(context, mutation.get("args") or {})
        answer = {"id": mutation_id, "status": "applied", "result": result,
                  "events": [[s, q] for s, q in context.emitted]}
        if emitted_rows is not None:
            emitted_rows.extend(context.rows)
    except Rejected as exc:
        answer = {"id": mutation_id, "status": "rejected",
                  "error": {"code": exc.code, "message": exc.message}}
    client.last_mutation_id = mutation_id
    db.add(AppliedMutation(client_id=client_id, mutation_id=mutation_id, name=name[:60],
                           status=answer["status"], result=answer))
    db.flush()
    return answer


def validate_batch(body: Any) -> tuple[str, list[dict]]:
    """Check the shape of a push {"client_id", "mutations": [{"id", "name", "args"}]}; raises
    ValueError with a reason a person can read."""
    if not isinstance(body, dict):
        raise ValueError("the body must be a JSON object")
    client_id = body.get("client_id")
    if not isinstance(client_id, str) or not 8 <= len(client_id) <= 64:
        raise ValueError("client_id must be a string of 8 to 64 characters")
    mutations = body.get("mutations")
    if not isinstance(mutations, list) or not 1 <= len(mutations) <= p.MAX_MUTATIONS_PER_PUSH:
        raise ValueError(f"mutations must be a list of 1 to {p.MAX_MUTATIONS_PER_PUSH}")
    previous = None
    for m in mutations:
        if not isinstance(m, dict) or not isinstance(m.get("id"), int) or m["id"] < 1:
            raise ValueError("each mutation needs a positive integer id")
        if not isinstance(m.get("name"), str) or not isinstance(m.get("args", {}), dict):
            raise ValueError("each mutation needs a name and an args object")
        if previous is not None and m["id"] != previous + 1:
            raise ValueError("mutation ids in a push must be consecutive")
        previous = m["id"]
    return client_id, mutations


def last_mutation_id(db: Session, client_id: str) -> int:
    return db.scalar(select(SyncClient.last_mutation_id)
                     .where(SyncClient.client_id == client_id)) or 0
