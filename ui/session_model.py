"""The list of sessions the user can see, as a Qt list model over `SessionSummary` values."""
from __future__ import annotations

from typing import Any, Sequence

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from sync.client import SessionSummary
from ui import texts

UPCOMING_STATUSES = ("published", "in_progress")

SummaryRole = Qt.ItemDataRole.UserRole + 1  # the SessionSummary itself
BodyRole = Qt.ItemDataRole.UserRole + 2
DateRole = Qt.ItemDataRole.UserRole + 3  # "05/12/2026" or "05/12/2026 – 07/12/2026"
StatusRole = Qt.ItemDataRole.UserRole + 4  # the protocol value: "published", ...
StatusTextRole = Qt.ItemDataRole.UserRole + 5  # in the user's language

AnyIndex = QModelIndex | QPersistentModelIndex


def default_session_row(sessions: Sequence[SessionSummary]) -> int:
    """The session to open first: the soonest upcoming one (published or in progress, by start
    time), else the first of the list; -1 for an empty list."""
    upcoming = [(s.starts_at, row) for row, s in enumerate(sessions)
                if s.status in UPCOMING_STATUSES]
    if upcoming:
        return min(upcoming)[1]
    return 0 if sessions else -1


class SessionListModel(QAbstractListModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._sessions: list[SessionSummary] = []

    def set_sessions(self, sessions: Sequence[SessionSummary]) -> None:
        self.beginResetModel()
        self._sessions = list(sessions)
        self.endResetModel()

    def sessions(self) -> list[SessionSummary]:
        return list(self._sessions)

    def session_at(self, row: int) -> SessionSummary | None:
        return self._sessions[row] if 0 <= row < len(self._sessions) else None

    def row_of(self, session_id: int) -> int:
        for row, session in enumerate(self._sessions):
            if session.id == session_id:
                return row
        return -1

    def default_row(self) -> int:
        return default_session_row(self._sessions)

    # -- QAbstractItemModel ---------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._sessions)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._sessions):
            return None
        session = self._sessions[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return session.title
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [session.title, session.body_name, session.term_name,
                     texts.format_date_range(session.starts_at, session.ends_at),
                     session.location, texts.session_status(session.status)]
            return "\n".join(line for line in lines if line)
        if role == SummaryRole:
            return session
        if role == BodyRole:
            return session.body_name
        if role == DateRole:
            return texts.format_date_range(session.starts_at, session.ends_at)
        if role == StatusRole:
            return session.status
        if role == StatusTextRole:
            return texts.session_status(session.status)
        return None
