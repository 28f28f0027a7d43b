"""The hall screen as a person in the hall reads it: the speaker and their time (warning in the
last 30 s, "Time is up" then the time over), an open vote's count and never its figures, the
official sentence and the verdict of a closed vote, a confidence vote and an election per
person, the quiet screen between; the countdown on its own (one `ended`, one beep, no timer
left behind); Escape; and the hall on the real demo server: live from the chair's tablet and
the `phonghop hall --screenshot` command.

States are hand-built (tests/ui/hall_samples.py); countdowns are moved with the server's
clock offset or a started_at in the past, never by waiting."""
from __future__ import annotations

import dataclasses

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtGui import QFont, QImage
from PySide6.QtWidgets import QLabel

from app.demo.seed import DEMO_PASSWORD, DEMO_USERS
from tests.ui import hall_samples as samples
from tests.ui.live_helpers import WAIT_MS
from ui import countdown as countdown_module
from ui.countdown import NORMAL, OVER, WARNING, Countdown, format_clock
from ui.hall_screen import HallScreen


@pytest.fixture
def hall(qtbot, english):
    screen = HallScreen(sound=False)
    qtbot.addWidget(screen)
    screen.setFixedSize(1920, 1080)
    screen.show()
    return screen


def _settled(qtbot, hall, state):
    """Show `state` and let the layout settle, as it has by the time anyone looks."""
    hall.set_state(state)
    qtbot.wait(30)
    return hall.shown_texts()


def _with_clock(state, offset_s: float):
    """The same state on a server whose clock is `offset_s` seconds ahead."""
    return dataclasses.replace(state, sitting=dataclasses.replace(state.sitting,
                                                                  clock_offset_s=offset_s))


# -- the speaker ------------------------------------------------------------------------------
def test_the_speaker_and_their_time_turn_to_warning_then_to_over_time(hall):
    state = samples.speaking(95)
    hall.set_state(state)
    shown = hall.shown_texts()
    assert {"H'Yim Kđoh", "Speaking", "Đại biểu HĐND tỉnh – Đơn vị bầu cử số 6",
            "Bố trí vốn cho các xã vùng đồng bào dân tộc thiểu số",
            "Time allowed: 7:00"} <= set(shown)
    clock = hall.speaker_page.countdown
    assert (clock.text(), clock.state, clock.caption_shown()) == ("1:35", NORMAL, False)

    hall.set_state(_with_clock(state, 70))  # 70 s later on the server's clock
    assert (clock.text(), clock.state) == ("0:25", WARNING)
    assert "Time is up" not in hall.shown_texts()

    hall.set_state(_with_clock(state, 107))
    assert (clock.text(), clock.state, clock.caption_shown()) == ("-0:12", OVER, True)
    assert "Time is up" in hall.shown_texts()
    assert clock.running  # it keeps counting the time over


def test_question_time_says_so(hall):
    hall.set_state(samples.speaking(170, kind="question", limit_s=180))
    assert "Asking a question" in hall.shown_texts()
    assert hall.speaker_page.countdown.text() == "2:50"


def test_the_countdown_ends_once_with_one_beep(qtbot, monkeypatch):
    beeps = []
    monkeypatch.setattr(countdown_module, "beep", lambda: beeps.append(1))
    left = [3.0]
    clock = Countdown(tick_ms=20)
    qtbot.addWidget(clock)
    ended = []
    clock.ended.connect(lambda: ended.append(1))
    clock.show_remaining(lambda: left[0], key="speaker-1")
    clock.show()
    assert clock.text() == "0:03" and clock.state == WARNING
    left[0] = 0.4
    qtbot.waitUntil(lambda: clock.text() == "0:01")
    with qtbot.waitSignal(clock.ended, timeout=1000):
        left[0] = -0.2
    assert clock.text() == "0:00" and clock.state == OVER
    left[0] = -5.3
    qtbot.waitUntil(lambda: clock.text() == "-0:05")
    qtbot.wait(100)
    assert (ended, beeps) == ([1], [1])
    # the chair gives more time: the same countdown, armed again
    clock.show_remaining(lambda: left[0], key="speaker-1")
    left[0] = 40
    qtbot.waitUntil(lambda: clock.state == NORMAL)
    left[0] = -1
    qtbot.waitUntil(lambda: len(ended) == 2)
    assert beeps == [1, 1]
    # a countdown first seen over time is not "ending" now: no signal, no beep
    clock.show_remaining(lambda: -30.0, key="speaker-2")
    qtbot.wait(100)
    assert (clock.text(), len(ended), len(beeps)) == ("-0:30", 2, 2)


def test_the_countdown_stops_its_timer_when_hidden_and_leaves_none_behind(qtbot):
    clock = Countdown()
    qtbot.addWidget(clock)
    clock.show_remaining(lambda: 10.0)
    clock.show()
    assert clock.running
    clock.hide()
    assert not clock.running
    clock.show()
    assert clock.running
    clock.show_remaining(None)
    assert not clock.isVisible() and not clock.running
    timers = clock.findChildren(QTimer)
    clock.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert timers and not any(shiboken6.isValid(t) for t in timers)


@pytest.mark.parametrize("remaining, shown", [
    (420, "7:00"), (419.2, "7:00"), (61, "1:01"), (30, "0:30"), (0.3, "0:01"), (0, "0:00"),
    (-0.5, "0:00"), (-12.4, "-0:12"), (-75, "-1:15"), (3723, "1:02:03")])
def test_the_clock_reads_as_people_count(remaining, shown):
    assert format_clock(remaining) == shown


# -- votes ------------------------------------------------------------------------------------
def test_an_open_vote_shows_how_many_have_voted_and_never_how(hall):
    hall.set_state(samples.open_vote(ballots=37, countdown_s=75))
    shown = hall.shown_texts()
    assert {"Voting in progress", "Open vote", "Voted:", "37/52", "Time left"} <= set(shown)
    assert samples.BUDGET_VOTE.title in shown
    assert hall.vote_page.countdown.text() in ("1:15", "1:14")
    # the state carried figures a careless server leaked: none of them is on the screen
    leaked = {str(c["count"] + 90) for c in samples.SIMPLE_RESULT["counts"]}
    labels = {c["label"] for c in samples.SIMPLE_RESULT["counts"]}
    every_word = " ".join(shown)
    assert not (leaked | labels | {"Kết quả: bí mật"}) & set(shown)
    assert "%" not in every_word and "Passed" not in every_word


def test_a_secret_ballot_counts_ballots_and_may_have_no_countdown(hall):
    vote = dataclasses.replace(samples.BUDGET_VOTE, vote_type="secret", secret=True, ballots=50)
    hall.set_state(samples.state(votes=[vote]))
    assert {"Ballots cast:", "50/52", "Secret ballot"} <= set(hall.shown_texts())
    assert "Time left" not in hall.shown_texts() and not hall.vote_page.countdown.isVisible()


def test_a_closed_vote_shows_the_official_sentence_verbatim_and_the_verdict(hall):
    hall.set_state(samples.closed_vote(passed=True))
    shown = hall.shown_texts()
    assert hall.result_page.announcement.text() == samples.ANNOUNCEMENT  # verbatim
    assert samples.ANNOUNCEMENT in shown
    assert {"Vote result", "Passed", "Tán thành", "45", "86,54%", "Không tán thành", "2",
            "3,85%", "Không biểu quyết", "1", "1,92%"} <= set(shown)
    hall.set_state(samples.closed_vote(passed=False))
    assert "Not passed" in hall.shown_texts()


def test_the_verdict_is_in_vietnamese_capitals(qtbot, vietnamese):
    screen = HallScreen(sound=False)
    qtbot.addWidget(screen)
    screen.set_state(samples.closed_vote(passed=True))
    assert screen.result_page.verdict.text() == "Thông qua"
    assert screen.result_page.verdict.font().capitalization() == QFont.Capitalization.AllUppercase
    screen.set_state(samples.closed_vote(passed=False))
    assert screen.result_page.verdict.text() == "Không thông qua"


def test_the_result_stays_until_another_vote_opens_or_the_chair_moves_on(hall):
    closed = samples.closed_vote(item_id=4)
    hall.set_state(closed)
    assert hall.scene.kind == "result"
    hall.set_state(dataclasses.replace(closed, live=dataclasses.replace(closed.live,
                                                                        current_item_id=10)))
    assert hall.scene.kind == "idle"
    assert "Chất vấn và trả lời chất vấn" in " ".join(hall.shown_texts())
    assert samples.ANNOUNCEMENT not in hall.shown_texts()
    # a vote of no item stays while the item it closed under is current
    loose = samples.state(item_id=1, votes=[dataclasses.replace(closed.sitting.votes[0], id=9,
                                                                agenda_item_id=None)])
    hall.set_state(loose)
    assert hall.scene.kind == "result"
    hall.set_state(dataclasses.replace(loose, live=dataclasses.replace(loose.live,
                                                                       current_item_id=4)))
    assert hall.scene.kind == "idle"
    # another vote opens: its count replaces the result
    reopened = samples.state(votes=[closed.sitting.votes[0],
                                    dataclasses.replace(samples.BUDGET_VOTE, id=4, ballots=3)])
    hall.set_state(reopened)
    assert hall.scene.kind == "vote" and "3/52" in hall.shown_texts()


def test_a_confidence_vote_shows_each_official(qtbot, hall):
    shown = _settled(qtbot, hall, samples.confidence_vote())
    assert {"Confidence vote result", "Official", "Tín nhiệm cao", "Tín nhiệm",
            "Tín nhiệm thấp", "Ballots cast: 52/52 (100,00% of all delegates)"} <= set(shown)
    for name, position, (high, trust, low) in samples.OFFICIALS:
        assert {name, position, str(high), str(trust), str(low), samples.share(high)} <= set(shown)
    assert "Low: more than half" in shown  # Lê Quốc Thắng: 29 of 52 rated him low
    assert "Passed" not in shown and not hall.result_page.verdict.isVisible()


def test_an_election_shows_who_is_elected_and_who_tied(qtbot, hall):
    shown = _settled(qtbot, hall, samples.election())
    assert {"Election result", "Candidate", "Đồng ý", "Elected", "Tied", "Phạm Ngọc Ánh", "44",
            "84,62%", "H'Bơ Ni Ayŭn", "51,92%"} <= set(shown)


def test_the_table_turns_its_pages_when_the_officials_do_not_fit(qtbot, hall):
    state = samples.confidence_vote()
    vote = state.sitting.votes[0]
    many = [dict(vote.result["subjects"][0], name=f"Cán bộ {i}") for i in range(14)]
    vote = dataclasses.replace(vote, result=dict(vote.result, subjects=many))
    _settled(qtbot, hall, dataclasses.replace(
        state, sitting=dataclasses.replace(state.sitting, votes=(vote,))))
    table = hall.result_page.table
    assert table.page_count() > 1
    first = [t for t in table.texts() if t.startswith("Cán bộ")]
    assert first[0] == "Cán bộ 0" and f"Page 1/{table.page_count()}" in table.texts()
    table.next_page()
    assert [t for t in table.texts() if t.startswith("Cán bộ")][0] == f"Cán bộ {len(first)}"


# -- the quiet screen, the type, the keys -----------------------------------------------------
def test_between_events_only_the_session_and_the_item_under_discussion(hall):
    hall.set_state(samples.state(item_id=4))
    shown = set(hall.shown_texts()) - {hall.clock_label.text(), hall.date_label.text()}
    assert shown == {"Hội đồng nhân dân tỉnh Đắk Lắk", samples.SESSION.title, "Under discussion",
                     "4. Dự toán ngân sách nhà nước năm 2027 và phân bổ ngân sách cấp tỉnh",
                     "Presented by: UBND tỉnh"}
    hall.set_state(samples.state(item_id=None))
    assert samples.SESSION.location in hall.idle_page.detail.text()
    assert "08/12/2026" in hall.idle_page.detail.text()


def test_the_type_is_big_enough_for_the_back_of_the_hall(hall):
    for state in (samples.speaking(60), samples.open_vote(), samples.closed_vote()):
        hall.set_state(state)
        sizes = {label.text(): label.font().pixelSize() for label in hall.findChildren(QLabel)
                 if label.isVisibleTo(hall) and label.text()}
        assert min(sizes.values()) >= 34, sizes
        assert all(size >= 40 for text, size in sizes.items()
                   if text in (samples.ANNOUNCEMENT, "H'Yim Kđoh", "37/52",
                               samples.BUDGET_VOTE.title)), sizes
    assert hall.speaker_page.countdown.font().pixelSize() >= 200


def test_escape_leaves_full_screen_then_closes(qtbot, english):
    screen = HallScreen(sound=False)
    qtbot.addWidget(screen)
    screen.show_for_hall()
    assert screen.isFullScreen()
    qtbot.keyClick(screen, Qt.Key.Key_Escape)
    assert not screen.isFullScreen() and screen.isVisible()
    with qtbot.waitSignal(screen.closed, timeout=1000):
        qtbot.keyClick(screen, Qt.Key.Key_Escape)
    assert not screen.isVisible()


# -- on the real server -----------------------------------------------------------------------
def test_the_hall_follows_the_chairs_tablet_live(qtbot, room, runner, tmp_path):
    from sync.client import ApiClient
    from ui.hall_app import HallFlow

    flow = HallFlow(room.url, runner, tmp_path / "hall", client_factory=ApiClient,
                    username=DEMO_USERS["guest"], password=DEMO_PASSWORD)
    try:
        flow.start()
        qtbot.waitUntil(lambda: flow.screen is not None and flow.screen.state is not None
                        and flow.screen.state.loaded, timeout=WAIT_MS)
        screen = flow.screen
        assert screen.isFullScreen()
        assert screen.title_label.text() == "Kỳ họp thứ Tư (kỳ họp thường lệ cuối năm 2026)"
        chair, delegate = room.window("chair"), room.window("delegate")
        item = screen.state.item(4)
        chair.set_current_item(4)
        qtbot.waitUntil(lambda: screen.state.live.current_item_id == 4, timeout=WAIT_MS)
        assert item.title in " ".join(screen.shown_texts())
        key = delegate.request_to_speak(4)
        qtbot.waitUntil(lambda: any(s.uuid == key for s in chair.content.state.speakers),
                        timeout=WAIT_MS)
        chair.set_speaker_status(key, "speaking")
        qtbot.waitUntil(lambda: screen.scene.kind == "speaker", timeout=WAIT_MS)
        assert "Phạm Quốc Định" in screen.shown_texts()
        assert screen.speaker_page.countdown.text() in ("7:00", "6:59", "6:58")  # the body's 420 s
    finally:
        flow.close()


def test_the_hall_command_takes_a_screenshot_of_the_session(qapp, shared_demo, tmp_path,
                                                            monkeypatch, capfd):
    from phonghop.cli import main

    target = tmp_path / "hall.png"
    monkeypatch.setenv("PHONGHOP_PASSWORD", DEMO_PASSWORD)
    code = main(["hall", "--server", shared_demo.url, "--user", DEMO_USERS["guest"],
                 "--offscreen", "--screenshot", str(target), "--cache-dir",
                 str(tmp_path / "cache")])
    assert code == 0, capfd.readouterr().err
    image = QImage(str(target))
    assert (image.width(), image.height()) == (1920, 1080)
    assert [w for w in qapp.topLevelWidgets() if w.isVisible()] == []


def test_the_hall_command_fails_in_one_line(qapp, shared_demo, tmp_path, monkeypatch, capfd):
    from phonghop.cli import main

    monkeypatch.setenv("PHONGHOP_PASSWORD", DEMO_PASSWORD)
    common = ["--user", DEMO_USERS["guest"], "--offscreen", "--cache-dir", str(tmp_path)]
    shot = ["--screenshot", str(tmp_path / "x.png")]
    assert main(["hall", "--server", shared_demo.url, "--session", "99", *common, *shot]) == 1
    assert main(["hall", "--server", "http://127.0.0.1:9", *common, *shot]) == 1
    assert main(["hall", "--server", "http://10.1.2.3:8765", *common, *shot]) == 1
    lines = [line for line in capfd.readouterr().err.splitlines()
             if "propagateSizeHints" not in line]
    assert len(lines) == 3 and "Traceback" not in "\n".join(lines)
    assert lines[0].startswith("phonghop hall: ") and "99" in lines[0]  # no such session
    assert lines[1].startswith("phonghop hall: ")  # no server there
    assert lines[2].startswith("phonghop: ")  # refused before Qt starts: plain http elsewhere
    assert not (tmp_path / "x.png").exists()
