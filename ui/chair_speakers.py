"""The chair's speaker queue: who has the floor (with the countdown), who waits, in order;
give the floor, reorder, remove, end, and change a speaker's time."""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QSpinBox, QVBoxLayout, QWidget,
)

from app.protocol import mutations as m
from ui.countdown import Countdown
from ui.session_state import SpeakerInfo
from ui.sitting_state import SittingState, speaker_remaining_s


class SpeakersPage(QWidget):
    change_requested = Signal(object)

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.session_id = 0
        self.current_label = QLabel(self.tr("Nobody has the floor."))
        self.current_label.setObjectName("speakerNow")
        self.countdown = Countdown(self, caption="beside")
        font = self.countdown.font()
        font.setPointSizeF(font.pointSizeF() * 2)
        font.setBold(True)
        self.countdown.setFont(font)
        self.end_button = QPushButton(self.tr("End the speech"))
        self.end_button.clicked.connect(self._end)
        self.queue = QListWidget()
        self.queue.setObjectName("speakerQueue")
        self.minutes = QSpinBox()
        self.minutes.setRange(1, 60)
        self.minutes.setSuffix(self.tr(" min"))
        self.grant_button = QPushButton(self.tr("Give the floor"))
        self.grant_button.setObjectName("primaryButton")
        self.up_button, self.down_button = QPushButton(self.tr("Up")), QPushButton(self.tr("Down"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.limit_button = QPushButton(self.tr("Set the time"))
        self.grant_button.clicked.connect(self._grant)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.remove_button.clicked.connect(self._remove)
        self.limit_button.clicked.connect(self._set_limit)
        now = QHBoxLayout()
        now.addWidget(self.current_label, 1)
        now.addWidget(self.countdown)
        now.addWidget(self.end_button)
        actions = QHBoxLayout()
        for widget in (self.grant_button, self.up_button, self.down_button, self.remove_button):
            actions.addWidget(widget)
        actions.addStretch(1)
        actions.addWidget(QLabel(self.tr("Time:")))
        actions.addWidget(self.minutes)
        actions.addWidget(self.limit_button)
        layout = QVBoxLayout(self)
        layout.addLayout(now)
        layout.addWidget(QLabel(self.tr("Waiting to speak, in order:")))
        layout.addWidget(self.queue, 1)
        layout.addLayout(actions)
        self._speaking: Optional[SpeakerInfo] = None
        self._waiting: list[SpeakerInfo] = []
        self._rules: dict = {}

    def set_state(self, session_id: int, speakers: tuple[SpeakerInfo, ...],
                  sitting: SittingState) -> None:
        self.session_id, self._rules = session_id, sitting.rules
        self._speaking = next((s for s in speakers if s.status == "speaking"), None)
        if self._speaking is not None:
            speaker = self._speaking
            self.current_label.setText(self.tr("Has the floor: %1").replace("%1", speaker.full_name))
            self.countdown.show_remaining(
                lambda: speaker_remaining_s(speaker.started_at, speaker.time_limit_s,
                                            sitting.server_now()), key=(speaker.uuid, speaker.started_at))
        else:
            self.current_label.setText(self.tr("Nobody has the floor."))
            self.countdown.stop()
        self.end_button.setEnabled(self._speaking is not None)
        selected = self._selected()
        self._waiting = sorted((s for s in speakers if s.status == "waiting"),
                               key=lambda s: (s.position, s.requested_at))
        self.queue.clear()
        for place, speaker in enumerate(self._waiting, start=1):
            kind = self.tr("question") if speaker.kind == "question" else self.tr("debate")
            item = QListWidgetItem(f"{place}. {speaker.full_name} ({kind})"
                                   + (f" – {speaker.topic}" if speaker.topic else ""))
            item.setData(Qt.ItemDataRole.UserRole, speaker.uuid)
            self.queue.addItem(item)
            if selected is not None and speaker.uuid == selected.uuid:
                self.queue.setCurrentItem(item)
        if self.queue.currentRow() < 0 and self._waiting:
            self.queue.setCurrentRow(0)
        self._sync_minutes()

    def _sync_minutes(self) -> None:
        speaker = self._selected() or self._speaking
        if speaker is None:
            return
        limit = speaker.time_limit_s or self._rules.get(
            "question_limit_s" if speaker.kind == "question" else "speech_limit_s") or 420
        self.minutes.setValue(max(1, round(limit / 60)))

    def _selected(self) -> Optional[SpeakerInfo]:
        row = self.queue.currentRow()
        return self._waiting[row] if 0 <= row < len(self._waiting) else None

    def _grant(self) -> None:
        speaker = self._selected()
        if speaker is not None:
            self.change_requested.emit(m.SpeakerGrant(session_id=self.session_id, uuid=speaker.uuid,
                                                      time_limit_s=self.minutes.value() * 60))

    def _move(self, step: int) -> None:
        speaker, row = self._selected(), self.queue.currentRow()
        if speaker is not None and 0 <= row + step < len(self._waiting):
            self.change_requested.emit(m.SpeakerMove(session_id=self.session_id,
                                                     uuid=speaker.uuid, position=row + step))

    def _remove(self) -> None:
        speaker = self._selected()
        if speaker is not None:
            self.change_requested.emit(m.SpeakerRemove(session_id=self.session_id,
                                                       uuid=speaker.uuid))

    def _end(self) -> None:
        if self._speaking is not None:
            self.change_requested.emit(m.SpeakerEnd(session_id=self.session_id,
                                                    uuid=self._speaking.uuid))

    def _set_limit(self) -> None:
        speaker = self._speaking or self._selected()
        if speaker is not None:
            self.change_requested.emit(m.SpeakerSetLimit(
                session_id=self.session_id, uuid=speaker.uuid,
                time_limit_s=self.minutes.value() * 60))
