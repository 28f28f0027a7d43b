"""The band of the sitting, under the header: the delegate's check-in, who has the floor with
their time counting down, an open vote (to bring the ballot back), and for the chair and the
secretary the doors to the controls and to the hall screen."""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from ui.countdown import Countdown
from ui.session_state import SessionState
from ui.sitting_state import speaker_remaining_s


class SittingBar(QWidget):
    check_in_requested = Signal()
    ballot_requested = Signal(int)  # vote id
    controls_requested = Signal()
    hall_requested = Signal()

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.setObjectName("sittingBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.attendance_label = QLabel()
        self.attendance_label.setObjectName("attendanceState")
        self.check_in_button = QPushButton(self.tr("Check in"))
        self.check_in_button.setObjectName("checkInButton")
        self.check_in_button.clicked.connect(self.check_in_requested)
        self.speaker_label = QLabel()
        self.speaker_label.setObjectName("speakerNow")
        self.countdown = Countdown(self, caption="beside", sound=False)
        font = self.countdown.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.countdown.setFont(font)
        self.vote_label = QLabel()
        self.vote_label.setObjectName("voteNow")
        self.ballot_button = QPushButton(self.tr("Open the ballot"))
        self.ballot_button.setObjectName("primaryButton")
        self.ballot_button.clicked.connect(lambda: self.ballot_requested.emit(self._vote_id or 0))
        self.controls_button = QPushButton(self.tr("Run the sitting"))
        self.controls_button.setObjectName("controlsButton")
        self.controls_button.clicked.connect(self.controls_requested)
        self.hall_button = QPushButton(self.tr("Hall screen"))
        self.hall_button.clicked.connect(self.hall_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 4, 16, 4)
        layout.setSpacing(10)
        for widget in (self.attendance_label, self.check_in_button):
            layout.addWidget(widget)
        layout.addSpacing(18)
        layout.addWidget(self.speaker_label)
        layout.addWidget(self.countdown)
        layout.addStretch(1)
        for widget in (self.vote_label, self.ballot_button, self.controls_button, self.hall_button):
            layout.addWidget(widget)
        self._vote_id: Optional[int] = None
        self.hide()

    def set_state(self, state: SessionState, user_id: int, roles: set[str]) -> None:
        sitting = state.sitting
        delegate = "delegate" in roles
        officer = bool(roles & {"chair", "secretary"})
        mine = sitting.marks_now().get(user_id)
        current = sitting.current_sitting()
        where = current.title if current else ""
        if delegate:
            if mine is not None and mine.status == "present":
                text = self.tr("Checked in") + (f" – {where}" if where else "")
            elif mine is not None and mine.status == "excused":
                text = self.tr("Excused: %1").replace("%1", mine.reason)
            else:
                text = self.tr("Not checked in yet") + (f" – {where}" if where else "")
            self.attendance_label.setText(text)
        self.attendance_label.setVisible(delegate)
        self.check_in_button.setVisible(delegate and (mine is None or mine.status != "present"))
        speaker = next((s for s in state.speakers if s.status == "speaking"), None)
        if speaker is not None:
            kind = self.tr("Question") if speaker.kind == "question" else self.tr("Speaking")
            self.speaker_label.setText(f"{kind}: {speaker.full_name}")
            started, limit = speaker.started_at, speaker.time_limit_s
            self.countdown.show_remaining(
                lambda: speaker_remaining_s(started, limit, sitting.server_now()),
                key=(speaker.uuid, started))
        else:
            self.speaker_label.setText("")
            self.countdown.stop()
        self.speaker_label.setVisible(speaker is not None)
        vote = sitting.open_vote()
        self._vote_id = vote.id if vote else None
        if vote is not None:
            total = vote.eligible_count or sitting.total_delegates
            self.vote_label.setText(self.tr("Vote open: %1 (%2/%3 voted)").replace(
                "%1", vote.title).replace("%2", str(vote.ballots)).replace("%3", str(total)))
        self.vote_label.setVisible(vote is not None)
        self.ballot_button.setVisible(delegate and sitting.ballot_due() is not None)
        self.controls_button.setVisible(officer)
        self.hall_button.setVisible("chair" in roles)
        self.setVisible(delegate or officer or speaker is not None or vote is not None)
