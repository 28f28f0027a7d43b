"""Freehand ink on a page: the stroke as synced data, and how it is drawn and hit.

An ink annotation is one stroke (`annotation.put`, kind "ink"), stored beside the PDF and never
written into it (GUIDE.md §5). Its `data`:
  {"v": 1, "color": "#rrggbb", "width": <points>, "points": [[x, y, pressure], ...]}
with x and y as fractions of the displayed page's width and height (0..1, so a stroke stays in
place at any zoom and on any screen), four decimals, and the pen's pressure (0..1; 1 where the
device reports none). Data from elsewhere (another tablet, an older client) is checked before it
is drawn: a malformed stroke is left out, never an error.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any, Optional

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

PEN_COLOURS = ("#1f3a93", "#c62828", "#2e7d32", "#f9a825")  # blue, red, green, marker yellow
PEN_WIDTHS = (1.2, 2.5, 5.0)  # points
MAX_POINTS = 1500  # a longer stroke is split: 1,500 points encode to about 31 KB, under
# the protocol's 64 KiB for one change (4,000 came to 83 KB)
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


@dataclass(frozen=True)
class InkStroke:
    uuid: str
    page: int
    color: str
    width: float  # points
    points: tuple[tuple[float, float, float], ...]
    pending: bool = False  # still in this tablet's outbox


def stroke_data(color: str, width: float, points: list[tuple[float, float, float]]) -> dict:
    return {"v": 1, "color": color, "width": round(width, 2),
            "points": [[round(x, 4), round(y, 4), round(p, 2)] for x, y, p in points]}


def stroke_from_data(uuid: str, page: int, data: Any, pending: bool = False
                     ) -> Optional[InkStroke]:
    """The stroke, or None when `data` is not a stroke this client can draw."""
    if not isinstance(data, dict) or not isinstance(data.get("points"), list):
        return None
    color = data.get("color")
    width = data.get("width")
    if not isinstance(color, str) or not _COLOUR.fullmatch(color):
        return None
    if not isinstance(width, (int, float)) or not 0 < width <= 50:
        return None
    points = []
    for point in data["points"][:4000]:  # what an older client may have sent
        if not isinstance(point, list) or len(point) < 2:
            return None
        x, y, *rest = point
        pressure = rest[0] if rest else 1.0
        if not all(isinstance(v, (int, float)) and math.isfinite(v) for v in (x, y, pressure)):
            return None
        points.append((min(max(float(x), 0.0), 1.0), min(max(float(y), 0.0), 1.0),
                       min(max(float(pressure), 0.05), 1.0)))
    if not points:
        return None
    return InkStroke(uuid, page, color, float(width), tuple(points), pending)


def segment_pen(stroke_color: str, width_px: float, pressure: float) -> QPen:
    pen = QPen(QColor(stroke_color), max(0.5, width_px * (0.4 + 0.6 * pressure)))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


def paint_stroke(painter: QPainter, stroke: InkStroke, size_px: tuple[float, float],
                 px_per_pt: float, start: int = 0) -> None:
    """Draw `stroke` (from point `start`) on a page shown `size_px` large."""
    width, height = size_px
    points = stroke.points
    if len(points) == 1:
        x, y, p = points[0]
        painter.setPen(segment_pen(stroke.color, stroke.width * px_per_pt, p))
        painter.drawPoint(QPointF(x * width, y * height))
        return
    for i in range(max(1, start), len(points)):
        x0, y0, _p0 = points[i - 1]
        x1, y1, p1 = points[i]
        painter.setPen(segment_pen(stroke.color, stroke.width * px_per_pt, p1))
        painter.drawLine(QPointF(x0 * width, y0 * height), QPointF(x1 * width, y1 * height))


def segment_rect(a: tuple[float, float, float], b: tuple[float, float, float],
                 size_px: tuple[float, float], pen_px: float) -> QRectF:
    """What a new segment covers on screen: the only part to repaint."""
    width, height = size_px
    left, right = sorted((a[0] * width, b[0] * width))
    top, bottom = sorted((a[1] * height, b[1] * height))
    pad = pen_px + 2
    return QRectF(left - pad, top - pad, right - left + 2 * pad, bottom - top + 2 * pad)


def hits_stroke(stroke: InkStroke, x: float, y: float, size_px: tuple[float, float],
                tolerance_px: float) -> bool:
    """True when the point (page fractions) is within `tolerance_px` of the stroke."""
    width, height = size_px
    px, py = x * width, y * height
    points = [(a * width, b * height) for a, b, _p in stroke.points]
    if len(points) == 1:
        return math.hypot(points[0][0] - px, points[0][1] - py) <= tolerance_px
    for (ax, ay), (bx, by) in zip(points, points[1:]):
        dx, dy = bx - ax, by - ay
        length = dx * dx + dy * dy
        t = 0.0 if length == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length))
        if math.hypot(ax + t * dx - px, ay + t * dy - py) <= tolerance_px:
            return True
    return False


# -- marks on the text: highlight, underline, strike-out ---------------------------------------
TEXT_STYLES = ("highlight", "underline", "strikeout")
QUOTE_CONTEXT = 32  # characters of text kept either side of the quote, to find it again


@dataclass(frozen=True)
class TextMark:
    """A highlight, underline or strike-out over words: their boxes (page fractions, one per
    line) and the quoted text with its context (W3C Web Annotation TextQuoteSelector: exact,
    prefix, suffix), which finds the words again in a new version of the document."""

    uuid: str
    page: int
    style: str
    color: str
    boxes: tuple[tuple[float, float, float, float], ...]
    exact: str
    prefix: str = ""
    suffix: str = ""
    pending: bool = False


def mark_data(style: str, color: str, boxes: list[tuple[float, float, float, float]],
              exact: str, prefix: str, suffix: str) -> dict:
    return {"v": 1, "style": style, "color": color,
            "boxes": [[round(v, 4) for v in box] for box in boxes],
            "quote": {"exact": exact, "prefix": prefix, "suffix": suffix}}


def mark_from_data(uuid: str, page: int, data: Any, pending: bool = False
                   ) -> Optional[TextMark]:
    if not isinstance(data, dict) or data.get("style") not in TEXT_STYLES:
        return None
    color, boxes, quote = data.get("color"), data.get("boxes"), data.get("quote") or {}
    if not isinstance(color, str) or not _COLOUR.fullmatch(color) or not isinstance(boxes, list) \
            or not isinstance(quote, dict):
        return None
    clean = []
    for box in boxes[:500]:
        if not isinstance(box, list) or len(box) != 4 or not all(
                isinstance(v, (int, float)) and math.isfinite(v) for v in box):
            return None
        x0, y0, x1, y1 = (min(max(float(v), 0.0), 1.0) for v in box)
        clean.append((min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))
    if not clean:
        return None
    text = {k: quote.get(k) if isinstance(quote.get(k), str) else "" for k in
            ("exact", "prefix", "suffix")}
    return TextMark(uuid, page, data["style"], color, tuple(clean), text["exact"],
                    text["prefix"], text["suffix"], pending)


def paint_mark(painter: QPainter, mark: TextMark, size_px: tuple[float, float]) -> None:
    width, height = size_px
    colour = QColor(mark.color)
    for x0, y0, x1, y1 in mark.boxes:
        rect = QRectF(x0 * width, y0 * height, (x1 - x0) * width, (y1 - y0) * height)
        if mark.style == "highlight":
            colour.setAlpha(96)
            painter.fillRect(rect, colour)
            continue
        thickness = max(1.0, rect.height() * 0.08)
        pen = QPen(QColor(mark.color), thickness)
        painter.setPen(pen)
        y = rect.bottom() - thickness if mark.style == "underline" else rect.center().y()
        painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))


def mark_contains(mark: TextMark, x: float, y: float) -> bool:
    return any(x0 <= x <= x1 and y0 <= y <= y1 for x0, y0, x1, y1 in mark.boxes)
