"""The document viewer: get a document's file (from the sync engine's prefetched copies, or
downloaded with progress), render its pages off the UI thread, and let the reader turn pages
and zoom.

Opening a document: `DocumentFetcher` finds or downloads the verified file, then
`PageRenderQueue` opens and renders it in the page render process, and caches its pages.
Opening another document, or asking for another page, supersedes whatever is still pending for
the previous one.

`user_navigated` tells apart the reader's own page turns from those asked for by the program
(following a presenter).
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDateTime, QTimer, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from sync.client import ApiClient, DocumentInfo
from ui import texts
from ui.document_fetch import DocumentFetcher
from ui.find_bar import FindBar
from ui.ink_bar import InkBar
from ui.live_bar import LiveBar
from ui.page_canvas import PageCanvas
from ui.page_renderer import PageImage, PageRenderQueue
from ui.search_service import SearchService
from ui.sync_bridge import SyncBridge
from ui.viewer_find import ViewerFind
from ui.viewer_keys import install_shortcuts
from ui.viewer_pages import ViewerPages
from ui.viewer_ink import ViewerInk
from ui.viewer_notes import ViewerNotes
from ui.viewer_sidebar import ViewerSidebar
from ui.viewer_strip import ViewerStrip
from ui.viewer_toolbar import ViewerToolbar
from ui.viewer_versions import VersionBar
from ui.viewer_zoom import ViewerZoom
from ui.watermark import watermark_lines

RESIZE_DEBOUNCE_MS = 120


class DocumentViewer(ViewerZoom, QWidget):
    """Signals: `page_shown(index)` after a page is on screen; `failed(message)`;
    `user_navigated()` when the reader turns a page by hand."""

    page_shown = Signal(int)
    failed = Signal(str)
    user_navigated = Signal()
    document_requested = Signal(object, int)  # DocumentInfo, page: a note in another document

    def __init__(self, cache_dir: str | Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("documentViewer")
        self._fetcher = DocumentFetcher(cache_dir, self)
        self._fetcher.progress.connect(self._on_progress)
        self._fetcher.waiting.connect(self._on_waiting)
        self._fetcher.ready.connect(self._on_downloaded)
        self._fetcher.failed.connect(self._on_error)
        self._fetcher.revoked.connect(self._on_revoked)
        self._renderer = PageRenderQueue(self)
        self._generation = 0
        self._initial_page = 0
        self.document: DocumentInfo | None = None
        self.page_count = 0
        self.current_page = 0
        self._fit_width = True
        self._zoom = 1.0  # pixels per PDF point when not fitting the width
        self._shown_zoom: float | None = None
        self._error_text = ""
        self._preview_of: int | None = None  # the page whose preview is on screen
        self._identity = ("", "")
        self._document_file: str | None = None
        self._page_size_pt = (0.0, 0.0)

        self.toolbar = ViewerToolbar()
        self.live_bar = LiveBar()
        self.find_bar = FindBar()
        self.ink_bar = InkBar()
        self.canvas = PageCanvas()
        pages = self._pages = ViewerPages(self)
        self.placeholder_icon, self.placeholder = pages.placeholder_icon, pages.placeholder
        self.loading_label, self.progress_bar = pages.loading_label, pages.progress_bar
        self.error_title, self.error_label = pages.error_title, pages.error_label
        self.retry_button = pages.retry_button
        self.retry_button.clicked.connect(self.reload)

        self.stack = QStackedWidget()
        self._placeholder_page = pages.placeholder_page
        self._loading_page = pages.loading_page
        self._error_page = pages.error_page
        for page in (self._placeholder_page, self._loading_page, self.canvas, self._error_page):
            self.stack.addWidget(page)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.live_bar)
        self.version_bar = VersionBar(self)
        layout.addWidget(self.version_bar)
        layout.addWidget(self.ink_bar)
        layout.addWidget(self.find_bar)
        self.sidebar = ViewerSidebar()
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(self.sidebar)
        body.addWidget(self.stack, 1)
        layout.addLayout(body, 1)
        self.finder = ViewerFind(self)
        self.ink = ViewerInk(self)
        self.notes = ViewerNotes(self)
        self.strip = ViewerStrip(self)

        self._resize_timer = QTimer(self)
        self._resize_timer.setSingleShot(True)
        self._resize_timer.setInterval(RESIZE_DEBOUNCE_MS)
        self._resize_timer.timeout.connect(self._refit)

        self._wire_zoom()
        self.toolbar.previous_requested.connect(lambda: self._by_hand(self.previous_page))
        self.toolbar.next_requested.connect(lambda: self._by_hand(self.next_page))
        self.toolbar.page_entered.connect(lambda index: self._by_hand(self.show_page, index))
        self.toolbar.sidebar_toggled.connect(self.sidebar.setVisible)
        self.toolbar.pen_toggled.connect(lambda on: self.ink.start() if on else self.ink.stop())
        self.sidebar.page_requested.connect(self.go_to_page)
        self.sidebar.note_requested.connect(self._open_note)
        self.ink.notes_changed.connect(self._on_notes_changed)
        self.page_shown.connect(self.sidebar.set_current)
        self.canvas.page_step.connect(lambda delta, end: self._by_hand(self._step, delta, end))
        self.canvas.page_jump.connect(lambda where: self._by_hand(
            self.show_page, 0 if where == 0 else self.page_count - 1))
        self.canvas.viewport_resized.connect(self._on_canvas_resized)
        install_shortcuts(self)
        self.stack.setCurrentWidget(self._placeholder_page)

    # -- public ---------------------------------------------------------------------------
    def set_client(self, client: ApiClient | None) -> None:
        self._fetcher.set_client(client)

    def set_bridge(self, bridge: SyncBridge | None) -> None:
        """Take documents from the sync engine's local copies."""
        self._fetcher.set_bridge(bridge)

    def set_identity(self, full_name: str, device: str) -> None:
        """Who reads on which tablet: the watermark of confidential documents."""
        self._identity = (full_name, device)

    def set_search(self, service: SearchService | None) -> None:
        """Where the find bar (Ctrl+F) searches."""
        self.finder.set_service(service)

    def find(self, query: str, from_page: int | None = None) -> None:
        """Open the find bar on `query`; the first hit from `from_page` becomes current."""
        self.finder.open(query, from_page)

    def _on_notes_changed(self) -> None:
        notes = self.ink.my_notes()  # once for both
        self.sidebar.set_notes(notes, self.document.id if self.document else None)
        self.version_bar.refresh(notes)

    def _open_note(self, document: DocumentInfo, page: int) -> None:
        if self.document is not None and document.sha256 == self.document.sha256:
            self.go_to_page(page)
        else:
            self.document_requested.emit(document, page)

    def go_to_page(self, index: int) -> None:
        """A page the reader asked for (a search hit, a bookmark): like turning it by hand."""
        self._by_hand(self.show_page, index)

    def document_path(self) -> str | None:
        """The local file of the open document (once it is open)."""
        return self._document_file if self.page_count else None

    def page_size_pt(self) -> tuple[float, float]:
        """The page on screen's size in points, as displayed ((0, 0) before it is shown)."""
        return self._page_size_pt

    def shown_scale(self) -> float:
        """Device-independent pixels a PDF point, of the page on screen."""
        return self._shown_zoom or self._zoom

    def open_document(self, document: DocumentInfo, page: int = 0) -> None:
        """Get the document (engine copy, cache or download) and show page `page` (from 0).
        The same document already open (or opening) just goes to that page."""
        if (self.document is not None and document.id == self.document.id
                and document.sha256 == self.document.sha256
                and self.stack.currentWidget() in (self._loading_page, self.canvas,
                                                   self.strip.strip)):
            if self.page_count:
                if page != self.current_page:
                    self.show_page(min(max(page, 0), self.page_count - 1))
            else:
                self._initial_page = page
            return  # already open or opening
        self._start(document, page)

    def reload(self) -> None:
        if self.document is not None:
            self._start(self.document, self.current_page)

    def clear(self) -> None:
        """Forget the document (another session was selected)."""
        self._supersede()
        self.document = None
        self.page_count = self.current_page = 0
        self.toolbar.set_document(None)
        self.canvas.clear()
        self.strip.clear()
        self._renderer.close_document()
        self.finder.reset()
        self.sidebar.clear()
        self.stack.setCurrentWidget(self._placeholder_page)

    def show_page(self, index: int, scroll_to_end: bool = False) -> None:
        if self.strip.take_page(index):  # the continuous view: scrolled to it
            return
        if not self.page_count or not 0 <= index < self.page_count:
            self.toolbar.set_page(self.current_page, self.page_count)
            return
        if index != self.current_page:  # a stroke half drawn stays with the page it began on
            self.canvas.cancel_input()
            self.ink.cancel_input()
            self.canvas.set_strokes([])  # the new page's own come when it is shown
            self.canvas.set_hits([], -1, 1.0)
        self.current_page = index
        self.toolbar.set_page(index, self.page_count)
        self._render(scroll_to_end=scroll_to_end)

    def page_pixmap(self) -> QPixmap:
        return self.canvas.pixmap()

    def page_indicator(self) -> str:
        return self.toolbar.page_text()

    def error_text(self) -> str:
        return self._error_text if self.stack.currentWidget() is self._error_page else ""

    def is_showing_page(self) -> bool:
        return self.stack.currentWidget() is self.canvas

    def shutdown(self) -> None:
        """Stop pending work and the render thread (call before the window goes away)."""
        self._supersede()
        self._resize_timer.stop()
        self._fetcher.shutdown()
        self._renderer.shutdown()
        self.ink.shutdown()

    # -- steps of opening -----------------------------------------------------------------
    def _supersede(self) -> int:
        self._generation += 1
        self._fetcher.cancel()
        return self._generation

    def _start(self, document: DocumentInfo, page: int = 0) -> None:
        generation = self._supersede()
        self.document = document
        self.page_count = self.current_page = 0
        self._initial_page = max(0, page)
        self._shown_zoom = None
        self.toolbar.set_document(document)
        self.version_bar.refresh()
        self.canvas.clear()
        self.strip.clear()
        self.finder.reset()
        self.sidebar.clear()
        self.progress_bar.setRange(0, 100)
        self.progress_bar.setValue(0)
        self.loading_label.setText(self.tr("Loading the document…"))
        self.stack.setCurrentWidget(self._loading_page)
        self._fetcher.fetch(document, generation)

    def _on_progress(self, generation: int, done: int, total: int) -> None:
        if generation == self._generation:
            self._pages.show_progress(done, total or (self.document.size if self.document else 0))

    def _on_waiting(self, generation: int, offline: bool) -> None:
        if generation == self._generation:
            self._pages.show_waiting(offline, self.document is not None and
                                     self.document.restricted)

    def _on_downloaded(self, generation: int, source) -> None:
        """`source`: the file's Path, or a confidential document's SealedSource."""
        if generation != self._generation:
            return
        self.progress_bar.setRange(0, 100)
        self.progress_bar.setValue(100)
        self.loading_label.setText(self.tr("Opening the document…"))
        path, key, sha = (source, None, None) if isinstance(source, Path) else source
        self._document_file = str(path)
        watermark = None
        if self.document is not None and self.document.restricted:
            when = QDateTime.currentDateTime().toString("dd/MM/yyyy HH:mm")
            watermark = watermark_lines(*self._identity, when)
        self._renderer.open(path, lambda count: self._on_opened(generation, count),
                            lambda exc: self._on_render_error(generation, exc), watermark,
                            key, sha)

    def _on_opened(self, generation: int, page_count: int) -> None:
        if generation != self._generation:
            return
        self.page_count = page_count
        self.sidebar.set_document(page_count, self._renderer.outline, self._renderer.thumbnail,
                                  self.devicePixelRatioF() or 1.0)
        self.ink.notes_changed.emit()  # the open document's notes come first
        self.show_page(min(self._initial_page, page_count - 1) if page_count else 0)
        self.strip.opened()
        self.finder.reset()  # an open find bar searches the new document

    def _render(self, scroll_to_end: bool = False, keep_scroll: bool = False) -> None:
        if not self.page_count:
            return
        generation = self._generation
        ratio = self.devicePixelRatioF() or 1.0
        on_rendered = lambda image: self._on_rendered(  # noqa: E731
            generation, image, scroll_to_end, self._preview_shown(image) or keep_scroll)
        on_error = lambda exc: self._on_render_error(generation, exc)  # noqa: E731
        if self._fit_width:
            # The canvas may still be hidden behind the loading page; it will get the stack's width.
            width_px = int(self.canvas.available_width(self.stack.width()) * ratio)
            self._renderer.render(self.current_page, on_rendered, on_error, width_px=width_px)
        else:
            self._renderer.render(self.current_page, on_rendered, on_error,
                                  zoom=self._zoom * ratio)

    def _on_rendered(self, generation: int, page: PageImage, scroll_to_end: bool,
                     keep_scroll: bool) -> None:
        if generation != self._generation or page.index != self.current_page:
            return
        ratio = self.devicePixelRatioF() or 1.0
        pixmap = QPixmap.fromImage(page.image)
        pixmap.setDevicePixelRatio(ratio)
        self.canvas.set_page(pixmap, scroll_to_end=scroll_to_end, keep_scroll=keep_scroll)
        if page.preview:  # the sharp page follows; it keeps the scroll position
            if self.stack.currentWidget() is not self.canvas and not self.strip.active:
                self.stack.setCurrentWidget(self.canvas)
            return
        self._shown_zoom = page.image.width() / ratio / page.page_width_pt
        self._page_size_pt = (page.page_width_pt, page.page_height_pt)
        self.canvas.set_scale(self._shown_zoom)
        self.toolbar.set_zoom(round(self._shown_zoom * 100), self._fit_width)
        self.strip.zoomed()
        if self.stack.currentWidget() is not self.canvas and not self.strip.active:
            self.stack.setCurrentWidget(self.canvas)
            self.canvas.setFocus()
        self.page_shown.emit(page.index)

    def _preview_shown(self, page: PageImage) -> bool:
        """True for the sharp page after its preview: keep where the reader has scrolled to."""
        shown, self._preview_of = self._preview_of == page.index, (
            page.index if page.preview else None)
        return shown and not page.preview

    def _on_render_error(self, generation: int, error: BaseException) -> None:
        code = getattr(error, "code", None)
        message = texts.document_error_message(code) if code else texts.generic_error(
            type(error).__name__)
        if code == "sealed" and self.document is not None:
            self._fetcher.forget_sealed(self.document)  # it comes again with the right key
        if self.page_count and generation == self._generation:
            self._show_error(message)  # one page failed: the others can still be read
            return
        self._on_error(generation, message)

    def _on_error(self, generation: int, message: str) -> None:
        if generation != self._generation:
            return
        self.page_count = 0
        self.toolbar.set_page(0, 0)
        self._show_error(message)

    def _on_revoked(self, generation: int, message: str) -> None:
        """The confidential document on screen was wiped: off the screen and out of the
        render process's memory too."""
        if generation == self._generation:
            self._renderer.close_document()
            self._renderer.cache.clear()  # its pages, watermarked or not, leave the memory
            self.canvas.clear()
            self.strip.clear()
            self.sidebar.clear()  # and its thumbnails
            self._on_error(generation, message)

    def _show_error(self, message: str) -> None:
        self._error_text = message
        self.error_label.setText(message)
        self.stack.setCurrentWidget(self._error_page)
        self.failed.emit(message)
