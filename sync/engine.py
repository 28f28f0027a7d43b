"""The tablet's sync engine (no Qt): the connection's life and the thread-safe calls of the UI.
It keeps a local replica, runs its own asyncio loop on a thread, and on each live connection
runs three parts side by side: the followed sessions (`sync/subscriptions.py`), the outbox
(`sync/outbox.py`) and the document prefetch (`sync/prefetch.py`). A lost connection is tried
again with exponential backoff and jitter. The UI listens through `SyncListener`."""
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

from app import protocol as p
from app.protocol import mutations as m
from sync import optimistic
from sync.downloads import FileCache
from sync.live_votes import LiveVotes
from sync.outbox import OutboxSender, call_direct
from sync.confidential import Confidential, SealedSource
from sync.prefetch import Prefetcher
from sync.replica import Replica
from sync.subscriptions import Subscriptions
from sync.transport import AuthProblem, Offline, ServerTrouble, Transport

log = logging.getLogger("phonghop.engine")
OFFLINE, SYNCING, ONLINE, AUTH_REQUIRED = "offline", "syncing", "online", "auth_required"
STABLE_S = 10.0  # a connection that lasted this long resets the reconnect backoff


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
    def notice(self, code: str, session_id: Optional[int], count: int) -> None:
        """Something the user should know happened to their changes: `server_restored`,
        `server_behind`, `client_diverged`, `out_of_order`, `client_mismatch` (count: the
        changes sent again) or `access_lost` (count: unsent changes that had to go)."""


class ChangeTooLarge(ValueError):
    """A change bigger than the protocol allows (e.g. an enormous note): refused at once."""

    code = "too_large"


class NeedsConnection(Exception):
    """This action needs the server right now (e.g. casting a ballot) and it cannot be reached."""


class SyncEngine:
    def __init__(self, server_url: str, replica: Replica, token: str, user: dict, *,
                 verify: Any = True, files_dir: Path | None = None, insecure: bool = False,
                 cache_limit_bytes: int = 2 * 1024 ** 3, listener: SyncListener | None = None,
                 backoff_base_s: float = 0.5, backoff_max_s: float = 30.0):
        self.replica = replica
        self.user = user  # {"id", "full_name"}
        self.listener = listener
        self.transport = Transport(server_url, token, verify, insecure=insecure)
        self.files = FileCache(files_dir or replica.path.parent / "files", replica, cache_limit_bytes)
        self.backoff = (backoff_base_s, backoff_max_s)
        self.client_id = replica.client_id()
        self.followed: list[int] = list(replica.meta("followed", []))
        self.ws = None
        self.outbox_ready = asyncio.Event()
        self.subscriptions = Subscriptions(self)
        self.prefetcher = Prefetcher(self)
        self.confidential = Confidential(self)
        self.sender = OutboxSender(self)
        self.votes = LiveVotes(self)
        self._state = OFFLINE
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="phonghop-sync",
                                        daemon=True)
        self._stop = asyncio.Event()
        self._wake = asyncio.Event()  # network back, token changed, stop
        self._network = True
        self._main: Optional[asyncio.Future] = None
        self._attempt = 0

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
        if state == ONLINE and any(self.replica.cursor(s) < 0 for s in list(self.followed)):
            state = SYNCING  # a session just followed has no replica yet
        return SyncStatus(state, self.replica.pending_count(), *self.prefetcher.counts)

    def follow(self, session_id: int) -> None:
        """Keep this session's replica up to date (and prefetch its documents)."""
        if session_id not in self.followed:
            self.followed.append(session_id)
            self.replica.set_meta("followed", self.followed)
            self._call(self._subscribe_later, session_id)

    def unfollow(self, session_id: int) -> None:
        """Stop following a session: no more live events; its documents may leave the cache."""
        if session_id in self.followed:
            self.followed.remove(session_id)
            self.replica.set_meta("followed", self.followed)
            self.replica.forget_sent(session_id)  # their events will not come: nothing to wait for
            self._call(self._unsubscribe_later, session_id)

    def pending_keys(self, session_id: int) -> set[tuple[str, str]]:
        """The (entity, key) pairs whose shown state still waits for the server's confirmation."""
        return {key for change in self._queued(session_id)
                if (key := optimistic.touched(change)) is not None}

    def view(self, session_id: int) -> dict[tuple[str, str], dict]:
        """The session as the user should see it: confirmed state plus unconfirmed changes."""
        state = self.replica.entities(session_id)
        for change in self._queued(session_id):
            optimistic.predict(state, change, self.user)
        self.votes.overlay(session_id, state)
        return state

    def _queued(self, session_id: int) -> list[m.MutationArgs]:
        changes = []
        for entry in self.replica.outbox():
            if entry.session_id == session_id:
                try:
                    changes.append(m.parse(entry.name, entry.args))
                except (KeyError, m.InvalidArgs):  # an entry of an older version: sent as it is
                    continue
        return changes

    def mutate(self, change: m.MutationArgs | str, args: dict | None = None) -> int:
        """Queue a change (works offline); returns its mutation id. `change` is a typed
        argument object (`app.protocol.mutations`), or a name with its arguments (checked
        here the way the server checks them: ValueError when they do not fit)."""
        if isinstance(change, str):
            if change not in m.MUTATIONS:
                raise ValueError(f"unknown mutation {change}")
            change = m.parse(change, args or {})
        if change.online_only:
            raise ValueError(f"{change.name} needs the server now: use call_online")
        wire = change.wire()
        problem = p.text_problem(wire)
        if problem is not None:
            raise ValueError(problem)
        if p.encoded_size(wire) > p.MAX_MUTATION_BYTES:
            raise ChangeTooLarge(change.name)
        mutation_id = self.replica.enqueue(change.name, wire)
        self.notify_changed(change.session_id, {change.entity or change.name})
        self.emit_status()
        self._call(self.outbox_ready.set)
        return mutation_id

    def call_online(self, change: m.MutationArgs | str, args: dict | None = None,
                    timeout: float = 10.0) -> dict:
        """Send a change that must reach the server now (a ballot) and wait for its answer.
        Raises NeedsConnection when offline; it is never queued for later."""
        if isinstance(change, str):
            change = m.parse(change, args or {})
        if self._state not in (ONLINE, SYNCING):
            raise NeedsConnection(change.name)
        future = asyncio.run_coroutine_threadsafe(asyncio.wait_for(
            call_direct(self, change.name, change.wire()), timeout), self._loop)
        try:
            return future.result(timeout + 2)
        except (Offline, ServerTrouble, TimeoutError, asyncio.TimeoutError) as exc:
            future.cancel()  # never keep trying behind the user's back
            raise NeedsConnection(change.name) from exc

    def document_path(self, sha256: str) -> Path | SealedSource | None:
        """The verified local copy, or None (then it is fetched first). A confidential
        document is never in clear: its sealed copy and key (`sealed_document`)."""
        if any(sha == sha256 for _s, sha, _z in self.confidential.documents(earlier=True)):
            return self.sealed_document(sha256)
        path = self.files.use(sha256)
        if path is None:
            self._call(self.prefetcher.want, sha256)
        return path

    def sealed_document(self, sha256: str) -> SealedSource | None:
        """A confidential document's sealed copy with its key, or None (then it is fetched
        first, or waits for the server to hand the key out again)."""
        source = self.confidential.source(sha256)
        if source is None:
            self._call(self.prefetcher.want, sha256)
        return source

    def discard_sealed(self, sha256: str) -> None:
        """A sealed copy that would not open: deleted and fetched again."""
        self.confidential.discard(sha256)
        self._call(self.prefetcher.want, sha256)

    def set_network(self, enabled: bool) -> None:
        """Simulate the Wi-Fi going away and coming back (tests, and the UI's offline switch)."""
        self._call(self._set_network, enabled)

    def set_token(self, token: str) -> None:
        self.transport.token = token
        self._call(self.confidential.refused.clear)  # a new login may be handed keys again
        self._call(self._wake.set)

    # -- the loop --------------------------------------------------------------------------
    async def _run(self) -> None:
        while not self._stop.is_set():
            if not self._network:
                self._set_state(OFFLINE)
                await self._sleep(None)
                continue
            connected_at = time.monotonic()
            try:
                if not await self._until_stopped(self._connected()):
                    break
            except AuthProblem:
                # the token was refused (revoked: a lost tablet, an admin's wipe; or expired):
                # no confidential byte stays on the device
                self.confidential.wipe()
                self._set_state(AUTH_REQUIRED)
                await self._sleep(None)
                continue
            except (Offline, ServerTrouble, OSError, asyncio.TimeoutError, httpx.HTTPError,
                    websockets.WebSocketException) as exc:
                log.info("sync connection lost: %s", exc)
            except Exception:  # a bug must not stop syncing for good: log, back off, retry
                log.exception("sync engine error; reconnecting")
            self._set_state(OFFLINE)
            if time.monotonic() - connected_at > STABLE_S:
                self._attempt = 0  # it had worked for a while: the next drop starts afresh
            base, ceiling = self.backoff
            delay = min(ceiling, base * 2 ** self._attempt) * random.uniform(0.5, 1.0)
            self._attempt = min(self._attempt + 1, 16)
            await self._sleep(delay)
        await self.transport.close()

    async def _until_stopped(self, work) -> bool:
        """Run `work` until it ends (its exception raised here) or the engine is stopped
        (then it is cancelled and False returned)."""
        task = asyncio.ensure_future(work)
        stop = asyncio.ensure_future(self._stop.wait())
        try:
            await asyncio.wait({task, stop}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            stop.cancel()
        if not task.done():
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
            return False
        task.result()
        return True

    async def _sleep(self, seconds: float | None) -> None:
        if self._stop.is_set():
            return
        self._wake.clear()
        try:
            await asyncio.wait_for(self._wake.wait(), seconds)
        except asyncio.TimeoutError:
            pass

    async def _connected(self) -> None:
        self.transport.network = self._network
        async with self.transport.websocket() as ws:
            self.ws = ws
            try:
                await self.subscriptions.on_hello(json.loads(await asyncio.wait_for(ws.recv(), 10)))
                self._set_state(SYNCING)
                for session_id in list(self.followed):
                    await self.subscriptions.subscribe(session_id)
                tasks = [asyncio.create_task(self._read(ws)),
                         asyncio.create_task(self.sender.run()),
                         asyncio.create_task(self.prefetcher.run())]
                try:
                    done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
                finally:
                    for task in tasks:
                        task.cancel()
                    await asyncio.gather(*tasks, return_exceptions=True)
                for task in done:
                    if not task.cancelled() and task.exception() is not None:
                        raise task.exception()
            finally:
                self.ws = None

    async def _read(self, ws) -> None:
        try:
            async for raw in ws:
                await self.subscriptions.on_message(json.loads(raw))
        except websockets.ConnectionClosed:
            pass
        if ws.close_code in (p.CLOSE_POLICY_VIOLATION, p.CLOSE_TOKEN_REVOKED):
            raise AuthProblem(f"the server closed the live connection ({ws.close_code})")
        raise Offline("the live connection closed")

    def _subscribe_later(self, session_id: int) -> None:
        if self.ws is not None:
            task = asyncio.ensure_future(self.subscriptions.subscribe(session_id))
            task.add_done_callback(_log_failure)
            self.refresh_state()

    def _unsubscribe_later(self, session_id: int) -> None:
        if self.ws is not None:
            task = asyncio.ensure_future(self.ws.send(json.dumps(
                {"type": "unsubscribe", "session_id": session_id})))
            task.add_done_callback(_log_failure)
        self.prefetcher.wanted_now.set()

    # -- for the parts (on the engine's loop) ----------------------------------------------
    def after_apply(self, session_id: int, changed: set[str]) -> None:
        if changed:
            self.notify_changed(session_id, changed)
        if p.ENTITY_DOCUMENT in changed or p.ENTITY_SESSION in changed:  # new files, or a
            self.prefetcher.wanted_now.set()  # session closed: its sealed files are wiped
        self.emit_status()

    def refresh_state(self) -> None:
        if self.ws is not None:
            loading = any(self.replica.cursor(s) < 0 for s in self.followed)
            busy = loading or self.replica.pending_count() > 0
            self._set_state(SYNCING if busy else ONLINE)

    def _set_network(self, enabled: bool) -> None:
        self._network = enabled
        self.transport.network = enabled
        if not enabled and self.ws is not None:
            asyncio.ensure_future(self.ws.close())
        self._wake.set()

    def _set_state(self, state: str) -> None:
        if state != self._state:
            self._state = state
            self.emit_status()

    def emit_status(self) -> None:
        self.tell("status", self.status)

    def notify_changed(self, session_id: Optional[int], entities: set[str]) -> None:
        self.tell("changed", session_id, entities)

    def tell(self, what: str, *args) -> None:
        """Call the listener's method `what`, if it has one (never raises here)."""
        method = getattr(self.listener, what, None)
        if method is not None:
            try:
                method(*args)
            except Exception:  # noqa: BLE001 - a listener's fault must not stop syncing
                log.exception("the sync listener failed in %s", what)


def _log_failure(task: asyncio.Future) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.warning("sync step failed: %s", task.exception())
