"""Live fan-out of session events to the WebSocket connections of this server process.

Every committed event reaches the hub as a notification (session, seq): directly from this
process's mutation route (with the events themselves), and from every process through
PostgreSQL LISTEN/NOTIFY. Each followed session has its own fan-out task, so one slow session
never delays the others; it remembers the last event fanned out and loads whatever lies
between that and the notified number from the database, so a lost notification only delays
an event, never drops it. What waits to be fanned out is bounded in bytes: over the budget the
events are dropped from memory and read back from the log. A periodic check of each
session's last number covers a lost last notification; the same check closes the sockets of
revoked or expired tokens and of deactivated users, and re-reads every subscriber's rights."""
from __future__ import annotations

import asyncio
import json
import logging
import time
import uuid
from dataclasses import dataclass, field
from typing import Optional

from app import protocol as p
from app.services import access, events
from sync.server.connection import Connection
from sync.server.context import ServerContext
from sync.server.hub_checks import read_state
from sync.server.publish import NOTIFY_CHANNEL, announced

log = logging.getLogger("phonghop.hub")
PRUNE_EVERY_S = 300.0  # old rate-limit windows


@dataclass
class _Followed:
    """A session some connection of this process follows."""

    last: int  # the last event fanned out
    upto: int = 0  # the highest event known to exist
    # seq -> (the event's message, its row, the message as UTF-8 bytes)
    rows: dict[int, tuple[str, dict, bytes]] = field(default_factory=dict)
    wake: asyncio.Event = field(default_factory=asyncio.Event)
    task: Optional[asyncio.Task] = None


class Hub:
    def __init__(self, context: ServerContext):
        self.context = context
        self.loop: Optional[asyncio.AbstractEventLoop] = None
        self.subscribers: dict[int, set[Connection]] = {}
        self.connections: set[Connection] = set()
        self.followed: dict[int, _Followed] = {}
        self.buffered_bytes = 0
        self.instance = uuid.uuid4().hex  # names this hub's NOTIFYs (publish.announce)
        self._tasks: list[asyncio.Task] = []
        self._pruned_at = time.monotonic()

    # -- life cycle ----------------------------------------------------------------------
    async def start(self) -> None:
        from sync.server.vote_clock import VoteClock

        self.loop = asyncio.get_running_loop()
        self.vote_clock = VoteClock(self)
        self._tasks = [asyncio.create_task(self._watch()),
                       asyncio.create_task(self.vote_clock.run())]
        if self.context.engine.dialect.name == "postgresql":
            from sync.server.pg_listener import listen

            self._tasks.append(asyncio.create_task(listen(self.context, NOTIFY_CHANNEL,
                                                          self._on_pg_notify)))

    async def stop(self) -> None:
        for task in self._tasks + [s.task for s in self.followed.values() if s.task]:
            task.cancel()
        for connection in list(self.connections):
            connection.close(1001, "server shutting down")

    # -- notifications -------------------------------------------------------------------
    def notify_threadsafe(self, session_id: int, seq: int, rows: list[dict] | None = None) -> None:
        """From any thread, after the commit of event `seq` (and `rows`, the events themselves).
        The events are serialised here, on the caller's thread, not on the event loop."""
        if self.loop is None:
            return
        texts = [_message(session_id, row) for row in rows or ()]
        self.loop.call_soon_threadsafe(self._notify, session_id, seq, texts)

    def _on_pg_notify(self, payload: str) -> None:
        event = announced(payload, self.instance)
        if event is not None:  # another process's (this one's own come with their rows)
            self._notify(*event, [])

    def _notify(self, session_id: int, seq: int, texts: list[tuple[str, dict]]) -> None:
        state = self.followed.get(session_id)
        if state is None or seq <= state.last:
            return  # nobody here follows this session, or already sent
        budget = self.context.settings.notification_buffer_bytes
        for message in texts:
            _text, row, data = message
            size = len(data)
            if row["seq"] > state.last and row["seq"] not in state.rows and \
                    self.buffered_bytes + size <= budget:
                state.rows[row["seq"]] = message
                self.buffered_bytes += size
        state.upto = max(state.upto, seq)
        state.wake.set()

    async def _fan_out_loop(self, session_id: int, state: _Followed) -> None:
        while True:
            await state.wake.wait()
            state.wake.clear()
            try:
                await self._fan_out(session_id, state)
            except asyncio.CancelledError:
                raise
            except Exception:  # never let one bad event stop the room
                log.exception("fan-out of session %s failed", session_id)
                await asyncio.sleep(0.5)
                state.wake.set()

    async def _fan_out(self, session_id: int, state: _Followed) -> None:
        while state.last < state.upto:
            upto = state.upto
            if state.last + 1 not in state.rows:  # missed or over budget: read the log
                loaded = await asyncio.to_thread(self._load, session_id, state.last, upto)
                for row in loaded:
                    if row["seq"] > state.last and row["seq"] not in state.rows:
                        message = state.rows[row["seq"]] = _message(session_id, row)
                        self.buffered_bytes += len(message[2])
                if state.last + 1 not in state.rows:
                    return  # not in the log (yet): the periodic check tries again
            sent = 0
            while state.last + 1 in state.rows:
                text, row, data = state.rows.pop(state.last + 1)
                self.buffered_bytes -= len(data)
                self._send_event(session_id, row, text, data)
                state.last = row["seq"]
                sent += 1
                if sent % 8 == 0:  # let the sockets' writers drain a long catch-up as it goes
                    await asyncio.sleep(0)

    def _load(self, session_id: int, after: int, upto: int) -> list[dict]:
        with self.context.sessions() as db:
            return [dict(events.event_dict(e), audience=e.audience)
                    for e in events.events_since(db, session_id, after, 500, upto=upto)]

    def _send_event(self, session_id: int, row: dict, full: str, data: bytes) -> None:
        audience = row["audience"]
        hidden = None
        for connection in list(self.subscribers.get(session_id, ())):
            if access.may_receive(audience, connection.user_id, connection.is_admin,
                                  connection.roles.get(session_id, frozenset())):
                connection.send(full, data)
            else:
                hidden = hidden or json.dumps({"type": "event", "session_id": session_id,
                                               "seq": row["seq"], "hidden": True})
                connection.send(hidden)

    # -- connections ---------------------------------------------------------------------
    def add(self, connection: Connection) -> None:
        connection.limit_bytes = self.context.settings.connection_buffer_bytes
        self.connections.add(connection)

    def remove(self, connection: Connection) -> None:
        self.connections.discard(connection)
        for session_id in list(connection.roles):
            self.unsubscribe(connection, session_id)

    async def subscribe(self, connection: Connection, session_id: int, roles: frozenset) -> int:
        """Follow a session; returns the cursor from which this connection gets every event."""
        if session_id not in self.followed:
            last = await asyncio.to_thread(self._last_seq, session_id)
            if session_id not in self.followed:
                state = _Followed(last=last, upto=last)
                state.task = asyncio.create_task(self._fan_out_loop(session_id, state))
                self.followed[session_id] = state
        connection.roles[session_id] = roles
        self.subscribers.setdefault(session_id, set()).add(connection)
        return self.followed[session_id].last

    def unsubscribe(self, connection: Connection, session_id: int) -> None:
        connection.roles.pop(session_id, None)
        followers = self.subscribers.get(session_id)
        if followers is not None:
            followers.discard(connection)
            if not followers:
                del self.subscribers[session_id]
                state = self.followed.pop(session_id, None)
                if state is not None:
                    state.task.cancel()
                    self.buffered_bytes -= sum(len(data) for _t, _r, data in state.rows.values())

    def _last_seq(self, session_id: int) -> int:
        with self.context.sessions() as db:
            return events.last_seq(db, session_id)

    # -- periodic checks -----------------------------------------------------------------
    async def _watch(self) -> None:
        while True:
            await asyncio.sleep(self.context.settings.live_check_s)
            try:
                await self.check_now()
            except Exception:
                log.exception("periodic check failed")

    async def check_now(self) -> None:
        """Tails of the followed sessions, tokens and users, and each subscriber's rights."""
        sessions = list(self.followed)
        checked = list(self.connections)  # not those that connect while the query runs
        tokens = {c.token_sha256 for c in checked}
        pairs = {(c.user_id, s) for c in checked for s in c.roles}
        prune = time.monotonic() - self._pruned_at > PRUNE_EVERY_S
        state = await asyncio.to_thread(read_state, self.context, sessions, tokens, pairs, prune)
        if prune:
            self._pruned_at = time.monotonic()
        for session_id, last in state.lasts.items():
            self._notify(session_id, last, [])
        for connection in checked:
            if connection.token_sha256 not in state.valid:  # revoked, expired, deactivated
                connection.close(p.CLOSE_TOKEN_REVOKED, "token revoked or expired")
                continue
            admin = state.admins.get(connection.user_id, connection.is_admin)
            admin_changed, connection.is_admin = admin != connection.is_admin, admin
            for session_id in list(connection.roles):  # roles change: what may it receive now?
                roles = state.rights.get((connection.user_id, session_id),
                                         connection.roles[session_id])
                if roles is None:
                    self.unsubscribe(connection, session_id)
                    connection.send(json.dumps({"type": "error", "code": "not_found",
                                                "session_id": session_id,
                                                "message": "you no longer have a role here"}))
                elif admin_changed or roles != connection.roles[session_id]:
                    connection.roles[session_id] = roles
                    # What the tablet holds was chosen for the old rights: start afresh.
                    connection.send(json.dumps({"type": "resync", "session_id": session_id,
                                                "reason": "rights_changed"}))


def _message(session_id: int, row: dict) -> tuple[str, dict, bytes]:
    """The event's message for the sockets, as text and as UTF-8 bytes (encoded once for all
    the sockets it goes to)."""
    public = {k: v for k, v in row.items() if k not in ("audience", "session_id")}
    text = json.dumps({"type": "event", "session_id": session_id, "seq": row["seq"],
                       "event": public}, ensure_ascii=False)
    return text, row, text.encode("utf-8")
