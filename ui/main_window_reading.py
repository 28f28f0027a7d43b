"""The main window's reading parts: the search service with the session search box, the
reading positions, and the reader's notes turned into queued changes. A part of `MainWindow`
(it uses the window's viewer, notice bar, `_mutate` and `open_document`)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication

from app.protocol import mutations as m
from sync.client import DocumentInfo
from ui.login_dialog import device_name
from ui.notes_export import NotesExport
from ui.reading_positions import ReadingPositions
from ui.search_service import SearchService
from ui.session_search import SessionSearch
from ui.sync_bridge import user_dir


class ReadingParts:
    def _set_up_reading(self, cache_dir: Path, documents_dir: Path) -> None:
        user = self.user
        folder = user_dir(cache_dir, self.client.base_url, user.username)
        self.search = SearchService(folder / "search.sqlite", documents_dir, self)
        self.viewer.set_search(self.search)
        self.viewer.set_identity(user.full_name, device_name())
        self.viewer.ink.user_id = user.id
        self.viewer.ink.author = user.full_name
        self.viewer.ink.notice.connect(
            lambda kind, text: self.notice.show_notice(text, kind=kind))
        self.viewer.ink.put.connect(self._put_ink)
        self.viewer.ink.deleted.connect(lambda key: self._mutate(m.AnnotationDelete, uuid=key))
        self.viewer.document_requested.connect(self.open_document)
        self.session_search = SessionSearch(self.agenda_panel)
        self.session_search.set_service(self.search)
        self.session_search.result_chosen.connect(self._open_search_result)
        self._searchable: list[DocumentInfo] = []
        self.positions = ReadingPositions(folder / "reading.json", self)
        self.viewer.page_shown.connect(self._remember_page)
        self.notes_export = NotesExport(self, user.id, user.full_name)
        self.notes_export.notice.connect(
            lambda kind, text: self.notice.show_notice(text, kind=kind))
        self.viewer.sidebar.summary_requested.connect(lambda: self.notes_export.export())

    def _remember_page(self, page: int) -> None:
        if self.viewer.document is not None:
            self.positions.remember(self.viewer.document.id, page)

    def _open_search_result(self, document: DocumentInfo, page: int, query: str) -> None:
        self.open_document(document, page)
        self.viewer.find(query, page)

    def _put_ink(self, key: str, entry) -> None:
        """A stroke, a mark or a note (ui.my_notes.Entry): queued, or taken off the page again
        with a notice (it would otherwise look saved and be gone after a restart)."""
        def lost() -> None:
            self.viewer.ink.drop(key)
            if not self.notice.isVisible():  # unless the reason is on screen already
                self.notice.show_notice(QCoreApplication.translate(
                    "MainWindow",
                    "Your note could not be kept: this device cannot store changes right now."))
        self._mutate(m.AnnotationPut, on_failed=lost, uuid=key, document_id=entry.document_id,
                     page_index=entry.page, kind=entry.kind, data=entry.data, text=entry.text,
                     shared=entry.shared, version=entry.version)

    def _on_bridge_changed(self, session_id, entities) -> None:
        if session_id is None and "file" in entities:  # a document landed: index it
            self.search.set_documents(self._searchable)
