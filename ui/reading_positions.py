"""Where the reader was in each document, kept per user on the device across restarts.

A small JSON file in the user's folder (`user_dir`): document id → the last page shown (the
same document in a new version opens at that page too, within its length). Written a second
after the last page turn, and on shutdown; atomically (a temporary file renamed over the old
one), so a crash never leaves half a file. A damaged file is set aside and starts empty."""
from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger(__name__)
SAVE_DELAY_MS = 1000
MAX_DOCUMENTS = 2000  # the oldest are forgotten beyond this


class ReadingPositions(QObject):
    def __init__(self, path: str | Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self._pages: dict[str, int] = self._load()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.save)

    def page(self, document_id: int) -> int:
        return self._pages.get(str(document_id), 0)

    def remember(self, document_id: int, page: int) -> None:
        key = str(document_id)
        if self._pages.get(key) == page:
            return
        self._pages.pop(key, None)
        self._pages[key] = page  # the most recent last
        while len(self._pages) > MAX_DOCUMENTS:
            self._pages.pop(next(iter(self._pages)))
        self._timer.start()

    def save(self) -> None:
        self._timer.stop()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_suffix(".tmp")
            temporary.write_text(json.dumps(self._pages), encoding="utf-8")
            os.replace(temporary, self.path)
        except OSError as exc:  # a full or read-only disk: the positions are only a comfort
            log.warning("reading positions not saved: %s", exc)

    def _load(self) -> dict[str, int]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            log.warning("reading positions unreadable, starting afresh: %s", exc)
            try:
                os.replace(self.path, self.path.with_suffix(".damaged"))
            except OSError:
                pass
            return {}
        if not isinstance(data, dict):
            return {}
        return {str(k): v for k, v in data.items()
                if isinstance(v, int) and not isinstance(v, bool) and v >= 0}
