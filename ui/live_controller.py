"""Presenting and following the presenter, between the viewer and the live state.

Presenting (chair, secretary): "Trình chiếu" sends the open document and page as the session's
presenter (`live.set_presenter`); while presenting every page shown is sent again (page turns
in quick succession are sent once, the last one); "Dừng trình chiếu" clears it.

Following (everyone else): while following, the viewer opens the presenter's document at the
presenter's page whenever the live state changes. Turning a page or opening a document by hand
stops following; one tap on "Theo dõi người trình bày" follows again, jumping to the
presenter's current page. A presentation that starts (nobody presented, or someone else did)
turns following on: the room looks at what is presented, each reader may then browse away.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from app.protocol.mutations import SetPresenter
from sync.client import DocumentInfo
from ui.document_viewer import DocumentViewer
from ui.session_state import PresenterInfo, SessionState
from ui.sync_bridge import SyncBridge

SEND_PAGE_MS = 120


class LiveController(QObject):
    """Emits `navigate(document, page)` to show the presenter's page (the window opens it
    without counting it as the reader's own move), and `changed()` whenever what the live bar
    and the present button show may have changed."""

    navigate = Signal(object, int)
    changed = Signal()

    def __init__(self, viewer: DocumentViewer, bridge: SyncBridge | None, user_id: int,
                 parent: QObject | None = None):
        super().__init__(parent)
        self._viewer = viewer
        self._bridge = bridge
        self._user_id = user_id
        self.session_id: int | None = None
        self.following = True
        self.presenting = False
        self.presenter: PresenterInfo | None = None  # as the latest state says
        self._documents: dict[int, DocumentInfo] = {}
        self._sent: tuple[int, int] | None = None  # (document id, page) last sent as presenter
        self._intent_serial = 0  # the engine call of the last presenter change sent from here
        self._send_timer = QTimer(self)
        self._send_timer.setSingleShot(True)
        self._send_timer.setInterval(SEND_PAGE_MS)
        self._send_timer.timeout.connect(self._send_page)
        viewer.page_shown.connect(self._on_page_shown)
        viewer.user_navigated.connect(self.stop_following)
        viewer.toolbar.present_toggled.connect(self.set_presenting)
        viewer.live_bar.follow_toggled.connect(self.set_following)

    # -- state from the engine ----------------------------------------------------------------
    def set_session(self, session_id: int | None) -> None:
        """Another session: start again (following, not presenting)."""
        if session_id == self.session_id:
            return
        if self.presenting and self._bridge is not None:
            self._mutate(None)  # the room stops seeing it
        self.session_id = session_id
        self.following, self.presenting, self.presenter = True, False, None
        self._sent = None
        self._send_timer.stop()
        self._documents = {}
        self._refresh_widgets()

    def update(self, state: SessionState) -> None:
        if state.session_id != self.session_id or not state.live_sync:
            return
        self._documents = state.documents()
        previous = self.presenter
        presenter = state.live.presenter
        self.presenter = presenter
        mine = presenter is not None and presenter.user_id == self._user_id
        if self.presenting and not mine and state.serial >= self._intent_serial \
                and not state.live_pending:
            self.presenting = False  # someone else took over, or the server refused
            self._sent = None
        others = presenter if presenter is not None and not mine else None
        if others is not None and (previous is None or previous.user_id != others.user_id):
            self.following = True  # a presentation starts
        if others is not None and self.following:
            self._go_to(others)
        self._refresh_widgets()

    @property
    def presenter_is_me(self) -> bool:
        return self.presenter is not None and self.presenter.user_id == self._user_id

    # -- following ------------------------------------------------------------------------------
    def set_following(self, following: bool) -> None:
        self.following = following
        if following and self.presenter is not None and not self.presenter_is_me:
            self._go_to(self.presenter)
        self._refresh_widgets()

    def stop_following(self) -> None:
        """The reader turned a page or opened a document by hand."""
        if self.following and self.presenter is not None and not self.presenter_is_me:
            self.following = False
            self._refresh_widgets()

    def _go_to(self, presenter: PresenterInfo) -> None:
        document = self._documents.get(presenter.document_id)
        if document is not None:
            self.navigate.emit(document, presenter.page)

    # -- presenting -----------------------------------------------------------------------------
    def set_presenting(self, presenting: bool) -> None:
        document = self._viewer.document
        if self._bridge is None or self.session_id is None:
            presenting = False
        elif presenting and document is not None:
            self.presenting = True
            self._sent = None
            self._send_page()
        elif not presenting and self.presenting:
            self.presenting = False
            self._send_timer.stop()
            self._sent = None
            self._mutate(None)
        self._refresh_widgets()

    def _on_page_shown(self, _index: int) -> None:
        if self.presenting:
            self._send_timer.start()
            self._refresh_widgets()

    def _send_page(self) -> None:
        document = self._viewer.document
        if not self.presenting or document is None:
            return
        current = (document.id, self._viewer.current_page)
        if current != self._sent:
            self._sent = current
            self._mutate(*current)

    def _mutate(self, document_id: int | None, page: int = 0) -> None:
        self._bridge.mutate(SetPresenter(session_id=self.session_id, document_id=document_id,
                                         page=page))
        self._intent_serial = self._bridge.serial

    # -- widgets --------------------------------------------------------------------------------
    def _refresh_widgets(self) -> None:
        presenter = self.presenter
        mine = self.presenter_is_me
        title = None
        if presenter is not None:
            document = self._documents.get(presenter.document_id)
            title = document.title if document is not None else None
        if self.presenting:  # the page shown here, even before the room has it
            shown = self._viewer.document
            presenter = PresenterInfo(self._user_id, "", shown.id if shown else 0,
                                      self._viewer.current_page)
            mine = True
        self._viewer.live_bar.show_presenter(presenter, mine=mine, following=self.following,
                                             document_title=title)
        self._viewer.toolbar.set_presenting(self.presenting)
        self.changed.emit()
