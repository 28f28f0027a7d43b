"""Where the viewer gets a document's file from.

With the sync engine: its verified local copy (`engine.document_path`); for a confidential
document, its sealed copy and key (`sync.confidential.SealedSource`), never a file in clear, and
never the direct download below. When the engine does
not have it yet, it fetches that file before the others and reports `changed(None, {"file"})`
when a file lands; the request then waits and asks again. Offline, it waits for the
connection. Online, when the file still has not come after `FALLBACK_MS` (the engine says
nothing about a download that failed), the file is downloaded directly, with progress and a
precise error, into the same folder, where the engine finds it.

Without an engine: that direct download (`ApiClient.download_file`, hash-verified, cached).
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from sync.client import ApiClient, DocumentInfo
from sync.confidential import WIPED
from ui import texts
from ui.sync_bridge import SyncBridge
from ui.workers import TaskHandle, TaskRunner

FALLBACK_MS = 10000


class DocumentFetcher(QObject):
    """One request at a time; each carries the caller's `generation`, repeated in the
    signals: `progress(generation, done, total)`, `waiting(generation, offline)`,
    `ready(generation, path)`, `failed(generation, message)`, `revoked(generation, message)`."""

    progress = Signal(int, object, object)
    waiting = Signal(int, bool)
    ready = Signal(int, object)
    failed = Signal(int, str)
    revoked = Signal(int, str)  # the open confidential document was wiped from the device

    def __init__(self, cache_dir: str | Path, parent: QObject | None = None):
        super().__init__(parent)
        # Downloads run one at a time: a superseded download stops at its next chunk before
        # the next one starts, so two downloads never write the same cache file at once.
        self._downloads = TaskRunner(self, max_threads=1)
        self._cache_dir = Path(cache_dir)
        self._client: ApiClient | None = None
        self._bridge: SyncBridge | None = None
        self._document: DocumentInfo | None = None
        self._generation = 0
        self._waiting = False
        self._download: TaskHandle | None = None
        self._fallback = QTimer(self)
        self._fallback.setSingleShot(True)
        self._fallback.setInterval(FALLBACK_MS)
        self._fallback.timeout.connect(self._fall_back)

    def set_client(self, client: ApiClient | None) -> None:
        self._client = client

    def set_bridge(self, bridge: SyncBridge | None) -> None:
        self._bridge = bridge
        if bridge is not None:
            bridge.changed.connect(self._on_changed)
            bridge.status_changed.connect(self._on_status)

    @property
    def is_waiting(self) -> bool:
        """True while the engine has not got the requested file yet."""
        return self._waiting

    def fetch(self, document: DocumentInfo, generation: int) -> None:
        self.cancel()
        self._document, self._generation = document, generation
        if self._bridge is not None and self._bridge.engine is not None:
            self._locate()
        elif _sealed(document):  # kept only sealed, by the sync engine, never in clear here
            self.failed.emit(generation, texts.document_error_message("confidential_needs_sync"))
        elif self._client is not None:
            self._download_directly()
        else:
            self.failed.emit(generation, texts.generic_error("no_connection"))

    def cancel(self) -> None:
        self._waiting = False
        self._fallback.stop()
        if self._download is not None:
            self._download.cancel()
            self._download = None

    def forget_sealed(self, document: DocumentInfo) -> None:
        """Its sealed copy would not open (damaged, or sealed under an older key): the engine
        deletes it and fetches it again."""
        if self._bridge is not None and self._bridge.engine is not None:
            sha = document.sha256
            self._bridge.submit(lambda engine: engine.discard_sealed(sha))

    def shutdown(self) -> None:
        self.cancel()
        self._downloads.shutdown()

    # -- through the engine -----------------------------------------------------------------
    def _locate(self) -> None:
        generation, document = self._generation, self._document
        if not self._bridge.document_path(
                document.sha256, on_result=lambda path: self._on_located(generation, path),
                on_error=lambda exc: self._on_error(generation, exc)):
            if _sealed(document):
                self.failed.emit(generation, texts.document_error_message("confidential_needs_sync"))
            else:
                self._download_directly()

    def _on_located(self, generation: int, path: Path | None) -> None:
        if generation != self._generation or self._document is None:
            return
        if path is not None:
            self.cancel()
            self.ready.emit(generation, path)
            return
        if self._download is not None:
            return  # the direct download is under way
        first = not self._waiting
        self._waiting = True
        offline = not self._bridge.online
        if first:
            self.waiting.emit(generation, offline)
            if not offline:
                self._fallback.start()

    def _on_changed(self, session_id, entities) -> None:
        if WIPED in entities and _sealed(self._document) and not self._waiting:
            generation = self._generation  # revoked only if its own copy is gone
            self._bridge.document_path(
                self._document.sha256, on_result=lambda source: self._still_here(generation,
                                                                                 source))
            return
        if self._waiting and session_id is None and "file" in entities:
            self._locate()

    def _on_status(self, status) -> None:
        if not self._waiting or self._download is not None:
            return
        offline = status.state not in ("online", "syncing")
        self.waiting.emit(self._generation, offline)
        if offline:
            self._fallback.stop()
        elif not self._fallback.isActive():
            self._fallback.start()
            self._locate()

    def _still_here(self, generation: int, source) -> None:
        if generation == self._generation and source is None and self._document is not None:
            self._document = None  # once
            self.revoked.emit(generation, texts.document_error_message("sealed_wiped"))

    def _fall_back(self) -> None:
        if self._waiting and _sealed(self._document):
            self._locate()  # sealed copies come only through the engine: ask it again
        elif self._waiting and self._client is not None:
            self._download_directly()

    # -- directly from the server -----------------------------------------------------------
    def _download_directly(self) -> None:
        if self._client is None:
            self.failed.emit(self._generation, texts.generic_error("no_connection"))
            return
        generation, client = self._generation, self._client
        self._fallback.stop()
        self._download = self._downloads.submit(
            client.download_file, self._document.sha256, self._cache_dir,
            on_progress=lambda done, total: self._on_progress(generation, done, total),
            on_result=lambda path: self._on_downloaded(generation, path),
            on_error=lambda exc: self._on_error(generation, exc))

    def _on_progress(self, generation: int, done: int, total: int) -> None:
        if generation == self._generation:
            self.progress.emit(generation, done, total)

    def _on_downloaded(self, generation: int, path: Path) -> None:
        if generation != self._generation:
            return
        self._download = None
        self._waiting = False
        self.ready.emit(generation, path)

    def _on_error(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self._download = None
        self._waiting = False
        server = self._client.base_url if self._client is not None else ""
        self.failed.emit(generation, texts.error_message(error, server))


def _sealed(document: DocumentInfo | None) -> bool:
    """A confidential document (or one of unknown confidentiality): on the device only sealed."""
    return document is not None and document.restricted
