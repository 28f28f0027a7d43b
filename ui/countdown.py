"""A countdown clock (m:ss) for a speaker's time or a vote's: its own timer, a warning colour in
the last seconds, and once the time is up a flashing "Time is up", one `ended` signal and one
beep, then the time over counted as "-0:12".

The caller gives a function that returns the seconds left (negative once over, None for
nothing to count) and sets the font: the hall screen makes it huge, a tablet's window small.
The time comes from the caller's function, so it runs on whatever clock the caller chooses
(the server's, `SittingState.server_now()`), and tests drive it with a fake one."""
from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Callable, Hashable, Optional

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QBoxLayout, QLabel, QSizePolicy, QWidget

RemainingFn = Callable[[], Optional[float]]

NORMAL, WARNING, OVER = "normal", "warning", "over"
WARNING_S = 30
TICK_MS = 200
FLASH_PERIOD_S = 1.0  # the "Time is up" caption: half a second on, half a second off


def beep() -> None:
    """One system beep where the machine has a sound (nothing happens where it has none)."""
    QApplication.beep()


def format_clock(remaining: float) -> str:
    """Seconds left as the clock shows them: "5:00", "0:07", "1:02:03"; once over "-0:12".
    Counting down shows a second until it is over (4.2 s left is "0:05"), so "0:00" is the
    moment the time is up."""
    if remaining > 0:
        seconds, sign = math.ceil(remaining), ""
    else:
        seconds = math.floor(-remaining)
        sign = "-" if seconds else ""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes}:{secs:02d}"


def countdown_state(remaining: float, warning_s: float = WARNING_S) -> str:
    if remaining <= 0:
        return OVER
    return WARNING if math.ceil(remaining) <= warning_s else NORMAL


@dataclass(frozen=True)
class CountdownColors:
    """Colours of the clock in each state (CSS colour names), for a light background by
    default; `hall()` for a dark one."""
    normal: str = "#17375e"
    warning: str = "#b45f06"
    over: str = "#c62828"
    flash_text: str = "#ffffff"  # the caption's text on the `over` colour while it flashes

    @classmethod
    def hall(cls) -> "CountdownColors":
        return cls(normal="#ffffff", warning="#ffb300", over="#ff4d4d", flash_text="#ffffff")


class Countdown(QWidget):
    """`show_remaining(fn, key)` starts showing `fn()` (None hides the countdown and stops
    its timer). Calls with the same `key` continue the same countdown (a time limit changed
    by the chair); a new key starts another one.

    Signals: `ended()` once each time the countdown is seen reaching 0 (never for one that
    was already over when it was first shown); `state_changed(state)` with "normal",
    "warning" (the last `warning_s` seconds) or "over".

    `caption`: where "Time is up" goes, "below" or "beside" the clock, or "none";
    `caption_scale`: its size relative to the clock's font (which the caller sets with
    `setFont`). The timer runs only while the countdown is visible and dies with it."""

    ended = Signal()
    state_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, warning_s: float = WARNING_S,
                 sound: bool = True, caption: str = "below", caption_scale: float | None = None,
                 colors: CountdownColors | None = None, tick_ms: int = TICK_MS):
        super().__init__(parent)
        self.setObjectName("countdown")
        self._warning_s = warning_s
        self._sound = sound
        self._colors = colors or CountdownColors()
        self._caption_scale = caption_scale or (0.3 if caption == "below" else 0.8)
        self._fn: RemainingFn | None = None
        self._key: Hashable = None
        self._last: float | None = None
        self._state = NORMAL
        self._flash_on = False
        self._styles: dict[QLabel, str] = {}

        self.clock_label = QLabel()
        self.clock_label.setObjectName("countdownClock")
        self.clock_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption_label = QLabel(self.tr("Time is up"))
        self.caption_label.setObjectName("countdownCaption")
        self.caption_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        keep_place = self.caption_label.sizePolicy()
        keep_place.setRetainSizeWhenHidden(caption != "none")  # the clock does not jump
        self.caption_label.setSizePolicy(keep_place)
        self.caption_label.hide()
        self._has_caption = caption != "none"
        direction = (QBoxLayout.Direction.LeftToRight if caption == "beside"
                     else QBoxLayout.Direction.TopToBottom)
        layout = QBoxLayout(direction, self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0 if caption == "below" else 12)
        layout.addWidget(self.clock_label, 0, Qt.AlignmentFlag.AlignCenter)
        if self._has_caption:
            layout.addWidget(self.caption_label, 0, Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

        self._timer = QTimer(self)
        self._timer.setInterval(tick_ms)
        self._timer.timeout.connect(self._tick)
        self._size_caption()
        self._restyle()
        self.hide()

    # -- public -----------------------------------------------------------------------------
    def show_remaining(self, remaining_fn: RemainingFn | None, key: Hashable = None) -> None:
        if remaining_fn is None:
            self.stop()
            return
        if key is None or key != self._key:
            self._last = None  # another countdown: nothing was seen of it yet
        self._fn, self._key = remaining_fn, key
        self.show()
        self._tick()
        if self.isVisible():
            self._timer.start()

    def stop(self) -> None:
        """Hide the countdown and stop its timer."""
        self._fn, self._key, self._last = None, None, None
        self._timer.stop()
        self._set_state(NORMAL)
        self.hide()

    @property
    def state(self) -> str:
        return self._state

    @property
    def remaining(self) -> float | None:
        """The seconds left at the last tick (None when nothing is counted)."""
        return self._last

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def text(self) -> str:
        return self.clock_label.text()

    def caption_shown(self) -> bool:
        """True while "Time is up" is on screen (in its flashing or its quiet phase)."""
        return self._has_caption and self._state == OVER

    # -- ticking ----------------------------------------------------------------------------
    def _tick(self) -> None:
        if self._fn is None:
            self._timer.stop()
            return
        remaining = self._fn()
        if remaining is None:
            self.clock_label.setText("")
            self._last = None
            self._set_state(NORMAL)
            return
        text = format_clock(remaining)
        if text != self.clock_label.text():
            self.clock_label.setText(text)
        reached_zero = self._last is not None and self._last > 0 >= remaining
        self._last = remaining
        self._set_state(countdown_state(remaining, self._warning_s))
        if self._state == OVER:
            self._set_flash((time.monotonic() % FLASH_PERIOD_S) < FLASH_PERIOD_S / 2)
        if reached_zero:
            if self._sound:
                beep()
            self.ended.emit()

    def _set_state(self, state: str) -> None:
        if state == self._state:
            return
        self._state = state
        self.caption_label.setVisible(self._has_caption and state == OVER)
        self._flash_on = state == OVER
        self._restyle()
        self.state_changed.emit(state)

    def _set_flash(self, on: bool) -> None:
        if on != self._flash_on:
            self._flash_on = on
            self._restyle()

    # -- looks ------------------------------------------------------------------------------
    def _restyle(self) -> None:
        colors = self._colors
        clock = {NORMAL: colors.normal, WARNING: colors.warning, OVER: colors.over}[self._state]
        self._style(self.clock_label, f"color: {clock}; background: transparent;")
        if self._flash_on:
            caption = f"color: {colors.flash_text}; background: {colors.over};"
        else:
            caption = f"color: {colors.over}; background: transparent;"
        self._style(self.caption_label, caption + " border-radius: 8px; padding: 2px 24px;")

    def _style(self, label: QLabel, sheet: str) -> None:
        if self._styles.get(label) != sheet:  # re-polishing costs: only on a change
            self._styles[label] = sheet
            label.setStyleSheet(sheet)

    def _size_caption(self) -> None:
        """The clock gets the countdown's font, the caption a smaller bold one (set on each
        label: a style sheet on a label stops it from inheriting its parent's font)."""
        self.clock_label.setFont(self.font())
        font = QFont(self.font())
        font.setBold(True)
        if font.pixelSize() > 0:
            font.setPixelSize(max(1, round(font.pixelSize() * self._caption_scale)))
        else:
            font.setPointSizeF(max(1.0, font.pointSizeF() * self._caption_scale))
        self.caption_label.setFont(font)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._size_caption()
        super().changeEvent(event)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._fn is not None:
            self._tick()
            self._timer.start()

    def hideEvent(self, event) -> None:
        self._timer.stop()
        super().hideEvent(event)
