"""The scrollable surface that shows one rendered page, its search hits, and its keyboard
navigation."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen, QPixmap, QResizeEvent,
    QTabletEvent, QWheelEvent,
)
from PySide6.QtWidgets import QGestureEvent, QLabel, QPinchGesture, QScrollArea, QWidget

from ui.ink import (
    MAX_POINTS, PEN_COLOURS, PEN_WIDTHS, InkStroke, TextMark, hits_stroke, mark_contains,
    paint_mark, paint_stroke, segment_rect,
)

READ, PEN, ERASER, TEXT = "read", "pen", "eraser", "text"
ERASER_TOLERANCE_PX = 10.0
PAGE_MARGIN = 16  # around the page, in device-independent pixels
HIT_FILL = QColor(255, 213, 0, 90)  # every hit: a marker's yellow, the text still readable
CURRENT_FILL = QColor(255, 140, 0, 120)  # the hit Enter went to
CURRENT_EDGE = QColor(200, 80, 0)
HIT_PAD = 1.5  # pixels around a word's box


def _device_rect(rect: QRect, ratio: float) -> QRectF:
    return QRectF(rect.x() * ratio, rect.y() * ratio, rect.width() * ratio,
                  rect.height() * ratio)


class _PageImage(QLabel):
    """The page's pixmap and, over it, its ink strokes and the search hits (boxes in PDF
    points). In pen mode a press, drag and release draws a stroke (a tablet's pen gives its
    pressure); each new segment repaints only its own small rectangle, so the ink follows the
    pen within a frame. In eraser mode a touch on a stroke asks to erase it."""

    stroke_finished = Signal(object)  # [(x, y, pressure)], page fractions
    erase_requested = Signal(str)  # the uuid of the stroke touched
    select_moved = Signal(float, float, bool)  # text mode: x, y (fractions), first point
    select_finished = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.hits: list[tuple[tuple[float, float, float, float], ...]] = []
        self.current = -1
        self.scale = 1.0  # device-independent pixels a point
        self.strokes: list[InkStroke] = []
        self.marks: list[TextMark] = []
        self.selection: tuple[list, str, str] = ([], "", "")  # boxes (fractions), colour, style
        self.mode = READ
        self.pen_color, self.pen_width = PEN_COLOURS[0], PEN_WIDTHS[1]
        self._drawing: list[tuple[float, float, float]] = []
        # the ink, drawn once into a transparent layer the size of the page: a paint then
        # only copies the dirty rectangle, and a new segment is drawn into it alone
        self._layer: QPixmap | None = None
        self._layer_key: tuple = ()

    def hit_rect(self, index: int) -> QRectF:
        """The pixels `hits[index]` covers, all its boxes together."""
        rect = QRectF()
        for box in self.hits[index]:
            rect = rect.united(self._rect(box))
        return rect

    def _rect(self, box) -> QRectF:
        x0, y0, x1, y1 = (v * self.scale for v in box)
        return QRectF(x0, y0, x1 - x0, y1 - y0).adjusted(-HIT_PAD, -HIT_PAD, HIT_PAD, HIT_PAD)

    # -- drawing with the pen -------------------------------------------------------------
    def _fraction(self, position: QPointF) -> tuple[float, float]:
        width, height = max(self.width(), 1), max(self.height(), 1)
        return (min(max(position.x() / width, 0.0), 1.0),
                min(max(position.y() / height, 0.0), 1.0))

    def _begin(self, position: QPointF, pressure: float) -> None:
        x, y = self._fraction(position)
        if self.mode == TEXT:
            self.select_moved.emit(x, y, True)
            return
        if self.mode == ERASER:
            self._erase_at(x, y)
            return
        self._drawing = [(x, y, pressure)]
        self._draw_into_layer(InkStroke("", -1, self.pen_color, self.pen_width,
                                        tuple(self._drawing)))
        self.update(segment_rect(self._drawing[0], self._drawing[0], self._size(),
                                 self.pen_width * self.scale).toAlignedRect())

    def _extend(self, position: QPointF, pressure: float) -> None:
        x, y = self._fraction(position)
        if self.mode == TEXT:
            self.select_moved.emit(x, y, False)
            return
        if self.mode == ERASER:
            self._erase_at(x, y)
            return
        if not self._drawing:
            return
        last = self._drawing[-1]
        if abs(last[0] - x) * self.width() < 0.5 and abs(last[1] - y) * self.height() < 0.5:
            return  # under half a pixel: nothing to draw
        point = (x, y, pressure)
        self._drawing.append(point)
        self._draw_into_layer(InkStroke("", -1, self.pen_color, self.pen_width,
                                        (last, point)))
        self.update(segment_rect(last, point, self._size(),
                                 self.pen_width * self.scale).toAlignedRect())
        if len(self._drawing) >= MAX_POINTS:
            self._finish()
            self._drawing = [point]

    def _finish(self) -> None:
        points, self._drawing = self._drawing, []
        if points:
            self.stroke_finished.emit(points)

    def _erase_at(self, x: float, y: float) -> None:
        for mark in reversed(self.marks):
            if mark_contains(mark, x, y):
                self.erase_requested.emit(mark.uuid)
                return
        for stroke in reversed(self.strokes):
            if hits_stroke(stroke, x, y, self._size(), ERASER_TOLERANCE_PX):
                self.erase_requested.emit(stroke.uuid)
                return

    def _size(self) -> tuple[float, float]:
        return float(self.width()), float(self.height())

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.mode == READ or event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        self._begin(event.position(), 1.0)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self.mode == READ or not event.buttons() & Qt.MouseButton.LeftButton:
            super().mouseMoveEvent(event)
            return
        self._extend(event.position(), 1.0)
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self.mode == READ:
            super().mouseReleaseEvent(event)
            return
        if self.mode == PEN:
            self._finish()
        elif self.mode == TEXT:
            self.select_finished.emit()
        event.accept()

    def tabletEvent(self, event: QTabletEvent) -> None:
        if self.mode == READ:
            event.ignore()
            return
        pressure = event.pressure() if event.pressure() > 0 else 1.0
        kind = event.type()
        if kind == QEvent.Type.TabletPress:
            self._begin(event.position(), pressure)
        elif kind == QEvent.Type.TabletMove and event.buttons():
            self._extend(event.position(), pressure)
        elif kind == QEvent.Type.TabletRelease and self.mode == PEN:
            self._finish()
        elif kind == QEvent.Type.TabletRelease and self.mode == TEXT:
            self.select_finished.emit()
        event.accept()  # no mouse event is made from it: the stroke is drawn once

    # -- painting -------------------------------------------------------------------------
    def set_strokes(self, strokes: list[InkStroke], marks: list[TextMark] | None = None) -> None:
        self.strokes = list(strokes)
        self.marks = list(marks or [])
        self._layer_key = ()  # drawn again at the next paint
        self.update()

    def set_selection(self, boxes: list, color: str, style: str) -> None:
        self.selection = (list(boxes), color, style)
        self.update()

    def _key(self) -> tuple:
        return (self.width(), self.height(), self.scale, self.devicePixelRatioF() or 1.0)

    def _ensure_layer(self) -> QPixmap | None:
        if self._layer is not None and self._layer_key == self._key():
            return self._layer
        self._layer, self._layer_key = None, ()
        if not self.strokes and not self._drawing and not self.marks:
            return None
        ratio = self.devicePixelRatioF() or 1.0
        layer = QPixmap(max(1, round(self.width() * ratio)), max(1, round(self.height() * ratio)))
        layer.setDevicePixelRatio(ratio)
        layer.fill(Qt.GlobalColor.transparent)
        painter = QPainter(layer)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for mark in self.marks:
            paint_mark(painter, mark, self._size())
        for stroke in self.strokes:
            paint_stroke(painter, stroke, self._size(), self.scale)
        if self._drawing:
            paint_stroke(painter, InkStroke("", -1, self.pen_color, self.pen_width,
                                            tuple(self._drawing)), self._size(), self.scale)
        painter.end()
        self._layer, self._layer_key = layer, self._key()
        return layer

    def _draw_into_layer(self, stroke: InkStroke) -> None:
        """A new segment: into the layer as it is (a stale layer is rebuilt with it at the
        next paint anyway)."""
        if self._layer is None or self._layer_key != self._key():
            return
        painter = QPainter(self._layer)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint_stroke(painter, stroke, self._size(), self.scale)
        painter.end()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        layer = self._ensure_layer()
        if layer is None and not self.hits and not self.selection[0]:
            return
        painter = QPainter(self)
        if layer is not None:
            painter.drawPixmap(QRectF(event.rect()), layer,
                               _device_rect(event.rect(), layer.devicePixelRatio()))
        boxes, color, style = self.selection
        if boxes:
            paint_mark(painter, TextMark("", -1, style, color, tuple(boxes), ""), self._size())
        if self.hits:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self._paint_hits(painter)
        painter.end()

    def _paint_hits(self, painter: QPainter) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        for number, hit in enumerate(self.hits):
            painter.setBrush(CURRENT_FILL if number == self.current else HIT_FILL)
            for box in hit:
                painter.drawRoundedRect(self._rect(box), 2, 2)
        if 0 <= self.current < len(self.hits):
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(CURRENT_EDGE, 1.5))
            for box in self.hits[self.current]:
                painter.drawRoundedRect(self._rect(box), 2, 2)


class _PageHolder(QWidget):
    """The scrolled widget: paints a cheap soft shadow around the page label (a blur effect
    would cost milliseconds on every repaint of a large page)."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("pageHolder")
        self.page_label = _PageImage(self)
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

    def set_scale(self, scale: float) -> None:
        """Device-independent pixels a point of the page shown (ink widths follow the zoom)."""
        self.page_label.scale = scale

    def set_ink_mode(self, mode: str, color: str | None = None,
                     width: float | None = None) -> None:
        """READ (the page scrolls and turns), PEN (a drag draws) or ERASER (a touch erases)."""
        label = self.page_label
        label.mode = mode
        label.pen_color = color or label.pen_color
        label.pen_width = width or label.pen_width
        label.setCursor({PEN: Qt.CursorShape.CrossCursor, ERASER: Qt.CursorShape.PointingHandCursor,
                         TEXT: Qt.CursorShape.IBeamCursor}.get(mode, Qt.CursorShape.ArrowCursor))

    def ink_mode(self) -> str:
        return self.page_label.mode

    def set_strokes(self, strokes: list[InkStroke], marks: list[TextMark] | None = None) -> None:
        """The ink and the text marks of the page on screen."""
        self.page_label.set_strokes(strokes, marks)

    def set_selection(self, boxes: list, color: str = "#f9a825",
                      style: str = "highlight") -> None:
        """Words being selected for a text mark (page fractions), drawn as that mark."""
        self.page_label.set_selection(boxes, color, style)

    def marks(self) -> list[TextMark]:
        return list(self.page_label.marks)

    def strokes(self) -> list[InkStroke]:
        return list(self.page_label.strokes)

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
