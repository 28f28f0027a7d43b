"""Screenshot mode: wait until the main window shows its data (with the sync engine: once its
replica holds the default session's snapshot, which is when `agenda_loaded` comes; and, on
request, a document's first page), save the window as a PNG, and report an exit code."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from ui.main_window import MainWindow

TIMEOUT_S = 60
SETTLE_MS = 150  # let the last layout and paint events run before grabbing


class ScreenshotJob(QObject):
    """Emits `finished(exit_code, message)`: 0 and "" once the PNG is saved, else 1 and why."""

    finished = Signal(int, str)

    def __init__(self, path: str | Path, open_document: int | None = None,
                 timeout_s: float = TIMEOUT_S, parent: QObject | None = None):
        super().__init__(parent)
        self.path = Path(path)
        self.open_document = open_document
        self._window: MainWindow | None = None
        self._waiting_for_page = False
        self._done = False
        self._timeout_s = timeout_s
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(int(timeout_s * 1000))
        self._timer.timeout.connect(self._on_timeout)

    def start(self) -> None:
        """Start the clock (call before logging in)."""
        if self.open_document is not None and self.open_document < 1:
            self.fail(self.tr("The document number must be 1 or more."))
            return
        self._timer.start()

    def attach(self, window: MainWindow) -> None:
        self._window = window
        window.sessions_loaded.connect(self._on_sessions_loaded)
        window.agenda_loaded.connect(self._on_agenda_loaded)
        window.load_failed.connect(self.fail)
        window.viewer.page_shown.connect(self._on_page_shown)
        window.viewer.failed.connect(self._on_viewer_failed)

    @property
    def done(self) -> bool:
        return self._done

    def fail(self, message: str) -> None:
        self._finish(1, message)

    # -- steps ----------------------------------------------------------------------------
    def _on_sessions_loaded(self, sessions: list) -> None:
        if sessions:
            return  # the default session's agenda comes next
        if self.open_document is not None:
            self.fail(self.tr("There is no session, so no document to open."))
        else:
            self._capture_soon()

    def _on_agenda_loaded(self, _session_id: int) -> None:
        if self._done or self._waiting_for_page or self._window is None:
            return
        if self.open_document is None:
            self._capture_soon()
            return
        documents = self._window.agenda_panel.first_item_documents()
        if self.open_document > len(documents):
            self.fail(self.tr("The first agenda item has %1 document(s); document %2 does "
                              "not exist.").replace("%1", str(len(documents)))
                      .replace("%2", str(self.open_document)))
            return
        self._waiting_for_page = True
        self._window.open_document(documents[self.open_document - 1])

    def _on_page_shown(self, index: int) -> None:
        if self._waiting_for_page and index == 0:
            self._waiting_for_page = False
            self._capture_soon()

    def _on_viewer_failed(self, message: str) -> None:
        if self._waiting_for_page:
            self.fail(message)

    def _capture_soon(self) -> None:
        QTimer.singleShot(SETTLE_MS, self._capture)

    def _capture(self) -> None:
        if self._done or self._window is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if not self._window.grab().save(str(self.path), "PNG"):
            self.fail(self.tr("The screenshot could not be saved to %1.").replace(
                "%1", str(self.path)))
            return
        self._finish(0, "")

    def _on_timeout(self) -> None:
        self.fail(self.tr("The data did not load within %1 seconds.").replace(
            "%1", f"{self._timeout_s:g}"))

    def _finish(self, code: int, message: str) -> None:
        if self._done:
            return
        self._done = True
        self._timer.stop()
        self.finished.emit(code, message)
