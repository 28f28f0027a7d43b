"""The centre panel: the selected session's summary, its agenda tree (the item under
discussion marked), and under it the panel of the agenda item in focus."""
from __future__ import annotations

from typing import Sequence

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QLabel, QMenu, QSplitter, QStackedWidget, QVBoxLayout, QWidget,
)

from sync.client import AgendaItemInfo, DocumentInfo, SessionSummary, VoteResultInfo
from ui import texts
from ui.agenda_delegate import AgendaRowDelegate, WrappingTreeView
from ui.agenda_model import DOCUMENT, AgendaModel, KindRole, PayloadRole
from ui.item_panel import ItemPanel
from ui.session_state import SessionState


class AgendaPanel(QWidget):
    """Emits `document_requested(DocumentInfo)` when the user picks a document. The context
    menu of an item and the item panel ask for `current_requested(item_id or None)` (chair)
    and `speak_requested(item_id, kind)`; the item panel's other requests are its own
    signals (`item_panel`)."""

    document_requested = Signal(object)
    current_requested = Signal(object)
    speak_requested = Signal(int, str)

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
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._item_menu)
        self.tree.selectionModel().currentChanged.connect(lambda *_: self._show_focus())
        self.item_panel = ItemPanel()
        self.item_panel.current_requested.connect(self.current_requested)
        self.item_panel.speak_requested.connect(self.speak_requested)
        self._state: SessionState | None = None
        self._shown: tuple | None = None
        self._user_id = 0
        self._can_chair = self._can_speak = False

        self.message = QLabel()
        self.message.setObjectName("placeholderMessage")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.tree)
        self.stack.addWidget(self.message)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(1)
        self.splitter.addWidget(self.stack)
        self.splitter.addWidget(self.item_panel)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setSizes([460, 250])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(title)
        layout.addWidget(summary)
        layout.addWidget(self.splitter, 1)
        self.show_session(None)

    # -- content --------------------------------------------------------------------------
    def show_session(self, session: SessionSummary | None) -> None:
        """Show the session's summary and a loading message until set_agenda is called."""
        self.model.clear()
        self._state, self._shown = None, None
        self.item_panel.show_item(None, None, 0)
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

    def set_permissions(self, user_id: int, can_chair: bool, can_speak: bool) -> None:
        self._user_id, self._can_chair, self._can_speak = user_id, can_chair, can_speak
        self.item_panel.set_permissions(can_chair, can_speak)

    def set_state(self, state: SessionState) -> None:
        """Show a (re-)read of the session: the tree is rebuilt only when the agenda or its
        documents changed; the live marks and the item panel follow every read."""
        shown = (state.items, state.votes)
        if shown != self._shown:
            keep = self._selected_key()
            self.set_agenda(state.items, state.votes)
            self._shown = shown
            self._reselect(keep)
        self._state = state
        self.model.set_live(state.live.current_item_id, state.waiting_counts())
        self._show_focus()

    def focused_item(self) -> AgendaItemInfo | None:
        """The item selected in the tree (or the one of the selected document), else the item
        under discussion."""
        item = self.model.item_of(self.tree.currentIndex())
        if item is None and self._state is not None:
            item = self._state.item(self._state.live.current_item_id)
        return item

    def _show_focus(self) -> None:
        state = self._state
        if state is None or not state.live_sync:
            self.item_panel.show_item(None, None, 0)
            return
        self.item_panel.show_item(self.focused_item(), state, self._user_id)

    def _selected_key(self) -> tuple[str, int] | None:
        index = self.tree.currentIndex()
        payload = index.data(PayloadRole) if index.isValid() else None
        return (index.data(KindRole), payload.id) if payload is not None else None

    def _reselect(self, key: tuple[str, int] | None) -> None:
        if key is None:
            return
        kind, key_id = key
        index = (self.model.index_of_document(key_id) if kind == DOCUMENT
                 else self.model.index_of_item(key_id))
        if index.isValid():
            self.tree.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def _item_menu(self, position: QPoint) -> None:
        item = self.model.item_of(self.tree.indexAt(position))
        if item is None or self._state is None or not self._state.live_sync:
            return
        menu = QMenu(self)
        if self._can_chair:
            if self._state.live.current_item_id == item.id:
                menu.addAction(self.tr("End the discussion of this item"),
                               lambda: self.current_requested.emit(None))
            else:
                menu.addAction(self.tr("Set as the item under discussion"),
                               lambda: self.current_requested.emit(item.id))
        if self._can_speak:
            kind = "question" if item.kind == "question_time" else "speech"
            menu.addAction(self.tr("Request to speak on this item"),
                           lambda: self.speak_requested.emit(item.id, kind))
        if not menu.isEmpty():
            menu.exec(self.tree.viewport().mapToGlobal(position))

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
