"""Continuous reading: every page of the document one under the other, scrolled through.

One widget paints only the pages in view (a 2,000-page document costs no more than a short
one: no widget per page); their pictures come from the page render process through
`PageRenderQueue.picture` (beside the single-page view's requests), are kept for the pages near
the view only, and each page shows its ink, text marks and notes (read only: writing happens
in the single-page view, which the pen switches to). Pages not rendered yet are drawn as white
sheets of the size the others have, so the scroll bar is right from the start.

Signals: `current_changed(index)` when the page at the middle of the view changes; `resized()`
when its width changed (a fitted width follows it).
"""
from __future__ import annotations

import bisect
from typing import Callable

from PySide6.QtCore import QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QScrollArea, QWidget

from documents.render import MAX_PIXELS
from ui.ink import paint_mark, paint_stroke
from ui.page_notes import paint_note

GAP = 12  # pixels between pages
MARGIN = 12
KEEP = 3  # pages either side of the view whose pictures are kept
SHEET = QColor("#ffffff")
EDGE = QColor(0, 0, 0, 50)
BACKGROUND = QColor("#5b6470")


class _Column(QWidget):
    def __init__(self, strip: "PageStrip") -> None:
        super().__init__()
        self.strip = strip

    def paintEvent(self, event: QPaintEvent) -> None:
        self.strip.paint_pages(QPainter(self), event.rect())


class PageStrip(QScrollArea):
    current_changed = Signal(int)
    resized = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pageStrip")
        self.setWidgetResizable(False)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.setBackgroundRole(self.backgroundRole())
        self.setStyleSheet(f"QScrollArea#pageStrip {{ background: {BACKGROUND.name()}; }}")
        self.column = _Column(self)
        self.setWidget(self.column)
        self.count = 0
        self.width_px = 0  # the pages' width in device-independent pixels
        self.ratio = 1.0  # device pixels a device-independent one
        self.aspect = 1.414  # height / width of a page not rendered yet (the last one seen)
        self.pictures: dict[int, QPixmap] = {}
        self.sizes: dict[int, tuple[float, float]] = {}  # index -> page size in points
        self._tops: list[int] = []
        self.current = 0
        self._request: Callable[[int, int, Callable], None] | None = None
        self._forget: Callable[[int, set[int]], None] | None = None
        self.items_of: Callable[[int], tuple[list, list, list]] = lambda index: ([], [], [])
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(30)
        self._timer.timeout.connect(self._request_visible)
        self.verticalScrollBar().valueChanged.connect(self._scrolled)

    # -- the document -----------------------------------------------------------------------
    def set_document(self, count: int, width_px: int, ratio: float, request, forget) -> None:
        """`request(index, width_device_px, on_rendered)` asks for a page's picture;
        `forget(width_device_px, keep)` drops the requests for pages no longer near the view."""
        self.count, self.ratio = count, ratio
        self._request, self._forget = request, forget
        self.pictures.clear()
        self.set_width(width_px)

    def clear(self) -> None:
        self.count, self._request, self._forget = 0, None, None
        self.pictures.clear()
        self.sizes.clear()
        self._layout()

    def set_width(self, width_px: int) -> None:
        """The pages' width (a zoom, or fitting the view): pictures are rendered again."""
        if width_px != self.width_px:
            self.pictures.clear()
        self.width_px = max(50, width_px)
        self._layout()
        self._timer.start()

    def _height(self, index: int) -> int:
        size = self.sizes.get(index)
        aspect = size[1] / size[0] if size and size[0] else self.aspect
        return round(self.width_px * aspect)

    def _layout(self) -> None:
        top, tops = MARGIN, []
        for index in range(self.count):
            tops.append(top)
            top += self._height(index) + GAP
        self._tops = tops
        self.column.setFixedSize(QSize(self.width_px + 2 * MARGIN, top - GAP + MARGIN
                                       if self.count else 0))
        self.column.update()

    def page_rect(self, index: int) -> QRect:
        return QRect(MARGIN, self._tops[index], self.width_px, self._height(index))

    # -- where the reader is ----------------------------------------------------------------
    def visible_pages(self) -> range:
        if not self.count:
            return range(0)
        top = self.verticalScrollBar().value()
        bottom = top + self.viewport().height()
        first = max(0, bisect.bisect_right(self._tops, top) - 1)
        last = max(first, bisect.bisect_right(self._tops, bottom) - 1)
        return range(first, min(last, self.count - 1) + 1)

    def scroll_to(self, index: int) -> None:
        if 0 <= index < self.count:
            self.verticalScrollBar().setValue(self._tops[index] - MARGIN)
            self._set_current(index)

    def _scrolled(self) -> None:
        if not self.count:
            return
        middle = self.verticalScrollBar().value() + self.viewport().height() // 2
        self._set_current(max(0, min(bisect.bisect_right(self._tops, middle) - 1,
                                     self.count - 1)))
        self._timer.start()

    def _set_current(self, index: int) -> None:
        if index != self.current:
            self.current = index
            self.current_changed.emit(index)

    # -- pictures ---------------------------------------------------------------------------
    def _request_visible(self) -> None:
        if self._request is None or not self.count:
            return
        shown = self.visible_pages()
        near = set(range(max(0, shown.start - KEEP), min(self.count, shown.stop + KEEP)))
        for index in [i for i in self.pictures if i not in near]:
            del self.pictures[index]  # memory: only the pages near the view
        width = round(self.width_px * self.ratio)
        if self._forget is not None:
            self._forget(width, near)
        wanted = list(shown) + [i for i in (shown.stop, shown.start - 1) if i in near]
        for index in wanted:
            if index not in self.pictures:
                self._request(index, width, self._on_picture)

    def _on_picture(self, page) -> None:
        wanted = round(self.width_px * self.ratio)
        capped = page.image.width() < wanted and \
            page.image.width() * page.image.height() >= 0.9 * MAX_PIXELS  # the renderer's limit
        if not 0 <= page.index < self.count or not (page.image.width() == wanted or capped):
            return  # asked for before a zoom or another document
        pixmap = QPixmap.fromImage(page.image)
        pixmap.setDevicePixelRatio(self.ratio)
        self.pictures[page.index] = pixmap
        old = self.sizes.get(page.index)
        self.sizes[page.index] = (page.page_width_pt, page.page_height_pt)
        self.aspect = page.page_height_pt / max(page.page_width_pt, 1.0)
        if old != self.sizes[page.index]:
            anchor = self.current
            offset = self.verticalScrollBar().value() - self._tops[anchor] if self._tops else 0
            self._layout()  # its real height: keep the page at the middle where it was
            self.verticalScrollBar().setValue(self._tops[anchor] + offset)
        self.column.update(self.page_rect(page.index))

    def refresh(self) -> None:
        """The notes changed: paint them again."""
        self.column.update()

    # -- painting ---------------------------------------------------------------------------
    def paint_pages(self, painter: QPainter, exposed: QRect) -> None:
        painter.fillRect(exposed, BACKGROUND)
        if not self.count:
            painter.end()
            return
        first = max(0, bisect.bisect_right(self._tops, exposed.top()) - 1)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for index in range(first, self.count):
            rect = self.page_rect(index)
            if rect.top() > exposed.bottom():
                break
            painter.fillRect(rect.adjusted(-1, -1, 1, 1), EDGE)
            picture = self.pictures.get(index)
            if picture is None:
                painter.fillRect(rect, SHEET)
                continue
            painter.drawPixmap(rect, picture)  # its size, or scaled up when it was capped
            self._paint_notes(painter, index, rect)
        painter.end()

    def _paint_notes(self, painter: QPainter, index: int, rect: QRect) -> None:
        strokes, marks, notes = self.items_of(index)
        if not (strokes or marks or notes):
            return
        width_pt = (self.sizes.get(index) or (rect.width(), 0))[0] or rect.width()
        scale = rect.width() / width_pt
        size = (float(rect.width()), float(rect.height()))
        painter.save()
        painter.translate(rect.topLeft())
        painter.setClipRect(QRectF(0, 0, *size))
        for mark in marks:
            paint_mark(painter, mark, size)
        for stroke in strokes:
            paint_stroke(painter, stroke, size, scale)
        for note in notes:
            paint_note(painter, note, size, scale)
        painter.restore()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.resized.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Home:
            self.scroll_to(0)
        elif key == Qt.Key.Key_End:
            self.scroll_to(self.count - 1)
        elif key in (Qt.Key.Key_PageDown, Qt.Key.Key_Space):
            self.scroll_to(min(self.current + 1, self.count - 1))
        elif key == Qt.Key.Key_PageUp:
            self.scroll_to(max(self.current - 1, 0))
        else:
            super().keyPressEvent(event)
