"""The ballot card on its own: a secret ballot's card shows no choice beside the tracking code;
a card put aside for a vote that has ended makes way for the next vote's; a ballot on its way
keeps its card until the server answers; a confidence ballot needs an answer per official, an
election ballot agrees with at most as many candidates as there are seats."""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QWidget

from ui.ballot_card import BallotCard
from ui.session_state import SessionState
from ui.sitting_controller import SittingController
from ui.sitting_state import MyBallot, SittingState, VoteOptionView, VoteView

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
OPTIONS = tuple(VoteOptionView(k, label) for k, label in (
    ("yes", "Tán thành"), ("no", "Không tán thành"), ("abstain", "Không biểu quyết")))


def _save(widget, name: str) -> None:
    """Keep a picture of the card (docs/screenshots), when asked to."""
    if os.environ.get("PHONGHOP_SCREENSHOTS"):
        widget.grab().save(str(SCREENSHOTS / name))


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


def _closed_secret(box: frozenset | None, mine: str = "K7Q2-9FXM-ABCD-EFGH") -> SessionState:
    vote = VoteView(id=4, title="Biểu quyết kín", vote_type="secret", secret=True,
                    status="closed", options=OPTIONS, passed=True,
                    announcement="Có 3/3 đại biểu tham gia biểu quyết …")
    return SessionState(session_id=1, loaded=True, live_sync=True, sitting=SittingState(
        votes=(vote,), my_ballots={4: MyBallot(4, True, mine)},
        boxes={} if box is None else {4: box}))


def _watching_secret_vote(qtbot) -> tuple[SittingController, list[str]]:
    """A delegate's controller that watched secret vote 4 open and voted in it; what it says."""
    window = QWidget()
    qtbot.addWidget(window)
    controller = SittingController(window, None, user_id=5)
    said: list[str] = []
    controller.announced.connect(said.append)
    controller.update(_state(_vote(4)), {"delegate"})
    controller._answered.add(4)
    return controller, said


def test_the_tablet_finds_its_tracking_code_in_the_published_box(qtbot, vietnamese):
    controller, said = _watching_secret_vote(qtbot)
    controller.update(_closed_secret(None), {"delegate"})  # the result, the box not here yet
    assert said == ["Kết quả biểu quyết \u201cBiểu quyết kín\u201d: THÔNG QUA "
                    "Có 3/3 đại biểu tham gia biểu quyết …"]
    controller.update(_closed_secret(frozenset({"K7Q2-9FXM-ABCD-EFGH", "AAAA-BBBB-CCCC-DDDD"})),
                      {"delegate"})
    assert said[1] == said[0] + " Mã phiếu K7Q2-9FXM-ABCD-EFGH của bạn có trong hòm phiếu đã công bố."
    controller.update(_closed_secret(frozenset({"K7Q2-9FXM-ABCD-EFGH"})), {"delegate"})
    assert len(said) == 2  # said once


def test_a_box_without_the_tablets_code_is_a_warning(qtbot, vietnamese):
    controller, said = _watching_secret_vote(qtbot)
    controller.update(_closed_secret(frozenset({"AAAA-BBBB-CCCC-DDDD"})), {"delegate"})
    assert len(said) == 1 and said[0].endswith(
        "Mã phiếu K7Q2-9FXM-ABCD-EFGH của bạn KHÔNG có trong hòm phiếu đã công bố: "
        "hãy báo ngay cho thư ký kỳ họp.")


def _subjects_vote(vote_type: str, seats: int | None = None) -> VoteView:
    if vote_type == "confidence":
        people = (("s1", "Nguyễn Văn An", "Chủ tịch HĐND tỉnh"),
                  ("s2", "Trần Thị Bình", "Phó Chủ tịch UBND tỉnh"),
                  ("s3", "Lê Quốc Cường", "Trưởng Ban Kinh tế - Ngân sách"))
        choices = (("high", "Tín nhiệm cao"), ("trust", "Tín nhiệm"), ("low", "Tín nhiệm thấp"))
        title = "Lấy phiếu tín nhiệm đối với người giữ chức vụ do HĐND bầu"
    else:
        people = (("s1", "Phạm Minh Đức", "Ủy viên UBND tỉnh"),
                  ("s2", "Hoàng Thị Hạnh", "Giám đốc Sở Tài chính"),
                  ("s3", "Vũ Đình Khoa", "Giám đốc Sở Nội vụ"))
        choices = (("agree", "Đồng ý"), ("disagree", "Không đồng ý"))
        title = "Bầu bổ sung Ủy viên Ủy ban nhân dân tỉnh"
    return VoteView(id=9, title=title, vote_type=vote_type, secret=True, status="open",
                    options=tuple(VoteOptionView(k, name, detail) for k, name, detail in people),
                    choices=tuple(VoteOptionView(k, label) for k, label in choices), seats=seats)


def _answer(card: BallotCard, subject: str, choice: str) -> None:
    button = next(b for b in card._rows[subject].buttons() if b.property("key") == choice)
    button.click()


def test_a_confidence_ballot_is_sent_only_with_an_answer_for_every_official(qtbot, vietnamese):
    sent = []
    card = BallotCard(_subjects_vote("confidence"), 1, lambda change, ok, err: sent.append(change))
    qtbot.addWidget(card)
    card.resize(900, 640)
    assert card.kind_label.text() == "LẤY PHIẾU TÍN NHIỆM"
    _answer(card, "s1", "high")
    _answer(card, "s2", "low")
    assert card.hint_label.text() == "Đã chọn cho 2/3 người."
    assert not card.confirm_button.isEnabled()
    card.confirm()
    assert sent == []  # an incomplete ballot is never sent
    _answer(card, "s3", "trust")
    assert card.confirm_button.isEnabled()
    _save(card, "ballot-confidence.png")
    card.confirm()
    assert sent[0].choices == {"s1": "high", "s2": "low", "s3": "trust"} and sent[0].option is None


def test_an_election_ballot_agrees_with_at_most_as_many_as_there_are_seats(qtbot, vietnamese):
    sent = []
    card = BallotCard(_subjects_vote("election", seats=2), 1,
                      lambda change, ok, err: sent.append(change))
    qtbot.addWidget(card)
    card.resize(900, 640)
    for subject in ("s1", "s2", "s3"):
        _answer(card, subject, "agree")
    assert card.hint_label.text() == "Đã chọn cho 3/3 người. Đồng ý 3 người (tối đa 2)."
    assert not card.confirm_button.isEnabled()
    _answer(card, "s3", "disagree")
    assert card.confirm_button.isEnabled()
    _save(card, "ballot-election.png")
    card.confirm()
    assert sent[0].choices == {"s1": "agree", "s2": "agree", "s3": "disagree"}
