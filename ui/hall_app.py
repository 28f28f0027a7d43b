"""`phonghop hall`: the hall screen on the hall's computer. It logs in (the login dialog, or by
itself with a user name and a password; the account is typically a guest of the session),
picks the session, follows it with the sync engine and shows the hall screen full screen.
With `screenshot` it saves the screen (1920×1080) as a PNG once the session is loaded and
leaves. Failures end with one line on stderr and a non-zero exit code."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Sequence

from PySide6.QtCore import QObject, QTimer, Signal

from sync.client import ApiClient, SessionSummary, UserInfo
from ui import texts
from ui.app import default_cache_dir, run_flow
from ui.hall_screen import HallScreen
from ui.login_dialog import ClientFactory, LoginDialog
from ui.session_content import SessionContentLoader
from ui.session_model import default_session_row
from ui.session_state import SessionState
from ui.sync_bridge import SyncBridge, engine_factory
from ui.workers import TaskRunner

HALL_SIZE = (1920, 1080)
TIMEOUT_S = 60
SETTLE_MS = 300  # the last layout and paint events before the grab


def pick_session(sessions: Sequence[SessionSummary],
                 session_id: int | None = None) -> SessionSummary | None:
    """The session asked for; else the first one in progress; else the one the main window
    opens first (the soonest upcoming, else the first listed)."""
    if session_id is not None:
        return next((s for s in sessions if s.id == session_id), None)
    running = [s for s in sessions if s.status == "in_progress"]
    if running:
        return running[0]
    row = default_session_row(sessions)
    return sessions[row] if row >= 0 else None


class HallFlow(QObject):
    """Login, session, hall screen. `exit_requested(code)` ends the event loop; `failed`
    holds the one line written to stderr."""

    exit_requested = Signal(int)

    def __init__(self, server_url: str, runner: TaskRunner, cache_dir: Path, *,
                 client_factory: ClientFactory, username: str | None = None,
                 password: str | None = None, session_id: int | None = None,
                 screenshot: str | None = None, verify: Any = True,
                 parent: QObject | None = None):
        super().__init__(parent)
        self._runner = runner
        self._cache_dir = cache_dir
        self._verify = verify
        self._session_id = session_id
        self._auto_login = username is not None and password is not None
        self.screenshot = Path(screenshot) if screenshot else None
        self.client: ApiClient | None = None
        self.bridge: SyncBridge | None = None
        self.loader: SessionContentLoader | None = None
        self.screen: HallScreen | None = None
        self.session: SessionSummary | None = None
        self.failed: str | None = None
        self._done = False
        self.dialog = LoginDialog(server_url, runner, client_factory)
        self.dialog.set_credentials(username, password)
        self.dialog.logged_in.connect(self._on_logged_in)
        self.dialog.rejected.connect(lambda: self._finish(0))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(lambda: self.fail(self.tr(
            "The session did not load within %1 seconds.").replace("%1", str(TIMEOUT_S))))

    def start(self) -> None:
        if self.screenshot is not None:
            self.dialog.login_failed.connect(self.fail)
            if not self._auto_login:
                self.fail(self.tr("Screenshot mode needs a user name and a password."))
                return
            self._timer.start(TIMEOUT_S * 1000)
            self.dialog.start_login()
            return
        self.dialog.show()
        if self._auto_login:
            self.dialog.start_login()  # the dialog shows a failure and lets one try again

    # -- steps ------------------------------------------------------------------------------
    def _on_logged_in(self, client: ApiClient, user: UserInfo) -> None:
        self.client = client
        self.dialog.hide()
        self.bridge = SyncBridge(self)
        self.loader = SessionContentLoader(client, self._runner, self.bridge, self)
        self.screen = HallScreen(sound=self.screenshot is None)
        self.screen.follow(self.loader)
        self.screen.closed.connect(lambda: self._finish(0))
        self.loader.content_ready.connect(self._on_content)
        self.bridge.status_changed.connect(
            lambda status: self.screen.set_offline(status.state not in ("online", "syncing")))
        self.bridge.start(engine_factory(client, user, self._cache_dir, self._verify))
        self._runner.submit(client.sessions, on_result=self._on_sessions,
                            on_error=lambda exc: self.fail(texts.error_message(
                                exc, client.base_url)))
        if self.screenshot is not None:
            self.screen.setFixedSize(*HALL_SIZE)
            self.screen.show()
        else:
            self.screen.show_for_hall()

    def _on_sessions(self, sessions: list[SessionSummary]) -> None:
        session = pick_session(sessions, self._session_id)
        if session is None:
            self.fail(self.tr("There is no session %1 for this account.").replace(
                "%1", str(self._session_id)) if self._session_id is not None
                else self.tr("There is no session for this account."))
            return
        self.session = session
        self.screen.set_state(SessionState(session_id=session.id, session=session))
        self.loader.select(session)

    def _on_content(self, state: SessionState) -> None:
        if self.screenshot is not None and state.loaded and not self._done:
            QTimer.singleShot(SETTLE_MS, self._capture)

    def _capture(self) -> None:
        if self._done or self.screen is None:
            return
        self.screenshot.parent.mkdir(parents=True, exist_ok=True)
        if not self.screen.grab().save(str(self.screenshot), "PNG"):
            self.fail(self.tr("The screenshot could not be saved to %1.").replace(
                "%1", str(self.screenshot)))
            return
        self._finish(0)

    def fail(self, message: str) -> None:
        if self._done:
            return
        self.failed = "phonghop hall: " + " ".join(message.split())
        print(self.failed, file=sys.stderr, flush=True)
        self._finish(1)

    def _finish(self, code: int) -> None:
        if not self._done:
            self._done = True
            self._timer.stop()
            self.exit_requested.emit(code)

    def close(self) -> None:
        """Stop the sync engine, close the windows, log out in the background."""
        if self.loader is not None:
            self.loader.cancel()
        if self.bridge is not None:
            self.bridge.shutdown()
        if self.screen is not None:
            self.screen.close()
            self.screen.deleteLater()
        if self.client is not None and self.client.token:
            self._runner.submit(self.client.logout, on_error=lambda exc: None)
        self.dialog.close()
        self.dialog.deleteLater()


def run_hall(server_url: str, *, session_id: int | None = None, username: str | None = None,
             password: str | None = None, lang: str | None = None, ca_file: str | None = None,
             insecure: bool = False, screenshot: str | None = None, offscreen: bool = False,
             cache_dir: str | None = None,
             client_factory: ClientFactory | None = None) -> int:
    """Run the hall screen until it closes; return the exit code (as `ui.app.run_client`)."""
    def make_flow(runner: TaskRunner, verify, factory: ClientFactory) -> HallFlow:
        return HallFlow(server_url, runner, Path(cache_dir) if cache_dir else default_cache_dir(),
                        client_factory=factory, username=username, password=password,
                        session_id=session_id, screenshot=screenshot, verify=verify)

    return run_flow(make_flow, lambda flow: flow.client, program="phonghop hall",
                    ca_file=ca_file, insecure=insecure, lang=lang, offscreen=offscreen,
                    client_factory=client_factory)
