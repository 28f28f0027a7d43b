"""Search on the tablet, for the viewer's find bar and the session search: the Qt side of
`documents.index_client` (indexing in its own process) and `documents.text_index` (queries,
run on a worker thread: a search never waits on the UI thread, nor the UI on it).

`set_documents(documents)` is called with the documents of the session on screen, and again
whenever a file lands: those whose file is on the device are indexed, new versions included
(a version is its SHA-256). Confidential documents are never indexed: the index is plain text
on disk, and a "Mật" document is kept only encrypted (issue 8, point 6).
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable

from PySide6.QtCore import QObject, Signal

from documents.index_client import IndexClient, IndexEvent
from documents.text_index import FAILED, INDEXED, TextIndex
from sync.client import DocumentInfo
from ui.workers import TaskHandle, TaskRunner

READY, WAITING, NOT_INDEXED, NO_TEXT, UNREADABLE = (
    "ready", "waiting", "not_indexed", "no_text", "unreadable")


def _query(db_path: str, fn: Callable[[TextIndex], object]) -> object:
    index = TextIndex(db_path)  # a connection per call: sqlite3 objects stay on their thread
    try:
        return fn(index)
    finally:
        index.close()


class SearchService(QObject):
    """Signals: `indexed(sha256)` when a document's text can be searched (or has failed:
    ask `status`); `progress(documents_left)` while the background indexing runs."""

    indexed = Signal(str)
    progress = Signal(int)
    _event = Signal(object)  # from the indexer's reader thread

    def __init__(self, db_path: str | Path, files_dir: str | Path,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db_path = str(db_path)
        Path(self.db_path).parent.mkdir(parents=True, exist_ok=True)
        self.files_dir = Path(files_dir)
        self._runner = TaskRunner(self, max_threads=1)
        self._event.connect(self._on_event)
        self._client = IndexClient(self.db_path, self._event.emit)
        self._statuses: dict[str, str] = {}
        self._documents: dict[str, DocumentInfo] = {}
        self._pruned_for: set[str] = set()
        self._checked: set[str] = set()  # handed to the indexer (queued, or already known)

    # -- what to index --------------------------------------------------------------------
    def set_documents(self, documents: Iterable[DocumentInfo]) -> None:
        """The documents searchable now (the session on screen); each file on the device is
        indexed in the background unless it already is."""
        documents = list(documents)
        secret = {d.sha256 for d in documents if d.restricted}
        self._documents = {d.sha256: d for d in documents
                           if not d.restricted and d.sha256}
        for sha, _document in self._documents.items():
            if sha in self._checked:
                continue  # asked once: the state updates of a sitting never touch SQLite again
            path = self.files_dir / f"{sha}.pdf"
            if not path.is_file():
                continue  # asked again when the file lands
            self._checked.add(sha)
            if self._client.index(sha, str(path)):
                self._statuses[sha] = WAITING
        self.progress.emit(self._client.pending())
        if set(self._documents) | secret != self._pruned_for:
            self._pruned_for = set(self._documents) | secret
            self.prune(secret)

    def prune(self, secret: set[str] = frozenset()) -> None:
        """Drop from the index every version whose file has left the device (replaced,
        withdrawn, access lost) and any document now confidential."""
        files_dir = self.files_dir

        def stale(index: TextIndex) -> set[str]:
            return {sha for sha in index.documents()
                    if sha in secret or not (files_dir / f"{sha}.pdf").is_file()}

        def drop(gone: set[str]) -> None:
            if gone:
                self._client.forget(gone)
                for sha in gone:
                    self._statuses.pop(sha, None)
                    self._checked.discard(sha)

        self._runner.submit(_query, self.db_path, stale, on_result=drop,
                            on_error=lambda _exc: None)

    def pending(self) -> int:
        """Documents queued or being indexed."""
        return self._client.pending()

    def searchable(self) -> list[DocumentInfo]:
        return list(self._documents.values())

    def status(self, document: DocumentInfo) -> str:
        """READY, WAITING (being indexed), NOT_INDEXED (its file is not on the device, or it
        is confidential), NO_TEXT (a scan) or UNREADABLE."""
        if document.restricted:
            return NOT_INDEXED
        sha = document.sha256
        if sha not in self._statuses:  # indexed in an earlier run: one indexed lookup
            known, text_pages = _query(self.db_path, lambda index: (
                index.status(sha), index.text_pages(sha)))
            if known == INDEXED:
                self._statuses[sha] = READY if text_pages else NO_TEXT
            elif known == FAILED:
                self._statuses[sha] = UNREADABLE
        return self._statuses.get(sha, NOT_INDEXED)

    def index_now(self, document: DocumentInfo) -> bool:
        """Index this document (the reader opened the find bar on it) if its file is here."""
        path = self.files_dir / f"{document.sha256}.pdf"
        if document.restricted or not path.is_file():
            return False
        if self._client.index(document.sha256, str(path)):
            self._statuses[document.sha256] = WAITING
        return True

    # -- queries (on the worker thread) ---------------------------------------------------
    def search(self, query: str, on_result: Callable[[list], None],
               limit: int = 50) -> TaskHandle:
        """Across the searchable documents: `on_result([Hit, ...])`, best first."""
        shas = list(self._documents)
        return self._runner.submit(
            _query, self.db_path, lambda index: index.search(query, shas, limit),
            on_result=on_result, on_error=lambda _exc: on_result([]))

    def find(self, sha256: str, query: str,
             on_result: Callable[[list[tuple[int, int]]], None]) -> TaskHandle:
        """In one document: `on_result([(page, hits on it), ...])` in page order."""
        return self._runner.submit(
            _query, self.db_path, lambda index: index.pages_with_hits(sha256, query),
            on_result=on_result, on_error=lambda _exc: on_result([]))

    def page_hits(self, sha256: str, page: int, query: str,
                  on_result: Callable[[list], None]) -> TaskHandle:
        """`on_result([boxes of one hit, ...])`, in points of the displayed page."""
        return self._runner.submit(
            _query, self.db_path, lambda index: index.page_hits(sha256, page, query),
            on_result=on_result, on_error=lambda _exc: on_result([]))

    def page_content(self, sha256: str, page: int,
                     on_result: Callable[[object], None]) -> TaskHandle:
        """`on_result(PageContent or None)`: a page's words and their boxes."""
        return self._runner.submit(
            _query, self.db_path, lambda index: index.page_content(sha256, page),
            on_result=on_result, on_error=lambda _exc: on_result(None))

    def shutdown(self) -> None:
        self._client.shutdown()
        self._runner.shutdown(2000)

    # -- the indexer's news ---------------------------------------------------------------
    def _on_event(self, event: IndexEvent) -> None:
        if event.kind == "indexed":
            self._statuses[event.sha256] = NO_TEXT if event.empty == event.done else READY
        elif event.kind == "failed":
            self._statuses[event.sha256] = UNREADABLE
        else:
            return
        self.indexed.emit(event.sha256)
        self.progress.emit(self._client.pending())
