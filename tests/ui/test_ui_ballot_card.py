"""The ballot card on its own: a secret ballot's card shows no choice beside the tracking code;
a card put aside for a vote that has ended makes way for the next vote's; a ballot on its way
keeps its card until the server answers."""
from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.ballot_card import BallotCard
from ui.session_state import SessionState
from ui.sitting_controller import SittingController
from ui.sitting_state import SittingState, VoteOptionView, VoteView

OPTIONS = tuple(VoteOptionView(k, label) for k, label in (
    ("yes", "Tán thành"), ("no", "Không tán thành"), ("abstain", "Không biểu quyết")))


def _vote(vote_id: int, status: str = "open", vote_type: str = "secret") -> VoteView:
    return VoteView(id=vote_id, title=f"Biểu quyết số {vote_id}", vote_type=vote_type,
                    secret=vote_type == "secret", status=status, options=OPTIONS)


def _state(*votes: VoteView) -> SessionState:
    return SessionState(session_id=1, loaded=True, live_sync=True,
                        sitting=SittingState(votes=tuple(votes)))


def test_a_recorded_secret_ballot_shows_its_code_and_no_choice(qtbot, vietnamese):
    sent = []
    card = BallotCard(_vote(7), 1, lambda change, ok, err: sent.append((change, ok)))
    qtbot.addWidget(card)
    card._option.buttons()[0].click()
    card.confirm()
    change, answer = sent[0]
    assert change.option == "yes" and card.state == "sending"
    answer({"status": "applied", "result": {"tracker": "K7Q2-9FXM-ABCD-EFGH"}})
    assert card.state == "recorded" and card.tracker_label.text() == "K7Q2-9FXM-ABCD-EFGH"
    assert not any(b.isChecked() for b in card._option.buttons())
    assert card.options_area.isHidden()


def test_a_card_put_aside_for_a_vote_that_ended_makes_way_for_the_next(qtbot, vietnamese):
    window = QWidget()
    qtbot.addWidget(window)
    controller = SittingController(window, None, user_id=5)
    controller.update(_state(_vote(1)), {"delegate"})
    first = controller.card
    assert first is not None and first.vote.id == 1
    first.later_button.click()
    assert first.isHidden()
    controller.update(_state(_vote(1, "closed"), _vote(2)), {"delegate"})
    assert controller.card is not None and controller.card.vote.id == 2
    assert controller.card.isVisible()


def test_a_ballot_on_its_way_keeps_its_card_until_the_answer(qtbot, vietnamese):
    window = QWidget()
    qtbot.addWidget(window)
    controller = SittingController(window, None, user_id=5)
    answers = []
    controller._send_ballot = lambda change, ok, err: answers.append(ok)
    controller.update(_state(_vote(3, vote_type="open")), {"delegate"})
    card = controller.card
    card._send = controller._send_ballot
    card._option.buttons()[1].click()
    card.confirm()
    controller.update(_state(_vote(3, "closed", "open")), {"delegate"})  # closes meanwhile
    assert card.state == "sending" and card.close_button.isHidden()
    answers[0]({"status": "applied", "result": {"tracker": None}})
    assert card.state == "recorded"
