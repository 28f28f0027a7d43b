"""The followed sessions on one live connection: snapshots, subscriptions, pushed events in
sequence order (a gap pulls), and the cases where the tablet must start afresh:

- the server's epoch changed (its database was restored): every session is read again from a
  snapshot and every change the server confirmed but whose events never came is sent again;
- the server's log ends before the tablet's cursor (a restore that kept its epoch): the same;
- the user's rights changed (`resync`): that session is read again from a snapshot, and the
  documents the user may no longer read leave the cache;
- the user may no longer see a session (404, or `not_found` from the hub): the session's
  replica, its unsent changes and its documents are purged, and the user is told."""
from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING

from app import protocol as p
from sync.transport import Gone, Offline

if TYPE_CHECKING:
    from sync.engine import SyncEngine

log = logging.getLogger("phonghop.subscriptions")


class Subscriptions:
    def __init__(self, engine: "SyncEngine"):
        self.engine = engine

    async def on_hello(self, hello: dict) -> None:
        replica = self.engine.replica
        self.engine.votes.on_server_time(hello.get("server_time"))
        epoch = hello.get("epoch")
        known = replica.meta("epoch")
        if epoch and known and epoch != known:
            self.start_afresh("server_restored")
        if epoch:
            replica.set_meta("epoch", epoch)

    def start_afresh(self, reason: str) -> None:
        """Every session from a new snapshot; confirmed-but-unseen changes sent again."""
        engine = self.engine
        for session_id in engine.replica.sessions():
            engine.replica.reset_cursor(session_id)
        waiting = engine.replica.resend_sent()
        log.warning("sync: %s; reading every session again, %d changes to send", reason, waiting)
        engine.tell("notice", reason, None, waiting)
        engine.outbox_ready.set()

    async def subscribe(self, session_id: int) -> None:
        engine = self.engine
        if engine.replica.cursor(session_id) < 0:
            before = set(engine.prefetcher.wanted_files([session_id]))
            try:
                snapshot = await engine.transport.get_json(f"/sessions/{session_id}/snapshot")
            except Gone:  # no longer (or never) ours
                self.lost(session_id)
                return
            known = engine.replica.meta("epoch")
            if snapshot.get("epoch") and known and snapshot["epoch"] != known:
                raise Offline("the server's epoch changed: reconnecting")  # hello says the rest
            engine.replica.load_snapshot(session_id, snapshot["cursor"], snapshot["entities"])
            engine.prefetcher.forget_unreachable(before)
            engine.notify_changed(session_id, {e["entity"] for e in snapshot["entities"]})
            engine.prefetcher.wanted_now.set()
        if engine.ws is not None:
            await engine.ws.send(json.dumps({"type": "subscribe", "session_id": session_id}))
        engine.refresh_state()

    def lost(self, session_id: int) -> None:
        """The user may no longer see this session: purge it and say so."""
        engine = self.engine
        log.warning("session %s is not available to this user; purging it", session_id)
        had_replica = session_id in engine.replica.sessions()
        before = set(engine.prefetcher.wanted_files([session_id]))
        engine.unfollow(session_id)
        dropped = engine.replica.forget_session(session_id)
        engine.prefetcher.forget_unreachable(before)
        engine.notify_changed(session_id, {p.ENTITY_SESSION})
        if had_replica or dropped:  # not for a session this tablet never held
            engine.tell("notice", "access_lost", session_id, dropped)

    async def on_message(self, message: dict) -> None:
        kind = message.get("type")
        session_id = message.get("session_id")
        replica = self.engine.replica
        if kind == "subscribed":
            mine = replica.cursor(session_id)
            head = message.get("head", message["cursor"])  # the log's last event now
            if head < mine:  # the server forgot events this tablet has seen: a restore
                self.start_afresh("server_behind")
                for followed in list(self.engine.followed):
                    await self.subscribe(followed)
            elif max(head, message["cursor"]) > mine >= 0:
                await self.pull(session_id)
        elif kind == "event":
            await self.on_event(message)
        elif kind == "vote_progress" and session_id in self.engine.followed:
            self.engine.votes.on_progress(message)
        elif kind == "resync" and session_id in self.engine.followed:
            replica.reset_cursor(session_id)
            await self.subscribe(session_id)
        elif kind == "error" and message.get("code") == "not_found" and \
                session_id in self.engine.followed:
            self.lost(session_id)
        elif kind == "error":
            log.warning("server says %s: %s", message.get("code"), message.get("message"))
        self.engine.refresh_state()

    async def on_event(self, message: dict) -> None:
        engine = self.engine
        session_id, seq = message["session_id"], message["seq"]
        cursor = engine.replica.cursor(session_id)
        if cursor < 0 or seq <= cursor:
            return  # not loaded yet (the snapshot covers it), or already applied
        if seq != cursor + 1:
            await self.pull(session_id)  # a gap: something was missed
            return
        events = [] if message.get("hidden") else [message["event"]]
        engine.after_apply(session_id, engine.replica.apply_events(session_id, events, seq))

    async def pull(self, session_id: int) -> None:
        """Everything since our cursor, page by page."""
        engine = self.engine
        while True:
            since = engine.replica.cursor(session_id)
            if since < 0:
                return
            try:
                page = await engine.transport.get_json(
                    f"/sessions/{session_id}/events", params={"since": since, "limit": p.PULL_PAGE})
            except Gone:
                self.lost(session_id)
                return
            changed = engine.replica.apply_events(session_id, page["events"], page["cursor"])
            engine.after_apply(session_id, changed)
            if not page["more"]:
                return
