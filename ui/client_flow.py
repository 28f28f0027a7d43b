"""The client's journey from start to exit: log in (by dialog, or automatically with given
credentials), open the main window, and in screenshot mode save the picture and leave.

`ClientFlow.exit_requested(code)` tells the caller to end the event loop with that code."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication

from sync.client import ApiClient, UserInfo
from ui.login_dialog import ClientFactory, LoginDialog
from ui.main_window import MainWindow
from ui.screenshot import ScreenshotJob
from ui.sync_bridge import engine_factory
from ui.workers import TaskRunner

SCREENSHOT_SIZE = (1366, 800)


class ClientFlow(QObject):
    exit_requested = Signal(int)

    def __init__(self, server_url: str, runner: TaskRunner, cache_dir: Path, *,
                 client_factory: ClientFactory = ApiClient, username: str | None = None,
                 password: str | None = None, screenshot: str | None = None,
                 open_document: int | None = None, sync_engine: bool = True,
                 verify: Any = True, parent: QObject | None = None):
        super().__init__(parent)
        self._runner = runner
        self._cache_dir = cache_dir
        self._sync_engine = sync_engine
        self._verify = verify
        self._auto_login = username is not None and password is not None
        self._open_document = open_document
        self.window: MainWindow | None = None
        self.dialog = LoginDialog(server_url, runner, client_factory)
        self.dialog.set_credentials(username, password)
        self.dialog.logged_in.connect(self._on_logged_in)
        self.dialog.rejected.connect(lambda: self.exit_requested.emit(0))
        self.screenshot: ScreenshotJob | None = None
        if screenshot:
            self.screenshot = ScreenshotJob(screenshot, open_document, parent=self)
            self.screenshot.finished.connect(self._on_screenshot_finished)
            self.dialog.login_failed.connect(self.screenshot.fail)

    def start(self) -> None:
        if self.screenshot is not None:
            self.screenshot.start()
            if self.screenshot.done:
                return
            if not self._auto_login:
                self.screenshot.fail(self.tr(
                    "Screenshot mode needs a user name and a password."))
                return
            self.dialog.start_login()
        elif self._auto_login:
            self.dialog.show()  # busy while logging in; shows the error if it fails
            self.dialog.start_login()
        else:
            self.dialog.show()

    def _on_logged_in(self, client: ApiClient, user: UserInfo) -> None:
        factory = (engine_factory(client, user, self._cache_dir, self._verify)
                   if self._sync_engine else None)
        self.window = MainWindow(client, user, self._runner, self._cache_dir,
                                 engine_factory=factory)
        if self.screenshot is not None:
            self.screenshot.attach(self.window)
            self.window.resize(*SCREENSHOT_SIZE)
        else:
            self._size_for_screen(self.window)
            if self._open_document is not None:
                self.window.agenda_loaded.connect(self._open_requested_document)
        self.window.show()
        self.dialog.hide()
        self.window.start()
        self.window.installEventFilter(self)

    def _open_requested_document(self, _session_id: int) -> None:
        """Without screenshot mode, `open_document=N` opens that document once, if it exists."""
        self.window.agenda_loaded.disconnect(self._open_requested_document)
        documents = self.window.agenda_panel.first_item_documents()
        if 1 <= self._open_document <= len(documents):
            self.window.open_document(documents[self._open_document - 1])

    def eventFilter(self, watched: QObject, event) -> bool:
        if watched is self.window and event.type() == event.Type.Close:
            self.exit_requested.emit(0)
        return False

    def _on_screenshot_finished(self, code: int, message: str) -> None:
        if code != 0:
            line = self.tr("Screenshot failed: %1").replace("%1", " ".join(message.split()))
            print(line, file=sys.stderr, flush=True)
        self.exit_requested.emit(code)

    @staticmethod
    def _size_for_screen(window: MainWindow) -> None:
        screen = QGuiApplication.primaryScreen()
        width, height = SCREENSHOT_SIZE
        if screen is not None:
            available = screen.availableGeometry()
            width = min(max(width, int(available.width() * 0.9)), available.width())
            height = min(max(height, int(available.height() * 0.9)), available.height())
        window.resize(width, height)

    def close(self) -> None:
        """Close the windows and stop their background work."""
        if self.window is not None:
            self.window.removeEventFilter(self)
            self.window.shutdown()
            self.window.close()
            self.window.deleteLater()
        self.dialog.close()
        self.dialog.deleteLater()
