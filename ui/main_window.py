"""The main window: header, sessions (left), the selected session's agenda (centre), and the
document viewer (right). All server calls go through the TaskRunner, never on the UI thread."""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QMainWindow, QPushButton, QSplitter, QVBoxLayout, QWidget,
)

from sync.client import ApiClient, ApiError, ConnectionFailed, DocumentInfo, SessionSummary, UserInfo
from ui import icons, texts
from ui.agenda_panel import AgendaPanel
from ui.document_viewer import DocumentViewer
from ui.header_bar import HeaderBar
from ui.session_list import SessionListPanel
from ui.workers import TaskHandle, TaskRunner

log = logging.getLogger(__name__)

SPLITTER_SIZES = (290, 400, 676)  # sessions, agenda, viewer at a 1366 px wide window


def fetch_session_content(client: ApiClient, session: SessionSummary):
    """On a worker thread: the agenda, and for a finished session the vote results.
    Returns (items, votes, votes_failed)."""
    items = client.agenda(session.id)
    votes, votes_failed = [], False
    if session.status == "closed":
        try:
            votes = client.vote_results(session.id)
        except ConnectionFailed:
            raise
        except ApiError as exc:  # the agenda is still worth showing
            log.warning("vote results of session %s unavailable: %s", session.id, exc.code)
            votes_failed = True
    return items, votes, votes_failed


class MainWindow(QMainWindow):
    """Signals for whoever drives the window (the screenshot mode, tests):
    `sessions_loaded(list)`, `agenda_loaded(session_id)`, `load_failed(message)`."""

    sessions_loaded = Signal(list)
    agenda_loaded = Signal(int)
    load_failed = Signal(str)

    def __init__(self, client: ApiClient, user: UserInfo, runner: TaskRunner,
                 cache_dir: str | Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.client = client
        self.user = user
        self._runner = runner
        self._sessions_task: TaskHandle | None = None
        self._agenda_task: TaskHandle | None = None
        self.current_session: SessionSummary | None = None
        self._closing = False

        self.setWindowTitle(self.tr("Paperless meeting room"))
        self.setWindowIcon(icons.app_icon())

        self.header = HeaderBar()
        self.header.set_user(user)
        self.banner = QWidget()
        self.banner.setObjectName("banner")
        self.banner.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.banner_label = QLabel()
        self.banner_label.setWordWrap(True)
        self.retry_button = QPushButton(self.tr("Try again"))
        self.retry_button.clicked.connect(self.reload)
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.setContentsMargins(16, 6, 16, 6)
        banner_layout.addWidget(self.banner_label, 1)
        banner_layout.addWidget(self.retry_button)
        self.banner.hide()

        self.sessions_panel = SessionListPanel()
        self.agenda_panel = AgendaPanel()
        self.viewer = DocumentViewer(cache_dir)
        self.viewer.set_client(client)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(1)
        # The viewer never gets narrower than its page navigation and zoom controls.
        toolbar_margins = self.viewer.toolbar.layout().contentsMargins()
        viewer_minimum = (self.viewer.toolbar.controls.minimumSizeHint().width()
                          + toolbar_margins.left() + toolbar_margins.right())
        for widget, minimum in ((self.sessions_panel, 190), (self.agenda_panel, 260),
                                (self.viewer, viewer_minimum)):
            widget.setMinimumWidth(minimum)
            self.splitter.addWidget(widget)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setStretchFactor(2, 1)
        self.splitter.setSizes(list(SPLITTER_SIZES))

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.banner)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.statusBar().showMessage(self.tr("Server: %1").replace("%1", client.base_url))

        self.sessions_panel.session_selected.connect(self._on_session_selected)
        self.agenda_panel.document_requested.connect(self.open_document)

    # -- loading --------------------------------------------------------------------------
    def start(self) -> None:
        """Load the session list (then the default session's agenda)."""
        self.reload()

    def reload(self) -> None:
        self.banner.hide()
        if self._sessions_task is not None:
            self._sessions_task.cancel()
        self.sessions_panel.show_message(self.tr("Loading the sessions…"))
        self._sessions_task = self._runner.submit(
            self.client.sessions, on_result=self._on_sessions, on_error=self._on_sessions_error)

    def _on_sessions(self, sessions: list[SessionSummary]) -> None:
        self._sessions_task = None
        self.sessions_panel.set_sessions(sessions)  # selects the default session
        if not sessions:
            self.agenda_panel.show_session(None)
            self.agenda_panel.show_message(self.tr("There is no session to show."))
        self.sessions_loaded.emit(sessions)

    def _on_sessions_error(self, error: BaseException) -> None:
        self._sessions_task = None
        message = texts.error_message(error, self.client.base_url)
        self.sessions_panel.show_message(self.tr("The sessions could not be loaded."))
        self._show_banner(message)
        self.load_failed.emit(message)

    def _on_session_selected(self, session: SessionSummary) -> None:
        changed = self.current_session is None or self.current_session.id != session.id
        self.current_session = session
        self.header.set_session(session)
        if changed:
            self.viewer.clear()
        self.agenda_panel.show_session(session)
        if self._agenda_task is not None:
            self._agenda_task.cancel()
        self._agenda_task = self._runner.submit(
            fetch_session_content, self.client, session,
            on_result=lambda content: self._on_agenda(session.id, content),
            on_error=lambda exc: self._on_agenda_error(session.id, exc))

    def _on_agenda(self, session_id: int, content) -> None:
        if self.current_session is None or self.current_session.id != session_id:
            return
        self._agenda_task = None
        items, votes, votes_failed = content
        self.agenda_panel.set_agenda(items, votes)
        if votes_failed:
            self.statusBar().showMessage(self.tr("The vote results could not be loaded."), 8000)
        self.agenda_loaded.emit(session_id)

    def _on_agenda_error(self, session_id: int, error: BaseException) -> None:
        if self.current_session is None or self.current_session.id != session_id:
            return
        self._agenda_task = None
        message = texts.error_message(error, self.client.base_url)
        self.agenda_panel.show_message(
            self.tr("The agenda could not be loaded.") + "\n" + message)
        self.load_failed.emit(message)

    def _show_banner(self, message: str) -> None:
        self.banner_label.setText(message)
        self.banner.show()

    # -- documents ------------------------------------------------------------------------
    def open_document(self, document: DocumentInfo) -> None:
        self.agenda_panel.select_document(document.id)
        self.viewer.open_document(document)

    # -- lifetime -------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Stop the window's background work; log out in the background. Idempotent."""
        if self._closing:
            return
        self._closing = True
        for task in (self._sessions_task, self._agenda_task):
            if task is not None:
                task.cancel()
        self.viewer.shutdown()
        if self.client.token:
            self._runner.submit(self.client.logout, on_error=lambda exc: None)
