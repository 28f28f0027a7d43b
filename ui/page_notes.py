"""Sticky notes and text boxes on a page: their synced data, how they are drawn and hit, and
how any note (ink, a text mark, a sticky note, a text box) is outlined when selected and moved.

A sticky note (kind "note") is an icon at a point of the page; its words are the annotation's
`text`, read and written in a small editor. A text box (kind "text") shows its words on the
page itself, in a colour, from a point, wrapped at a width. Their `data`:
  note: {"v": 1, "x": x, "y": y, "color": "#rrggbb"}                 (the icon's top left)
  text: {"v": 1, "x": x, "y": y, "w": width, "size": points, "color": "#rrggbb"}
with x, y and width as fractions of the page (docs/PROTOCOL.md). Text marks are anchored to
their words: they are selected and deleted, never moved.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any, Optional

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen

from ui.ink import InkStroke, TextMark

NOTE_KINDS = ("note", "text")
NOTE_ICON_PT = 18.0  # a sticky note's icon, in points of the page (it zooms with it)
NOTE_COLOUR = "#f9a825"
TEXT_COLOUR = "#c62828"
TEXT_SIZE_PT = 11.0
TEXT_WIDTH = 0.4  # of the page: a new text box
MAX_TEXT = 4000  # characters of a note (the protocol allows more; nobody reads more on a page)
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


@dataclass(frozen=True)
class PageNote:
    uuid: str
    page: int
    kind: str  # note | text
    x: float
    y: float
    color: str
    text: str
    width: float = TEXT_WIDTH  # text box only
    size: float = TEXT_SIZE_PT  # text box only
    shared: bool = False
    mine: bool = True
    pending: bool = False


def note_data(kind: str, x: float, y: float, color: str, width: float = TEXT_WIDTH,
              size: float = TEXT_SIZE_PT) -> dict:
    data = {"v": 1, "x": round(min(max(x, 0.0), 1.0), 4),
            "y": round(min(max(y, 0.0), 1.0), 4), "color": color}
    if kind == "text":
        data.update(w=round(min(max(width, 0.05), 1.0), 4), size=round(size, 1))
    return data


def note_from_data(uuid: str, page: int, kind: str, data: Any, text: str, shared: bool = False,
                   mine: bool = True, pending: bool = False) -> Optional[PageNote]:
    """The note, or None when `data` is not one this client can draw."""
    if kind not in NOTE_KINDS or not isinstance(data, dict):
        return None
    x, y, color = data.get("x"), data.get("y"), data.get("color")
    if not all(isinstance(v, (int, float)) and math.isfinite(v) for v in (x, y)):
        return None
    if not isinstance(color, str) or not _COLOUR.fullmatch(color):
        return None
    width, size = data.get("w", TEXT_WIDTH), data.get("size", TEXT_SIZE_PT)
    if kind == "text" and not (isinstance(width, (int, float)) and 0 < width <= 1
                               and isinstance(size, (int, float)) and 4 <= size <= 72):
        return None
    return PageNote(uuid, page, kind, min(max(float(x), 0.0), 1.0),
                    min(max(float(y), 0.0), 1.0), color, str(text or "")[:MAX_TEXT],
                    float(width), float(size), shared, mine, pending)


def _font(note: PageNote, px_per_pt: float) -> QFont:
    font = QFont("Liberation Serif")
    font.setPixelSize(max(6, round(note.size * px_per_pt)))
    return font


def note_rect(note: PageNote, size_px: tuple[float, float], px_per_pt: float) -> QRectF:
    """What the note covers on a page shown `size_px` large."""
    width, height = size_px
    left, top = note.x * width, note.y * height
    if note.kind == "note":
        side = NOTE_ICON_PT * px_per_pt
        return QRectF(left, top, side, side)
    metrics = QFontMetricsF(_font(note, px_per_pt))
    box = metrics.boundingRect(QRectF(0, 0, max(note.width * width, 10.0), 1e6),
                               int(Qt.TextFlag.TextWordWrap), note.text or " ")
    return QRectF(left, top, max(note.width * width, box.width()), box.height() + 4)


def paint_note(painter: QPainter, note: PageNote, size_px: tuple[float, float],
               px_per_pt: float) -> None:
    rect = note_rect(note, size_px, px_per_pt)
    colour = QColor(note.color)
    if note.kind == "note":  # a square with a folded corner, lines for writing
        fold = rect.width() * 0.3
        path = QPainterPath(rect.topLeft())
        path.lineTo(rect.right() - fold, rect.top())
        path.lineTo(rect.right(), rect.top() + fold)
        path.lineTo(rect.bottomRight())
        path.lineTo(rect.bottomLeft())
        path.closeSubpath()
        painter.setPen(QPen(colour.darker(150), 1))
        painter.setBrush(colour)
        painter.drawPath(path)
        painter.setPen(QPen(colour.darker(200), max(1.0, rect.height() * 0.06)))
        for i in (0.4, 0.6, 0.8):
            y = rect.top() + rect.height() * i
            painter.drawLine(QPointF(rect.left() + rect.width() * 0.18, y),
                             QPointF(rect.right() - rect.width() * 0.18, y))
        return
    painter.setFont(_font(note, px_per_pt))
    painter.setPen(colour)
    painter.drawText(rect.adjusted(0, 2, 0, 0), int(Qt.TextFlag.TextWordWrap), note.text)


def note_at(notes: list[PageNote], x: float, y: float, size_px: tuple[float, float],
            px_per_pt: float) -> Optional[PageNote]:
    """The topmost note under a point (page fractions)."""
    point = QPointF(x * size_px[0], y * size_px[1])
    for note in reversed(notes):
        if note_rect(note, size_px, px_per_pt).adjusted(-4, -4, 4, 4).contains(point):
            return note
    return None


# -- selecting and moving any note --------------------------------------------------------------
def item_rect(item, size_px: tuple[float, float], px_per_pt: float) -> QRectF:
    """The pixels an ink stroke, a text mark or a note covers."""
    width, height = size_px
    if isinstance(item, PageNote):
        return note_rect(item, size_px, px_per_pt)
    if isinstance(item, TextMark):
        rect = QRectF()
        for x0, y0, x1, y1 in item.boxes:
            rect = rect.united(QRectF(x0 * width, y0 * height, (x1 - x0) * width,
                                      (y1 - y0) * height))
        return rect
    xs = [x * width for x, _y, _p in item.points]
    ys = [y * height for _x, y, _p in item.points]
    pad = item.width * px_per_pt
    return QRectF(min(xs) - pad, min(ys) - pad, max(xs) - min(xs) + 2 * pad,
                  max(ys) - min(ys) + 2 * pad)


def movable(item) -> bool:
    return isinstance(item, (InkStroke, PageNote))


def moved_data(kind: str, data: dict, dx: float, dy: float) -> dict:
    """An ink stroke's or a note's data moved by (dx, dy) page fractions, kept on the page."""
    moved = dict(data)
    if kind == "ink":
        points = [p for p in data.get("points", []) if isinstance(p, list) and len(p) >= 2]
        if not points:
            return moved
        dx = min(max(dx, -min(p[0] for p in points)), 1 - max(p[0] for p in points))
        dy = min(max(dy, -min(p[1] for p in points)), 1 - max(p[1] for p in points))
        moved["points"] = [[round(p[0] + dx, 4), round(p[1] + dy, 4), *p[2:3]] for p in points]
    elif kind in NOTE_KINDS:
        moved["x"] = round(min(max(float(data.get("x", 0)) + dx, 0.0), 0.98), 4)
        moved["y"] = round(min(max(float(data.get("y", 0)) + dy, 0.0), 0.98), 4)
    return moved
