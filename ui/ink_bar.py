"""The row of ink tools under the viewer's toolbar: pen or eraser, colour, width, undo, redo,
done. Large buttons (a finger on a tablet); the bar only reports choices."""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QKeySequence, QPainter, QPixmap
from PySide6.QtWidgets import QButtonGroup, QFrame, QHBoxLayout, QToolButton, QWidget

from ui.ink import PEN_COLOURS, PEN_WIDTHS

BUTTON = 36  # pixels: 9.5 mm at 96 dpi, a fingertip


def _text_icon(style: str) -> QIcon:
    """"ab" highlighted, underlined or struck out."""
    pixmap = QPixmap(28, 24)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if style == "highlight":
        painter.fillRect(2, 4, 24, 16, QColor(249, 168, 37, 150))
    font = painter.font()
    font.setPixelSize(15)
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("#263238"))
    painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, "ab")
    pen = painter.pen()
    pen.setWidthF(2.0)
    pen.setColor(QColor("#c62828"))
    painter.setPen(pen)
    if style == "underline":
        painter.drawLine(4, 21, 24, 21)
    elif style == "strikeout":
        painter.drawLine(4, 13, 24, 13)
    painter.end()
    return QIcon(pixmap)


def _swatch(color: str, width: float | None = None) -> QIcon:
    pixmap = QPixmap(24, 24)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(color))
    if width is None:
        painter.drawEllipse(3, 3, 18, 18)
    else:
        size = 4 + width * 2.4
        painter.drawEllipse(int(12 - size / 2), int(12 - size / 2), int(size), int(size))
    painter.end()
    return QIcon(pixmap)


class InkBar(QWidget):
    """Signals: `tool_changed(tool)` ("pen", "highlight", "underline", "strikeout" or
    "eraser"), `color_changed(color)`,
    `width_changed(points)`, `undo_requested()`, `redo_requested()`, `done()`."""

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
        for button, style in ((self.highlight_button, "highlight"),
                              (self.underline_button, "underline"),
                              (self.strikeout_button, "strikeout")):
            button.setIcon(_text_icon(style))
            button.setIconSize(QSize(28, 24))
        tools = QButtonGroup(self)
        tools.setExclusive(True)
        for button, tool in ((self.pen_button, "pen"), (self.highlight_button, "highlight"),
                             (self.underline_button, "underline"),
                             (self.strikeout_button, "strikeout"),
                             (self.eraser_button, "eraser")):
            tools.addButton(button)
            button.clicked.connect(lambda _c=False, t=tool: self.tool_changed.emit(t))
            layout.addWidget(button)
        self.pen_button.setChecked(True)
        layout.addWidget(self._separator())
        names = (self.tr("Blue"), self.tr("Red"), self.tr("Green"), self.tr("Yellow marker"))
        self.colour_buttons = self._choices(
            layout, [(_swatch(color), name, color) for color, name in zip(PEN_COLOURS, names)],
            self.color_changed.emit, checked=0)
        layout.addWidget(self._separator())
        names = (self.tr("Fine"), self.tr("Medium"), self.tr("Broad"))
        self.width_buttons = self._choices(
            layout, [(_swatch("#37474f", width), name, width)
                     for width, name in zip(PEN_WIDTHS, names)],
            self.width_changed.emit, checked=1)
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
        self.hide()

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
