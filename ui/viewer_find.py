"""Find in the open document: the viewer's find bar, its hits and their highlights.

The search index says which pages hold the query and how often (`SearchService.find`); the
reader steps from hit to hit with Enter, across pages; every hit of the page on screen is
highlighted, the current one stronger and scrolled into view (`PageCanvas.set_hits`). The
boxes come from the index too, so nothing here waits for MuPDF. A document not indexed yet
is indexed first, the bar saying so; a scan, a confidential document or an unreadable one
gets a sentence instead of a count.
"""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import QObject

from ui.search_service import NO_TEXT, NOT_INDEXED, READY, UNREADABLE, WAITING, SearchService


class ViewerFind(QObject):
    def __init__(self, viewer) -> None:  # the DocumentViewer that owns it (not imported: it
        # imports this module)
        super().__init__(viewer)
        self.viewer = viewer
        self.bar = viewer.find_bar
        self.service: Optional[SearchService] = None
        self.query = ""
        self.hits: list[tuple[int, int]] = []  # (page, number of the hit on that page)
        self.current = -1
        self._boxes: dict[int, list] = {}  # page -> its hits' boxes, for this query
        self._generation = 0
        self._start_page: Optional[int] = None
        self.bar.query_changed.connect(self._search)
        self.bar.step.connect(self.step)
        self.bar.closed.connect(self._on_closed)
        viewer.page_shown.connect(self._on_page_shown)

    def set_service(self, service: Optional[SearchService]) -> None:
        if self.service is not None:
            self.service.indexed.disconnect(self._on_indexed)
        self.service = service
        if service is not None:
            service.indexed.connect(self._on_indexed)

    def open(self, text: Optional[str] = None, from_page: Optional[int] = None) -> None:
        """Show the bar (Ctrl+F); with `text`, search it, the first hit at or after
        `from_page` (a session search result) becoming the current one."""
        self._start_page = from_page
        self.bar.open_bar(text)
        wanted = self.bar.query()
        if wanted and (wanted != self.query or not self.hits):
            self._search(wanted)  # the same text as before the bar was closed: search again
        elif text is not None and self.hits:
            self._go_to_first_from(from_page)

    def reset(self) -> None:
        """Another document (or none): the bar keeps its text and searches the new one."""
        self._generation += 1
        self.hits, self.current, self._boxes = [], -1, {}
        self.viewer.canvas.set_hits([], -1, 1.0)
        if self.bar.isVisible() and self.bar.query():
            self._search(self.bar.query())

    def step(self, delta: int) -> None:
        if not self.hits:
            return
        self._go((self.current + delta) % len(self.hits))

    # -- searching ------------------------------------------------------------------------
    def _search(self, query: str) -> None:
        self._generation += 1
        generation = self._generation
        self.query = query
        self.hits, self.current, self._boxes = [], -1, {}
        self.viewer.canvas.set_hits([], -1, 1.0)
        document = self.viewer.document
        if not query or document is None or self.service is None:
            self.bar.show_count(0, 0)
            return
        if not self.viewer.page_count:  # still opening: searched again once it is open
            self.bar.show_state("")
            return
        status = self.service.status(document)
        if status == NOT_INDEXED and self.service.index_now(document):
            status = WAITING
        if status != READY:
            self.bar.show_state(self._state_text(status, document.restricted))
            return
        self.service.find(document.sha256, query,
                          lambda pages: self._on_found(generation, pages))

    def _state_text(self, status: str, restricted: bool) -> str:
        if status == WAITING:
            return self.tr("Preparing the document for search…")
        if status == NO_TEXT:
            return self.tr("This document is a scan: it has no text to search")
        if status == UNREADABLE:
            return self.tr("The text of this document cannot be read")
        if restricted:
            return self.tr("Confidential documents are not searched")
        return self.tr("The document is not on this device yet")

    def _on_found(self, generation: int, pages: list[tuple[int, int]]) -> None:
        if generation != self._generation:
            return
        self.hits = [(page, number) for page, count in pages for number in range(count)]
        if not self.hits:
            self.bar.show_count(0, 0)
            return
        self._go_to_first_from(self._start_page)

    def _go_to_first_from(self, from_page: Optional[int]) -> None:
        start = self.viewer.current_page if from_page is None else from_page
        self._start_page = None
        self._go(next((i for i, (page, _n) in enumerate(self.hits) if page >= start), 0))

    def _go(self, index: int) -> None:
        self.current = index
        page, _number = self.hits[index]
        self.bar.show_count(index + 1, len(self.hits))
        if page != self.viewer.current_page:
            self.viewer.go_to_page(page)  # highlighted once shown (`_on_page_shown`)
        elif self.viewer.is_showing_page():
            self._highlight(page)

    def _on_page_shown(self, page: int) -> None:
        if self.hits:
            self._highlight(page)

    def _highlight(self, page: int) -> None:
        boxes = self._boxes.get(page)
        if boxes is None:
            self.viewer.canvas.set_hits([], -1, 1.0)  # another page's boxes never linger
            if not any(p == page for p, _n in self.hits) or self.service is None \
                    or self.viewer.document is None:
                return
            generation = self._generation
            self.service.page_hits(self.viewer.document.sha256, page, self.query,
                                   lambda found: self._on_boxes(generation, page, found))
            return
        current_page, number = self.hits[self.current] if self.current >= 0 else (-1, -1)
        self.viewer.canvas.set_hits(boxes, number if current_page == page else -1,
                                    self.viewer.shown_scale())

    def _on_boxes(self, generation: int, page: int, boxes: list) -> None:
        if generation != self._generation:
            return
        self._boxes[page] = boxes
        if page == self.viewer.current_page:
            self._highlight(page)

    def _on_indexed(self, sha256: str) -> None:
        document = self.viewer.document
        if document is not None and document.sha256 == sha256 and self.bar.isVisible():
            self._search(self.bar.query())

    def _on_closed(self) -> None:
        self._generation += 1
        self.query, self.hits, self.current, self._boxes = "", [], -1, {}
        self.viewer.canvas.set_hits([], -1, 1.0)
        self.viewer.canvas.setFocus()
