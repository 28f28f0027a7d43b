"""The viewer's continuous mode: the document's pages one under the other (`ui/page_strip.py`)
instead of one page at a time. A part of `DocumentViewer`: the current page follows the page at
the middle of the view (the toolbar, the sidebar, the reading position and the presenter's page
follow it too), going to a page scrolls to it, and taking the pen goes back to the single page
being read, where writing happens."""
from __future__ import annotations

from PySide6.QtCore import QObject

from ui.page_strip import MARGIN, PageStrip


class ViewerStrip(QObject):
    def __init__(self, viewer) -> None:  # the DocumentViewer that owns it
        super().__init__(viewer)
        self.viewer = viewer
        self.active = False
        self.strip = PageStrip()
        viewer.stack.addWidget(self.strip)
        self.strip.current_changed.connect(self._on_current)
        self.strip.resized.connect(self._fit)
        self.strip.items_of = lambda index: viewer.ink.page_items(
            viewer.document.id, index) if viewer.document is not None else ([], [], [])
        viewer.ink.notes_changed.connect(self.strip.refresh)
        viewer.toolbar.continuous_toggled.connect(self.set_active)
        viewer.toolbar.pen_toggled.connect(lambda on: on and self.set_active(False))

    def set_active(self, active: bool) -> None:
        viewer = self.viewer
        if active == self.active:
            return
        self.active = active
        viewer.toolbar.set_continuous(active)
        if active and viewer.toolbar.pen_button.isChecked():
            viewer.toolbar.pen_button.setChecked(False)  # reading, not writing, here
        if not viewer.page_count:
            return
        if active:
            self.opened()
        else:
            page = self.strip.current
            viewer.stack.setCurrentWidget(viewer.canvas)
            viewer.show_page(page)

    def opened(self) -> None:
        """The document is open (or the mode was chosen): show it as a strip."""
        viewer = self.viewer
        if not (self.active and viewer.page_count):
            return
        renderer = viewer._renderer
        self.strip.set_document(viewer.page_count, self._width(), viewer.devicePixelRatioF() or 1.0,
                                lambda index, width, done: renderer.picture(index, width, done),
                                renderer.forget_pictures)
        viewer.stack.setCurrentWidget(self.strip)
        self.strip.scroll_to(viewer.current_page)
        self.strip.setFocus()

    def take_page(self, index: int) -> bool:
        """Going to a page while the strip shows: scroll to it (True), else False."""
        if not self.active or self.viewer.stack.currentWidget() is not self.strip:
            return False
        self.strip.scroll_to(index)
        return True

    def clear(self) -> None:
        self.strip.clear()

    def _on_current(self, index: int) -> None:
        viewer = self.viewer
        if not self.active:
            return
        viewer.current_page = index
        viewer.toolbar.set_page(index, viewer.page_count)
        viewer.page_shown.emit(index)

    def _width(self) -> int:
        viewer = self.viewer
        if viewer._fit_width:
            scrollbar = self.strip.verticalScrollBar().sizeHint().width()
            return max(100, self.strip.viewport().width() - 2 * MARGIN - scrollbar)
        width_pt = viewer.page_size_pt()[0] or 595.0
        return round(width_pt * viewer._zoom)

    def _fit(self) -> None:
        if self.active and self.viewer.page_count:
            self.strip.set_width(self._width())

    def zoomed(self) -> None:
        """The zoom changed: the strip's pages take the new width."""
        self._fit()
