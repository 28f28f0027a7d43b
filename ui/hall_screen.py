"""The hall screen (màn hình hội trường): the projector or LED wall of the hall, read from the
back row. Light text on a very dark background, big type, Vietnamese by default. It shows
the body, the session and the item under discussion, the time, and one scene at a time
(ui/hall_scene.py, drawn by ui/hall_pages.py): the speaker with a huge countdown, an open
vote with how many have voted (never how), the last result with the official sentence as
the server wrote it, or nothing more.

`set_state(state)` only displays a `SessionState` (tests drive it without any server);
`follow(loader)` keeps it live from a `SessionContentLoader`. Sizes are designed for
1920×1080 and scale with the window; `show_for_hall()` goes full screen, Escape leaves it
(a second Escape closes), F11 goes back."""
from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import QDate, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QGridLayout, QHBoxLayout, QLabel, QLayout, QStackedWidget, QVBoxLayout, QWidget,
)

from ui.hall_pages import (
    HallPage, IdlePage, ResultPage, ScaledFonts, SpeakerPage, VotePage, hall_label,
)
from ui.hall_scene import IDLE, RESULT, SPEAKER, VOTE, Scene, SceneChooser
from ui.hall_widgets import ACCENT, BACKGROUND, DESIGN_HEIGHT, DESIGN_WIDTH, HEADER, MUTED, TEXT
from ui.session_state import SessionState

STYLE = f"""
#hallScreen, #hallStage {{ background: {BACKGROUND}; }}
#hallScreen QLabel {{ color: {TEXT}; background: transparent; }}
#hallHeader {{ background: {HEADER}; border-bottom: 6px solid {ACCENT}; }}
#hallScreen QLabel#hallMuted {{ color: {MUTED}; }}
#hallScreen QLabel#hallCaption {{ color: {ACCENT}; }}
#hallScreen QLabel#hallOffline {{ color: #ff8a80; }}
#hallScreen QLabel#itemBadge {{ background: {ACCENT}; color: {BACKGROUND};
                               border-radius: 12px; padding: 2px 22px; }}
#hallScreen QLabel#votePill {{ color: {MUTED}; border: 3px solid #33476a;
                              border-radius: 14px; padding: 2px 20px; }}
#hallScreen QLabel#announcement {{ background: #101d33; border-left: 10px solid {ACCENT};
                                   padding: 18px 28px; }}
"""
CLOCK_FORMAT, DATE_FORMAT = "%H:%M", "dddd, dd/MM/yyyy"
WINDOW_SIZE = (1280, 720)  # where Escape leaves the full screen for


class HallScreen(QWidget):
    """Signals: `closed()` when it is closed (Escape out of a window, or the window manager).
    `scene` is what it shows now; `pages[kind]` the page of each scene."""

    closed = Signal()

    def __init__(self, parent: QWidget | None = None, *, sound: bool = True):
        super().__init__(parent)
        self.setObjectName("hallScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(STYLE)
        self.setWindowTitle(self.tr("Hall screen"))
        self.state: SessionState | None = None
        self.scene = Scene(IDLE)
        self._chooser = SceneChooser()
        self._scale = 1.0
        scaled = self._scaled = ScaledFonts()  # the header's and the item band's labels
        self.body_label = scaled(hall_label("hallMuted"), 38, True, caps=True)
        self.title_label = scaled(hall_label(wrap=True), 56, True)
        self.offline_label = scaled(hall_label("hallOffline"), 36, True)
        self.offline_label.setText(self.tr("No connection to the server"))
        self.offline_label.hide()
        self.clock_label = scaled(hall_label(align=Qt.AlignmentFlag.AlignRight), 64, True)
        self.date_label = scaled(hall_label("hallMuted", align=Qt.AlignmentFlag.AlignRight), 36)
        self.header = QWidget(objectName="hallHeader")
        self.header.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        header = QGridLayout(self.header)
        header.setContentsMargins(60, 26, 60, 26)
        header.addWidget(self.body_label, 0, 0)
        header.addWidget(self.title_label, 1, 0)
        header.addWidget(self.offline_label, 2, 0)
        header.addWidget(self.clock_label, 0, 1, 2, 1, Qt.AlignmentFlag.AlignTop)
        header.addWidget(self.date_label, 2, 1)
        header.setColumnStretch(0, 1)

        self.item_badge = scaled(hall_label("itemBadge"), 44, True)
        self.item_title = scaled(hall_label(wrap=True), 46, True)
        self.item_band = QWidget()
        band = QHBoxLayout(self.item_band)
        band.setContentsMargins(60, 24, 60, 0)
        band.setSpacing(28)
        band.addWidget(self.item_badge, 0, Qt.AlignmentFlag.AlignTop)
        band.addWidget(self.item_title, 1)

        self.idle_page, self.result_page = IdlePage(), ResultPage()
        self.speaker_page, self.vote_page = SpeakerPage(sound=sound), VotePage(sound=sound)
        self.pages: dict[str, HallPage] = {IDLE: self.idle_page, SPEAKER: self.speaker_page,
                                           VOTE: self.vote_page, RESULT: self.result_page}
        self.stage = QStackedWidget(objectName="hallStage")
        for page in self.pages.values():
            self.stage.addWidget(page)

        layout = QVBoxLayout(self)
        # any screen size: the type scales to it (a minimum size would refuse full screen)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.item_band)
        layout.addWidget(self.stage, 1)

        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self._show_time)
        self._apply_scale()
        self._show_time()
        self._show_scene()

    # -- the state ------------------------------------------------------------------------------
    def follow(self, loader) -> None:
        """Show every state a `SessionContentLoader` reads (its `content_ready`)."""
        loader.content_ready.connect(self.set_state)

    def set_offline(self, offline: bool) -> None:
        self.offline_label.setVisible(offline)

    def set_state(self, state: SessionState) -> None:
        previous = self.state
        if state.session is None and previous is not None and previous.session is not None \
                and previous.session_id == state.session_id:  # before the replica has it
            state = dataclasses.replace(state, session=previous.session)
        self.state = state
        self.body_label.setText(state.session.body_name if state.session else "")
        self.title_label.setText(state.session.title if state.session else "")
        self.scene = self._chooser.choose(state)
        self._show_time()
        self._show_scene()

    def _show_scene(self) -> None:
        kind = self.scene.kind
        item = self.state.item(self.state.live.current_item_id) if self.state else None
        self.item_band.setVisible(kind != IDLE and item is not None)
        if item is not None:
            self.item_badge.setText(item.label or "•")
            self.item_title.setText(item.title)
        for page_kind, page in self.pages.items():
            if page_kind != kind:
                page.clear()
        self.pages[kind].show_scene(self.scene, self.state)
        self.stage.setCurrentWidget(self.pages[kind])

    # -- size, time, keys -----------------------------------------------------------------------
    def _apply_scale(self) -> None:
        self._scaled.apply(self._scale)
        for page in self.pages.values():
            page.apply_scale(self._scale)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        scale = min(self.width() / DESIGN_WIDTH, self.height() / DESIGN_HEIGHT)
        if abs(scale - self._scale) > 0.01:
            self._scale = scale
            self._apply_scale()

    def _show_time(self) -> None:
        """The server's time (as the countdowns) in the hall's time zone."""
        now = self.state.sitting.server_now() if self.state else dt.datetime.now(dt.timezone.utc)
        local = now.astimezone()
        self.clock_label.setText(local.strftime(CLOCK_FORMAT))
        self.date_label.setText(QLocale().toString(QDate(local.year, local.month, local.day),
                                                   DATE_FORMAT))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._show_time()
        self._clock.start()

    def hideEvent(self, event) -> None:
        self._clock.stop()
        super().hideEvent(event)

    def show_for_hall(self) -> None:
        """Full screen, without a mouse pointer over the picture."""
        if not self.isVisible():
            self.resize(*WINDOW_SIZE)
        self.setCursor(Qt.CursorShape.BlankCursor)
        self.showFullScreen()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            if self.isFullScreen():
                self.unsetCursor()
                self.showNormal()
            else:
                self.close()
            return
        if event.key() == Qt.Key.Key_F11:
            if self.isFullScreen():
                self.unsetCursor()
                self.showNormal()
            else:
                self.show_for_hall()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event) -> None:
        for page in self.pages.values():
            page.clear()
        super().closeEvent(event)
        self.closed.emit()

    def shown_texts(self) -> list[str]:
        """Every text a person in the hall can read now (labels and painted charts)."""
        found = [label.text() for label in self.findChildren(QLabel)
                 if label.isVisibleTo(self) and label.text()]
        for painted in (self.result_page.bars, self.result_page.table):
            if painted.isVisibleTo(self):
                found += painted.texts()
        return found
