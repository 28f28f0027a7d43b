"""The left panel: the sessions the user can see, one card each (title, body, date, status)."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView, QLabel, QListView, QStackedWidget, QStyle, QStyledItemDelegate,
    QStyleOptionViewItem, QVBoxLayout, QWidget,
)

from sync.client import SessionSummary
from ui import painting
from ui.session_model import (
    BodyRole, DateRole, SessionListModel, StatusRole, StatusTextRole, SummaryRole,
)

STATUS_COLORS = {  # foreground, background
    "published": (QColor("#1557a0"), QColor("#e3eefb")),
    "in_progress": (QColor("#1e6b2a"), QColor("#e3f3e5")),
    "closed": (QColor("#55646f"), QColor("#eceff2")),
    "draft": (QColor("#7a5a00"), QColor("#fff4d6")),
}
PAD_X, PAD_Y, GAP = 14, 11, 4


class SessionCardDelegate(QStyledItemDelegate):
    """Paints a session as a small card: bold title, body name, then date and status pill."""

    def __init__(self, view: QListView):
        super().__init__(view)
        self._view = view

    def _fonts(self, option: QStyleOptionViewItem):
        base = option.font
        return (painting.scaled_font(base, 0.5, bold=True), painting.scaled_font(base),
                painting.scaled_font(base, -1.0))

    def _text_width(self, option: QStyleOptionViewItem) -> int:
        width = option.rect.width() if option.rect.width() > 0 else self._view.viewport().width()
        return max(60, width - 2 * PAD_X)

    @staticmethod
    def _pill_on_own_line(body_font, small_font, index, width: int) -> bool:
        """True when the date and the status pill do not fit side by side."""
        date_width = QFontMetrics(body_font).horizontalAdvance(index.data(DateRole) or "")
        pill_width = painting.pill_size(small_font, index.data(StatusTextRole) or "")[0]
        return date_width + 8 + pill_width > width

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        title_font, body_font, small_font = self._fonts(option)
        width = self._text_width(option)
        height = PAD_Y
        height += painting.wrapped_height(title_font, index.data(Qt.ItemDataRole.DisplayRole), width)
        height += GAP + painting.wrapped_height(body_font, index.data(BodyRole), width)
        pill_height = painting.pill_size(small_font, index.data(StatusTextRole) or "")[1]
        height += GAP + 2 + pill_height
        if self._pill_on_own_line(body_font, small_font, index, width):
            height += GAP + painting.wrapped_height(body_font, index.data(DateRole), width)
        return QSize(width + 2 * PAD_X, height + PAD_Y)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        painter.save()
        rect: QRect = option.rect
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        hovered = bool(option.state & QStyle.StateFlag.State_MouseOver)
        painting.draw_row_background(painter, rect, selected, hovered)
        title_font, body_font, small_font = self._fonts(option)
        x, width = rect.left() + PAD_X, self._text_width(option)
        y = rect.top() + PAD_Y
        y += painting.draw_wrapped(painter, title_font, painting.ACCENT if selected else painting.TEXT,
                                   x, y, width, index.data(Qt.ItemDataRole.DisplayRole))
        y += GAP
        y += painting.draw_wrapped(painter, body_font, painting.MUTED, x, y, width,
                                   index.data(BodyRole))
        y += GAP + 2
        status_text = index.data(StatusTextRole) or ""
        fg, bg = STATUS_COLORS.get(index.data(StatusRole), STATUS_COLORS["closed"])
        pill_w, pill_h = painting.pill_size(small_font, status_text)
        if self._pill_on_own_line(body_font, small_font, index, width):
            y += painting.draw_wrapped(painter, body_font, painting.MUTED, x, y, width,
                                       index.data(DateRole)) + GAP
            pill_x = x
        else:
            painter.setFont(body_font)
            painter.setPen(painting.MUTED)
            painter.drawText(QRect(x, y, width, pill_h),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                             index.data(DateRole) or "")
            pill_x = rect.right() - PAD_X - pill_w
        painting.draw_pill(painter, small_font, pill_x, y, status_text, fg, bg)
        painter.setPen(painting.SEPARATOR)
        painter.drawLine(rect.left(), rect.bottom(), rect.right(), rect.bottom())
        painter.restore()


class SessionListPanel(QWidget):
    """Title, list of session cards, and a message in place of the list while loading, when
    empty, or after an error. Emits `session_selected(SessionSummary)`."""

    session_selected = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("sessionPanel")
        self.model = SessionListModel(self)
        title = QLabel(self.tr("Sessions"))
        title.setObjectName("panelTitle")

        self.view = QListView()
        self.view.setObjectName("sessionList")
        self.view.setModel(self.model)
        self.view.setItemDelegate(SessionCardDelegate(self.view))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setMouseTracking(True)
        self.view.setFrameShape(QListView.Shape.NoFrame)

        self.message = QLabel()
        self.message.setObjectName("placeholderMessage")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.message)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(title)
        layout.addWidget(self.stack, 1)

        self.view.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.show_message(self.tr("Loading…"))

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.stack.setCurrentWidget(self.message)

    def set_sessions(self, sessions: list[SessionSummary]) -> None:
        """Fill the list and select the default session (which emits session_selected)."""
        self.model.set_sessions(sessions)
        if not sessions:
            self.show_message(self.tr("You have no sessions yet."))
            return
        self.stack.setCurrentWidget(self.view)
        self.select_row(self.model.default_row())

    def select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)

    def current_session(self) -> SessionSummary | None:
        return self.view.currentIndex().data(SummaryRole)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        session = current.data(SummaryRole) if current.isValid() else None
        if session is not None:
            self.session_selected.emit(session)
