"""Painting helpers shared by the item delegates: wrapped text and small status pills."""
from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter

WRAP = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignLeft) | int(Qt.AlignmentFlag.AlignTop)

TEXT = QColor("#1b2733")
MUTED = QColor("#5b6b7f")
SELECTED_BG = QColor("#e1ecf8")
HOVER_BG = QColor("#f1f5fa")
ACCENT = QColor("#17375e")
SEPARATOR = QColor("#e4e9ef")


def scaled_font(base: QFont, delta_points: float = 0.0, bold: bool = False) -> QFont:
    font = QFont(base)
    if delta_points and font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() + delta_points)
    font.setBold(bold)
    return font


def wrapped_height(font: QFont, text: str, width: int) -> int:
    """The height `text` takes when wrapped to `width` pixels (0 for no text)."""
    if not text:
        return 0
    rect = QFontMetrics(font).boundingRect(QRect(0, 0, max(width, 10), 100000), WRAP, text)
    return rect.height()


def draw_wrapped(painter: QPainter, font: QFont, color: QColor, x: int, y: int, width: int,
                 text: str) -> int:
    """Draw `text` wrapped to `width` at (x, y); return the height used."""
    if not text:
        return 0
    height = wrapped_height(font, text, width)
    painter.setFont(font)
    painter.setPen(color)
    painter.drawText(QRect(x, y, max(width, 10), height), WRAP, text)
    return height


def pill_size(font: QFont, text: str) -> tuple[int, int]:
    metrics = QFontMetrics(font)
    return metrics.horizontalAdvance(text) + 14, metrics.height() + 4


def draw_pill(painter: QPainter, font: QFont, x: int, y: int, text: str,
              foreground: QColor, background: QColor) -> int:
    """Draw a rounded label with its top-left corner at (x, y); return its width."""
    width, height = pill_size(font, text)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(background)
    painter.drawRoundedRect(QRectF(x, y, width, height), height / 2, height / 2)
    painter.setFont(font)
    painter.setPen(foreground)
    painter.drawText(QRect(x, y, width, height), int(Qt.AlignmentFlag.AlignCenter), text)
    painter.restore()
    return width


def draw_row_background(painter: QPainter, rect: QRect, selected: bool, hovered: bool,
                        accent_bar: bool = True) -> None:
    if selected:
        painter.fillRect(rect, SELECTED_BG)
        if accent_bar:
            painter.fillRect(QRect(rect.left(), rect.top(), 4, rect.height()), ACCENT)
    elif hovered:
        painter.fillRect(rect, HOVER_BG)
