"""The page as the reader sees it: the rendered pixmap, and over it the reader's ink, text
marks, sticky notes and text boxes, and the search hits; in pen, text or eraser mode it takes
the pen's (or the finger's) strokes, in note mode the place of a new note, in select mode the
note to select and where it is dragged. `PageCanvas` scrolls it."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor, QMouseEvent, QPainter, QPaintEvent, QPen, QPixmap, QTabletEvent,
)
from PySide6.QtWidgets import QLabel, QWidget

from ui.ink import (
    MAX_POINTS, PEN_COLOURS, PEN_WIDTHS, InkStroke, TextMark, hits_stroke, mark_contains,
    paint_mark, paint_stroke, segment_rect,
)
from ui.page_notes import PageNote, item_rect, movable, note_at, paint_note

READ, PEN, ERASER, TEXT = "read", "pen", "eraser", "text"
NOTE, TEXTBOX, SELECT = "note", "textbox", "select"
DRAG_PX = 4  # a press that moves less is a tap
ERASER_TOLERANCE_PX = 10.0
HIT_FILL = QColor(255, 213, 0, 90)  # every hit: a marker's yellow, the text still readable
CURRENT_FILL = QColor(255, 140, 0, 120)  # the hit Enter went to
CURRENT_EDGE = QColor(200, 80, 0)
HIT_PAD = 1.5  # pixels around a word's box
SELECTED_EDGE = QColor(21, 101, 192)


def _device_rect(rect: QRect, ratio: float) -> QRectF:
    return QRectF(rect.x() * ratio, rect.y() * ratio, rect.width() * ratio,
                  rect.height() * ratio)


class PageSurface(QLabel):
    """The page's pixmap and, over it, its ink strokes and the search hits (boxes in PDF
    points). In pen mode a press, drag and release draws a stroke (a tablet's pen gives its
    pressure); each new segment repaints only its own small rectangle, so the ink follows the
    pen within a frame. In eraser mode a touch on a stroke asks to erase it."""

    stroke_finished = Signal(object)  # [(x, y, pressure)], page fractions
    erase_requested = Signal(str)  # the uuid of the stroke touched
    select_moved = Signal(float, float, bool)  # text mode: x, y (fractions), first point
    select_finished = Signal()
    place_requested = Signal(str, float, float)  # note or textbox mode: where (fractions)
    item_selected = Signal(str)  # select mode: the uuid tapped ("" for none)
    item_moved = Signal(str, float, float)  # select mode: uuid, by (dx, dy) page fractions
    note_opened = Signal(str)  # a sticky note or text box tapped (to read or edit it)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.hits: list[tuple[tuple[float, float, float, float], ...]] = []
        self.current = -1
        self.scale = 1.0  # device-independent pixels a point
        self.strokes: list[InkStroke] = []
        self.marks: list[TextMark] = []
        self.notes: list[PageNote] = []
        self.selected = ""  # the uuid of the selected note (select mode)
        self._press: QPointF | None = None  # select and read modes: where the press began
        self._drag = QPointF()  # select mode: how far the selected note is dragged
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
        if self.mode in (NOTE, TEXTBOX):
            self.place_requested.emit(self.mode, x, y)
            return
        if self.mode == SELECT:
            self._select_at(position, x, y)
            return
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
        if self.mode == SELECT:
            if self._press is not None and self.selected and movable(self.item(self.selected)):
                self._drag = position - self._press
                self.update()
            return
        if self.mode in (NOTE, TEXTBOX):
            return
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

    def cancel_input(self) -> None:
        if self._drawing or self.selection[0]:
            self._drawing = []
            self.selection = ([], "", "")
            self._layer_key = ()  # the layer held the unfinished stroke
            self.update()

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

    # -- notes: selecting, moving, opening ------------------------------------------------
    def item(self, key: str):
        """The stroke, mark or note `key` on this page, or None."""
        return next((i for i in (*self.notes, *self.strokes, *self.marks) if i.uuid == key), None)

    def item_at(self, x: float, y: float):
        """The topmost item under a point (page fractions): a note, a stroke, a mark."""
        note = note_at(self.notes, x, y, self._size(), self.scale)
        if note is not None:
            return note
        for stroke in reversed(self.strokes):
            if hits_stroke(stroke, x, y, self._size(), ERASER_TOLERANCE_PX):
                return stroke
        return next((m for m in reversed(self.marks) if mark_contains(m, x, y)), None)

    def _select_at(self, position: QPointF, x: float, y: float) -> None:
        item = self.item_at(x, y)
        self.selected = item.uuid if item is not None else ""
        self._press, self._drag = position, QPointF()
        self.item_selected.emit(self.selected)
        self.update()

    def _release_selection(self) -> None:
        press, drag, self._press, self._drag = self._press, self._drag, None, QPointF()
        if press is None or not self.selected:
            return
        if abs(drag.x()) + abs(drag.y()) >= DRAG_PX and self.width() and self.height():
            self.item_moved.emit(self.selected, drag.x() / self.width(),
                                 drag.y() / self.height())
        elif isinstance(self.item(self.selected), PageNote):
            self.note_opened.emit(self.selected)  # a tap on a note opens it
        self.update()

    def set_selected(self, key: str) -> None:
        self.selected = key
        self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.mode == READ and event.button() == Qt.MouseButton.LeftButton:
            x, y = self._fraction(event.position())
            if note_at(self.notes, x, y, self._size(), self.scale) is not None:
                self._press = event.position()  # a note tapped while reading opens it
                event.accept()
                return
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
            press, self._press = self._press, None
            tap = press is not None and (event.position() - press).manhattanLength() < DRAG_PX
            note = note_at(self.notes, *self._fraction(press), self._size(), self.scale) \
                if tap else None
            if note is not None:
                self.note_opened.emit(note.uuid)
                event.accept()
                return
            super().mouseReleaseEvent(event)
            return
        self._released()
        event.accept()

    def _released(self) -> None:
        if self.mode == PEN:
            self._finish()
        elif self.mode == TEXT:
            self.select_finished.emit()
        elif self.mode == SELECT:
            self._release_selection()

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
        elif kind == QEvent.Type.TabletRelease:
            self._released()
        event.accept()  # no mouse event is made from it: the stroke is drawn once

    # -- painting -------------------------------------------------------------------------
    def set_strokes(self, strokes: list[InkStroke], marks: list[TextMark] | None = None,
                    notes: list[PageNote] | None = None) -> None:
        self.strokes = list(strokes)
        self.marks = list(marks or [])
        self.notes = list(notes or [])
        if self.selected and self.item(self.selected) is None:
            self.selected = ""
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
        if not self.strokes and not self._drawing and not self.marks and not self.notes:
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
        for note in self.notes:
            paint_note(painter, note, self._size(), self.scale)
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
        if layer is None and not self.hits and not self.selection[0] and not self.selected:
            return
        painter = QPainter(self)
        if layer is not None:
            painter.drawPixmap(QRectF(event.rect()), layer,
                               _device_rect(event.rect(), layer.devicePixelRatio()))
        if self.selected:
            self._paint_selected(painter)
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

    def _paint_selected(self, painter: QPainter) -> None:
        """A dashed frame round the selected note, where it is being dragged to."""
        item = self.item(self.selected)
        if item is None:
            return
        rect = item_rect(item, self._size(), self.scale).adjusted(-4, -4, 4, 4)
        rect.translate(self._drag)
        pen = QPen(SELECTED_EDGE, 1.5, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect)
