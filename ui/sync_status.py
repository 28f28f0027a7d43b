"""The connection state in the status bar: an icon and a word per state (online, syncing,
offline, login expired), the changes still waiting to be sent, and how many of the followed
sessions' documents are on this device."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from sync.engine import SyncStatus
from ui import icons, texts


class SyncStatusView(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("syncStatus")
        self.icon_label = QLabel()
        self.icon_label.setFixedSize(16, 16)
        self.state_label = QLabel()
        self.state_label.setObjectName("syncState")
        self.pending_label = QLabel()
        self.pending_label.setObjectName("syncPending")
        self.files_label = QLabel()
        self.files_label.setObjectName("syncFiles")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 0, 8, 0)
        layout.setSpacing(6)
        layout.addWidget(self.icon_label, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.state_label)
        for label in (self.pending_label, self.files_label):
            layout.addSpacing(10)
            layout.addWidget(label)
        self.state = ""
        self.show_status(None)

    def show_status(self, status: SyncStatus | None) -> None:
        """None: the engine is starting (shown as syncing)."""
        state = status.state if status is not None else "syncing"
        self.state = state
        self.icon_label.setPixmap(icons.state_pixmap(state, 16))
        self.state_label.setText(texts.sync_state(state))
        self.state_label.setStyleSheet(
            f"color: {icons.STATE_COLORS.get(state, '#5b6b7f')}; font-weight: bold;")
        pending = status.pending if status is not None else 0
        self.pending_label.setText(texts.pending_changes(pending))
        self.pending_label.setVisible(pending > 0)
        total = status.files_total if status is not None else 0
        self.files_label.setText(texts.files_progress(status.files_done, total) if total else "")
        self.files_label.setVisible(total > 0)
        self.setToolTip(" · ".join(label.text() for label in (
            self.state_label, self.pending_label, self.files_label) if label.isVisibleTo(self)))

    def text(self) -> str:
        """Everything shown, in one line (tests, screen readers)."""
        return " · ".join(label.text() for label in (
            self.state_label, self.pending_label, self.files_label) if not label.isHidden())
