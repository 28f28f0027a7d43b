"""The four scenes of the hall screen (ui/hall_screen.py), one page each: the quiet screen
(the session, the item under discussion), the speaker with their countdown, an open vote
(how many have voted, never how) and a result (the bars or the table, the verdict, and the
official sentence exactly as the server wrote it).

Each page shows one scene (`show_scene(scene, state)`), stops its timers in `clear()`, and
lists its widgets with their design sizes (pixels at 1920×1080) in `sized`, which the hall
screen scales to the window."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ui import texts
from ui.countdown import Countdown, CountdownColors
from ui.hall_scene import Scene, eligible_of
from ui.hall_table import SubjectTable
from ui.hall_widgets import NOT_PASSED, PASSED, TEXT, ResultBars, TurnoutBar, bar_rows, hall_font
from ui.session_state import SessionState
from ui.sitting_state import speaker_remaining_s

CENTRE = Qt.AlignmentFlag.AlignHCenter


def hall_label(name: str = "", wrap: bool = False, align=Qt.AlignmentFlag.AlignLeft) -> QLabel:
    label = QLabel()
    if name:
        label.setObjectName(name)  # the hall screen's style sheet colours it
    label.setWordWrap(wrap)
    label.setAlignment(align | Qt.AlignmentFlag.AlignVCenter)
    label.setTextFormat(Qt.TextFormat.PlainText)  # names and titles are data, never markup
    return label


def column(widgets, margins=(0, 0, 0, 0), centred: bool = False, spacing: int = 22) -> QWidget:
    widget = QWidget()
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(*margins)
    layout.setSpacing(spacing)
    if centred:
        layout.addStretch(1)
    for child in widgets:
        layout.addWidget(child)
    layout.addStretch(1)
    return widget


PAGE_MARGINS = (60, 36, 60, 48)


class ScaledFonts:
    """Widgets with their design font sizes, scaled together to the window."""

    def __init__(self) -> None:
        self.sized: list[tuple[QWidget, float, bool, bool]] = []

    def __call__(self, widget, pixels: float = 0, bold: bool = False, caps: bool = False):
        """Register `widget` with its design font size (0: a painted widget that scales)."""
        self.sized.append((widget, pixels, bold, caps))
        return widget

    def apply(self, scale: float) -> None:
        for widget, pixels, bold, caps in self.sized:
            if hasattr(widget, "set_scale"):
                widget.set_scale(scale)
            if pixels:
                font = hall_font(pixels * scale, bold)
                if caps:
                    font.setCapitalization(QFont.Capitalization.AllUppercase)
                    font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 104)
                widget.setFont(font)


class HallPage(QWidget):
    """What the pages share: their scaled widgets."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.scaled = ScaledFonts()

    def apply_scale(self, scale: float) -> None:
        self.scaled.apply(scale)

    def show_scene(self, scene: Scene, state: SessionState | None) -> None:
        raise NotImplementedError

    def clear(self) -> None:
        """The scene is gone: stop what runs."""


class IdlePage(HallPage):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.caption = self.scaled(hall_label("hallCaption", align=CENTRE), 44, True, caps=True)
        self.title = self.scaled(hall_label(wrap=True, align=CENTRE), 80, True)
        self.detail = self.scaled(hall_label("hallMuted", wrap=True, align=CENTRE), 44)
        QVBoxLayout(self).addWidget(column([self.caption, self.title, self.detail],
                                           PAGE_MARGINS, centred=True))

    def show_scene(self, scene: Scene, state: SessionState | None) -> None:
        item = state.item(state.live.current_item_id) if state else None
        session = state.session if state else None
        self.caption.setVisible(item is not None)
        self.caption.setText(self.tr("Under discussion"))
        if item is not None:
            self.title.setText(f"{item.label}. {item.title}" if item.label else item.title)
            self.detail.setText(self.tr("Presented by: %1").replace("%1", item.presenter)
                                if item.presenter else "")
        else:
            self.title.setText(session.title if session else "")
            where_when = [session.location, texts.format_date_range(
                session.starts_at, session.ends_at)] if session else []
            self.detail.setText("\n".join(part for part in where_when if part))
        self.detail.setVisible(bool(self.detail.text()))


class SpeakerPage(HallPage):
    def __init__(self, parent: QWidget | None = None, *, sound: bool = True):
        super().__init__(parent)
        self.caption = self.scaled(hall_label("hallCaption"), 48, True, caps=True)
        self.name = self.scaled(hall_label(wrap=True), 112, True)
        self.detail = self.scaled(hall_label("hallMuted", wrap=True), 44)
        self.topic = self.scaled(hall_label(wrap=True), 46)
        self.limit = self.scaled(hall_label("hallMuted", align=CENTRE), 40)
        self.countdown = self.scaled(Countdown(colors=CountdownColors.hall(), sound=sound), 300,
                                   True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(60, 40, 60, 48)
        layout.setSpacing(60)
        layout.addWidget(column([self.caption, self.name, self.detail, self.topic],
                                centred=True), 3)
        layout.addWidget(column([self.limit, self.countdown], centred=True), 2)

    def show_scene(self, scene: Scene, state: SessionState | None) -> None:
        speaker, sitting = scene.speaker, state.sitting
        self.caption.setText(self.tr("Asking a question") if speaker.kind == "question"
                             else self.tr("Speaking"))
        self.name.setText(speaker.full_name)
        delegate = next((d for d in sitting.delegates if d.user_id == speaker.user_id), None)
        self.detail.setText(delegate.title if delegate else "")  # (members get the roster)
        self.detail.setVisible(bool(self.detail.text()))
        self.topic.setText(speaker.topic)
        self.topic.setVisible(bool(speaker.topic))
        started, limit = speaker.started_at, speaker.time_limit_s
        if started and limit:
            self.countdown.show_remaining(
                lambda: speaker_remaining_s(started, limit, sitting.server_now()),
                key=("speaker", speaker.uuid, started))
            self.limit.setText(self.tr("Time allowed: %1").replace(
                "%1", f"{limit // 60}:{limit % 60:02d}"))
        else:
            self.clear()
        self.limit.setVisible(bool(started and limit))

    def clear(self) -> None:
        self.countdown.stop()


class VotePage(HallPage):
    def __init__(self, parent: QWidget | None = None, *, sound: bool = True):
        super().__init__(parent)
        self.caption = self.scaled(hall_label("hallCaption"), 48, True, caps=True)
        self.kind = self.scaled(hall_label("votePill"), 34, True)
        self.title = self.scaled(hall_label(wrap=True), 62, True)
        self.voted_caption = self.scaled(hall_label("hallMuted"), 52, True)
        self.voted = self.scaled(hall_label(), 190, True)
        self.turnout = self.scaled(TurnoutBar())
        self.time_caption = self.scaled(hall_label("hallMuted", align=CENTRE), 44, True)
        self.countdown = self.scaled(Countdown(colors=CountdownColors.hall(), sound=sound), 200,
                                   True)
        self.time = column([self.time_caption, self.countdown], centred=True)
        captions = QHBoxLayout()
        captions.setSpacing(28)
        captions.addWidget(self.caption)
        captions.addWidget(self.kind)
        captions.addStretch(1)
        counts = QHBoxLayout()
        counts.setSpacing(60)
        counts.addWidget(column([self.voted_caption, self.voted, self.turnout]), 3)
        counts.addWidget(self.time, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*PAGE_MARGINS)
        layout.setSpacing(22)
        layout.addLayout(captions)
        layout.addWidget(self.title)
        layout.addStretch(1)
        layout.addLayout(counts)
        layout.addStretch(1)

    def apply_scale(self, scale: float) -> None:
        super().apply_scale(scale)
        self.turnout.setFixedHeight(round(40 * scale))

    def show_scene(self, scene: Scene, state: SessionState | None) -> None:
        vote, sitting = scene.vote, state.sitting
        self.caption.setText(self.tr("Voting in progress"))
        self.kind.setText(texts.vote_type(vote.vote_type))
        self.title.setText(vote.title)
        total = eligible_of(vote, state)
        # how many have voted: the only figure of an open vote that reaches the hall
        self.voted_caption.setText(self.tr("Ballots cast:") if vote.secret else self.tr("Voted:"))
        self.voted.setText(f"{vote.ballots}/{total}" if total else str(vote.ballots))
        self.turnout.set_counts(vote.ballots, total)
        self.time_caption.setText(self.tr("Time left"))
        if vote.closes_at is not None:
            self.countdown.show_remaining(lambda: sitting.vote_remaining_s(vote),
                                          key=("vote", vote.id, vote.closes_at))
        else:
            self.clear()
        self.time.setVisible(vote.closes_at is not None)

    def clear(self) -> None:
        self.countdown.stop()


class ResultPage(HallPage):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.caption = self.scaled(hall_label("hallCaption"), 48, True, caps=True)
        self.verdict = self.scaled(hall_label(align=CENTRE), 76, True, caps=True)
        self.title = self.scaled(hall_label(wrap=True), 52, True)
        self.participation = self.scaled(hall_label("hallMuted"), 40, True)
        self.bars = self.scaled(ResultBars())
        self.table = self.scaled(SubjectTable())
        self.announcement = self.scaled(hall_label("announcement", wrap=True), 40)
        self.table.paged.connect(self._on_table_paged)
        self._announced: tuple | None = None
        top = QHBoxLayout()
        top.setSpacing(40)
        top.addWidget(self.caption, 1, Qt.AlignmentFlag.AlignBottom)
        top.addWidget(self.verdict, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*PAGE_MARGINS)
        layout.setSpacing(22)
        layout.addLayout(top)
        for widget in (self.title, self.participation, self.bars, self.table, self.announcement):
            layout.addWidget(widget)
        layout.setStretchFactor(self.table, 1)
        layout.addStretch(0)

    def show_scene(self, scene: Scene, state: SessionState | None) -> None:
        vote = scene.vote
        result = vote.result or {}
        kind = result.get("kind") or ("simple" if result.get("counts") else "")
        self.caption.setText({"confidence": self.tr("Confidence vote result"),
                              "election": self.tr("Election result")}.get(
            kind, self.tr("Vote result")))
        self.title.setText(vote.title)
        self.verdict.setVisible(vote.passed is not None)
        if vote.passed is not None:
            self.verdict.setText(texts.vote_outcome(vote.passed))
            self.verdict.setStyleSheet(
                f"background: {PASSED if vote.passed else NOT_PASSED}; color: {TEXT};"
                " border-radius: 18px; padding: 10px 44px;")
        total = eligible_of(vote, state)
        rows = bar_rows(result) if kind == "simple" else []
        self.bars.set_result(rows, total)
        self.bars.setVisible(bool(rows))
        self.table.show_result(vote, total)
        self.table.setVisible(bool(self.table.rows))
        voters, share = result.get("voters"), result.get("participation_share")
        self.participation.setVisible(bool(self.table.rows) and isinstance(voters, int))
        self.participation.setText(self.tr("Ballots cast: %1/%2 (%3 of all delegates)").replace(
            "%1", str(voters)).replace("%2", str(total)).replace("%3", str(share or "")))
        self.announcement.setText(vote.announcement)  # as the server wrote it, always
        if self._announced != (vote.id, vote.announcement):
            self._announced = (vote.id, vote.announcement)
            self.announcement.setVisible(bool(vote.announcement))

    def _on_table_paged(self, paged: bool) -> None:
        """A table that needs pages takes the room of the sentence (whose figures it shows
        row by row): the officials of a confidence vote make a long one."""
        if paged and self.table.isVisibleTo(self) and not self.isHidden():
            self.announcement.hide()

    def clear(self) -> None:
        self.table.set_table([], [], 0)
