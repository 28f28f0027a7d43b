"""The hub's periodic reads, in one short database session on a worker thread: the last event
of each followed session, which tokens still stand (not revoked, not expired, their user still
active), whether each user is still an admin, and the rights of each (user, followed session)
pair. A handful of queries for the whole room, whatever its size."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field

from sqlalchemy import select

from app.db import among, begin_write
from app.models import AuthToken, MeetingSession, SessionCursor, SessionRoleGrant, User
from app.models.base import utcnow
from app.services import access, limits
from sync.server.context import ServerContext

log = logging.getLogger("phonghop.hub")


@dataclass
class HubState:
    lasts: dict[int, int] = field(default_factory=dict)
    valid: set[str] = field(default_factory=set)  # token digests that still stand
    admins: dict[int, bool] = field(default_factory=dict)  # user id -> is_admin now
    rights: dict[tuple[int, int], frozenset | None] = field(default_factory=dict)  # None: gone


def read_state(context: ServerContext, sessions: list[int], tokens: set[str],
               pairs: set[tuple[int, int]], prune: bool = False) -> HubState:
    state = HubState()
    with context.sessions() as db:
        if sessions:
            rows = db.execute(select(SessionCursor.session_id, SessionCursor.last_seq)
                              .where(SessionCursor.session_id.in_(sessions))).all()
            state.lasts = {session_id: seq for session_id, seq in rows}
        if tokens:
            for digest, user_id, is_admin in db.execute(
                    select(AuthToken.token_sha256, User.id, User.is_admin)
                    .join(User, User.id == AuthToken.user_id)
                    .where(among(db, AuthToken.token_sha256, tokens), AuthToken.revoked_at.is_(None),
                           AuthToken.expires_at > utcnow(), User.is_active.is_(True))):
                state.valid.add(digest)
                state.admins[user_id] = is_admin
        if pairs:
            state.rights = _current_rights(db, pairs)
    if prune:  # a write of its own, apart from the reads (SQLite: never upgrade a read)
        try:
            with context.sessions() as db:
                begin_write(db)
                limits.prune(db)
                db.commit()
        except Exception:  # noqa: BLE001 - pruning waits for the next round
            log.warning("pruning old rate windows failed; tried again later", exc_info=True)
    return state


def _current_rights(db, pairs: set[tuple[int, int]]) -> dict[tuple[int, int], frozenset | None]:
    user_ids = {u for u, _s in pairs}
    session_ids = {s for _u, s in pairs}
    grants: dict[tuple[int, int], set] = {}
    for user_id, session_id, role in db.execute(
            select(SessionRoleGrant.user_id, SessionRoleGrant.session_id, SessionRoleGrant.role)
            .where(among(db, SessionRoleGrant.user_id, user_ids),
                   SessionRoleGrant.session_id.in_(session_ids))):
        grants.setdefault((user_id, session_id), set()).add(role)
    # Plain rows with the columns the check reads (500 tablets: no 500 ORM objects each time)
    users = {u.id: u for u in db.execute(select(User.id, User.is_active, User.is_admin)
                                         .where(among(db, User.id, user_ids)))}
    meetings = {m.id: m for m in db.execute(select(MeetingSession.id, MeetingSession.status)
                                            .where(MeetingSession.id.in_(session_ids)))}
    rights: dict[tuple[int, int], frozenset | None] = {}
    for user_id, session_id in pairs:
        user, meeting = users.get(user_id), meetings.get(session_id)
        roles = frozenset(grants.get((user_id, session_id), ()))
        visible = user is not None and user.is_active and meeting is not None and \
            access.can_see_session(user, meeting, roles)
        rights[(user_id, session_id)] = roles if visible else None
    return rights
