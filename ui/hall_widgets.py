"""The painted parts of the hall screen (ui/hall_screen.py): its colours and fonts, the bar
chart of a vote's result and the bar of how many have voted (the table of a confidence vote
or an election is ui/hall_table.py).

Every share drawn is a share of the TOTAL number of delegates; the share texts are the
server's ("86,54%"), shown as they came."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

# -- looks ----------------------------------------------------------------------------------
BACKGROUND = "#08111f"
HEADER = "#0f1f38"
PANEL = "#101d33"
PANEL_ALT = "#0c1729"
TRACK = "#1c2c47"
TEXT = "#ffffff"
MUTED = "#a9bbd6"
ACCENT = "#f2c14e"  # gold: captions, the agenda item's label
PASSED = "#1f9d55"
NOT_PASSED = "#d83a3a"
TIED = "#c77c02"
OPTION_COLORS = {"yes": "#2fb55d", "no": "#e5484d", "abstain": "#8d9bb0",
                 "high": "#2fb55d", "trust": "#4a90e2", "low": "#e5484d"}
OTHER_COLORS = ("#f2c14e", "#4a90e2", "#b07cdb", "#3cc6c6")
FONT_FAMILIES = ["Noto Sans", "Segoe UI", "Liberation Sans", "Arial", "DejaVu Sans"]
DESIGN_WIDTH, DESIGN_HEIGHT = 1920, 1080  # sizes are given for this; other screens scale


def hall_font(pixels: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPixelSize(max(1, round(pixels)))
    font.setBold(bold)
    return font


def option_color(key: str, index: int) -> QColor:
    return QColor(OPTION_COLORS.get(key) or OTHER_COLORS[index % len(OTHER_COLORS)])


def draw_line(painter: QPainter, rect: QRectF, text: str, font: QFont, color: str,
          align=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter) -> None:
    """Draw one line, elided at the right end if it does not fit."""
    painter.setFont(font)
    painter.setPen(QColor(color))
    shown = QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight, int(rect.width()))
    painter.drawText(rect, int(align), shown)


def draw_bar(painter: QPainter, rect: QRectF, ratio: float, color: QColor) -> None:
    """A track as wide as all the delegates, filled to `ratio` of it."""
    radius = rect.height() / 2
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(TRACK))
    painter.drawRoundedRect(rect, radius, radius)
    ratio = min(max(ratio, 0.0), 1.0)
    if ratio > 0:
        filled = QRectF(rect.left(), rect.top(), max(rect.height(), rect.width() * ratio),
                        rect.height())
        painter.setBrush(color)
        painter.drawRoundedRect(filled, radius, radius)


class Painted(QWidget):
    """A painted widget that scales with the screen and says what it shows (`texts()`)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.scale = 1.0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_scale(self, scale: float) -> None:
        self.scale = scale
        self.updateGeometry()
        self.update()

    def px(self, value: float) -> float:
        return value * self.scale

    def texts(self) -> list[str]:
        return []


# -- a yes / no / abstain result -------------------------------------------------------------
@dataclass(frozen=True)
class BarRow:
    key: str
    label: str
    count: int
    share: str  # the server's text, e.g. "86,54%"


def bar_rows(result: Optional[dict]) -> list[BarRow]:
    rows = []
    for entry in (result or {}).get("counts") or ():
        if isinstance(entry, dict):
            rows.append(BarRow(str(entry.get("key") or ""), str(entry.get("label") or ""),
                               int(entry.get("count") or 0), str(entry.get("share") or "")))
    return rows


class ResultBars(Painted):
    """One horizontal bar per answer: its label, the bar (the track is every delegate), the
    count and its share of the total."""

    ROW = 104  # design pixels

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.rows: list[BarRow] = []
        self.total = 0

    def set_result(self, rows: Sequence[BarRow], total: int) -> None:
        self.rows, self.total = list(rows), max(0, int(total))
        self.updateGeometry()
        self.update()

    def sizeHint(self):
        size = super().sizeHint()
        size.setHeight(int(self.px(self.ROW) * max(1, len(self.rows))))
        return size

    def minimumSizeHint(self):
        return self.sizeHint()

    def texts(self) -> list[str]:
        return [t for r in self.rows for t in (r.label, str(r.count), r.share)]

    def paintEvent(self, _event) -> None:
        if not self.rows:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width = self.width()
        row_h = min(self.height() / len(self.rows), self.px(self.ROW * 1.3))
        label_w, count_w, share_w = width * 0.25, width * 0.09, width * 0.15
        bar_left = label_w + self.px(24)
        bar_w = width - bar_left - count_w - share_w - self.px(24)
        label_font, count_font = hall_font(self.px(46), True), hall_font(self.px(56), True)
        share_font = hall_font(self.px(44))
        for index, row in enumerate(self.rows):
            top = index * row_h
            draw_line(painter, QRectF(0, top, label_w, row_h), row.label, label_font, TEXT)
            bar_h = self.px(44)
            ratio = row.count / self.total if self.total else 0.0
            draw_bar(painter, QRectF(bar_left, top + (row_h - bar_h) / 2, bar_w, bar_h), ratio,
                 option_color(row.key, index))
            right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            draw_line(painter, QRectF(bar_left + bar_w, top, count_w, row_h), str(row.count),
                  count_font, TEXT, right)
            draw_line(painter, QRectF(width - share_w, top, share_w, row_h), row.share,
                  share_font, MUTED, right)
        painter.end()


# -- how many have voted ---------------------------------------------------------------------
class TurnoutBar(Painted):
    """How many of the delegates have voted: one neutral bar (never how they voted)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.voted, self.total = 0, 0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_counts(self, voted: int, total: int) -> None:
        self.voted, self.total = max(0, voted), max(0, total)
        self.update()

    def sizeHint(self):
        size = super().sizeHint()
        size.setHeight(int(self.px(40)))
        return size

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        ratio = self.voted / self.total if self.total else 0.0
        draw_bar(painter, QRectF(0, 0, self.width(), self.height()), ratio, QColor(ACCENT))
        painter.end()
