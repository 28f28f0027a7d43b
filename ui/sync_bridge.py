"""The bridge between the sync engine and the UI thread.

`sync.engine.SyncEngine` runs its own asyncio thread and calls its listener there (and, for a
queued change, on the thread that queued it). `SyncBridge` is that listener: it re-emits every
call as a Qt signal delivered on the UI thread. It also owns the one worker thread on which
every engine call of the UI runs (its local database is never read or written on the UI
thread), in submission order: a page turn's presenter change can never overtake the next one.

Creating the engine (it opens its replica file) and stopping it also happen on that worker.
"""
from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QObject, Qt, Signal

from app.protocol.mutations import MutationArgs
from sync.client import ApiClient, UserInfo
from sync.engine import NeedsConnection, SyncEngine, SyncStatus
from sync.replica import Replica
from ui import texts
from ui.workers import TaskHandle, TaskRunner

log = logging.getLogger(__name__)

EngineFactory = Callable[[Any], SyncEngine]  # listener -> a started engine
USERS_DIR, OLD_REPLICAS_DIR, OLD_FILES_DIR = "users", "replicas", "files"


def user_dir(cache_dir: Path, server_url: str, username: str) -> Path:
    """Everything one user of one server keeps on this device (their replica with private
    notes, their documents): <cache_dir>/users/<sha1(url)[:12]>-<user>. Another user of the
    same device never shares it."""
    digest = hashlib.sha1(server_url.encode("utf-8")).hexdigest()[:12]
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", username)[:40].lstrip(".") or "user"
    if safe != username:  # keep two different names apart after the clean-up
        safe += "-" + hashlib.sha1(username.encode("utf-8")).hexdigest()[:8]
    return Path(cache_dir) / USERS_DIR / f"{digest}-{safe}"


def replica_path(cache_dir: Path, server_url: str, username: str) -> Path:
    return user_dir(cache_dir, server_url, username) / "replica.sqlite"


def files_dir(cache_dir: Path, server_url: str, username: str) -> Path:
    """Where the engine keeps this user's documents (content-addressed, <sha256>.pdf)."""
    return user_dir(cache_dir, server_url, username) / "files"


def adopt_old_replica(cache_dir: Path, server_url: str, username: str) -> None:
    """A replica of an older version (<cache_dir>/replicas/<digest>-<user>.sqlite) moves
    into the user's own folder, its outbox with it; the documents all users of the device
    shared then (<cache_dir>/files, confidential ones among them) are removed: each user's
    own engine fetches what that user may read."""
    shutil.rmtree(Path(cache_dir) / OLD_FILES_DIR, ignore_errors=True)
    digest = hashlib.sha1(server_url.encode("utf-8")).hexdigest()[:12]
    old = Path(cache_dir) / OLD_REPLICAS_DIR / f"{digest}-{username}.sqlite"
    new = replica_path(cache_dir, server_url, username)
    if old.is_file() and not new.exists():
        new.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("-wal", "-shm", ""):
            source = old.with_name(old.name + suffix)
            if source.exists():
                os.replace(source, new.with_name(new.name + suffix))


def engine_factory(client: ApiClient, user: UserInfo, cache_dir: Path,
                   verify: Any = True) -> EngineFactory:
    """What the main window calls, on a worker, to start the sync engine of a logged-in user."""
    url, token = client.base_url, client.token or ""

    def make(listener) -> SyncEngine:
        adopt_old_replica(cache_dir, url, user.username)
        replica = Replica(replica_path(cache_dir, url, user.username))
        try:
            engine = SyncEngine(url, replica, token, {"id": user.id, "full_name": user.full_name},
                                verify=verify, insecure=client.insecure,
                                files_dir=files_dir(cache_dir, url, user.username),
                                listener=listener)
            return engine.start()
        except BaseException:
            replica.close()
            raise

    return make


class _Listener:
    """The engine's SyncListener: turns each call into a signal of the bridge. Called on the
    engine's thread; must never raise there (the bridge may already be gone at exit)."""

    def __init__(self, bridge: "SyncBridge"):
        self._bridge = bridge

    def _emit(self, name: str, *args) -> None:
        bridge = self._bridge
        if bridge is None or bridge.closed:
            return
        try:
            getattr(bridge, name).emit(*args)
        except RuntimeError:  # the Qt object was deleted while the engine still ran
            self._bridge = None

    def changed(self, session_id, entities) -> None:
        self._emit("_raw_changed", session_id, frozenset(entities))

    def status(self, status: SyncStatus) -> None:
        self._emit("_raw_status", status)

    def rejected(self, mutation_id: int, name: str, code: str, message: str) -> None:
        self._emit("_raw_rejected", int(mutation_id), str(name), str(code or ""),
                   str(message or ""))

    def notice(self, code: str, session_id, count: int) -> None:
        self._emit("_raw_notice", str(code), session_id, int(count))


class SyncBridge(QObject):
    """Signals, all delivered on the UI thread:
    `engine_ready()`, `engine_failed(message)`,
    `changed(session_id or None, frozenset of entity names)` ("file" with None: a document
    arrived), `status_changed(SyncStatus)`, `rejected(mutation_id, name, code, message)`,
    `notice(code, session_id or None, count)` (what the engine did to keep the changes safe:
    see `SyncListener.notice`)."""

    engine_ready = Signal()
    engine_failed = Signal(str)
    changed = Signal(object, object)
    status_changed = Signal(object)
    rejected = Signal(int, str, str, str)
    notice = Signal(str, object, int)

    _raw_changed = Signal(object, object)
    _raw_status = Signal(object)
    _raw_rejected = Signal(int, str, str, str)
    _raw_notice = Signal(str, object, int)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.closed = False
        self.status: SyncStatus | None = None
        self._engine: SyncEngine | None = None  # set on the worker, read after engine_ready
        self._ready = False
        self._serial = 0
        self._runner = TaskRunner(self, max_threads=1)
        self._online = TaskRunner(self, max_threads=1)  # waits for the server: not in line
        self.listener = _Listener(self)
        queued = Qt.ConnectionType.QueuedConnection
        self._raw_changed.connect(self.changed, queued)
        self._raw_status.connect(self._on_status, queued)
        self._raw_rejected.connect(self.rejected, queued)
        self._raw_notice.connect(self.notice, queued)

    # -- life cycle -----------------------------------------------------------------------
    def start(self, factory: EngineFactory) -> None:
        """Create and start the engine on the worker; then `engine_ready` or `engine_failed`."""
        def create() -> tuple[SyncEngine, SyncStatus]:
            self._engine = factory(self.listener)
            return self._engine, self._engine.status

        self._runner.submit(create, on_result=self._on_created, on_error=self._on_failed)

    @property
    def engine(self) -> SyncEngine | None:
        """The running engine, once `engine_ready` was emitted."""
        return self._engine if self._ready and not self.closed else None

    @property
    def online(self) -> bool:
        return self.status is not None and self.status.state in ("online", "syncing")

    def _on_created(self, created: tuple[SyncEngine, SyncStatus]) -> None:
        if self.closed:
            return
        self._ready = True
        if self.status is None:  # a status signal may have come first
            self.status = created[1]
        self.engine_ready.emit()

    def _on_failed(self, error: BaseException) -> None:
        log.error("the sync engine could not start", exc_info=error)
        self.engine_failed.emit(texts.error_message(error))

    def _on_status(self, status: SyncStatus) -> None:
        self.status = status
        self.status_changed.emit(status)

    def shutdown(self, timeout_ms: int = 15000) -> None:
        """Run what is queued (a last note save), then stop the engine and close its replica.
        Blocks until done. Idempotent."""
        if self.closed:
            return
        self.closed = True

        def stop() -> None:
            engine, self._engine = self._engine, None
            if engine is not None:
                engine.stop()
                engine.replica.close()

        self._online.shutdown(timeout_ms)
        self._runner.submit(stop)
        if not self._runner.shutdown(timeout_ms, cancel=False):
            log.warning("the sync engine did not stop within %d ms", timeout_ms)

    # -- calls on the worker ----------------------------------------------------------------
    @property
    def serial(self) -> int:
        """How many engine calls were submitted so far (a call's results reflect every
        call submitted before it)."""
        return self._serial

    def submit(self, fn: Callable[..., Any], *args: Any,
               on_result: Callable[[Any], None] | None = None,
               on_error: Callable[[BaseException], None] | None = None) -> TaskHandle | None:
        """Run `fn(engine, *args)` on the engine worker, after every call submitted before.
        Returns None (and calls nothing) when there is no engine."""
        engine = self.engine
        if engine is None:
            return None
        self._serial += 1
        return self._runner.submit(fn, engine, *args, on_result=on_result,
                                   on_error=on_error or self._log_error)

    @staticmethod
    def _log_error(error: BaseException) -> None:
        log.error("a sync engine call failed", exc_info=error)

    def follow(self, session_id: int) -> None:
        self.submit(lambda engine: engine.follow(session_id))

    def mutate(self, change: MutationArgs,
               on_error: Callable[[BaseException], None] | None = None) -> bool:
        """Queue a change (works offline). False when there is no engine to take it."""
        return self.submit(lambda engine: engine.mutate(change), on_error=on_error) is not None

    def document_path(self, sha256: str, on_result: Callable[[Path | None], None],
                      on_error: Callable[[BaseException], None] | None = None) -> bool:
        """The document's local copy, or None (the engine then fetches it first; a
        `changed(None, {"file"})` follows when a file lands)."""
        return self.submit(lambda engine: engine.document_path(sha256), on_result=on_result,
                           on_error=on_error) is not None

    def cast_ballot(self, change: MutationArgs, on_result: Callable[[dict], None],
                    on_error: Callable[[str], None]) -> None:
        """Send a ballot now and answer with the server's durable answer (the engine keeps the
        user's own ballot: recorded, its tracking code); never queued for later."""
        self._online_call(lambda engine: engine.votes.cast(change), on_result, on_error)

    def call_online(self, change: MutationArgs, on_result: Callable[[dict], None],
                    on_error: Callable[[str], None]) -> None:
        """A change that needs the server now (a ballot): `on_error(message)` with a clear
        sentence when offline, never queued for later."""
        self._online_call(lambda engine: engine.call_online(change), on_result, on_error)

    def _online_call(self, fn: Callable[[SyncEngine], dict], on_result: Callable[[dict], None],
                     on_error: Callable[[str], None]) -> None:
        def failed(error: BaseException) -> None:
            if isinstance(error, NeedsConnection):
                on_error(texts.needs_connection_message())
            else:
                on_error(texts.error_message(error))

        engine = self.engine
        if engine is None:
            on_error(texts.needs_connection_message())
            return
        self._online.submit(fn, engine, on_result=on_result, on_error=failed)
