"""The small window where a sticky note's or a text box's words are written, read, shared
with the session or deleted. It never blocks the window behind it (not modal, `open()`): the
sync, the ballot and the speakers' list go on while the delegate writes."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox, QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout,
    QWidget,
)

from ui.page_notes import MAX_TEXT


class NoteEditor(QDialog):
    """Signals: `saved(text, shared)`, `delete_requested()`. Read-only for someone else's
    shared note (`theirs`) and for a note on an earlier version."""

    saved = Signal(str, bool)
    delete_requested = Signal()

    def __init__(self, parent: QWidget, kind: str, text: str = "", shared: bool = False,
                 editable: bool = True, existing: bool = False, theirs: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("noteEditor")
        self.setWindowTitle(self.tr("Sticky note") if kind == "note" else self.tr("Text box"))
        self.setWindowModality(Qt.WindowModality.NonModal)  # the room's controls stay usable
        self.text_edit = QPlainTextEdit(text)
        self.text_edit.setObjectName("noteText")
        self.text_edit.setPlaceholderText(self.tr("Write your note here…"))
        self.text_edit.setReadOnly(not editable)
        self.text_edit.setMinimumSize(360, 160)
        self.share_box = QCheckBox(self.tr("Share with the session (delegates, chair, "
                                           "secretary and clerk who may read the document)"))
        self.share_box.setChecked(shared)
        self.share_box.setEnabled(editable)
        self.limit_label = QLabel()
        self.limit_label.setObjectName("noteLimit")
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.setObjectName("noteDelete")
        buttons.addButton(self.delete_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        close = buttons.addButton(self.tr("Cancel") if editable else self.tr("Close"),
                                  QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.setVisible(editable)
        self.delete_button.setVisible(editable and existing)
        self.save_button.clicked.connect(self._save)
        self.delete_button.clicked.connect(self._delete)
        close.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        if not editable:
            layout.addWidget(QLabel(
                self.tr("Shared with the session by another participant.") if theirs else
                self.tr("On an earlier version of the document: to read only.")))
        layout.addWidget(self.text_edit, 1)
        layout.addWidget(self.limit_label)
        layout.addWidget(self.share_box)
        layout.addWidget(buttons)
        self.text_edit.textChanged.connect(self._check)
        self._check()
        self.text_edit.setFocus()

    def _check(self) -> None:
        length = len(self.text_edit.toPlainText())
        over = length > MAX_TEXT
        self.limit_label.setText(self.tr("Too long: %1 characters, at most %2.")
                                 .replace("%1", str(length)).replace("%2", str(MAX_TEXT))
                                 if over else "")
        self.limit_label.setVisible(over)
        self.save_button.setEnabled(bool(self.text_edit.toPlainText().strip()) and not over)

    def _save(self) -> None:
        self.saved.emit(self.text_edit.toPlainText().strip(), self.share_box.isChecked())
        self.accept()

    def _delete(self) -> None:
        self.delete_requested.emit()
        self.accept()
