"""The chair's (and the secretary's) controls of the sitting, in a window beside the main one:
attendance and quorum, the speaker queue, the votes. Every action is a change the window's
owner sends: queued ones through the outbox, votes' openings and closings at once."""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QLabel, QTabWidget, QVBoxLayout, QWidget

from ui.chair_attendance import AttendancePage
from ui.chair_speakers import SpeakersPage
from ui.chair_votes import VotesPage
from ui.session_state import SessionState


class ChairPanel(QDialog):
    change_requested = Signal(object)  # queued: attendance, sittings, speakers, vote.create
    online_requested = Signal(object)  # now: vote.open, vote.close, vote.cancel

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.setObjectName("chairPanel")
        self.setWindowTitle(self.tr("Running the sitting"))
        self.setModal(False)
        self.resize(1100, 720)
        self.message = QLabel()
        self.message.setObjectName("chairMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        self.attendance = AttendancePage()
        self.speakers = SpeakersPage()
        self.votes = VotesPage()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.attendance, self.tr("Attendance"))
        self.tabs.addTab(self.speakers, self.tr("Speakers"))
        self.tabs.addTab(self.votes, self.tr("Votes"))
        for page in (self.attendance, self.speakers, self.votes):
            page.change_requested.connect(self.change_requested)
        self.votes.online_requested.connect(self.online_requested)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)

    def set_state(self, state: SessionState, roles: set[str]) -> None:
        is_chair = "chair" in roles
        sitting = state.sitting
        self.attendance.set_state(state.session_id, sitting, is_chair)
        self.speakers.set_state(state.session_id, state.speakers, sitting)
        self.speakers.setEnabled(is_chair)
        item = state.item(state.live.current_item_id)
        self.votes.set_state(state.session_id, sitting, is_chair,
                             item.id if item else None, item.title if item else "")
        self.tabs.setTabText(0, self.tr("Attendance (%1/%2)").replace(
            "%1", str(sitting.present_count())).replace("%2", str(sitting.total_delegates)))

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
