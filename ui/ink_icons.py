"""The ink bar's drawn icons: a text mark's "ab", a colour or width swatch, a sticky note, a
text box, the select arrow, sharing (drawn: a tablet's fonts may lack the symbols)."""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

INK = QColor("#263238")


def _canvas(width: int = 28, height: int = 24) -> tuple[QPixmap, QPainter]:
    pixmap = QPixmap(width, height)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    return pixmap, painter


def text_icon(style: str) -> QIcon:
    """"ab" highlighted, underlined or struck out."""
    pixmap, painter = _canvas()
    if style == "highlight":
        painter.fillRect(2, 4, 24, 16, QColor(249, 168, 37, 150))
    font = painter.font()
    font.setPixelSize(15)
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(INK)
    painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, "ab")
    pen = painter.pen()
    pen.setWidthF(2.0)
    pen.setColor(QColor("#c62828"))
    painter.setPen(pen)
    if style == "underline":
        painter.drawLine(4, 21, 24, 21)
    elif style == "strikeout":
        painter.drawLine(4, 13, 24, 13)
    painter.end()
    return QIcon(pixmap)


def swatch(color: str, width: float | None = None) -> QIcon:
    pixmap, painter = _canvas(24, 24)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(color))
    if width is None:
        painter.drawEllipse(3, 3, 18, 18)
    else:
        size = 4 + width * 2.4
        painter.drawEllipse(int(12 - size / 2), int(12 - size / 2), int(size), int(size))
    painter.end()
    return QIcon(pixmap)


def style_icon(color: str, width: float) -> QIcon:
    """The pen's colour and, beside it, its width."""
    pixmap, painter = _canvas(34, 24)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(color))
    painter.drawEllipse(1, 3, 18, 18)
    painter.setBrush(INK)
    size = 3 + width * 1.6
    painter.drawEllipse(QPointF(27, 12), size / 2, size / 2)
    painter.end()
    return QIcon(pixmap)


def note_icon() -> QIcon:
    pixmap, painter = _canvas()
    path = QPainterPath(QPointF(6, 3))
    path.lineTo(18, 3)
    path.lineTo(23, 8)
    path.lineTo(23, 21)
    path.lineTo(6, 21)
    path.closeSubpath()
    painter.setPen(QPen(QColor("#a06a00"), 1.2))
    painter.setBrush(QColor("#f9a825"))
    painter.drawPath(path)
    for y in (10, 14, 18):
        painter.drawLine(9, y, 20, y)
    painter.end()
    return QIcon(pixmap)


def textbox_icon() -> QIcon:
    pixmap, painter = _canvas()
    painter.setPen(QPen(INK, 1.2, Qt.PenStyle.DashLine))
    painter.drawRect(QRectF(3.5, 3.5, 21, 17))
    font = painter.font()
    font.setPixelSize(14)
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("#c62828"))
    painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, "T")
    painter.end()
    return QIcon(pixmap)


def select_icon() -> QIcon:
    """An arrow over a dashed frame: choose a note, drag it."""
    pixmap, painter = _canvas()
    painter.setPen(QPen(QColor("#1565c0"), 1.2, Qt.PenStyle.DashLine))
    painter.drawRect(QRectF(3.5, 3.5, 17, 13))
    arrow = QPainterPath(QPointF(12, 8))
    for x, y in ((12, 22), (15.5, 18.5), (18.5, 23.5), (20.5, 22.5), (17.5, 17.5), (22, 17)):
        arrow.lineTo(x, y)
    arrow.closeSubpath()
    painter.setPen(QPen(Qt.GlobalColor.white, 1))
    painter.setBrush(INK)
    painter.drawPath(arrow)
    painter.end()
    return QIcon(pixmap)


def share_icon() -> QIcon:
    """Three linked dots: shared with the session."""
    pixmap, painter = _canvas()
    painter.setPen(QPen(INK, 1.6))
    points = (QPointF(7, 12), QPointF(20, 5), QPointF(20, 19))
    painter.drawLine(points[0], points[1])
    painter.drawLine(points[0], points[2])
    painter.setBrush(QColor("#2e7d32"))
    for point in points:
        painter.drawEllipse(point, 3.5, 3.5)
    painter.end()
    return QIcon(pixmap)


def delete_icon() -> QIcon:
    """A waste bin."""
    pixmap, painter = _canvas()
    painter.setPen(QPen(QColor("#b71c1c"), 1.6))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawLine(QPointF(7, 7), QPointF(21, 7))
    painter.drawLine(QPointF(11.5, 7), QPointF(12, 4.5))
    painter.drawLine(QPointF(12, 4.5), QPointF(16, 4.5))
    painter.drawLine(QPointF(16, 4.5), QPointF(16.5, 7))
    body = QPainterPath(QPointF(8.5, 8.5))
    body.lineTo(10, 21)
    body.lineTo(18, 21)
    body.lineTo(19.5, 8.5)
    painter.drawPath(body)
    for x in (12, 14, 16):
        painter.drawLine(QPointF(x, 11), QPointF(x, 18.5))
    painter.end()
    return QIcon(pixmap)
