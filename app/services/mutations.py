"""Client mutations, applied exactly once and in order per client (GUIDE.md §3, Replicache).

Each mutation runs in its own transaction: the client's row is written first (so the
transaction holds the write lock from its first statement, on SQLite and PostgreSQL alike),
the arguments are parsed (`app.protocol.mutations`), the rights checked (`access`), the
handler changes the domain and appends events, the answer is stored with the digest of the
change, then the caller commits. A replay (an id at or below the client's last) gets the stored
answer back, but only when it is the same change: another change under a used id is a
diverged client (a copied or restored tablet) and nothing is applied."""
from __future__ import annotations

import hashlib
import json
import logging
import re
from dataclasses import dataclass, field
from typing import Any, Callable

from sqlalchemy import bindparam, event, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app import protocol as p
from app.config import Settings
from app.models import AppliedMutation, MeetingSession, SyncClient, User
from app.models.base import utcnow
from app.protocol import mutations as m
from app.services import access, audit, events, limits
from app.services.meetings import NotFound, visible_session


log = logging.getLogger("phonghop.mutations")
CLIENT_ID = re.compile(r"^[A-Za-z0-9._:-]{8,64}$")
NAME = re.compile(r"^[a-z][a-z0-9_.]*$")  # the shape of every mutation name
# The client rows are written with plain statements (no ORM object, nothing to flush): the
# hot path of a sitting, where the whole room votes at once, runs through here.
_CLIENTS = SyncClient.__table__
_ADVANCE = (update(_CLIENTS)  # a known client's next change: lock its row and move it on
            .where(_CLIENTS.c.client_id == bindparam("client"),
                   _CLIENTS.c.last_mutation_id == bindparam("previous"))
            .values(last_seen_at=bindparam("now"), last_mutation_id=bindparam("next"))
            .returning(_CLIENTS.c.user_id))


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


class Diverged(Exception):
    """A used mutation id came back with another change: the client's history forked."""


class RateLimited(Exception):
    """Too many changes, or new client ids, too fast: nothing applied; try again later."""

    def __init__(self, retry_after: int):
        super().__init__(f"retry after {retry_after} s")
        self.retry_after = retry_after


@dataclass
class MutationContext:
    db: Session
    user: User
    client_id: str
    mutation_id: int
    settings: Settings
    session: MeetingSession | None = None
    roles: frozenset = frozenset()
    emitted: list[tuple[int, int]] = field(default_factory=list)  # (session_id, seq)
    rows: list[dict] = field(default_factory=list)  # the events, for the live fan-out
    # Facts read once per transaction when several changes share one (`apply_batch`): what
    # no change of the batch can alter (a vote's row is the same object for all of them).
    shared: dict = field(default_factory=dict)
    hooks: list = field(default_factory=list)  # to run after the commit, if it is applied

    def emit(self, kind: str, entity: str, key: Any, op: str, data: dict | None,
             audience: str, anonymous: bool = False) -> None:
        """Append an event to this mutation's session."""
        session_id = self.session.id
        event = events.append(self.db, session_id, kind, entity, key, op, data, audience,
                              origin=None if anonymous else (self.client_id, self.mutation_id))
        self.emitted.append((session_id, event.seq))
        self.rows.append(dict(events.event_dict(event), audience=audience, session_id=session_id))

    def audit(self, action: str, payload: dict | None = None) -> None:
        """Append to the session's audit log: who (this user), what, when."""
        audit.record_event(self.db, action, actor_id=self.user.id, session_id=self.session.id,
                           payload=payload)

    def after_commit(self, fn: Callable[[], None]) -> None:
        """Run `fn` once this mutation's transaction has committed (never if it is refused
        or rolls back)."""
        self.hooks.append(fn)

    def limit(self, key: str, limit: limits.Limit, amount: int = 1) -> None:
        """Count `amount` more of `key`; over the limit, nothing is applied (RateLimited: the
        caller rolls the change back, and the count with it)."""
        self.limits([(key, limit, amount)])

    def limits(self, counts: list[tuple[str, limits.Limit, int]]) -> None:
        """`limit` for several keys at once (one statement)."""
        wait = limits.counts_or_wait(self.db, counts)
        if wait is not None:
            raise RateLimited(wait)


Handler = Callable[[MutationContext, Any], dict]
HANDLERS: dict[str, Handler] = {}


def handler(args_type: type[m.MutationArgs]) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        HANDLERS[args_type.name] = fn
        return fn

    return register


@event.listens_for(Session, "after_commit")
def _run_after_commit(db: Session) -> None:
    if db.in_nested_transaction():  # SQLAlchemy also says "after_commit" for a savepoint
        return
    for fn in db.info.pop("after_commit", ()):
        try:
            fn()
        except Exception:  # noqa: BLE001 - the commit stands; the clean-up is retried later
            log.warning("a clean-up after a commit failed", exc_info=True)


@event.listens_for(Session, "after_rollback")
def _drop_after_commit(db: Session) -> None:
    if db.in_nested_transaction():  # a savepoint's rollback: the others' plans stand
        return
    db.info.pop("after_commit", None)


def digest(name: str, args: Any) -> str:
    """The fingerprint of a change: its name and arguments, canonical JSON. A secret field
    (a ballot's option) stays out of it: the record must not let anyone guess it."""
    spec = m.MUTATIONS.get(name)
    if spec is not None and spec.secret_fields and isinstance(args, dict):
        args = {k: v for k, v in args.items() if k not in spec.secret_fields}
    text = json.dumps([name, args], sort_keys=True, separators=(",", ":"))  # ASCII escapes
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def _claim_client(db: Session, user: User, client_id: str, first_id: int,
                  settings: Settings) -> tuple[int, bool]:
    """Lock the client's row (created at `first_id` if new) and return (its last mutation id,
    whether the row was moved on to `first_id` already). The usual case, the next change of
    a known client, is one statement that locks the row and moves it on (a change is consumed
    even when refused; a fault rolls the transaction back, and the move with it)."""
    row = db.execute(_ADVANCE, {"client": client_id, "previous": first_id - 1,
                                "now": utcnow(), "next": first_id}).first()
    if row is not None:
        if row.user_id != user.id:
            raise ClientMismatch()
        return first_id - 1, True
    claim = (update(_CLIENTS).where(_CLIENTS.c.client_id == client_id)
             .values(last_seen_at=utcnow())
             .returning(_CLIENTS.c.user_id, _CLIENTS.c.last_mutation_id))
    row = db.execute(claim).first()
    if row is None:
        wait = limits.hit(db, f"clients:{user.id}", limits.Limit(settings.new_clients_per_hour, 3600))
        if wait is not None:
            raise RateLimited(wait)
        try:
            with db.begin_nested():
                # A new client id starts where its tablet's numbering is (a tablet that had to
                # take a new id keeps its own numbers); from then on ids are consecutive.
                db.execute(insert(_CLIENTS).values(client_id=client_id, user_id=user.id,
                                                   last_mutation_id=first_id - 1))
        except IntegrityError:
            pass  # another request created it first: its row decides
        row = db.execute(claim).first()
    if row.user_id != user.id:
        raise ClientMismatch()
    return row.last_mutation_id, False


def apply_one(db: Session, user: User, client_id: str, mutation: dict, settings: Settings,
              emitted_rows: list[dict] | None = None, shared: dict | None = None) -> dict[str, Any]:
    """Apply one mutation {"id", "name", "args"}; returns its answer and adds the events it
    wrote to `emitted_rows`. Raises ClientMismatch, OutOfOrder, Diverged and RateLimited
    (nothing applied); any other exception is a server fault (the caller rolls back)."""
    mutation_id, name, raw = mutation["id"], mutation["name"], mutation.get("args")
    fingerprint = digest(name, raw)
    last_id, advanced = _claim_client(db, user, client_id, mutation_id, settings)
    if mutation_id <= last_id:
        stored = db.get(AppliedMutation, (client_id, mutation_id))
        # No record: an id below where this client id started, never applied under it (the
        # tablet's history forked); another change under a used id: the same.
        if stored is None or (stored.digest is not None and stored.digest != fingerprint):
            raise Diverged()
        answer = dict(stored.result)
        answer["replay"] = True
        return answer
    if mutation_id != last_id + 1:
        raise OutOfOrder(last_id + 1)
    # What this change learns for the others of its batch counts only once it is applied: a
    # refused change's savepoint is rolled back, and with it the row locks it took.
    context = MutationContext(db, user, client_id, mutation_id, settings,
                              shared=dict(shared) if shared is not None else {})
    size = p.encoded_size(raw)  # once: the byte rate and the size limit both use it
    spec = m.MUTATIONS.get(name)
    if spec is None or not spec.online_only:  # a ballot is never held back by pen strokes
        context.limits([
            (f"changes:{user.id}", limits.Limit(settings.changes_per_minute), 1),
            (f"change-bytes:{user.id}", limits.Limit(settings.change_bytes_per_minute),
             min(size, p.MAX_MUTATION_BYTES))])
    try:
        with db.begin_nested():
            result = _run(context, name, raw, size)
        answer = {"id": mutation_id, "status": "applied", "result": result,
                  "events": [[s, q] for s, q in context.emitted]}
        db.info.setdefault("after_commit", []).extend(context.hooks)
        if shared is not None:
            shared.update(context.shared)
        if emitted_rows is not None:
            emitted_rows.extend(context.rows)
    except Rejected as exc:
        answer = {"id": mutation_id, "status": "rejected",
                  "error": {"code": exc.code, "message": exc.message}}
    if not advanced:
        db.execute(update(_CLIENTS).where(_CLIENTS.c.client_id == client_id)
                   .values(last_mutation_id=mutation_id))
    db.execute(insert(AppliedMutation.__table__).values(
        client_id=client_id, mutation_id=mutation_id, name=name if NAME.match(name) else "?",
        digest=fingerprint, status=answer["status"], result=_for_replay(answer)))
    return answer


@dataclass
class Job:
    """One client's change waiting to be applied with others (`apply_batch`). `user` may be
    None until its caller has authenticated `token` (in the batch's transaction)."""
    user: User | None
    client_id: str
    mutation: dict
    token: str | None = None
    answer: dict | None = None
    error: BaseException | None = None  # ClientMismatch, OutOfOrder, … or a server fault
    rows: list[dict] = field(default_factory=list)


def apply_batch(db: Session, jobs: list[Job], settings: Settings) -> None:
    """Apply several clients' changes in the caller's one transaction (a ballot each, the
    whole room voting at once), each in a savepoint of its own: a change that fails leaves
    no trace and the others stand; each is still applied exactly once, with its answer and
    digest stored beside it. One commit, one flush to disk, one read of what they share."""
    shared: dict = {}
    for job in jobs:
        try:
            with db.begin_nested():
                job.answer = apply_one(db, job.user, job.client_id, job.mutation, settings,
                                       job.rows, shared)
        except Exception as exc:  # noqa: BLE001 - reported to that job's caller alone
            job.error, job.answer = exc, None
            job.rows.clear()
            shared.clear()  # a rolled-back savepoint expires what it touched


def _for_replay(answer: dict) -> dict:
    """The answer as kept for replays: the entity's state (`result`) only when small, since a
    replay needs its events and status, not another copy of a 64 KiB ink stroke."""
    if "result" in answer and p.encoded_size(answer["result"]) > 1024:
        return {k: v for k, v in answer.items() if k != "result"}
    return answer


def _run(ctx: MutationContext, name: str, raw: Any, size: int) -> dict:
    fn = HANDLERS.get(name)
    if fn is None:
        raise Rejected("unknown_mutation", "no mutation has this name")
    if size > p.MAX_MUTATION_BYTES:
        raise Rejected("too_large", f"a change may hold at most {p.MAX_MUTATION_BYTES} bytes")
    problem = p.text_problem(raw)
    if problem is not None:
        raise Rejected("invalid", problem)
    try:
        args = m.parse(name, raw)
    except m.InvalidArgs as exc:
        raise Rejected("invalid", str(exc)) from None
    key = ("session", args.session_id)  # the same row for every change of a batch
    try:
        ctx.session, ctx.roles = visible_session(ctx.db, ctx.user, args.session_id,
                                                 ctx.shared.get(key))
    except NotFound:
        raise Rejected("not_found", "no such session") from None
    ctx.shared[key] = ctx.session
    refusal = access.mutation_refusal(ctx.user, ctx.session, ctx.roles, args)
    if refusal is not None:
        raise Rejected(*refusal)
    return fn(ctx, args)


def count_of(db: Session, model, *where) -> int:
    """How many rows of `model` match (for the quotas of the handlers)."""
    return db.scalar(select(func.count()).select_from(model).where(*where)) or 0


def validate_batch(body: Any) -> tuple[str, list[dict]]:
    """Check the envelope of a push {"client_id", "mutations": [{"id", "name", "args"}]};
    raises ValueError with a reason a person can read. The arguments of each mutation are
    checked when it is applied (a bad one is refused alone)."""
    if not isinstance(body, dict):
        raise ValueError("the body must be a JSON object")
    client_id = body.get("client_id")
    if not isinstance(client_id, str) or not CLIENT_ID.match(client_id):
        raise ValueError("client_id must be 8 to 64 letters, digits or . _ : -")
    mutations = body.get("mutations")
    if not isinstance(mutations, list) or not 1 <= len(mutations) <= p.MAX_MUTATIONS_PER_PUSH:
        raise ValueError(f"mutations must be a list of 1 to {p.MAX_MUTATIONS_PER_PUSH}")
    previous = None
    for m_ in mutations:
        if not isinstance(m_, dict) or not isinstance(m_.get("id"), int) \
                or isinstance(m_.get("id"), bool) or not 1 <= m_["id"] <= 2 ** 62:
            raise ValueError("each mutation needs a positive integer id")
        name = m_.get("name")
        if not isinstance(name, str) or not 1 <= len(name) <= p.MAX_MUTATION_NAME:
            raise ValueError(f"each mutation needs a name of 1 to {p.MAX_MUTATION_NAME} characters")
        if p.text_problem(name) is not None:
            raise ValueError("a mutation name must be Unicode text without NUL characters")
        if previous is not None and m_["id"] != previous + 1:
            raise ValueError("mutation ids in a push must be consecutive")
        previous = m_["id"]
    return client_id, mutations


def last_mutation_id(db: Session, client_id: str) -> int:
    return db.scalar(select(SyncClient.last_mutation_id)
                     .where(SyncClient.client_id == client_id)) or 0
