"""Under the agenda tree: the agenda item in focus (the one selected, else the one under
discussion) with what a participant does on it: request to speak or withdraw, see the
speaker list, keep a personal note; and for the chair, set it as the item under discussion
and give the floor."""
from __future__ import annotations

import uuid as uuidlib

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMenu, QPlainTextEdit, QPushButton,
    QTabWidget, QVBoxLayout, QWidget,
)

from sync.client import AgendaItemInfo
from ui import texts
from ui.session_state import SessionState, SpeakerInfo

NOTE_SAVE_MS = 800
UuidRole = Qt.ItemDataRole.UserRole + 1


class ItemPanel(QWidget):
    """Signals: `speak_requested(item_id, kind)`, `withdraw_requested(uuid)`,
    `current_requested(item_id or None)`, `speaker_status_requested(uuid, status)`,
    `note_changed(item_id, uuid, text)` (debounced while typing)."""

    speak_requested = Signal(int, str)
    withdraw_requested = Signal(str)
    current_requested = Signal(object)
    speaker_status_requested = Signal(str, str)
    note_changed = Signal(int, str, str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("itemPanel")
        self.item: AgendaItemInfo | None = None
        self._can_chair = self._can_speak = False
        self._is_current = False
        self._my_waiting: SpeakerInfo | None = None
        self._note_uuids: dict[int, str] = {}
        self._note_item: int | None = None
        self._note_dirty = False
        # A state read before the last note was sent does not know it yet: it must not put
        # the older text back into the editor (the window sets this after sending).
        self.note_sent_serial = 0

        self.title_label = QLabel()
        self.title_label.setObjectName("itemTitle")
        self.title_label.setWordWrap(True)
        self.current_badge = QLabel(texts.under_discussion())
        self.current_badge.setObjectName("currentBadge")
        title_row = QHBoxLayout()
        title_row.addWidget(self.title_label, 1)
        title_row.addWidget(self.current_badge, 0, Qt.AlignmentFlag.AlignTop)

        self.speak_button = QPushButton()
        self.speak_button.setObjectName("primaryButton")
        self.speak_button.clicked.connect(self._on_speak_clicked)
        self.current_button = QPushButton()
        self.current_button.clicked.connect(self._on_current_clicked)
        buttons = QVBoxLayout()  # one under the other: the column is narrow
        buttons.setSpacing(6)
        for button in (self.speak_button, self.current_button):
            buttons.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        self.request_label = QLabel()
        self.request_label.setObjectName("requestState")
        self.request_label.setWordWrap(True)

        self.speakers = QListWidget()
        self.speakers.setObjectName("speakerList")
        self.speakers.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.speakers.customContextMenuRequested.connect(self._speaker_menu)
        self.note_edit = QPlainTextEdit()
        self.note_edit.setObjectName("noteEdit")
        self.note_edit.setPlaceholderText(self.tr(
            "Your personal note on this item (only you can see it)"))
        self.note_edit.textChanged.connect(self._on_note_typed)
        self.note_status = QLabel()
        self.note_status.setObjectName("noteStatus")
        note_page = QWidget()
        note_layout = QVBoxLayout(note_page)
        note_layout.setContentsMargins(0, 4, 0, 0)
        note_layout.setSpacing(4)
        note_layout.addWidget(self.note_edit, 1)
        note_layout.addWidget(self.note_status)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("itemTabs")
        self.tabs.addTab(self.speakers, "")
        self.tabs.addTab(note_page, self.tr("My note"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(6)
        layout.addLayout(title_row)
        layout.addLayout(buttons)
        layout.addWidget(self.request_label)
        layout.addWidget(self.tabs, 1)

        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(NOTE_SAVE_MS)
        self._note_timer.timeout.connect(self.flush_note)
        self.show_item(None, None, 0)

    def set_permissions(self, can_chair: bool, can_speak: bool) -> None:
        self._can_chair, self._can_speak = can_chair, can_speak

    # -- content ----------------------------------------------------------------------------
    def show_item(self, item: AgendaItemInfo | None, state: SessionState | None,
                  user_id: int) -> None:
        if item is None or state is None:
            self.flush_note()
            self.item = None
            self.hide()
            return
        if self.item is None or self.item.id != item.id:
            self.flush_note()
        self.item = item
        self.show()
        self.title_label.setText(f"{item.label}. {item.title}" if item.label else item.title)
        self._is_current = state.live.current_item_id == item.id
        self.current_badge.setVisible(self._is_current)
        speakers = state.speakers_of(item.id)
        self._my_waiting = next((s for s in speakers if s.user_id == user_id
                                 and s.status == "waiting"), None)
        self._show_buttons(item, speakers, user_id)
        self._show_speakers(speakers)
        self._show_note(item, state)

    def _show_buttons(self, item: AgendaItemInfo, speakers: list[SpeakerInfo],
                      user_id: int) -> None:
        question = item.kind == "question_time"
        if self._my_waiting is not None:
            self.speak_button.setText(self.tr("Withdraw my request"))
        else:
            self.speak_button.setText(self.tr("Ask a question") if question
                                      else self.tr("Request to speak"))
        self.speak_button.setVisible(self._can_speak)
        self.current_button.setText(self.tr("End the discussion of this item") if self._is_current
                                    else self.tr("Set as the item under discussion"))
        self.current_button.setVisible(self._can_chair)
        mine = [s for s in speakers if s.user_id == user_id]
        line = ""
        if self._my_waiting is not None and self._my_waiting.pending:
            line = self.tr("Your request is saved on this tablet and waits to be sent.")
        elif self._my_waiting is not None:
            position = [s.uuid for s in speakers if s.status == "waiting"].index(
                self._my_waiting.uuid) + 1
            line = self.tr("You are number %1 on the list.").replace("%1", str(position))
        elif any(s.status == "speaking" for s in mine):
            line = self.tr("You have the floor.")
        self.request_label.setText(line)
        self.request_label.setVisible(bool(line) and self._can_speak)

    def _show_speakers(self, speakers: list[SpeakerInfo]) -> None:
        self.speakers.clear()
        waiting_number = 0
        for speaker in speakers:
            if speaker.status == "waiting":
                waiting_number += 1
                prefix = f"{waiting_number}. "
            else:
                prefix = "▶ " if speaker.status == "speaking" else "✓ "
            parts = [texts.speaker_status(speaker.status)]
            if speaker.kind == "question":
                parts.insert(0, self.tr("question"))
            if speaker.pending:
                parts.append(self.tr("waiting to be sent"))
            row = QListWidgetItem(f"{prefix}{speaker.full_name} — {' · '.join(parts)}")
            row.setData(UuidRole, speaker.uuid)
            if speaker.topic:
                row.setToolTip(speaker.topic)
            if speaker.status == "speaking":
                font = QFont(self.speakers.font())
                font.setBold(True)
                row.setFont(font)
                row.setForeground(QColor("#1e6b2a"))
            elif speaker.status == "done":
                row.setForeground(QColor("#7b8794"))
            self.speakers.addItem(row)
        if not speakers:
            placeholder = QListWidgetItem(self.tr("Nobody has asked to speak on this item yet."))
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.speakers.addItem(placeholder)
        waiting = sum(1 for s in speakers if s.status == "waiting")
        self.tabs.setTabText(0, self.tr("Speakers (%1)").replace("%1", str(waiting)))

    def _show_note(self, item: AgendaItemInfo, state: SessionState) -> None:
        note = state.note_of(item.id)
        if note is not None:
            self._note_uuids.setdefault(item.id, note.uuid)
        stale = state.serial < self.note_sent_serial
        if self._note_item == item.id and stale:
            return
        if self._note_item != item.id or (not self._note_dirty and not self.note_edit.hasFocus()):
            text = note.text if note is not None else ""
            if self._note_item != item.id or self.note_edit.toPlainText() != text:
                self._note_item = item.id
                self.note_edit.blockSignals(True)
                self.note_edit.setPlainText(text)
                self.note_edit.blockSignals(False)
        if self._note_dirty:
            return
        if note is None:
            self.note_status.setText(self.tr("Only you can see your notes."))
        elif note.pending:
            self.note_status.setText(self.tr("Saved on this tablet, waiting to be sent."))
        else:
            self.note_status.setText(self.tr("Saved."))

    # -- actions ----------------------------------------------------------------------------
    def _on_speak_clicked(self) -> None:
        if self.item is None:
            return
        if self._my_waiting is not None:
            self.withdraw_requested.emit(self._my_waiting.uuid)
        else:
            kind = "question" if self.item.kind == "question_time" else "speech"
            self.speak_requested.emit(self.item.id, kind)

    def _on_current_clicked(self) -> None:
        if self.item is not None:
            self.current_requested.emit(None if self._is_current else self.item.id)

    def _speaker_menu(self, position: QPoint) -> None:
        row = self.speakers.itemAt(position)
        uuid = row.data(UuidRole) if row is not None else None
        if not self._can_chair or not uuid:
            return
        menu = QMenu(self)
        for label, status in ((self.tr("Give the floor"), "speaking"),
                              (self.tr("Has finished speaking"), "done"),
                              (self.tr("Back to the waiting list"), "waiting")):
            menu.addAction(label, lambda s=status: self.speaker_status_requested.emit(uuid, s))
        menu.exec(self.speakers.viewport().mapToGlobal(position))

    def _on_note_typed(self) -> None:
        if self._note_item is None:
            return
        self._note_dirty = True
        self.note_status.setText(self.tr("Saving…"))
        self._note_timer.start()

    def flush_note(self) -> None:
        """Send the note being typed now (before the item changes or the window closes)."""
        self._note_timer.stop()
        if not self._note_dirty or self._note_item is None:
            return
        self._note_dirty = False
        item_id = self._note_item
        uuid = self._note_uuids.setdefault(item_id, str(uuidlib.uuid4()))
        self.note_changed.emit(item_id, uuid, self.note_edit.toPlainText())
