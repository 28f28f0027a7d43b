"""The centre panel: the selected session's summary and its agenda tree."""
from __future__ import annotations

from typing import Sequence

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QLabel, QStackedWidget, QVBoxLayout, QWidget

from sync.client import AgendaItemInfo, DocumentInfo, SessionSummary, VoteResultInfo
from ui import texts
from ui.agenda_delegate import AgendaRowDelegate, WrappingTreeView
from ui.agenda_model import DOCUMENT, AgendaModel, KindRole, PayloadRole


class AgendaPanel(QWidget):
    """Emits `document_requested(DocumentInfo)` when the user picks a document."""

    document_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("agendaPanel")
        self.model = AgendaModel(self)

        title = QLabel(self.tr("Session agenda"))
        title.setObjectName("panelTitle")
        self.session_title = QLabel()
        self.session_title.setObjectName("sessionTitle")
        self.session_title.setWordWrap(True)
        self.session_details = QLabel()
        self.session_details.setObjectName("sessionDetails")
        self.session_details.setWordWrap(True)
        summary = QWidget()
        summary.setObjectName("sessionSummary")
        summary_layout = QVBoxLayout(summary)
        summary_layout.setContentsMargins(16, 12, 16, 12)
        summary_layout.setSpacing(4)
        summary_layout.addWidget(self.session_title)
        summary_layout.addWidget(self.session_details)
        self._summary = summary

        self.tree = WrappingTreeView()
        self.tree.setObjectName("agendaTree")
        self.tree.setModel(self.model)
        self.tree.setItemDelegate(AgendaRowDelegate(self.tree))
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setIndentation(18)
        self.tree.setAnimated(False)
        self.tree.setMouseTracking(True)
        self.tree.setFrameShape(WrappingTreeView.Shape.NoFrame)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.clicked.connect(self._on_activated)
        self.tree.activated.connect(self._on_activated)

        self.message = QLabel()
        self.message.setObjectName("placeholderMessage")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.tree)
        self.stack.addWidget(self.message)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(title)
        layout.addWidget(summary)
        layout.addWidget(self.stack, 1)
        self.show_session(None)

    # -- content --------------------------------------------------------------------------
    def show_session(self, session: SessionSummary | None) -> None:
        """Show the session's summary and a loading message until set_agenda is called."""
        self.model.clear()
        if session is None:
            self._summary.hide()
            self.show_message(self.tr("Select a session to see its agenda."))
            return
        self.session_title.setText(session.title)
        when = texts.format_date_range(session.starts_at, session.ends_at)
        start_time = texts.format_time(session.starts_at)
        if start_time and start_time != "00:00":
            when = self.tr("%1, starts at %2").replace("%1", when).replace("%2", start_time)
        lines = [" · ".join(p for p in (session.body_name, session.term_name) if p),
                 self.tr("Time: %1").replace("%1", when) if when else "",
                 self.tr("Place: %1").replace("%1", session.location) if session.location else ""]
        self.session_details.setText("\n".join(line for line in lines if line))
        self._summary.show()
        self.show_message(self.tr("Loading the agenda…"))

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.stack.setCurrentWidget(self.message)

    def set_agenda(self, items: Sequence[AgendaItemInfo],
                   votes: Sequence[VoteResultInfo] = ()) -> None:
        self.model.set_agenda(items, votes)
        if not items:
            self.show_message(self.tr("This session has no agenda yet."))
            return
        self.stack.setCurrentWidget(self.tree)
        self.tree.expandAll()

    def first_item_documents(self) -> list[DocumentInfo]:
        return self.model.first_item_documents()

    def select_document(self, document_id: int) -> None:
        """Highlight a document in the tree (without emitting document_requested)."""
        index = self.model.index_of_document(document_id)
        if index.isValid():
            self.tree.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.tree.scrollTo(index)

    def _on_activated(self, index: QModelIndex) -> None:
        if index.data(KindRole) == DOCUMENT:
            self.document_requested.emit(index.data(PayloadRole))
