"""Live fan-out of session events to the WebSocket connections of this server process.

Every committed event reaches the hub as a notification (session, seq): directly from this
process's mutation route, and from every process through PostgreSQL LISTEN/NOTIFY. One task
handles notifications in order; for each session it remembers the last event fanned out and
loads whatever lies between that and the notified number from the database, so a lost or
reordered notification only delays an event, never drops it. A periodic check of each
session's last number covers a lost last notification. Notifications are at-most-once;
sequence numbers and reloads make delivery at-least-once; clients apply idempotently."""
from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass, field
from typing import Optional

from fastapi import WebSocket
from sqlalchemy import select

from app.models import AuthToken, MeetingSession, SessionCursor, SessionRoleGrant, User
from app.models.base import utcnow
from app.services import access, events
from sync import protocol as p
from sync.server.context import ServerContext

log = logging.getLogger("phonghop.hub")
NOTIFY_CHANNEL = "phonghop_events"
QUEUE_LIMIT = 2000  # messages waiting for one slow client before it is dropped
TAIL_CHECK_S = 2.0


@dataclass(eq=False)
class Connection:
    websocket: WebSocket
    user_id: int
    is_admin: bool
    token_sha256: str
    roles: dict[int, frozenset] = field(default_factory=dict)  # session id -> roles
    queue: asyncio.Queue = field(default_factory=lambda: asyncio.Queue(QUEUE_LIMIT))
    closed: bool = False

    def send(self, text: str) -> None:
        if self.closed:
            return
        try:
            self.queue.put_nowait(text)
        except asyncio.QueueFull:  # too slow: drop it; it reconnects and pulls
            self.close(1013, "too slow")

    def close(self, code: int, reason: str) -> None:
        if not self.closed:
            self.closed = True
            self.queue.put_nowait(None) if not self.queue.full() else None
            asyncio.ensure_future(_close_quietly(self.websocket, code, reason))

    async def write_loop(self) -> None:
        while True:
            text = await self.queue.get()
            if text is None or self.closed:
                return
            await self.websocket.send_text(text)


async def _close_quietly(websocket: WebSocket, code: int, reason: str) -> None:
    try:
        await websocket.close(code=code, reason=reason)
    except Exception:  # already gone
        pass


class Hub:
    def __init__(self, context: ServerContext):
        self.context = context
        self.loop: Optional[asyncio.AbstractEventLoop] = None
        self.subscribers: dict[int, set[Connection]] = {}
        self.connections: set[Connection] = set()
        self.last_fanned: dict[int, int] = {}
        self._notes: Optional[asyncio.Queue] = None
        self._tasks: list[asyncio.Task] = []

    # -- life cycle ----------------------------------------------------------------------
    async def start(self) -> None:
        self.loop = asyncio.get_running_loop()
        self._notes = asyncio.Queue()
        self._tasks = [asyncio.create_task(self._consume()), asyncio.create_task(self._watch())]
        if self.context.engine.dialect.name == "postgresql":
            from sync.server.pg_listener import listen

            self._tasks.append(asyncio.create_task(listen(self.context, NOTIFY_CHANNEL,
                                                          self._on_pg_notify)))

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        for connection in list(self.connections):
            connection.close(1001, "server shutting down")

    # -- notifications -------------------------------------------------------------------
    def notify_threadsafe(self, session_id: int, seq: int, rows: list[dict] | None = None) -> None:
        """From any thread, after the commit of event `seq` (and `rows`, the events themselves)."""
        if self.loop is not None and self._notes is not None:
            self.loop.call_soon_threadsafe(self._notes.put_nowait, (session_id, seq, rows))

    def _on_pg_notify(self, payload: str) -> None:
        try:
            session_id, seq = (int(x) for x in payload.split(":"))
        except ValueError:
            return
        self._notes.put_nowait((session_id, seq, None))

    async def _consume(self) -> None:
        while True:
            session_id, seq, rows = await self._notes.get()
            try:
                await self._fan_out_upto(session_id, seq, rows)
            except Exception:  # never let one bad event stop the room
                log.exception("fan-out of session %s up to %s failed", session_id, seq)

    async def _fan_out_upto(self, session_id: int, seq: int, rows: list[dict] | None) -> None:
        last = self.last_fanned.get(session_id)
        if last is None or seq <= last:
            return  # nobody here follows this session, or already sent
        if not (rows and rows[0]["seq"] == last + 1 and rows[-1]["seq"] == seq):
            rows = await asyncio.to_thread(self._load, session_id, last, seq)
        for row in rows:
            if row["seq"] != self.last_fanned[session_id] + 1:
                break
            self._send_event(session_id, row)
            self.last_fanned[session_id] = row["seq"]

    def _load(self, session_id: int, after: int, upto: int) -> list[dict]:
        with self.context.sessions() as db:
            return [dict(events.event_dict(e), audience=e.audience)
                    for e in events.events_since(db, session_id, after, 10_000, upto=upto)]

    def _send_event(self, session_id: int, row: dict) -> None:
        audience = row["audience"]
        public = {k: v for k, v in row.items() if k not in ("audience", "session_id")}
        full = json.dumps({"type": "event", "session_id": session_id, "seq": row["seq"],
                           "event": public}, ensure_ascii=False)
        hidden = None
        for connection in self.subscribers.get(session_id, ()):
            if events.may_receive(audience, connection.user_id, connection.is_admin,
                                  connection.roles.get(session_id, frozenset())):
                connection.send(full)
            else:
                hidden = hidden or json.dumps({"type": "event", "session_id": session_id,
                                               "seq": row["seq"], "hidden": True})
                connection.send(hidden)

    # -- connections ---------------------------------------------------------------------
    def add(self, connection: Connection) -> None:
        self.connections.add(connection)

    def remove(self, connection: Connection) -> None:
        self.connections.discard(connection)
        for session_id in list(connection.roles):
            self.unsubscribe(connection, session_id)

    async def subscribe(self, connection: Connection, session_id: int, roles: frozenset) -> int:
        """Follow a session; returns the cursor from which this connection gets every event."""
        if session_id not in self.last_fanned:
            last = await asyncio.to_thread(self._last_seq, session_id)
            self.last_fanned.setdefault(session_id, last)
        connection.roles[session_id] = roles
        self.subscribers.setdefault(session_id, set()).add(connection)
        return self.last_fanned[session_id]

    def unsubscribe(self, connection: Connection, session_id: int) -> None:
        connection.roles.pop(session_id, None)
        followers = self.subscribers.get(session_id)
        if followers is not None:
            followers.discard(connection)
            if not followers:
                del self.subscribers[session_id]
                self.last_fanned.pop(session_id, None)

    def _last_seq(self, session_id: int) -> int:
        with self.context.sessions() as db:
            return events.last_seq(db, session_id)

    # -- periodic checks -----------------------------------------------------------------
    async def _watch(self) -> None:
        while True:
            await asyncio.sleep(TAIL_CHECK_S)
            try:
                await self._check_tails_and_tokens()
            except Exception:
                log.exception("periodic check failed")

    async def _check_tails_and_tokens(self) -> None:
        sessions = list(self.last_fanned)
        checked = list(self.connections)  # not those that connect while the query runs
        tokens = {c.token_sha256 for c in checked}
        pairs = {(c.user_id, s) for c in checked for s in c.roles}
        lasts, valid, rights = await asyncio.to_thread(self._read_state, sessions, tokens, pairs)
        for session_id, last in lasts.items():
            if session_id in self.last_fanned and last > self.last_fanned[session_id]:
                self._notes.put_nowait((session_id, last, None))
        for connection in checked:
            if connection.token_sha256 not in valid:  # revoked (a lost tablet) or expired
                connection.close(p.CLOSE_TOKEN_REVOKED, "token revoked or expired")
                continue
            for session_id in list(connection.roles):  # roles change: what may it receive now?
                roles = rights.get((connection.user_id, session_id), connection.roles[session_id])
                if roles is None:
                    self.unsubscribe(connection, session_id)
                    connection.send(json.dumps({"type": "error", "code": "not_found",
                                                "session_id": session_id,
                                                "message": "you no longer have a role here"}))
                else:
                    connection.roles[session_id] = roles

    def _read_state(self, sessions: list[int], tokens: set[str],
                    pairs: set[tuple[int, int]] = frozenset()):
        """Last event numbers, still-valid tokens, and for each (user, followed session) the
        roles now held there (None: may no longer see the session)."""
        lasts: dict[int, int] = {}
        valid: set[str] = set()
        rights: dict[tuple[int, int], frozenset | None] = {}
        with self.context.sessions() as db:
            if sessions:
                rows = db.execute(select(SessionCursor.session_id, SessionCursor.last_seq)
                                  .where(SessionCursor.session_id.in_(sessions))).all()
                lasts = {session_id: seq for session_id, seq in rows}
            if tokens:
                valid = set(db.scalars(select(AuthToken.token_sha256).where(
                    AuthToken.token_sha256.in_(tokens), AuthToken.revoked_at.is_(None),
                    AuthToken.expires_at > utcnow())))
            if pairs:
                rights = _current_rights(db, pairs)
        return lasts, valid, rights


def _current_rights(db, pairs: set[tuple[int, int]]) -> dict[tuple[int, int], frozenset | None]:
    """Three queries for the whole room, whatever its size."""
    user_ids = {u for u, _s in pairs}
    session_ids = {s for _u, s in pairs}
    grants: dict[tuple[int, int], set] = {}
    for user_id, session_id, role in db.execute(
            select(SessionRoleGrant.user_id, SessionRoleGrant.session_id, SessionRoleGrant.role)
            .where(SessionRoleGrant.user_id.in_(user_ids),
                   SessionRoleGrant.session_id.in_(session_ids))):
        grants.setdefault((user_id, session_id), set()).add(role)
    users = {u.id: u for u in db.scalars(select(User).where(User.id.in_(user_ids)))}
    meetings = {m.id: m for m in db.scalars(select(MeetingSession)
                                            .where(MeetingSession.id.in_(session_ids)))}
    rights: dict[tuple[int, int], frozenset | None] = {}
    for user_id, session_id in pairs:
        user, meeting = users.get(user_id), meetings.get(session_id)
        roles = frozenset(grants.get((user_id, session_id), ()))
        visible = user is not None and meeting is not None and \
            access.can_see_session(user, meeting, roles)
        rights[(user_id, session_id)] = roles if visible else None
    return rights
