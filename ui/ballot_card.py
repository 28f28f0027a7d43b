"""The delegate's ballot: a card in front of every screen as soon as a vote opens, that cannot
be missed and cannot be answered by accident: a tap chooses, a second tap on the confirm
button sends, and "Đã ghi nhận" appears only once the server has stored the ballot durably.
A secret ballot then shows its tracking code (which proves that the ballot is in the box,
never how it was cast); the choice itself is not shown again."""
from __future__ import annotations

from typing import Callable, Optional

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup, QDialog, QGridLayout, QHBoxLayout, QLabel, QPushButton, QScrollArea,
    QVBoxLayout, QWidget,
)

from app.protocol import mutations as m
from ui.rejection_texts import rejection_message
from ui.sitting_state import VoteView

# send(change, on_result(answer), on_error(message)): the engine's ballot call, off the UI thread
Sender = Callable[[m.BallotCast, Callable[[dict], None], Callable[[str], None]], None]

CARD_STYLE = """
QDialog#ballotCard { background: #ffffff; }
#ballotKind { color: #8a1c1c; font-weight: bold; font-size: 13pt; letter-spacing: 1px; }
#ballotTitle { color: #17375e; font-weight: bold; font-size: 18pt; }
#ballotHint { color: #41505f; font-size: 12pt; }
QPushButton#ballotOption { min-height: 76px; font-size: 18pt; font-weight: bold;
                           border: 2px solid #17375e; border-radius: 10px; color: #17375e;
                           background: #ffffff; padding: 8px 18px; text-align: left;
                           padding-left: 28px; }
QPushButton#ballotOption:checked { background: #17375e; color: #ffffff; }
QPushButton#ballotOption:disabled { color: #8ea1b8; border-color: #c8d2de; }
QPushButton#subjectChoice { min-height: 60px; font-size: 13pt; border: 2px solid #17375e;
                            border-radius: 8px; color: #17375e; background: #ffffff; }
QPushButton#subjectChoice:checked { background: #17375e; color: #ffffff; }
#subjectName { font-size: 13pt; font-weight: bold; color: #1b2733; }
#subjectDetail { color: #5b6b7f; }
QPushButton#confirmBallot { min-height: 72px; font-size: 16pt; font-weight: bold;
                            background: #2e7d32; color: #ffffff; border-radius: 10px;
                            border: none; padding: 8px 24px; }
QPushButton#confirmBallot:disabled { background: #b7cbb8; }
QPushButton#laterButton, QPushButton#closeBallot { min-height: 56px; min-width: 150px;
                                                  font-size: 13pt; }
#ballotStatus { font-size: 15pt; font-weight: bold; padding: 10px; border-radius: 8px; }
#ballotStatus[state="sending"] { color: #17375e; background: #e8f0fb; }
#ballotStatus[state="recorded"] { color: #1b5e20; background: #e6f4e7; }
#ballotStatus[state="error"] { color: #8a1c1c; background: #fdecea; }
#trackerCode { font-family: monospace; font-size: 18pt; font-weight: bold; color: #17375e; }
"""


class BallotCard(QDialog):
    """`recorded(vote_id, answer)` once the server confirmed the ballot; `hidden_for_later`
    when the delegate puts the card aside (the main window offers to bring it back)."""

    recorded = Signal(int, dict)
    hidden_for_later = Signal(int)

    def __init__(self, vote: VoteView, session_id: int, send: Sender,
                 parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.vote, self.session_id, self._send = vote, session_id, send
        self.state = "choosing"  # choosing | sending | recorded | ended
        self.setObjectName("ballotCard")
        self.setWindowTitle(self.tr("Ballot"))
        self.setModal(True)
        self.setStyleSheet(CARD_STYLE)
        self.setMinimumWidth(720)
        self._option = QButtonGroup(self)
        self._rows: dict[str, QButtonGroup] = {}

        self.kind_label = QLabel(self._kind_text(vote).upper())
        self.kind_label.setObjectName("ballotKind")
        self.title_label = QLabel(vote.title)
        self.title_label.setObjectName("ballotTitle")
        self.title_label.setWordWrap(True)
        self.hint_label = QLabel()
        self.hint_label.setObjectName("ballotHint")
        self.hint_label.setWordWrap(True)
        self.status_label = QLabel()
        self.status_label.setObjectName("ballotStatus")
        self.status_label.setWordWrap(True)
        self.status_label.hide()
        self.tracker_label = QLabel()
        self.tracker_label.setObjectName("trackerCode")
        self.tracker_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tracker_label.hide()
        self.confirm_button = QPushButton(self.tr("Choose first"))
        self.confirm_button.setObjectName("confirmBallot")
        self.confirm_button.setEnabled(False)
        self.confirm_button.clicked.connect(self.confirm)
        self.later_button = QPushButton(self.tr("Put aside"))
        self.later_button.setObjectName("laterButton")
        self.later_button.clicked.connect(self._put_aside)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setObjectName("closeBallot")
        self.close_button.clicked.connect(self.accept)
        self.close_button.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(14)
        for widget in (self.kind_label, self.title_label, self.hint_label):
            layout.addWidget(widget)
        self.options_area = self._subjects_area(vote) if vote.with_subjects \
            else self._options_area(vote)
        layout.addWidget(self.options_area)
        layout.addWidget(self.status_label)
        layout.addWidget(self.tracker_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.later_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.confirm_button, 2)
        layout.addLayout(buttons)
        self._refresh_hint()

    # -- building --------------------------------------------------------------------------
    def _kind_text(self, vote: VoteView) -> str:
        return {"open": self.tr("Open vote"), "named": self.tr("Named vote"),
                "secret": self.tr("Secret ballot"), "confidence": self.tr("Confidence vote"),
                "election": self.tr("Election")}.get(vote.vote_type, self.tr("Vote"))

    def _options_area(self, vote: VoteView) -> QWidget:
        area = QWidget()
        row = QVBoxLayout(area)  # one full-width target per answer, whatever its length
        row.setSpacing(12)
        for option in vote.options:
            button = QPushButton(option.label)
            button.setObjectName("ballotOption")
            button.setCheckable(True)
            button.setProperty("key", option.key)
            self._option.addButton(button)
            row.addWidget(button)
        self._option.buttonClicked.connect(lambda _b: self._refresh_hint())
        return area

    def _subjects_area(self, vote: VoteView) -> QWidget:
        inner = QWidget()
        grid = QGridLayout(inner)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(10)
        for row, subject in enumerate(vote.options):
            name = QLabel(subject.label)
            name.setObjectName("subjectName")
            detail = QLabel(subject.detail)
            detail.setObjectName("subjectDetail")
            who = QVBoxLayout()
            who.addWidget(name)
            who.addWidget(detail)
            grid.addLayout(who, row, 0)
            group = QButtonGroup(self)
            for column, choice in enumerate(vote.choices, start=1):
                button = QPushButton(choice.label)
                button.setObjectName("subjectChoice")
                button.setCheckable(True)
                button.setProperty("key", choice.key)
                group.addButton(button)
                grid.addWidget(button, row, column)
            group.buttonClicked.connect(lambda _b: self._refresh_hint())
            self._rows[subject.key] = group
        grid.setColumnStretch(0, 2)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        scroll.setMinimumHeight(min(560, 90 * len(vote.options) + 20))
        return scroll

    # -- choosing ----------------------------------------------------------------------------
    def choice(self) -> tuple[Optional[str], Optional[dict[str, str]]]:
        """(option, choices) as chosen so far."""
        if not self.vote.with_subjects:
            button = self._option.checkedButton()
            return (button.property("key") if button else None), None
        answers = {key: group.checkedButton().property("key")
                   for key, group in self._rows.items() if group.checkedButton() is not None}
        return None, answers

    def _ready(self) -> bool:
        option, answers = self.choice()
        if not self.vote.with_subjects:
            return option is not None
        if len(answers) != len(self.vote.options):
            return False
        if self.vote.vote_type == "election":
            return sum(1 for a in answers.values() if a == "agree") <= (self.vote.seats or 0)
        return True

    def _refresh_hint(self) -> None:
        if self.state != "choosing":
            return
        option, answers = self.choice()
        if not self.vote.with_subjects:
            self.hint_label.setText(self.tr("Tap your choice, then confirm to send the ballot."))
            label = next((o.label for o in self.vote.options if o.key == option), None)
            self.confirm_button.setText(self.tr("Confirm: %1").replace("%1", label) if label
                                        else self.tr("Choose first"))
        else:
            answered = len(answers)
            text = self.tr("Answered %1 of %2.").replace("%1", str(answered)).replace(
                "%2", str(len(self.vote.options)))
            if self.vote.vote_type == "election":
                agreed = sum(1 for a in answers.values() if a == "agree")
                text += " " + self.tr("Agreed with %1 (at most %2).").replace(
                    "%1", str(agreed)).replace("%2", str(self.vote.seats or 0))
            self.hint_label.setText(text)
            self.confirm_button.setText(self.tr("Confirm and send the ballot"))
        self.confirm_button.setEnabled(self._ready())

    def confirm(self) -> None:
        if self.state != "choosing" or not self._ready():
            return
        option, answers = self.choice()
        change = m.BallotCast(session_id=self.session_id, vote_id=self.vote.id, option=option,
                              choices=answers)
        self._set_state("sending", self.tr("Sending your ballot…"))
        self._send(change, self._on_answer, self._on_error)

    # -- answers ------------------------------------------------------------------------------
    def _on_answer(self, answer: dict) -> None:
        if answer.get("status") == "applied":
            self._show_recorded((answer.get("result") or {}).get("tracker"))
            self.recorded.emit(self.vote.id, answer)
            return
        code = (answer.get("error") or {}).get("code", "")
        if code == "already_voted":
            self._show_recorded(None, self.tr("Your ballot had already been recorded."))
            self.recorded.emit(self.vote.id, answer)
        elif code in ("vote_closed", "vote_cancelled", "vote_not_found"):
            self.vote_ended(rejection_message("ballot.cast", code))
        else:
            self._on_error(rejection_message("ballot.cast", code))

    def _on_error(self, message: str) -> None:
        self._set_state("choosing", message, kind="error")
        self.confirm_button.setEnabled(self._ready())

    def _show_recorded(self, tracker: Optional[str], text: Optional[str] = None) -> None:
        self._set_state("recorded", text or self.tr("Recorded. Your ballot is stored on the "
                                                    "server."))
        if self.vote.secret:  # nothing on screen beside the code says how the ballot was cast
            self._forget_choice()
        if tracker:
            self.tracker_label.setText(tracker)
            self.tracker_label.show()
            self.hint_label.setText(self.tr(
                "Your tracking code: when the result is announced, find it in the published "
                "ballot box. It shows that your ballot is in the box, never how you voted."))
        else:
            self.hint_label.setText("")

    def _forget_choice(self) -> None:
        groups = [self._option] + list(self._rows.values())
        for group in groups:
            group.setExclusive(False)
            for button in group.buttons():
                button.setChecked(False)
            group.setExclusive(True)
        self.options_area.hide()

    def vote_ended(self, message: Optional[str] = None) -> None:
        """The vote closed (or was cancelled) before this ballot was recorded. A ballot on its
        way keeps waiting for its answer: the server says whether it was counted."""
        if self.state in ("recorded", "sending"):
            return
        self._set_state("ended", message or self.tr("The vote has ended."), kind="error")

    def _set_state(self, state: str, message: str, kind: Optional[str] = None) -> None:
        self.state = state
        self.status_label.setProperty("state", kind or state)
        self.status_label.setText(message)
        self.status_label.show()
        self.status_label.style().unpolish(self.status_label)
        self.status_label.style().polish(self.status_label)
        locked = state != "choosing"
        for button in self._option.buttons() + [b for g in self._rows.values() for b in g.buttons()]:
            button.setEnabled(not locked)
        self.confirm_button.setVisible(state in ("choosing", "sending"))
        self.confirm_button.setEnabled(state == "choosing" and self._ready())
        self.later_button.setVisible(state == "choosing")
        self.close_button.setVisible(state in ("recorded", "ended"))

    def _put_aside(self) -> None:
        self.hidden_for_later.emit(self.vote.id)
        self.hide()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.state in ("choosing", "sending"):
            return  # never dismissed by a stray key: "Put aside" says what it does
        super().keyPressEvent(event)
