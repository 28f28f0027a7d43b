"""The per-delegate watermark drawn over every page of a confidential ("Mật") document.

Drawn into the page's pixels as they arrive from the render process (`PageRenderQueue`), before
anything keeps them: the cache, the screen and a screen grab only ever see a marked page. The
text says who is reading, on which tablet and since when, so a photo of the screen names its
source; it is tiled diagonally across the page, light enough to read the text under it.
"""
from __future__ import annotations

import math

from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter

COLOUR = QColor(198, 40, 40, 64)  # the red of the "Mật" badge, mostly transparent
ANGLE = -30.0


def watermark_lines(full_name: str, device: str, when: str) -> list[str]:
    return [line for line in (full_name, " · ".join(p for p in (device, when) if p)) if line]


def paint_watermark(image: QImage, lines: list[str]) -> None:
    """Tile `lines` diagonally over `image`, in place; its size sets the type size."""
    if not lines or image.isNull():
        return
    width, height = image.width(), image.height()
    font = QFont()
    font.setBold(True)
    font.setPixelSize(max(12, round(width / 28)))
    metrics = QFontMetricsF(font)
    line_height = metrics.height()
    block_width = max(metrics.horizontalAdvance(line) for line in lines)
    block_height = line_height * len(lines)
    step_x, step_y = block_width * 1.25, block_height * 3.2
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.setFont(font)
        painter.setPen(COLOUR)
        painter.translate(width / 2, height / 2)
        painter.rotate(ANGLE)
        reach = math.hypot(width, height) / 2 + block_width
        row = 0
        y = -reach
        while y < reach:
            offset = (step_x / 2) * (row % 2)
            x = -reach + offset
            while x < reach:
                for number, line in enumerate(lines):
                    painter.drawText(QPointF(x, y + number * line_height), line)
                x += step_x
            y += step_y
            row += 1
    finally:
        painter.end()


def has_watermark(image: QImage, samples: int = 4000) -> bool:
    """True when a good share of sampled pixels carry the watermark's red tint (for tests and
    the self-test): red clearly above green and blue."""
    if image.isNull():
        return False
    tinted = 0
    stride = max(1, (image.width() * image.height()) // samples)
    for i in range(0, image.width() * image.height(), stride):
        colour = image.pixelColor(i % image.width(), i // image.width())
        if colour.red() - colour.green() > 25 and colour.red() - colour.blue() > 25:
            tinted += 1
    return tinted > samples * 0.01

