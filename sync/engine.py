"""The tablet's sync engine (no Qt): a local replica, an outbox that survives restarts,
optimistic local apply, live events over one WebSocket with gap detection and pulls, retry with
exponential backoff and jitter, and background document prefetch. It runs its own asyncio loop
on a thread; the UI calls its thread-safe methods and listens through `SyncListener`."""
from __future__ import annotations

import asyncio
import json
import logging
import random
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional, Protocol

import httpx
import websockets

from sync import optimistic, protocol as p
from sync.downloads import FileCache, IntegrityError
from sync.replica import Replica
from sync.transport import AuthProblem, Gone, Offline, ServerTrouble, Transport

log = logging.getLogger("phonghop.engine")
OFFLINE, SYNCING, ONLINE, AUTH_REQUIRED = "offline", "syncing", "online", "auth_required"
FAILED_FILE_RETRY_S = 60.0  # a document that failed (hash, refused) is tried again after this


@dataclass(frozen=True)
class SyncStatus:
    state: str  # offline | syncing | online | auth_required
    pending: int  # changes not yet confirmed by the server
    files_done: int = 0
    files_total: int = 0


class SyncListener(Protocol):
    def changed(self, session_id: int, entities: set[str]) -> None: ...
    def status(self, status: SyncStatus) -> None: ...
    def rejected(self, mutation_id: int, name: str, code: str, message: str) -> None: ...


class ChangeTooLarge(ValueError):
    """A change bigger than the protocol allows (e.g. an enormous note): refused at once."""

    code = "too_large"


class NeedsConnection(Exception):
    """This action needs the server right now (e.g. casting a ballot) and it cannot be reached."""


class SyncEngine:
    def __init__(self, server_url: str, replica: Replica, token: str, user: dict, *,
                 verify: Any = True, files_dir: Path | None = None,
                 cache_limit_bytes: int = 2 * 1024 ** 3, listener: SyncListener | None = None,
                 backoff_base_s: float = 0.5, backoff_max_s: float = 30.0):
        self.replica = replica
        self.user = user  # {"id", "full_name"}
        self.listener = listener
        self.transport = Transport(server_url, token, verify)
        self.files = FileCache(files_dir or replica.path.parent / "files", replica, cache_limit_bytes)
        self.backoff = (backoff_base_s, backoff_max_s)
        self.client_id = replica.client_id()
        self._followed: list[int] = list(replica.meta("followed", []))
        self._state = OFFLINE
        self._files = (0, 0)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="phonghop-sync",
                                        daemon=True)
        self._stop = asyncio.Event()
        self._wake = asyncio.Event()  # network back, token changed, stop
        self._outbox_ready = asyncio.Event()
        self._files_wanted = asyncio.Event()
        self._network = True
        self._ws = None
        self._main: Optional[asyncio.Future] = None
        self._priority: list[str] = []
        self._failed: dict[str, float] = {}  # sha256 -> when to try it again

    # -- life cycle (any thread) ----------------------------------------------------------
    def start(self) -> "SyncEngine":
        self._thread.start()
        self._main = asyncio.run_coroutine_threadsafe(self._run(), self._loop)
        return self

    def stop(self, timeout: float = 10.0) -> None:
        if self._main is None:
            return
        self._call(self._stop.set)
        self._call(self._wake.set)
        try:
            self._main.result(timeout)
        except Exception:  # noqa: BLE001 - stopping anyway
            log.exception("sync engine stopped with an error")
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout)
        self._main = None

    def _call(self, fn, *args) -> None:
        self._loop.call_soon_threadsafe(fn, *args)

    # -- what the UI calls (any thread) ---------------------------------------------------
    @property
    def status(self) -> SyncStatus:
        state = self._state
        if state == ONLINE and any(self.replica.cursor(s) < 0 for s in list(self._followed)):
            state = SYNCING  # a session just followed has no replica yet
        return SyncStatus(state, self.replica.pending_count(), *self._files)

    def follow(self, session_id: int) -> None:
        """Keep this session's replica up to date (and prefetch its documents)."""
        if session_id not in self._followed:
            self._followed.append(session_id)
            self.replica.set_meta("followed", self._followed)
            self._call(self._subscribe_later, session_id)

    def unfollow(self, session_id: int) -> None:
        """Stop following a session: no more live events; its documents may leave the cache."""
        if session_id in self._followed:
            self._followed.remove(session_id)
            self.replica.set_meta("followed", self._followed)
            self.replica.forget_sent(session_id)  # their events will not come: nothing to wait for
            self._call(self._unsubscribe_later, session_id)

    def pending_keys(self, session_id: int) -> set[tuple[str, str]]:
        """The (entity, key) pairs whose shown state still waits for the server's confirmation."""
        keys = set()
        for entry in self.replica.outbox():
            if entry.session_id == session_id:
                touched = optimistic.touched(entry.name, entry.args)
                if touched:
                    keys.add(touched)
        return keys

    def view(self, session_id: int) -> dict[tuple[str, str], dict]:
        """The session as the user should see it: confirmed state plus unconfirmed changes."""
        state = self.replica.entities(session_id)
        for entry in self.replica.outbox():
            if entry.session_id == session_id:
                optimistic.predict(state, entry.name, entry.args, self.user)
        return state

    def mutate(self, name: str, args: dict) -> int:
        """Queue a change (works offline); returns its mutation id."""
        if name not in p.MUTATIONS:
            raise ValueError(f"unknown mutation {name}")
        if name in p.ONLINE_ONLY:
            raise ValueError(f"{name} needs the server now: use call_online")
        if len(json.dumps(args)) > p.MAX_MUTATION_BYTES:
            raise ChangeTooLarge(name)
        mutation_id = self.replica.enqueue(name, args)
        self._notify_changed(args.get("session_id"), {name.split(".")[0]})
        self._emit_status()
        self._call(self._outbox_ready.set)
        return mutation_id

    def call_online(self, name: str, args: dict, timeout: float = 10.0) -> dict:
        """Send a change that must reach the server now (a ballot) and wait for its answer.
        Raises NeedsConnection when offline; it is never queued for later."""
        if self._state not in (ONLINE, SYNCING):
            raise NeedsConnection(name)
        future = asyncio.run_coroutine_threadsafe(asyncio.wait_for(self.transport.call_direct(
            self.replica, name, args), timeout), self._loop)
        try:
            return future.result(timeout + 2)
        except (Offline, ServerTrouble, TimeoutError, asyncio.TimeoutError) as exc:
            future.cancel()  # never keep trying behind the user's back
            raise NeedsConnection(name) from exc

    def document_path(self, sha256: str) -> Path | None:
        """The verified local copy, or None (then it is fetched first)."""
        path = self.files.use(sha256)
        if path is None:
            self._call(self._want_file, sha256)
        return path

    def set_network(self, enabled: bool) -> None:
        """Simulate the Wi-Fi going away and coming back (tests, and the UI's offline switch)."""
        self._call(self._set_network, enabled)

    def set_token(self, token: str) -> None:
        self.transport.token = token
        self._call(self._wake.set)

    # -- the loop --------------------------------------------------------------------------
    async def _run(self) -> None:
        self._attempt = 0
        while not self._stop.is_set():
            if not self._network:
                self._set_state(OFFLINE)
                await self._sleep(None)
                continue
            try:
                await self._connected_session()
            except AuthProblem:
                self._set_state(AUTH_REQUIRED)
                await self._sleep(None)
                continue
            except (Offline, ServerTrouble, OSError, asyncio.TimeoutError, httpx.HTTPError,
                    websockets.WebSocketException) as exc:
                log.info("sync connection lost: %s", exc)
            except Exception:  # a bug must not stop syncing for good: log, back off, retry
                log.exception("sync engine error; reconnecting")
            self._set_state(OFFLINE)
            base, ceiling = self.backoff
            delay = min(ceiling, base * 2 ** self._attempt) * random.uniform(0.5, 1.0)
            self._attempt = min(self._attempt + 1, 16)
            await self._sleep(delay)
        await self.transport.close()

    async def _sleep(self, seconds: float | None) -> None:
        self._wake.clear()
        try:
            await asyncio.wait_for(self._wake.wait(), seconds)
        except asyncio.TimeoutError:
            pass

    async def _connected_session(self) -> None:
        self.transport.network = self._network
        async with self.transport.websocket() as ws:
            self._ws = ws
            try:
                await asyncio.wait_for(ws.recv(), 10)  # hello
                self._attempt = 0  # connected: the next drop starts the backoff afresh
                self._set_state(SYNCING)
                for session_id in list(self._followed):
                    await self._subscribe(session_id)
                tasks = [asyncio.create_task(self._read(ws)), asyncio.create_task(self._push()),
                         asyncio.create_task(self._prefetch())]
                stop = asyncio.create_task(self._stop.wait())
                done, _ = await asyncio.wait(tasks + [stop], return_when=asyncio.FIRST_COMPLETED)
                for task in tasks + [stop]:
                    task.cancel()
                await asyncio.gather(*tasks, stop, return_exceptions=True)
                for task in done:
                    if task is not stop and task.exception() is not None:
                        raise task.exception()
            finally:
                self._ws = None

    async def _subscribe(self, session_id: int) -> None:
        if self.replica.cursor(session_id) < 0:
            try:
                snapshot = await self.transport.get_json(f"/sessions/{session_id}/snapshot")
            except Gone:  # no longer (or never) ours: stop following it, keep the others going
                log.warning("session %s is not available to this user; not following it", session_id)
                self.unfollow(session_id)
                return
            self.replica.load_snapshot(session_id, snapshot["cursor"], snapshot["entities"])
            self._notify_changed(session_id, {e["entity"] for e in snapshot["entities"]})
            self._files_wanted.set()
        await self._ws.send(json.dumps({"type": "subscribe", "session_id": session_id}))
        self._refresh_state()

    def _subscribe_later(self, session_id: int) -> None:
        if self._ws is not None:
            task = asyncio.ensure_future(self._subscribe(session_id))
            task.add_done_callback(_log_failure)
            self._refresh_state()

    def _unsubscribe_later(self, session_id: int) -> None:
        if self._ws is not None:
            task = asyncio.ensure_future(self._ws.send(json.dumps(
                {"type": "unsubscribe", "session_id": session_id})))
            task.add_done_callback(_log_failure)
        self._files_wanted.set()

    async def _read(self, ws) -> None:
        try:
            async for raw in ws:
                await self._on_message(json.loads(raw))
        except websockets.ConnectionClosed:
            pass
        if ws.close_code in (p.CLOSE_POLICY_VIOLATION, p.CLOSE_TOKEN_REVOKED):
            raise AuthProblem(f"the server closed the live connection ({ws.close_code})")
        raise Offline("the live connection closed")

    async def _on_message(self, message: dict) -> None:
        kind = message.get("type")
        if kind == "subscribed" and message["cursor"] > self.replica.cursor(message["session_id"]):
            await self._pull(message["session_id"])
        elif kind == "event":
            await self._on_event(message)
        elif kind == "error":
            log.warning("server says %s: %s", message.get("code"), message.get("message"))
        self._refresh_state()

    async def _on_event(self, message: dict) -> None:
        session_id, seq = message["session_id"], message["seq"]
        cursor = self.replica.cursor(session_id)
        if seq <= cursor:
            return  # already applied (a duplicate push)
        if seq != cursor + 1:
            await self._pull(session_id)  # a gap: something was missed
            return
        events = [] if message.get("hidden") else [message["event"]]
        changed = self.replica.apply_events(session_id, events, seq)
        self._after_apply(session_id, changed)

    async def _pull(self, session_id: int) -> None:
        """Everything since our cursor, page by page."""
        while True:
            since = self.replica.cursor(session_id)
            try:
                page = await self.transport.get_json(f"/sessions/{session_id}/events",
                                                     params={"since": since, "limit": p.PULL_PAGE})
            except Gone:
                self.unfollow(session_id)
                return
            changed = self.replica.apply_events(session_id, page["events"], page["cursor"])
            self._after_apply(session_id, changed)
            if not page["more"]:
                return

    def _after_apply(self, session_id: int, changed: set[str]) -> None:
        if changed:
            self._notify_changed(session_id, changed)
        if p.ENTITY_DOCUMENT in changed:
            self._files_wanted.set()
        self._emit_status()

    async def _push(self) -> None:
        self._outbox_ready.set()
        while True:
            await self._outbox_ready.wait()
            self._outbox_ready.clear()
            while pending := self.replica.outbox("pending"):
                self._refresh_state()
                answers = await self.transport.push(self.client_id, pending[: p.MAX_MUTATIONS_PER_PUSH])
                self._take_answers(answers)
            self._refresh_state()

    def _take_answers(self, answers: list[dict]) -> None:
        names = {e.mutation_id: e for e in self.replica.outbox()}
        for answer in answers:
            entry = names.get(answer["id"])
            status = answer["status"]
            if status == "applied":
                confirm: dict[int, int] = {}
                for session_id, seq in answer.get("events", []):
                    confirm[session_id] = max(confirm.get(session_id, 0), seq)
                confirm = {s: q for s, q in confirm.items() if self.replica.cursor(s) < q}
                self.replica.mark_sent(answer["id"], confirm)
                if entry is not None and not confirm:  # confirmed now: the "not yet sent" mark goes
                    self._notify_changed(entry.session_id, {entry.name.split(".")[0]})
            elif status == "rejected":
                self.replica.remove(answer["id"])
                error = answer.get("error", {})
                if entry is not None:
                    self._notify_changed(entry.session_id, {entry.name.split(".")[0]})
                if self.listener:
                    self.listener.rejected(answer["id"], entry.name if entry else "?",
                                           error.get("code", ""), error.get("message", ""))
            else:  # out_of_order or a server fault: try again after a backoff
                raise ServerTrouble(f"mutation {answer['id']}: {status}")

    async def _prefetch(self) -> None:
        self._files_wanted.set()
        while True:
            await self._files_wanted.wait()
            self._files_wanted.clear()
            wanted = list(dict.fromkeys(self._wanted_files()))
            now = time.monotonic()
            queue = [sha for sha in dict.fromkeys(self._priority + wanted)
                     if not self.files.has(sha) and self._failed.get(sha, 0) <= now]
            for sha in queue:
                self._count_files(wanted)
                try:
                    await self.files.download(self.transport.stream, sha)
                except (IntegrityError, Gone, httpx.HTTPStatusError) as exc:
                    log.warning("document %s… not downloaded: %s", sha[:12], exc)
                    self._failed[sha] = time.monotonic() + FAILED_FILE_RETRY_S
                    continue
                if sha in self._priority:
                    self._priority.remove(sha)
                self._notify_changed(None, {"file"})
            self._count_files(wanted)
            self.files.evict(keep=wanted)

    def _count_files(self, wanted: list[str]) -> None:
        self._files = (sum(1 for sha in wanted if self.files.has(sha)), len(wanted))
        self._emit_status()

    def _wanted_files(self) -> list[str]:
        shas = []
        for session_id in self._followed:
            for (entity, _key), data in self.replica.entities(session_id).items():
                if entity == p.ENTITY_DOCUMENT and data.get("sha256"):
                    shas.append(data["sha256"])
        return shas

    def _want_file(self, sha256: str) -> None:
        self._failed.pop(sha256, None)  # asked for by the user: try now
        if sha256 not in self._priority:
            self._priority.insert(0, sha256)
        self._files_wanted.set()

    # -- state -----------------------------------------------------------------------------
    def _set_network(self, enabled: bool) -> None:
        self._network = enabled
        self.transport.network = enabled
        if not enabled and self._ws is not None:
            asyncio.ensure_future(self._ws.close())
        self._wake.set()

    def _refresh_state(self) -> None:
        if self._ws is not None:
            loading = any(self.replica.cursor(s) < 0 for s in self._followed)
            busy = loading or self.replica.pending_count() > 0
            self._set_state(SYNCING if busy else ONLINE)

    def _set_state(self, state: str) -> None:
        if state != self._state:
            self._state = state
            self._emit_status()

    def _emit_status(self) -> None:
        if self.listener:
            self.listener.status(self.status)

    def _notify_changed(self, session_id: Optional[int], entities: set[str]) -> None:
        if self.listener:
            self.listener.changed(session_id, entities)


def _log_failure(task: asyncio.Future) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.warning("sync step failed: %s", task.exception())
