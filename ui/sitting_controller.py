"""The sitting in the main window: the sitting bar, the delegate's ballot card (in front of
every screen as soon as a vote opens), the chair's controls and the hall screen. It takes each
new SessionState from the window and sends the user's actions to the sync engine: check-in,
attendance, speakers and a new vote through the outbox; a ballot, and a vote's opening,
closing or cancelling, to the server at once (never queued for later)."""
from __future__ import annotations

from typing import Callable, Optional

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from app.protocol import mutations as m
from ui.ballot_card import BallotCard
from ui.chair_panel import ChairPanel
from ui.rejection_texts import rejection_message
from ui.session_state import SessionState
from ui.sitting_bar import SittingBar
from ui.sync_bridge import SyncBridge


class SittingController(QObject):
    notice = Signal(str)  # a sentence for the window's notice bar
    announced = Signal(str)  # a vote's result, as the chair reads it out (stays on screen)

    def __init__(self, window: QWidget, bridge: Optional[SyncBridge], user_id: int,
                 parent: Optional[QObject] = None):
        super().__init__(parent)
        self.window, self.bridge, self.user_id = window, bridge, user_id
        self.bar = SittingBar(window)  # never a window of its own
        self.card: Optional[BallotCard] = None
        self.panel: Optional[ChairPanel] = None
        self.hall = None
        self.state: Optional[SessionState] = None
        self.roles: set[str] = set()
        self._put_aside: set[int] = set()  # votes whose card the delegate put aside
        self._answered: set[int] = set()  # votes this tablet recorded a ballot for
        self._seen: dict[int, str] = {}  # vote id -> the status last shown
        self._box_pending: dict[int, str] = {}  # secret vote id -> its result, box not here yet
        self.bar.check_in_requested.connect(self.check_in)
        self.bar.ballot_requested.connect(self.bring_ballot_back)
        self.bar.controls_requested.connect(self.open_controls)
        self.bar.hall_requested.connect(self.open_hall)

    # -- the state ---------------------------------------------------------------------------
    def update(self, state: SessionState, roles: set[str]) -> None:
        if self.state is not None and self.state.session_id != state.session_id:
            self._close_card()
            self._seen, self._box_pending = {}, {}
        self.state, self.roles = state, set(roles)
        if not state.live_sync:
            self.bar.hide()
            return
        self.bar.set_state(state, self.user_id, self.roles)
        if self.panel is not None:
            self.panel.set_state(state, self.roles)
        if self.hall is not None:
            self.hall.set_state(state)
        self._ballot(state)
        self._announce(state)

    def _announce(self, state: SessionState) -> None:
        """A vote that closed while this tablet watched: its result on the screen."""
        first = not self._seen
        for vote in state.sitting.votes:
            before = self._seen.get(vote.id)
            self._seen[vote.id] = vote.status
            if first or before != "open" or vote.status != "closed" or not vote.announcement:
                continue
            verdict = "" if vote.passed is None else (
                self.tr("PASSED") if vote.passed else self.tr("NOT PASSED"))
            text = (self.tr("Result of the vote \u201c%1\u201d: %2 %3").replace("%1", vote.title)
                    .replace("%2", verdict).replace("%3", vote.announcement).replace("  ", " "))
            mine = state.sitting.my_ballots.get(vote.id)
            if vote.secret and mine is not None and mine.tracker:
                self._box_pending[vote.id] = text  # said again with the check of the code
                if vote.id not in state.sitting.boxes:
                    self.announced.emit(text)  # the result at once; the box is a moment behind
            else:
                self.announced.emit(text)
        for vote_id, text in list(self._box_pending.items()):
            found = state.sitting.my_code_in_box(vote_id)
            if found is None:
                continue
            del self._box_pending[vote_id]
            code = state.sitting.my_ballots[vote_id].tracker
            check = self.tr("Your tracking code %1 is in the published ballot box.") if found \
                else self.tr("Your tracking code %1 is NOT in the published ballot box: "
                             "tell the secretary of the session at once.")
            self.announced.emit(text + " " + check.replace("%1", code))

    def _ballot(self, state: SessionState) -> None:
        if self.card is not None:
            current = next((v for v in state.sitting.votes if v.id == self.card.vote.id), None)
            if current is not None and current.status == "open":
                return
            if not self.card.isHidden() or self.card.state == "sending":
                self.card.vote_ended()  # the delegate reads it and closes the card
                return
            self._close_card()  # a card put aside for a vote that is over: gone
            if self.card is not None:
                return
        if "delegate" not in self.roles:
            return
        due = state.sitting.ballot_due()
        if due is None or due.id in self._put_aside or due.id in self._answered:
            return
        self._show_card(due)

    def _show_card(self, vote) -> None:
        self.card = BallotCard(vote, self.state.session_id, self._send_ballot, self.window)
        self.card.recorded.connect(lambda vote_id, _a: self._answered.add(vote_id))
        self.card.hidden_for_later.connect(self._put_aside.add)
        self.card.finished.connect(self._card_finished)
        self.card.show()
        self.card.raise_()
        self.card.activateWindow()

    def _card_finished(self, _result: int) -> None:
        card, self.card = self.card, None
        if card is not None:
            card.deleteLater()

    def _close_card(self) -> None:
        if self.card is not None:
            self.card.reject()

    def bring_ballot_back(self, vote_id: int) -> None:
        self._put_aside.discard(vote_id)
        if self.card is not None and self.card.vote.id == vote_id:
            self.card.show()
            self.card.raise_()
        elif self.state is not None:
            self._ballot(self.state)

    # -- sending -----------------------------------------------------------------------------
    def _send_ballot(self, change: m.BallotCast, on_result: Callable[[dict], None],
                     on_error: Callable[[str], None]) -> None:
        if self.bridge is None:
            on_error(rejection_message("ballot.cast", "needs_connection"))
            return
        card = self.card

        def alive(fn):  # the card may be gone by the time the server answers
            return lambda value: fn(value) if card is not None and isValid(card) else None

        self.bridge.cast_ballot(change, alive(on_result), alive(on_error))

    def mutate(self, change: m.MutationArgs) -> None:
        if self.bridge is None or not self.bridge.mutate(change, on_error=lambda exc: self.notice.emit(
                rejection_message(change.name, getattr(exc, "code", "") or type(exc).__name__))):
            self.notice.emit(rejection_message(change.name, "needs_connection"))

    def now(self, change: m.MutationArgs) -> None:
        def answered(answer: dict) -> None:
            if answer.get("status") != "applied":
                code = (answer.get("error") or {}).get("code", answer.get("status", ""))
                self._tell(rejection_message(change.name, code))
            elif self.panel is not None:
                self.panel.show_message("")

        if self.bridge is None:
            self._tell(rejection_message(change.name, "needs_connection"))
            return
        self.bridge.call_online(change, on_result=answered, on_error=self._tell)

    def _tell(self, message: str) -> None:
        if self.panel is not None and self.panel.isVisible():
            self.panel.show_message(message)
        self.notice.emit(message)

    def check_in(self) -> None:
        if self.state is not None:
            self.mutate(m.AttendanceCheckIn(session_id=self.state.session_id))

    # -- windows -----------------------------------------------------------------------------
    def open_controls(self) -> None:
        if self.panel is None:
            self.panel = ChairPanel(self.window)
            self.panel.change_requested.connect(self.mutate)
            self.panel.online_requested.connect(self.now)
        if self.state is not None:
            self.panel.set_state(self.state, self.roles)
        self.panel.show()
        self.panel.raise_()

    def open_hall(self) -> None:
        from ui.hall_screen import HallScreen

        if self.hall is None:
            self.hall = HallScreen()
        if self.state is not None:
            self.hall.set_state(self.state)
        self.hall.show_for_hall()

    def shutdown(self) -> None:
        self._close_card()
        for window in (self.panel, self.hall):
            if window is not None:
                window.close()
