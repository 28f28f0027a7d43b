"""The scrollable area around the page (`PageSurface`): its shadow, zoom by Ctrl+wheel and
pinch, and keyboard navigation."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, Qt, Signal
from PySide6.QtGui import (
    QColor, QKeyEvent, QPainter, QPaintEvent, QPixmap, QResizeEvent, QWheelEvent,
)
from PySide6.QtWidgets import QGestureEvent, QPinchGesture, QScrollArea, QWidget

from ui.ink import InkStroke, TextMark
from ui.page_surface import ERASER, NOTE, PEN, SELECT, TEXT, TEXTBOX, PageSurface

PAGE_MARGIN = 16  # around the page, in device-independent pixels


class _PageHolder(QWidget):
    """The scrolled widget: paints a cheap soft shadow around the page label (a blur effect
    would cost milliseconds on every repaint of a large page)."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("pageHolder")
        self.page_label = PageSurface(self)
        self.page_label.setObjectName("pageImage")

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.page_label.pixmap().isNull():
            return
        painter = QPainter(self)
        page = self.page_label.geometry()
        for spread, alpha in ((4, 14), (3, 22), (2, 34), (1, 60)):
            # only the ring around the page: the opaque page covers the rest, and blending
            # four page-sized rectangles cost 1.4 ms a paint (measured at 1232 x 1743)
            outer = page.adjusted(-spread, -spread + 1, spread, spread + 1)
            color = QColor(0, 0, 0, alpha)
            painter.fillRect(QRect(outer.left(), outer.top(), outer.width(),
                                   page.top() - outer.top()), color)
            painter.fillRect(QRect(outer.left(), page.bottom() + 1, outer.width(),
                                   outer.bottom() - page.bottom()), color)
            middle_top, middle_height = max(outer.top(), page.top()), (
                min(outer.bottom(), page.bottom()) - max(outer.top(), page.top()) + 1)
            painter.fillRect(QRect(outer.left(), middle_top, page.left() - outer.left(),
                                   middle_height), color)
            painter.fillRect(QRect(page.right() + 1, middle_top, outer.right() - page.right(),
                                   middle_height), color)
        painter.end()


class PageCanvas(QScrollArea):
    """Shows a page pixmap centred on a grey background.

    Keys: PgDn / Right / Space: next page; PgUp / Left: previous page; Home / End: first and
    last page; Down / Up scroll, and turn the page when the page's edge is already reached.
    Emits `page_step(delta, show_end)` (show_end: show the bottom of the new page, when Up
    turned back a page), `page_jump(first_or_last)` (0 = first, -1 = last) and
    `viewport_resized()`.
    """

    page_step = Signal(int, bool)
    page_jump = Signal(int)
    viewport_resized = Signal()
    zoom_step = Signal(int)  # Ctrl+wheel: +1 in, -1 out
    zoom_by = Signal(float)  # a pinch, once the fingers are lifted: the factor it made
    stroke_finished = Signal(object)  # pen mode: [(x, y, pressure)] in page fractions
    select_moved = Signal(float, float, bool)  # text mode: a point of the drag, first or not
    select_finished = Signal()
    erase_requested = Signal(str)  # eraser mode: the uuid of the stroke touched

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("pageCanvas")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setWidgetResizable(False)
        self._holder = _PageHolder()
        self.page_label = self._holder.page_label
        self.setWidget(self._holder)
        self.viewport().grabGesture(Qt.GestureType.PinchGesture)
        self.page_label.stroke_finished.connect(self.stroke_finished)
        self.page_label.select_moved.connect(self.select_moved)
        self.page_label.select_finished.connect(self.select_finished)
        self.page_label.erase_requested.connect(self.erase_requested)
        self._wheel_angle = 0

    def available_width(self, outer_width: int | None = None) -> int:
        """The width a page may take in fit-width mode, always leaving room for the vertical
        scroll bar (so that it appearing cannot change the width back and forth).
        `outer_width`: the canvas' width when it is not laid out yet (still hidden)."""
        scrollbar = self.verticalScrollBar().sizeHint().width()
        width = self.width() if outer_width is None else outer_width
        return max(100, width - 2 * PAGE_MARGIN - scrollbar)

    def available_height(self) -> int:
        """The height a whole page may take (fit page): the view less the margins."""
        scrollbar = self.horizontalScrollBar().sizeHint().height()
        return max(100, self.viewport().height() - 2 * PAGE_MARGIN - scrollbar)

    def set_page(self, pixmap: QPixmap, scroll_to_end: bool = False,
                 keep_scroll: bool = False) -> None:
        ratio = pixmap.devicePixelRatio() or 1.0
        width, height = int(pixmap.width() / ratio), int(pixmap.height() / ratio)
        previous = self.verticalScrollBar().value()
        self.page_label.setPixmap(pixmap)
        self.page_label.setGeometry(PAGE_MARGIN, PAGE_MARGIN, width, height)
        self._holder.resize(width + 2 * PAGE_MARGIN, height + 2 * PAGE_MARGIN)
        bar = self.verticalScrollBar()
        if keep_scroll:
            bar.setValue(previous)
        else:
            bar.setValue(bar.maximum() if scroll_to_end else 0)

    def pixmap(self) -> QPixmap:
        return self.page_label.pixmap()

    def clear(self) -> None:
        self.page_label.clear()
        self.set_hits([], -1, 1.0)
        self.set_strokes([])

    def set_hits(self, hits: list, current: int, scale: float) -> None:
        """Highlight `hits` (each a tuple of boxes in points) on the page shown at `scale`
        pixels a point; `current` (an index into `hits`, or -1) stands out and is scrolled
        into view."""
        label = self.page_label
        label.hits, label.current = list(hits), current
        if hits:
            label.scale = scale
        label.update()
        if 0 <= current < len(hits):
            rect = label.hit_rect(current).translated(label.x(), label.y()).toAlignedRect()
            self.ensureVisible(rect.center().x(), rect.center().y(),
                               rect.width() // 2 + 40, rect.height() // 2 + 80)

    def hits(self) -> list:
        return list(self.page_label.hits)

    def cancel_input(self) -> None:
        """Forget a stroke or a selection in progress (the page is changing under it)."""
        self.page_label.cancel_input()

    def set_scale(self, scale: float) -> None:
        """Device-independent pixels a point of the page shown (ink widths follow the zoom)."""
        self.page_label.scale = scale

    def set_ink_mode(self, mode: str, color: str | None = None,
                     width: float | None = None) -> None:
        """READ (the page scrolls and turns), PEN (a drag draws), ERASER (a touch erases),
        TEXT (a drag selects words), NOTE or TEXTBOX (a tap places one), SELECT (a tap
        selects a note, a drag moves it)."""
        label = self.page_label
        label.mode = mode
        label.pen_color = color or label.pen_color
        label.pen_width = width or label.pen_width
        label.setCursor({PEN: Qt.CursorShape.CrossCursor, ERASER: Qt.CursorShape.PointingHandCursor,
                         TEXT: Qt.CursorShape.IBeamCursor, NOTE: Qt.CursorShape.CrossCursor,
                         TEXTBOX: Qt.CursorShape.IBeamCursor,
                         SELECT: Qt.CursorShape.SizeAllCursor}.get(
            mode, Qt.CursorShape.ArrowCursor))
        if mode != SELECT:
            label.set_selected("")

    def ink_mode(self) -> str:
        return self.page_label.mode

    def set_strokes(self, strokes: list[InkStroke], marks: list[TextMark] | None = None,
                    notes: list | None = None) -> None:
        """The ink, the text marks and the notes of the page on screen."""
        self.page_label.set_strokes(strokes, marks, notes)

    def set_selection(self, boxes: list, color: str = "#f9a825",
                      style: str = "highlight") -> None:
        """Words being selected for a text mark (page fractions), drawn as that mark."""
        self.page_label.set_selection(boxes, color, style)

    def marks(self) -> list[TextMark]:
        return list(self.page_label.marks)

    def strokes(self) -> list[InkStroke]:
        return list(self.page_label.strokes)

    def notes(self) -> list:
        return list(self.page_label.notes)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.viewport_resized.emit()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            super().wheelEvent(event)
            return
        # a notch is 120; a touchpad sends less each time: one step per notch's worth
        self._wheel_angle += event.angleDelta().y()
        while abs(self._wheel_angle) >= 120:
            step = 1 if self._wheel_angle > 0 else -1
            self._wheel_angle -= 120 * step
            self.zoom_step.emit(step)
        event.accept()

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Gesture and isinstance(event, QGestureEvent):
            pinch = event.gesture(Qt.GestureType.PinchGesture)
            if isinstance(pinch, QPinchGesture):
                if pinch.state() == Qt.GestureState.GestureFinished:
                    factor = pinch.totalScaleFactor()
                    if factor > 0 and abs(factor - 1.0) > 0.02:
                        self.zoom_by.emit(factor)
                event.accept(pinch)
                return True
        return super().viewportEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        bar = self.verticalScrollBar()
        if key in (Qt.Key.Key_PageDown, Qt.Key.Key_Right, Qt.Key.Key_Space):
            self.page_step.emit(1, False)
        elif key in (Qt.Key.Key_PageUp, Qt.Key.Key_Left):
            self.page_step.emit(-1, False)
        elif key == Qt.Key.Key_Home:
            self.page_jump.emit(0)
        elif key == Qt.Key.Key_End:
            self.page_jump.emit(-1)
        elif key == Qt.Key.Key_Down and bar.value() >= bar.maximum():
            self.page_step.emit(1, False)
        elif key == Qt.Key.Key_Up and bar.value() <= bar.minimum():
            self.page_step.emit(-1, True)
        else:
            super().keyPressEvent(event)
            return
        event.accept()
