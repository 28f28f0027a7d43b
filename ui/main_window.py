"""The main window: header, sessions (left), the selected session's agenda with the panel of
the item in focus (centre), and the document viewer with the presenter's bar (right); the
connection state in the status bar.

The session list comes from the server (`ApiClient`, on a worker). The selected session's
agenda, documents and live state come from the sync engine's replica (`SessionContentLoader`),
so they stay on screen with the server gone; every change the user makes is a mutation queued
by the engine. Without an engine the content comes from the REST API. Nothing here runs a
network call, a database read or a page render on the UI thread."""
from __future__ import annotations

import uuid as uuidlib
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout, QInputDialog, QLabel, QLineEdit, QMainWindow, QPushButton, QSplitter,
    QVBoxLayout, QWidget,
)

from app.protocol import mutations as m
from sync.client import ApiClient, DocumentInfo, SessionSummary, UserInfo
from sync.engine import SyncStatus
from ui import icons, texts
from ui.agenda_panel import AgendaPanel
from ui.document_viewer import DocumentViewer
from ui.header_bar import HeaderBar
from ui.live_controller import LiveController
from ui.login_dialog import device_name
from ui.notice_bar import NoticeBar
from ui.session_content import SessionContentLoader
from ui.session_list import SessionListPanel
from ui.session_state import SessionState
from ui.sitting_controller import SittingController
from ui.main_window_reading import ReadingParts
from ui.sync_bridge import EngineFactory, SyncBridge, files_dir
from ui.sync_status import SyncStatusView
from ui.workers import TaskHandle, TaskRunner

SPLITTER_SIZES = (290, 400, 676)  # sessions, agenda, viewer at a 1366 px wide window


class MainWindow(ReadingParts, QMainWindow):
    """Signals for whoever drives the window (the screenshot mode, tests):
    `sessions_loaded(list)`, `agenda_loaded(session_id)` (once per selection, when the agenda
    is on screen: with the engine, once its replica holds the session), `load_failed(message)`.

    `engine_factory(listener)` starts the sync engine (on a worker, after the window exists);
    without one the window reads the session through the REST API."""

    sessions_loaded = Signal(list)
    agenda_loaded = Signal(int)
    load_failed = Signal(str)

    def __init__(self, client: ApiClient, user: UserInfo, runner: TaskRunner,
                 cache_dir: str | Path, parent: QWidget | None = None, *,
                 engine_factory: EngineFactory | None = None):
        super().__init__(parent)
        self.client = client
        self.user = user
        self._runner = runner
        self._engine_factory = engine_factory
        self._sessions_task: TaskHandle | None = None
        self.current_session: SessionSummary | None = None
        self._announced: int | None = None  # agenda_loaded was emitted for this selection
        self._closing = False
        self._relogging = False
        self.bridge = SyncBridge(self) if engine_factory is not None else None

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
        self.notice = NoticeBar()
        self.sitting = SittingController(self, self.bridge, user.id, self)
        self.sitting.notice.connect(lambda text: self.notice.show_notice(text))
        self.sitting.announced.connect(
            lambda text: self.notice.show_notice(text, kind="info", timeout_ms=0))

        self.sessions_panel = SessionListPanel()
        self.agenda_panel = AgendaPanel()
        documents_dir = files_dir(Path(cache_dir), client.base_url, user.username)
        self.viewer = DocumentViewer(documents_dir)
        self.viewer.set_client(client)
        self.viewer.set_bridge(self.bridge)
        self._set_up_reading(Path(cache_dir), documents_dir)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(1)
        # The viewer never gets narrower than its page navigation and zoom controls.
        toolbar_margins = self.viewer.toolbar.layout().contentsMargins()
        viewer_minimum = (self.viewer.toolbar.controls.minimumSizeHint().width()
                          + toolbar_margins.left() + toolbar_margins.right())
        for widget, minimum in ((self.sessions_panel, 190), (self.session_search, 260),
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
        for widget in (self.header, self.banner, self.notice, self.sitting.bar):
            layout.addWidget(widget)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.sync_status = SyncStatusView()
        self.statusBar().addPermanentWidget(self.sync_status)
        self.sync_status.setVisible(self.bridge is not None)
        self.statusBar().showMessage(self.tr("Server: %1").replace("%1", client.base_url))

        self.content = SessionContentLoader(client, runner, self.bridge, self)
        self.live = LiveController(self.viewer, self.bridge, user.id, self)
        self.content.content_ready.connect(self._on_content)
        self.content.content_failed.connect(self._on_content_error)
        self.content.votes_failed.connect(lambda: self.statusBar().showMessage(
            self.tr("The vote results could not be loaded."), 8000))
        self.live.navigate.connect(self._show_document)
        self.sessions_panel.session_selected.connect(self._on_session_selected)
        self.agenda_panel.document_requested.connect(self.open_document)
        self.agenda_panel.current_requested.connect(self.set_current_item)
        self.agenda_panel.speak_requested.connect(self.request_to_speak)
        panel = self.agenda_panel.item_panel
        panel.withdraw_requested.connect(self.withdraw_request)
        panel.speaker_status_requested.connect(self.set_speaker_status)
        panel.note_changed.connect(self.save_note)
        if self.bridge is not None:
            self.bridge.status_changed.connect(self._on_sync_status)
            self.bridge.rejected.connect(self._on_rejected)
            self.bridge.notice.connect(self._on_sync_notice)
            self.bridge.engine_failed.connect(self._on_engine_failed)
            self.bridge.changed.connect(self._on_bridge_changed)

    # -- loading --------------------------------------------------------------------------
    def start(self) -> None:
        """Load the session list (then the default session's agenda); start the engine."""
        if self.bridge is not None and self._engine_factory is not None:
            self.bridge.start(self._engine_factory)
            self._engine_factory = None
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
        self._announced = None
        self.header.set_session(session)
        if changed:
            self.viewer.clear()
            self.session_search.clear()
            self._searchable = []
            self.search.set_documents([])
        self.live.set_session(session.id)
        self._set_roles(session.my_roles, live=False)
        self.agenda_panel.show_session(session)
        self.content.select(session)

    def _on_content(self, state: SessionState) -> None:
        session = self.current_session
        if session is None or state.session_id != session.id:
            return
        if not state.loaded:
            self._show_waiting()
            return
        self._set_roles(state.session.my_roles if state.session else session.my_roles,
                        live=state.live_sync)
        self.agenda_panel.set_state(state)
        self._searchable = list(state.documents().values())
        self.viewer.ink.set_documents(self._searchable)
        self.viewer.ink.set_annotations(state.annotations)
        self.notes_export.set_state(state)
        self.search.set_documents(self._searchable)
        self.live.update(state)
        roles = set(state.session.my_roles if state.session else session.my_roles)
        self.sitting.update(state, roles | ({"chair"} if self.user.is_admin else set()))
        if self._announced != state.session_id:
            self._announced = state.session_id
            self.agenda_loaded.emit(state.session_id)

    def _show_waiting(self) -> None:
        """The engine has no snapshot of the session yet."""
        if self.bridge is not None and self.bridge.status is not None and not self.bridge.online:
            self.agenda_panel.show_message(self.tr(
                "This session is not on this device yet. It will be loaded as soon as the "
                "connection to the server is back."))
        else:
            self.agenda_panel.show_message(self.tr("Loading the agenda…"))

    def _on_content_error(self, session_id: int, error: BaseException) -> None:
        message = texts.error_message(error, self.client.base_url)
        self.agenda_panel.show_message(
            self.tr("The agenda could not be loaded.") + "\n" + message)
        self.load_failed.emit(message)

    def _set_roles(self, roles, live: bool) -> None:
        roles = set(roles) | ({"chair"} if self.user.is_admin else set())
        can_chair = live and "chair" in roles
        self.agenda_panel.set_permissions(self.user.id, can_chair,
                                          live and bool(roles & {"delegate", "chair"}))
        self.viewer.toolbar.set_may_present(live and bool(roles & {"chair", "secretary"}))

    def _show_banner(self, message: str) -> None:
        self.banner_label.setText(message)
        self.banner.show()

    # -- the engine -----------------------------------------------------------------------
    def _on_sync_status(self, status: SyncStatus) -> None:
        self.sync_status.show_status(status)
        if status.state == "auth_required" and not self._relogging:
            self.notice.show_notice(texts.sync_state(status.state), timeout_ms=0,
                                    action=(self.tr("Log in again"), self._ask_password))
        if self.current_session is not None and self._announced is None \
                and self.content.uses_engine:
            self._show_waiting()

    def _ask_password(self) -> None:
        password, ok = QInputDialog.getText(
            self, self.tr("Log in again"),
            self.tr("Password of %1:").replace("%1", self.user.username),
            QLineEdit.EchoMode.Password)
        if ok and password:
            self.relogin(password)

    def relogin(self, password: str) -> None:
        """Log in again (on a worker) and hand the new token to the engine: the queued
        changes then go out as if nothing had happened."""
        self._relogging = True

        def done(_user) -> None:
            self._relogging = False
            self.notice.dismiss()
            self.bridge.submit(lambda engine: engine.set_token(self.client.token))

        def failed(error: BaseException) -> None:
            self._relogging = False
            self.notice.show_notice(texts.error_message(error, self.client.base_url),
                                    timeout_ms=0,
                                    action=(self.tr("Log in again"), self._ask_password))

        self._runner.submit(self.client.login, self.user.username, password, device_name(),
                            on_result=done, on_error=failed)

    def _on_rejected(self, _mutation_id: int, name: str, code: str, _message: str) -> None:
        message = texts.rejection_message(name, code)
        self.notice.show_notice(message)
        self.statusBar().showMessage(message, 15000)

    def _on_sync_notice(self, code: str, _session_id, count: int) -> None:
        message = texts.sync_notice(code, count)
        lost = code == "access_lost"
        self.notice.show_notice(message, kind="error" if lost else "info", timeout_ms=0)
        self.statusBar().showMessage(message, 30000)
        if lost:  # the session list changes too
            self.reload()

    def _on_engine_failed(self, message: str) -> None:
        self.sync_status.hide()
        self.notice.show_notice(self.tr(
            "The local copy of the sessions cannot be opened on this device. The client works "
            "only while connected to the server. %1").replace("%1", message), timeout_ms=0)

    # -- actions (all queued by the engine; they work offline) ------------------------------
    def _mutate(self, change_type: type[m.MutationArgs], on_failed=None, **args) -> bool:
        """Queue a change; `on_failed()` when it could not be queued (no engine, too large)."""
        if self.bridge is None or self.current_session is None:
            if on_failed is not None:
                on_failed()
            return False
        try:
            change = change_type(session_id=self.current_session.id, **args)
        except ValueError:  # arguments that do not fit (a note over the length limit)
            self.notice.show_notice(texts.rejection_message(change_type.name, "invalid"))
            if on_failed is not None:
                on_failed()
            return False

        def failed(exc: BaseException) -> None:
            self.notice.show_notice(texts.rejection_message(
                change_type.name, getattr(exc, "code", "") or type(exc).__name__))
            if on_failed is not None:
                on_failed()

        queued = self.bridge.mutate(change, on_error=failed)
        if not queued and on_failed is not None:
            on_failed()
        return queued

    def set_current_item(self, item_id: int | None) -> None:
        """Chair: the item under discussion (None: none)."""
        self._mutate(m.SetCurrentItem, agenda_item_id=item_id)

    def request_to_speak(self, item_id: int | None, kind: str = "speech",
                         topic: str = "") -> str:
        """Returns the request's uuid."""
        key = str(uuidlib.uuid4())
        self._mutate(m.SpeakerRequest, uuid=key, agenda_item_id=item_id, kind=kind, topic=topic)
        return key

    def withdraw_request(self, key: str) -> None:
        self._mutate(m.SpeakerWithdraw, uuid=key)

    def set_speaker_status(self, key: str, status: str) -> None:
        self._mutate(m.SpeakerSetStatus, uuid=key, status=status)

    def save_note(self, item_id: int, key: str, text: str) -> None:
        if text.strip():
            self._mutate(m.NotePut, uuid=key, agenda_item_id=item_id, text=text)
        else:
            self._mutate(m.NoteDelete, uuid=key)
        if self.bridge is not None:
            self.agenda_panel.item_panel.note_sent_serial = self.bridge.serial

    # -- documents ------------------------------------------------------------------------
    def open_document(self, document: DocumentInfo, page: int | None = None) -> None:
        """Open a document (the reader's choice: opening another document than the
        presenter's stops following the presenter), at `page` or where the reader left it."""
        if self.viewer.document is None or self.viewer.document.id != document.id:
            self.live.stop_following()
            if page is None:
                page = self.positions.page(document.id)
        self._show_document(document, self.viewer.current_page if page is None else page)

    def _show_document(self, document: DocumentInfo, page: int = 0) -> None:
        """Also the presenter's page, while following."""
        self.agenda_panel.select_document(document.id)
        self.viewer.open_document(document, page)

    # -- lifetime -------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Stop the window's background work and the sync engine (a note being typed is
        queued first); log out in the background. Idempotent."""
        if self._closing:
            return
        self._closing = True
        self.agenda_panel.item_panel.flush_note()
        self.sitting.shutdown()
        if self._sessions_task is not None:
            self._sessions_task.cancel()
        self.content.cancel()
        self.viewer.shutdown()
        self.notes_export.shutdown()
        self.positions.save()
        self.search.shutdown()
        if self.bridge is not None:
            self.bridge.shutdown()
        if self.client.token:
            self._runner.submit(self.client.logout, on_error=lambda exc: None)
