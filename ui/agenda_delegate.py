"""Paints the agenda tree's rows: items (label, title, presenter; the item under discussion
on a green band with a "Đang thảo luận" marker), documents (PDF icon, title, kind and pages, a
"Mật" marker when confidential) and vote results (outcome and announcement). Rows wrap their
text to the column width."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTreeView

from ui import painting
from ui.agenda_model import (
    ConfidentialRole, CurrentRole, DetailRole, DOCUMENT, GROUP, ITEM, KindRole, OutcomeRole,
    PayloadRole, VOTE,
)
from ui.texts import confidential_marker, under_discussion

PAD_X, PAD_Y, GAP, ICON = 8, 8, 3, 26
CONFIDENTIAL_FG, CONFIDENTIAL_BG = QColor("#b71c1c"), QColor("#fde7e7")
PASSED_FG, PASSED_BG = QColor("#1e6b2a"), QColor("#e3f3e5")
FAILED_FG, FAILED_BG = QColor("#b71c1c"), QColor("#fde7e7")
CURRENT_FG, CURRENT_BG, CURRENT_BAND = QColor("#ffffff"), QColor("#2e7d32"), QColor("#eaf5ea")


def _depth(index: QModelIndex | QPersistentModelIndex) -> int:
    depth, parent = 0, index.parent()
    while parent.isValid():
        depth, parent = depth + 1, parent.parent()
    return depth


class AgendaRowDelegate(QStyledItemDelegate):
    def __init__(self, view: QTreeView):
        super().__init__(view)
        self._view = view

    # -- geometry -------------------------------------------------------------------------
    def _fonts(self, option: QStyleOptionViewItem, kind: str, top_level: bool):
        base = option.font
        if kind == ITEM:
            title = painting.scaled_font(base, 0.5 if top_level else 0.0, bold=True)
        elif kind == GROUP:
            title = painting.scaled_font(base, 0.0, bold=True)
        else:
            title = painting.scaled_font(base)
        return title, painting.scaled_font(base, -1.0), painting.scaled_font(base, -1.5, bold=True)

    def _row_width(self, index) -> int:
        indent = self._view.indentation()
        offset = indent * _depth(index) + (indent if self._view.rootIsDecorated() else 0)
        return max(120, self._view.viewport().width() - offset)

    def _has_icon(self, kind: str) -> bool:
        return kind in (DOCUMENT, VOTE)

    def _text_width(self, index, kind: str, badge_width: int = 0) -> int:
        width = self._row_width(index) - 2 * PAD_X
        if self._has_icon(kind):
            width -= ICON + PAD_X
        return max(60, width - badge_width)

    def _badge(self, index, badge_font) -> tuple[str, QColor, QColor, int]:
        kind = index.data(KindRole)
        if kind == DOCUMENT and index.data(ConfidentialRole):
            text, fg, bg = confidential_marker(), CONFIDENTIAL_FG, CONFIDENTIAL_BG
        elif kind == ITEM and index.data(CurrentRole):
            text, fg, bg = under_discussion(), CURRENT_FG, CURRENT_BG
        elif kind == VOTE and index.data(OutcomeRole):
            passed = index.data(PayloadRole).passed
            text = index.data(OutcomeRole)
            fg, bg = (PASSED_FG, PASSED_BG) if passed else (FAILED_FG, FAILED_BG)
        else:
            return "", QColor(), QColor(), 0
        return text, fg, bg, painting.pill_size(badge_font, text)[0] + 8

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        kind = index.data(KindRole)
        title_font, detail_font, badge_font = self._fonts(option, kind, not index.parent().isValid())
        badge_width = self._badge(index, badge_font)[3]
        title_h = painting.wrapped_height(title_font, index.data(Qt.ItemDataRole.DisplayRole),
                                          self._text_width(index, kind, badge_width))
        detail = index.data(DetailRole)
        detail_h = painting.wrapped_height(detail_font, detail, self._text_width(index, kind))
        height = title_h + (GAP + detail_h if detail else 0)
        if self._has_icon(kind):
            height = max(height, ICON)
        extra = 4 if kind == ITEM and not index.parent().isValid() else 0
        return QSize(self._row_width(index), height + 2 * PAD_Y + extra)

    # -- painting -------------------------------------------------------------------------
    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        painter.save()
        rect: QRect = option.rect
        kind = index.data(KindRole)
        top_level = not index.parent().isValid()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        hovered = bool(option.state & QStyle.StateFlag.State_MouseOver)
        current = kind == ITEM and bool(index.data(CurrentRole))
        if current and not selected:
            painter.fillRect(rect, CURRENT_BAND)
        painting.draw_row_background(painter, rect, selected, hovered and not current,
                                     accent_bar=kind == DOCUMENT)
        if current:
            painter.fillRect(QRect(rect.left(), rect.top(), 4, rect.height()), CURRENT_BG)
        title_font, detail_font, badge_font = self._fonts(option, kind, top_level)
        badge_text, badge_fg, badge_bg, badge_width = self._badge(index, badge_font)

        x = rect.left() + PAD_X
        y = rect.top() + PAD_Y + (4 if kind == ITEM and top_level else 0)
        if self._has_icon(kind):
            icon = index.data(Qt.ItemDataRole.DecorationRole)
            if isinstance(icon, QPixmap):
                painter.drawPixmap(QRect(x, y, ICON, ICON), icon)
            x += ICON + PAD_X
        title_width = self._text_width(index, kind, badge_width)
        title_color = painting.ACCENT if (selected or kind == ITEM) else painting.TEXT
        title_h = painting.draw_wrapped(painter, title_font, title_color, x, y, title_width,
                                        index.data(Qt.ItemDataRole.DisplayRole))
        if badge_text:
            painting.draw_pill(painter, badge_font, x + title_width + 8, y, badge_text,
                               badge_fg, badge_bg)
        detail = index.data(DetailRole)
        if detail:
            # a vote's detail is its announcement: the result itself, so not greyed out
            color = painting.TEXT if kind == VOTE else painting.MUTED
            painting.draw_wrapped(painter, detail_font, color, x, y + title_h + GAP,
                                  self._text_width(index, kind), detail)
        if kind == ITEM and top_level and index.row() > 0:
            painter.setPen(painting.SEPARATOR)
            painter.drawLine(rect.left(), rect.top(), rect.right(), rect.top())
        painter.restore()


class WrappingTreeView(QTreeView):
    """A tree view that lays its rows out again when its width changes (rows wrap text)."""

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.doItemsLayout()
