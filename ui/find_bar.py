"""The viewer's find bar (Ctrl+F): a query, the hit count, previous and next, close.

The bar only edits and reports; the viewer searches (`SearchService.find`) and tells the bar
what it found with `show_count` or `show_state`. Typing is debounced, so a query is searched
once the reader pauses; Enter and F3 go to the next hit, Shift+Enter and Shift+F3 to the
previous one, Escape closes the bar.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

DEBOUNCE_MS = 250


class _QueryEdit(QLineEdit):
    step = Signal(int)
    escape = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, shift = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F3):
            self.step.emit(-1 if shift else 1)
        elif key == Qt.Key.Key_Escape:
            self.escape.emit()
        else:
            super().keyPressEvent(event)
            return
        event.accept()


class FindBar(QWidget):
    """Signals: `query_changed(text)` (debounced), `step(+1 | -1)`, `closed()`."""

    query_changed = Signal(str)
    step = Signal(int)
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.edit = _QueryEdit()
        self.edit.setObjectName("findEdit")
        self.edit.setPlaceholderText(self.tr("Find in this document (no need for accents)"))
        self.edit.setClearButtonEnabled(True)
        self.count_label = QLabel()
        self.count_label.setObjectName("findCount")
        self.previous_button = self._button("▲", self.tr("Previous hit (Shift+Enter)"))
        self.next_button = self._button("▼", self.tr("Next hit (Enter)"))
        self.close_button = self._button("✕", self.tr("Close the search (Esc)"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.setSpacing(6)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.count_label)
        for button in (self.previous_button, self.next_button, self.close_button):
            layout.addWidget(button)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(lambda: self.query_changed.emit(self.query()))
        self.edit.textChanged.connect(lambda _text: self._timer.start())
        self.edit.step.connect(self._step)
        self.edit.escape.connect(self.close_bar)
        self.previous_button.clicked.connect(lambda: self._step(-1))
        self.next_button.clicked.connect(lambda: self._step(1))
        self.close_button.clicked.connect(self.close_bar)
        self.show_count(0, 0)
        self.hide()

    @staticmethod
    def _button(text: str, tooltip: str) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tooltip)
        button.setObjectName("findButton")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setMinimumSize(40, 40)  # a finger, not a mouse pointer
        return button

    def query(self) -> str:
        return self.edit.text().strip()

    def open_bar(self, text: str | None = None) -> None:
        """Show the bar with the query selected (or `text`), ready to type over."""
        self.show()
        if text is not None and text != self.edit.text():
            self.edit.setText(text)
            self._timer.stop()
            self.query_changed.emit(self.query())
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    def close_bar(self) -> None:
        self._timer.stop()
        self.hide()
        self.closed.emit()

    def show_count(self, current: int, total: int) -> None:
        """`current` from 1; `total` hits in the document."""
        if not self.query():
            self.count_label.setText("")
        elif total:
            self.count_label.setText(self.tr("%1 of %2").replace("%1", str(current)).replace(
                "%2", str(total)))
        else:
            self.count_label.setText(self.tr("No results"))
        self.previous_button.setEnabled(total > 1)
        self.next_button.setEnabled(total > 1)

    def show_state(self, text: str) -> None:
        """A sentence instead of a count (the document is being prepared for search…)."""
        self.count_label.setText(text)
        self.previous_button.setEnabled(False)
        self.next_button.setEnabled(False)

    def _step(self, delta: int) -> None:
        if self._timer.isActive():  # Enter right after typing: search now, then step
            self._timer.stop()
            self.query_changed.emit(self.query())
            return
        self.step.emit(delta)
