"""The row of ink tools under the viewer's toolbar: pen, text marks, sticky note, text box,
select, eraser; colour and width; share and delete (a selected note); undo, redo, save a
copy, done. Large buttons (a finger on a tablet); the bar only reports choices."""
from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup, QFrame, QHBoxLayout, QMenu, QToolButton, QWidget, QWidgetAction,
)

from ui import ink_icons as icons
from ui.ink import PEN_COLOURS, PEN_WIDTHS

BUTTON = 36  # pixels: 9.5 mm at 96 dpi, a fingertip


class InkBar(QWidget):
    """Signals: `tool_changed(tool)` ("pen", "highlight", "underline", "strikeout", "note",
    "textbox", "select" or "eraser"), `color_changed(color)`, `width_changed(points)`,
    `undo_requested()`, `redo_requested()`, `done()`, `save_copy_requested()`. The colours and
    widths sit in one button's panel; share and delete show while a note is selected."""

    tool_changed = Signal(str)
    color_changed = Signal(str)
    width_changed = Signal(float)
    undo_requested = Signal()
    redo_requested = Signal()
    done = Signal()
    save_copy_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inkBar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 4, 12, 4)
        layout.setSpacing(2)
        self.pen_button = self._button("✎", self.tr("Pen: write on the page"), True)
        self.eraser_button = self._button("⌫", self.tr("Eraser: touch a stroke or a mark to "
                                                       "erase it"), True)
        self.highlight_button = self._button("", self.tr("Highlight: drag over the words"), True)
        self.underline_button = self._button("", self.tr("Underline: drag over the words"), True)
        self.strikeout_button = self._button("", self.tr("Strike out: drag over the words"),
                                             True)
        self.note_button = self._button("", self.tr("Sticky note: tap where it goes"), True)
        self.textbox_button = self._button("", self.tr("Text box: tap where the words go"),
                                           True)
        self.select_button = self._button("", self.tr(
            "Select: tap a note to share or delete it, drag it to move it"), True)
        for button, icon in ((self.highlight_button, icons.text_icon("highlight")),
                             (self.underline_button, icons.text_icon("underline")),
                             (self.strikeout_button, icons.text_icon("strikeout")),
                             (self.note_button, icons.note_icon()),
                             (self.textbox_button, icons.textbox_icon()),
                             (self.select_button, icons.select_icon())):
            button.setIcon(icon)
            button.setIconSize(QSize(28, 24))
        tools = QButtonGroup(self)
        tools.setExclusive(True)
        for button, tool in ((self.pen_button, "pen"), (self.highlight_button, "highlight"),
                             (self.underline_button, "underline"),
                             (self.strikeout_button, "strikeout"),
                             (self.note_button, "note"), (self.textbox_button, "textbox"),
                             (self.select_button, "select"), (self.eraser_button, "eraser")):
            tools.addButton(button)
            button.clicked.connect(lambda _c=False, t=tool: self._tool(t))
            layout.addWidget(button)
        self.pen_button.setChecked(True)
        layout.addWidget(self._separator())
        self.style_button = self._style_panel()
        layout.addWidget(self.style_button)
        self.share_button = self._button("", self.tr(
            "Share this note with the session (tap again to keep it private)"), True)
        self.share_button.setIcon(icons.share_icon())
        self.share_button.setIconSize(QSize(28, 24))
        self.delete_button = self._button("", self.tr("Delete this note (Delete)"))
        self.delete_button.setIcon(icons.delete_icon())
        self.delete_button.setIconSize(QSize(28, 24))
        layout.addWidget(self.share_button)
        layout.addWidget(self.delete_button)
        layout.addWidget(self._separator())
        native = QKeySequence.SequenceFormat.NativeText
        self.undo_button = self._button("↶", self.tr("Undo (%1)").replace(
            "%1", QKeySequence(QKeySequence.StandardKey.Undo).toString(native)))
        self.redo_button = self._button("↷", self.tr("Redo (%1)").replace(
            "%1", QKeySequence(QKeySequence.StandardKey.Redo).toString(native)))
        self.undo_button.clicked.connect(self.undo_requested)
        self.redo_button.clicked.connect(self.redo_requested)
        layout.addWidget(self.undo_button)
        layout.addWidget(self.redo_button)
        layout.addStretch(1)
        self.save_button = self._button("⤓", self.tr(
            "Save a copy of this document with your notes, for any PDF reader"))
        self.save_button.clicked.connect(self.save_copy_requested)
        layout.addWidget(self.save_button)
        self.done_button = self._button("✓", self.tr("Done: back to reading"))
        self.done_button.clicked.connect(self.done)
        layout.addWidget(self.done_button)
        self.set_history(False, False)
        self.set_selection(False, False)
        self.hide()

    def _style_panel(self) -> QToolButton:
        """One button showing the pen's colour and width; its panel chooses them."""
        button = self._button("", self.tr("Colour and width"))
        button.setObjectName("inkStyleButton")
        button.setIconSize(QSize(34, 24))
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(button)
        panel = QWidget()
        row = QHBoxLayout(panel)
        row.setContentsMargins(6, 6, 6, 6)
        row.setSpacing(2)
        names = (self.tr("Blue"), self.tr("Red"), self.tr("Green"), self.tr("Yellow marker"))
        self.colour_buttons = self._choices(
            row, [(icons.swatch(color), name, color) for color, name in zip(PEN_COLOURS, names)],
            lambda color: self._styled(color=color), checked=0)
        row.addWidget(self._separator())
        names = (self.tr("Fine"), self.tr("Medium"), self.tr("Broad"))
        self.width_buttons = self._choices(
            row, [(icons.swatch("#37474f", width), name, width)
                  for width, name in zip(PEN_WIDTHS, names)],
            lambda width: self._styled(width=width), checked=1)
        action = QWidgetAction(menu)
        action.setDefaultWidget(panel)
        menu.addAction(action)
        button.setMenu(menu)
        self._colour, self._width = PEN_COLOURS[0], PEN_WIDTHS[1]
        button.setIcon(icons.style_icon(self._colour, self._width))
        return button

    def _styled(self, color: str | None = None, width: float | None = None) -> None:
        self.style_button.menu().hide()
        self.show_style(color or self._colour, width or self._width)
        if color is not None:
            self.color_changed.emit(color)
        if width is not None:
            self.width_changed.emit(width)

    def show_style(self, color: str, width: float) -> None:
        """The colour and width in use, on the style button and checked in its panel."""
        self._colour, self._width = color, width
        self.style_button.setIcon(icons.style_icon(color, width))
        for button, value in zip(self.colour_buttons, PEN_COLOURS):
            button.setChecked(value == color)
        for button, value in zip(self.width_buttons, PEN_WIDTHS):
            button.setChecked(value == width)

    def _tool(self, tool: str) -> None:
        self.style_button.setVisible(tool != "select")
        self.set_selection(False, False)  # nothing selected yet
        self.tool_changed.emit(tool)

    def set_selection(self, mine: bool, shared: bool) -> None:
        """A note of mine selected (select tool): share and delete act on it."""
        selecting = self.select_button.isChecked()
        for button in (self.share_button, self.delete_button):
            button.setVisible(selecting)
            button.setEnabled(mine)
        with QSignalBlocker(self.share_button):
            self.share_button.setChecked(mine and shared)

    @staticmethod
    def _button(text: str, tooltip: str, checkable: bool = False) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tooltip)
        button.setAccessibleName(tooltip)
        button.setObjectName("inkButton")
        button.setCheckable(checkable)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setMinimumSize(BUTTON, BUTTON)
        return button

    def _choices(self, layout: QHBoxLayout, options: list, report, checked: int) -> list:
        """One checkable icon button an option `(icon, name, value)`, only one checked at a
        time; a click reports its value."""
        group = QButtonGroup(self)
        buttons = []
        for icon, name, value in options:
            button = self._button("", name, True)
            button.setIcon(icon)
            button.setIconSize(QSize(24, 24))
            button.clicked.connect(lambda _c=False, v=value: report(v))
            group.addButton(button)
            buttons.append(button)
            layout.addWidget(button)
        buttons[checked].setChecked(True)
        return buttons

    @staticmethod
    def _separator() -> QFrame:
        line = QFrame()
        line.setFrameShape(QFrame.Shape.VLine)
        line.setObjectName("toolbarSeparator")
        return line

    def set_history(self, can_undo: bool, can_redo: bool) -> None:
        self.undo_button.setEnabled(can_undo)
        self.redo_button.setEnabled(can_redo)
