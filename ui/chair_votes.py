"""The chair's votes page: prepare a vote (type, threshold rule, countdown, the officials or
candidates), open it, watch who has not voted yet (names for open and named votes, only the
count for secret ones), close it, read the result with the official sentence."""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QFormLayout, QFrame, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem,
    QPlainTextEdit, QPushButton, QScrollArea, QSpinBox, QSplitter, QVBoxLayout, QWidget,
)

from app.protocol import mutations as m
from ui.sitting_state import SittingState, VoteView


class VotesPage(QWidget):
    change_requested = Signal(object)  # queued (vote.create)
    online_requested = Signal(object)  # now or never (vote.open, vote.close, vote.cancel)

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.session_id = 0
        self._votes: list[VoteView] = []
        self._sitting = SittingState()
        self._agenda_item_id: Optional[int] = None
        self.title_edit = QLineEdit()
        self.type_combo = QComboBox()
        for key, label in (("open", self.tr("Open vote")), ("named", self.tr("Named vote")),
                           ("secret", self.tr("Secret ballot")),
                           ("confidence", self.tr("Confidence vote")),
                           ("election", self.tr("Election"))):
            self.type_combo.addItem(label, key)
        self.rule_combo = QComboBox()
        for key, label in (
                ("more_than_half_total", self.tr("More than half of all delegates")),
                ("two_thirds_total", self.tr("At least two thirds of all delegates")),
                ("more_than_two_thirds_remaining",
                 self.tr("More than two thirds of the remaining delegates")),
                ("more_than_half_present", self.tr("More than half of those present (procedure)"))):
            self.rule_combo.addItem(label, key)
        self.countdown_spin = QSpinBox()
        self.countdown_spin.setRange(0, 3600)
        self.countdown_spin.setSingleStep(30)
        self.countdown_spin.setSuffix(self.tr(" s"))
        self.countdown_spin.setSpecialValueText(self.tr("no countdown"))
        self.subjects_edit = QPlainTextEdit()
        self.subjects_edit.setPlaceholderText(self.tr("One per line: full name – position"))
        self.subjects_edit.setMaximumHeight(160)
        self.seats_spin = QSpinBox()
        self.seats_spin.setRange(1, 50)
        self.create_button = QPushButton(self.tr("Prepare the vote"))
        self.create_button.setObjectName("primaryButton")
        self.create_button.clicked.connect(self._create)
        self.type_combo.currentIndexChanged.connect(self._form_for_type)
        form = QFormLayout()
        form.addRow(self.tr("Title:"), self.title_edit)
        form.addRow(self.tr("Kind:"), self.type_combo)
        form.addRow(self.tr("Passes with:"), self.rule_combo)
        form.addRow(self.tr("Countdown:"), self.countdown_spin)
        form.addRow(self.tr("Officials or candidates:"), self.subjects_edit)
        form.addRow(self.tr("Seats to fill:"), self.seats_spin)
        form.addRow("", self.create_button)
        editor = QWidget()
        editor.setLayout(form)

        self.vote_list = QListWidget()
        self.vote_list.currentRowChanged.connect(lambda _row: self._show_detail())
        self.open_button = QPushButton(self.tr("Open the vote"))
        self.open_button.setObjectName("primaryButton")
        self.close_button = QPushButton(self.tr("Close the vote"))
        self.cancel_button = QPushButton(self.tr("Cancel the vote"))
        self.open_button.clicked.connect(lambda: self._act(m.VoteOpen))
        self.close_button.clicked.connect(lambda: self._act(m.VoteClose))
        self.cancel_button.clicked.connect(lambda: self._act(m.VoteCancel))
        self.detail_label = QLabel()
        self.detail_label.setObjectName("voteDetail")
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QHBoxLayout()
        for button in (self.open_button, self.close_button, self.cancel_button):
            buttons.addWidget(button)
        right = QWidget()
        column = QVBoxLayout(right)
        column.addWidget(self.vote_list, 1)
        column.addLayout(buttons)
        detail = QScrollArea()  # the named list and who has not voted: long in a big council
        detail.setWidgetResizable(True)
        detail.setFrameShape(QFrame.Shape.NoFrame)
        detail.setWidget(self.detail_label)
        self.detail_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        column.addWidget(detail, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(editor)
        splitter.addWidget(right)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self._is_chair = False
        self._form_for_type()

    # -- the state -----------------------------------------------------------------------------
    def set_state(self, session_id: int, sitting: SittingState, is_chair: bool,
                  item_id: Optional[int], item_title: str) -> None:
        self.session_id, self._sitting, self._is_chair = session_id, sitting, is_chair
        if item_id != self._agenda_item_id:
            self._agenda_item_id = item_id
            if item_title:
                self.title_edit.setText(self.tr("Vote: %1").replace("%1", item_title))
        chosen = self._current()
        self._votes = list(sitting.votes)
        self.vote_list.blockSignals(True)
        self.vote_list.clear()
        for vote in self._votes:
            item = QListWidgetItem(f"{vote.title} – {self._status_text(vote)}")
            item.setData(Qt.ItemDataRole.UserRole, vote.id)
            self.vote_list.addItem(item)
            if chosen is not None and vote.id == chosen.id:
                self.vote_list.setCurrentItem(item)
        if self.vote_list.currentRow() < 0 and self._votes:
            open_vote = sitting.open_vote()
            self.vote_list.setCurrentRow(self._votes.index(open_vote) if open_vote
                                         else len(self._votes) - 1)
        self.vote_list.blockSignals(False)
        self._show_detail()

    def _status_text(self, vote: VoteView) -> str:
        return {"draft": self.tr("prepared"), "open": self.tr("open"),
                "closed": self.tr("closed"), "cancelled": self.tr("cancelled")}.get(
            vote.status, vote.status)

    def _current(self) -> Optional[VoteView]:
        row = self.vote_list.currentRow()
        return self._votes[row] if 0 <= row < len(self._votes) else None

    def _show_detail(self) -> None:
        vote = self._current()
        self.open_button.setEnabled(self._is_chair and vote is not None and vote.status == "draft")
        self.close_button.setEnabled(self._is_chair and vote is not None and vote.status == "open")
        self.cancel_button.setEnabled(vote is not None and (
            vote.status == "draft" or (vote.status == "open" and vote.ballots == 0)))
        if vote is None:
            self.detail_label.setText(self.tr("No vote yet."))
            return
        total = vote.eligible_count or self._sitting.total_delegates
        lines = [self.tr("%1 of %2 delegates have voted.").replace("%1", str(vote.ballots))
                 .replace("%2", str(total))]
        if vote.status == "open":
            if vote.voted is not None:
                missing = self._sitting.not_voted(vote)
                lines.append(self.tr("Not voted yet: %1").replace(
                    "%1", ", ".join(d.full_name for d in missing) or "—"))
            else:
                lines.append(self.tr("A secret ballot: who has voted is not shown, only how many."))
        if vote.passed is not None:
            lines.append(self.tr("PASSED") if vote.passed else self.tr("NOT PASSED"))
        if vote.announcement:
            lines.append(vote.announcement)
        box = self._sitting.boxes.get(vote.id)
        if box is not None:
            lines.append(self.tr("Published ballot box: %1 tracking codes, one per voter.")
                         .replace("%1", str(len(box))))
        for label, names in self._sitting.named_choices(vote):
            lines.append(self.tr("%1 (%2): %3").replace("%1", label).replace(
                "%2", str(len(names))).replace("%3", ", ".join(names) or "—"))
        self.detail_label.setText("\n\n".join(lines))

    # -- actions -------------------------------------------------------------------------------
    def _form_for_type(self) -> None:
        kind = self.type_combo.currentData()
        with_subjects = kind in ("confidence", "election")
        self.subjects_edit.setEnabled(with_subjects)
        self.seats_spin.setEnabled(kind == "election")
        self.rule_combo.setEnabled(not with_subjects)

    def subjects(self) -> list[m.Subject]:
        found = []
        for line in self.subjects_edit.toPlainText().splitlines():
            name, _sep, detail = line.replace("—", "–").partition("–")
            if name.strip():
                found.append(m.Subject(name=name.strip()[:200], detail=detail.strip()[:300]))
        return found

    def _create(self) -> None:
        kind = self.type_combo.currentData()
        with_subjects = kind in ("confidence", "election")
        title = self.title_edit.text().strip()
        if not title:
            self.title_edit.setFocus()
            return
        seconds = self.countdown_spin.value()
        subjects = self.subjects() if with_subjects else []
        if with_subjects and not subjects:
            self.detail_label.setText(self.tr("Write the officials or candidates, one per line."))
            self.subjects_edit.setFocus()
            return
        try:
            change = m.VoteCreate(
                session_id=self.session_id, agenda_item_id=self._agenda_item_id,
                title=title[:500], vote_type=kind,
                threshold_rule=None if with_subjects else self.rule_combo.currentData(),
                subjects=subjects, seats=self.seats_spin.value() if kind == "election" else None,
                countdown_s=max(seconds, 10) if seconds else None)
        except ValueError:
            self.detail_label.setText(self.tr(
                "The vote cannot be prepared like this: at most 50 names, and an election "
                "fills at most as many seats as it has candidates."))
            return
        self.change_requested.emit(change)

    def _act(self, kind: type[m.VoteOpen]) -> None:
        vote = self._current()
        if vote is not None:
            self.online_requested.emit(kind(session_id=self.session_id, vote_id=vote.id))
