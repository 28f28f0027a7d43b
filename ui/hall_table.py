"""The table of a confidence vote (each official's "Tín nhiệm cao / Tín nhiệm / Tín nhiệm
thấp") or of an election (each candidate's "Đồng ý", its share of all the delegates, elected
or tied) on the hall screen. Its pages turn by themselves when the rows do not all fit.

The counts and shares are the server's (`VoteView.result["subjects"]`), shown as they came."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from PySide6.QtCore import QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFontMetrics, QPainter
from PySide6.QtWidgets import QWidget

from ui.hall_widgets import (
    ACCENT, MUTED, NOT_PASSED, PANEL, PANEL_ALT, PASSED, TEXT, TIED, Painted, draw_bar,
    draw_line, hall_font, option_color,
)

PAGE_TURN_MS = 10000


@dataclass(frozen=True)
class SubjectRow:
    name: str
    detail: str
    cells: tuple[tuple[str, int, str], ...]  # (key, count, share) per column
    badge: str = ""  # "Elected", "Tied", a confidence vote's warning
    badge_color: str = PASSED
    flagged_key: str = ""  # the cell to mark (a confidence vote's "low" over the threshold)


class SubjectTable(Painted):
    """A row per official or candidate; the pages turn every 10 s when they do not all fit.
    `paged(bool)`: after each change of size or rows, whether the rows need more than one
    page."""

    paged = Signal(bool)

    ROW_MIN, ROW_MAX, HEADER, FOOTER = 96, 124, 64, 56

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.columns: list[str] = []
        self.rows: list[SubjectRow] = []
        self.total = 0
        self.with_bars = False  # an election: one bar of "agree" per candidate
        self.page = 0
        self._turner = QTimer(self)
        self._turner.setInterval(PAGE_TURN_MS)
        self._turner.timeout.connect(self.next_page)

    def set_table(self, columns: Sequence[str], rows: Sequence[SubjectRow], total: int,
                  with_bars: bool = False) -> None:
        changed = (list(columns), list(rows)) != (self.columns, self.rows)
        self.columns, self.rows, self.total = list(columns), list(rows), max(0, int(total))
        self.with_bars = with_bars
        if changed:
            self.page = 0
        self._arm_turner()
        self.update()
        if self.isVisible():
            self.paged.emit(self.page_count() > 1)

    def show_result(self, vote, total: int) -> None:
        """The officials of a confidence vote or the candidates of an election (a `VoteView`
        whose result has "subjects"); nothing for another vote."""
        result = vote.result or {}
        subjects = [s for s in result.get("subjects") or () if isinstance(s, dict)]
        if result.get("kind") == "confidence":
            self._confidence(subjects, total)
        elif result.get("kind") == "election":
            self._election(vote, subjects, total)
        else:
            self.set_table([], [], 0)

    def _confidence(self, subjects: list[dict], total: int) -> None:
        rows, labels = [], []
        for subject in subjects:
            counts = [c for c in subject.get("counts") or () if isinstance(c, dict)]
            labels = labels or [str(c.get("label") or c.get("key")) for c in counts]
            badge = ""
            if subject.get("low_two_thirds_or_more"):
                badge = self.tr("Low: two thirds or more")
            elif subject.get("low_more_than_half"):
                badge = self.tr("Low: more than half")
            cells = tuple((str(c.get("key") or ""), int(c.get("count") or 0),
                           str(c.get("share") or "")) for c in counts)
            rows.append(SubjectRow(str(subject.get("name") or ""), str(subject.get("detail") or ""),
                                   cells, badge, NOT_PASSED, "low" if badge else ""))
        self.set_table([self.tr("Official"), *labels], rows, total)

    def _election(self, vote, subjects: list[dict], total: int) -> None:
        agree = next((c.label for c in vote.choices if c.key == "agree"), "") or self.tr("Agree")
        rows = []
        for subject in subjects:
            count = int(subject.get("agree") or 0)
            badge, color = "", PASSED
            if subject.get("elected"):
                badge = self.tr("Elected")
            elif subject.get("tied"):
                badge, color = self.tr("Tied"), TIED
            rows.append(SubjectRow(
                str(subject.get("name") or ""), str(subject.get("detail") or ""),
                (("agree", count, ""), ("share", count, str(subject.get("share") or "")),
                 ("outcome", 0, "")), badge, color))
        self.set_table([self.tr("Candidate"), agree, self.tr("% of all delegates"),
                        self.tr("Outcome")], rows, total, with_bars=True)

    def sizeHint(self):
        size = super().sizeHint()
        size.setHeight(int(self.px(self.HEADER + self.ROW_MAX * max(1, len(self.rows)))))
        return size

    def minimumSizeHint(self):
        size = super().minimumSizeHint()
        size.setHeight(int(self.px(self.HEADER + self.ROW_MIN + self.FOOTER)))
        return size

    def rows_per_page(self) -> int:
        free = self.height() - self.px(self.HEADER)
        if free // self.px(self.ROW_MIN) < len(self.rows):
            free -= self.px(self.FOOTER)  # room for "Page 1/3"
        return max(1, int(free // self.px(self.ROW_MIN)))

    def page_count(self) -> int:
        per_page = self.rows_per_page()
        return max(1, -(-len(self.rows) // per_page))

    def page_rows(self) -> list[SubjectRow]:
        per_page = self.rows_per_page()
        page = min(self.page, self.page_count() - 1)
        return self.rows[page * per_page:(page + 1) * per_page]

    def next_page(self) -> None:
        self.page = (self.page + 1) % self.page_count()
        self.update()

    def texts(self) -> list[str]:
        shown = list(self.columns)
        for row in self.page_rows():
            shown += [row.name, row.detail, row.badge]
            if self.with_bars:  # the count, the share's bar with its text, the badge
                shown += [str(row.cells[0][1]), row.cells[1][2]]
            else:
                shown += [t for _key, count, share in row.cells for t in (str(count), share)]
        if self.page_count() > 1:
            shown.append(self._page_text())
        return [t for t in shown if t]

    def _page_text(self) -> str:
        return self.tr("Page %1/%2").replace("%1", str(self.page + 1)).replace(
            "%2", str(self.page_count()))

    def _arm_turner(self) -> None:
        if self.isVisible() and self.page_count() > 1:
            if not self._turner.isActive():
                self._turner.start()
        else:
            self._turner.stop()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._arm_turner()

    def hideEvent(self, event) -> None:
        self._turner.stop()
        super().hideEvent(event)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.page = min(self.page, self.page_count() - 1)
        self._arm_turner()
        self.paged.emit(self.page_count() > 1)

    def paintEvent(self, _event) -> None:
        if not self.rows:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width, header_h = self.width(), self.px(self.HEADER)
        rows = self.page_rows()
        footer = self.px(self.FOOTER) if self.page_count() > 1 else 0
        row_h = min(self.px(self.ROW_MAX),
                    (self.height() - header_h - footer) / max(1, len(rows)))
        spans = self._spans(width)
        head_font = hall_font(self.px(36), True)
        for index, title in enumerate(self.columns):
            left, span = spans[index] if index < len(spans) else (0, 0)
            align = (Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter if index == 0
                     else Qt.AlignmentFlag.AlignCenter)
            draw_line(painter, QRectF(left + self.px(20), 0, span - self.px(40), header_h),
                      title, head_font, ACCENT, align)
        if self.page_count() > 1:
            right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom
            draw_line(painter, QRectF(0, self.height() - self.px(self.FOOTER),
                                      width - self.px(12), self.px(self.FOOTER)),
                      self._page_text(), hall_font(self.px(34), True), MUTED, right)
        for index, row in enumerate(rows):
            top = header_h + index * row_h
            painter.fillRect(QRectF(0, top, width, row_h - self.px(6)),
                             QColor(PANEL if index % 2 == 0 else PANEL_ALT))
            self._paint_name(painter, row, QRectF(self.px(20), top, spans[0][1] - self.px(40),
                                                  row_h - self.px(6)))
            for column, (key, count, share) in enumerate(row.cells):
                left, span = spans[column + 1] if column + 1 < len(spans) else (width, 0)
                cell = QRectF(left, top, span, row_h - self.px(6))
                self._paint_cell(painter, cell, key, column, count, share, row)
        painter.end()

    def _spans(self, width: float) -> list[tuple[float, float]]:
        """(left, width) of each column: the names, then the figures."""
        if self.with_bars:  # name, agree, share of all delegates, outcome
            fractions = [0.34, 0.13, 0.33, 0.20]
        else:
            others = max(1, len(self.columns) - 1)
            fractions = [0.34] + [0.66 / others] * others
        spans, left = [], 0.0
        for fraction in fractions:
            spans.append((left, width * fraction))
            left += width * fraction
        return spans

    def _paint_name(self, painter: QPainter, row: SubjectRow, rect: QRectF) -> None:
        name_font, detail_font = hall_font(self.px(44), True), hall_font(self.px(34))
        if not row.detail:
            draw_line(painter, rect, row.name, name_font, TEXT)
            return
        half = rect.height() * 0.56
        draw_line(painter, QRectF(rect.left(), rect.top(), rect.width(), half), row.name,
                  name_font, TEXT, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)
        draw_line(painter, QRectF(rect.left(), rect.top() + half, rect.width(),
                                  rect.height() - half),
                  row.detail, detail_font, MUTED,
                  Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

    def _paint_cell(self, painter: QPainter, cell: QRectF, key: str, column: int, count: int,
                    share: str, row: SubjectRow) -> None:
        count_font, share_font = hall_font(self.px(50), True), hall_font(self.px(38))
        if self.with_bars and column == 1:  # the election's share of every delegate
            bar_h = self.px(36)
            ratio = count / self.total if self.total else 0.0
            draw_bar(painter, QRectF(cell.left() + self.px(16), cell.center().y() - bar_h / 2,
                                     cell.width() * 0.55, bar_h), ratio, option_color("yes", 0))
            draw_line(painter, QRectF(cell.left() + cell.width() * 0.6, cell.top(),
                                      cell.width() * 0.4 - self.px(12), cell.height()),
                      share, share_font, MUTED,
                      Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return
        if self.with_bars and column == 2:  # the badge: elected, tied
            if row.badge:
                self._paint_badge(painter, cell, row.badge, row.badge_color)
            return
        flagged = bool(key) and key == row.flagged_key
        if flagged:  # a dark red cell, its warning under the figures
            painter.fillRect(cell.adjusted(self.px(8), self.px(6), -self.px(8), -self.px(6)),
                             QColor("#4a1a22"))
            if row.badge:
                draw_line(painter, QRectF(cell.left() + self.px(12),
                                          cell.top() + cell.height() * 0.6,
                                          cell.width() - self.px(24), cell.height() * 0.38),
                          row.badge, hall_font(self.px(30), True), "#ffb3b3",
                          Qt.AlignmentFlag.AlignCenter)
                cell = QRectF(cell.left(), cell.top(), cell.width(), cell.height() * 0.64)
        count_text, gap = str(count), self.px(16)
        count_w = QFontMetrics(count_font).horizontalAdvance(count_text)
        share_w = QFontMetrics(share_font).horizontalAdvance(share) if share else 0
        left = cell.center().x() - (count_w + (gap + share_w if share else 0)) / 2
        color = TEXT if self.with_bars or flagged else option_color(key, column).name()
        draw_line(painter, QRectF(left, cell.top(), count_w + 2, cell.height()), count_text,
                  count_font, color)
        if share:
            draw_line(painter, QRectF(left + count_w + gap, cell.top(), share_w + 2,
                                      cell.height()), share, share_font, MUTED)

    def _paint_badge(self, painter: QPainter, cell: QRectF, text: str, color: str) -> None:
        font = hall_font(self.px(36), True)
        width = min(cell.width() - self.px(24),
                    QFontMetrics(font).horizontalAdvance(text) + self.px(48))
        height = self.px(60)
        rect = QRectF(cell.center().x() - width / 2, cell.center().y() - height / 2, width,
                      height)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(color))
        painter.drawRoundedRect(rect, height / 2, height / 2)
        draw_line(painter, rect, text, font, TEXT, Qt.AlignmentFlag.AlignCenter)
