"""Small icons drawn with QPainter, so the client ships no image files and looks the same on
every platform (an offscreen or minimal desktop has no icon theme)."""
from __future__ import annotations

import math
from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPainterPath, QPen, QPixmap

PDF_RED = QColor("#c62828")
NAVY = QColor("#17375e")
GREEN = QColor("#2e7d32")


def _canvas(size: int) -> tuple[QPixmap, QPainter]:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    return pixmap, painter


def _page_outline(size: int) -> tuple[QPainterPath, QRectF]:
    margin = size * 0.16
    fold = size * 0.26
    rect = QRectF(margin, size * 0.06, size - 2 * margin, size * 0.88)
    path = QPainterPath()
    path.moveTo(rect.left(), rect.top())
    path.lineTo(rect.right() - fold, rect.top())
    path.lineTo(rect.right(), rect.top() + fold)
    path.lineTo(rect.right(), rect.bottom())
    path.lineTo(rect.left(), rect.bottom())
    path.closeSubpath()
    return path, rect


@lru_cache(maxsize=None)
def pdf_pixmap(size: int = 32) -> QPixmap:
    pixmap, p = _canvas(size)
    path, rect = _page_outline(size)
    p.setPen(QPen(QColor("#9e9e9e"), max(1.0, size / 32)))
    p.setBrush(QColor("white"))
    p.drawPath(path)
    band = QRectF(rect.left() - size * 0.08, rect.top() + rect.height() * 0.48,
                  rect.width() * 0.9, rect.height() * 0.3)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(PDF_RED)
    p.drawRoundedRect(band, size * 0.04, size * 0.04)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(max(6, int(band.height() * 0.8)))
    p.setFont(font)
    p.setPen(QColor("white"))
    p.drawText(band, Qt.AlignmentFlag.AlignCenter, "PDF")
    p.end()
    return pixmap


@lru_cache(maxsize=None)
def vote_pixmap(size: int = 32, passed: bool | None = True) -> QPixmap:
    """A ballot box tick (passed), cross (not passed) or dot (no outcome)."""
    pixmap, p = _canvas(size)
    color = GREEN if passed else (PDF_RED if passed is False else NAVY)
    rect = QRectF(size * 0.14, size * 0.14, size * 0.72, size * 0.72)
    p.setPen(QPen(color, max(1.5, size / 14)))
    p.setBrush(QColor("white"))
    p.drawRoundedRect(rect, size * 0.12, size * 0.12)
    if passed:
        p.drawPolyline([QPointF(size * 0.3, size * 0.52), QPointF(size * 0.44, size * 0.66),
                        QPointF(size * 0.72, size * 0.34)])
    elif passed is False:
        p.drawLine(QPointF(size * 0.34, size * 0.34), QPointF(size * 0.66, size * 0.66))
        p.drawLine(QPointF(size * 0.66, size * 0.34), QPointF(size * 0.34, size * 0.66))
    else:
        p.setBrush(color)
        p.drawEllipse(QPointF(size / 2, size / 2), size * 0.1, size * 0.1)
    p.end()
    return pixmap


def _star(center: QPointF, radius: float) -> QPainterPath:
    path = QPainterPath()
    for i in range(10):
        r = radius if i % 2 == 0 else radius * 0.4
        angle = math.radians(-90 + i * 36)
        point = QPointF(center.x() + r * math.cos(angle), center.y() + r * math.sin(angle))
        path.moveTo(point) if i == 0 else path.lineTo(point)
    path.closeSubpath()
    return path


@lru_cache(maxsize=None)
def app_pixmap(size: int = 64) -> QPixmap:
    """The window icon: a navy rounded square holding a white document with a red star."""
    pixmap, p = _canvas(size)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(NAVY)
    p.drawRoundedRect(QRectF(0, 0, size, size), size * 0.22, size * 0.22)
    page = QRectF(size * 0.25, size * 0.16, size * 0.5, size * 0.68)
    fold = size * 0.14
    outline = QPainterPath()
    outline.moveTo(page.left(), page.top())
    outline.lineTo(page.right() - fold, page.top())
    outline.lineTo(page.right(), page.top() + fold)
    outline.lineTo(page.right(), page.bottom())
    outline.lineTo(page.left(), page.bottom())
    outline.closeSubpath()
    p.setBrush(QColor("white"))
    p.drawPath(outline)
    p.setBrush(PDF_RED)
    p.drawPath(_star(QPointF(page.center().x(), page.top() + size * 0.17), size * 0.1))
    p.setBrush(QColor("#9fb0c6"))
    for i in range(3):
        y = page.top() + size * (0.34 + i * 0.09)
        width = page.width() * (0.64 if i < 2 else 0.44)
        p.drawRoundedRect(QRectF(page.left() + page.width() * 0.18, y, width, size * 0.035),
                          size * 0.017, size * 0.017)
    p.end()
    return pixmap


def pdf_icon() -> QIcon:
    return QIcon(pdf_pixmap(32))


def app_icon() -> QIcon:
    icon = QIcon()
    for size in (16, 32, 64, 128):
        icon.addPixmap(app_pixmap(size))
    return icon


# -- connection states (sync status) --------------------------------------------------------
STATE_COLORS = {"online": "#2e7d32", "syncing": "#1565c0", "offline": "#e65100",
                "auth_required": "#c62828"}


@lru_cache(maxsize=None)
def state_pixmap(state: str, size: int = 16) -> QPixmap:
    """A round badge per connection state: a tick (online), two arrows (syncing), a broken
    link (offline), an exclamation mark (login expired)."""
    pixmap, p = _canvas(size)
    color = QColor(STATE_COLORS.get(state, "#5b6b7f"))
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(color)
    p.drawEllipse(QRectF(0.5, 0.5, size - 1, size - 1))
    pen = QPen(QColor("white"), max(1.4, size / 9))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    s = size
    if state == "online":
        p.drawPolyline([QPointF(s * 0.28, s * 0.52), QPointF(s * 0.44, s * 0.68),
                        QPointF(s * 0.72, s * 0.36)])
    elif state == "syncing":
        p.drawArc(QRectF(s * 0.26, s * 0.26, s * 0.48, s * 0.48), 30 * 16, 150 * 16)
        p.drawArc(QRectF(s * 0.26, s * 0.26, s * 0.48, s * 0.48), 210 * 16, 150 * 16)
    elif state == "offline":
        p.drawLine(QPointF(s * 0.3, s * 0.3), QPointF(s * 0.7, s * 0.7))
        p.drawLine(QPointF(s * 0.7, s * 0.3), QPointF(s * 0.3, s * 0.7))
    else:
        p.drawLine(QPointF(s * 0.5, s * 0.26), QPointF(s * 0.5, s * 0.56))
        p.drawPoint(QPointF(s * 0.5, s * 0.74))
    p.end()
    return pixmap


@lru_cache(maxsize=None)
def live_dot_pixmap(size: int = 12, color: str = "#c62828") -> QPixmap:
    """The small "on air" dot of the presenter bar and the current agenda item."""
    pixmap, p = _canvas(size)
    p.setPen(Qt.PenStyle.NoPen)
    faded = QColor(color)
    faded.setAlpha(70)
    p.setBrush(faded)
    p.drawEllipse(QRectF(0, 0, size, size))
    p.setBrush(QColor(color))
    p.drawEllipse(QRectF(size * 0.22, size * 0.22, size * 0.56, size * 0.56))
    p.end()
    return pixmap
