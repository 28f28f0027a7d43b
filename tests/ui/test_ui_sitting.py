"""The sitting in the client, against the real demo server: the delegate checks in, the chair
prepares and opens a vote from the controls, the ballot card appears on the delegate's
screen, a tap then a confirm sends it, "Đã ghi nhận" only after the server's answer, the result
with the official sentence on the chair's screen."""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt

from tests.ui.live_helpers import SESSION, WAIT_MS, entities_of

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def _save(widget, name: str) -> None:
    """Keep a picture of what the test saw (docs/screenshots), when asked to."""
    if os.environ.get("PHONGHOP_SCREENSHOTS"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(SCREENSHOTS / name))


def test_check_in_then_vote_from_the_ballot_card(qtbot, room):
    delegate = room.window("delegate")
    chair = room.window("chair")
    bar = delegate.sitting.bar
    qtbot.waitUntil(lambda: bar.isVisible() and bar.check_in_button.isVisible(), timeout=WAIT_MS)
    assert bar.attendance_label.text().startswith("Chưa điểm danh")
    qtbot.mouseClick(bar.check_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bar.attendance_label.text().startswith("Đã điểm danh"), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not bar.check_in_button.isVisible(), timeout=WAIT_MS)

    # the chair prepares a vote and opens it
    chair.sitting.open_controls()
    panel = chair.sitting.panel
    qtbot.waitUntil(lambda: panel.attendance.quorum_label.text().startswith("Có mặt: 1"),
                    timeout=WAIT_MS)
    panel.tabs.setCurrentWidget(panel.votes)
    votes = panel.votes
    votes.title_edit.setText("Thông qua Nghị quyết về giá đất")
    votes.create_button.click()
    qtbot.waitUntil(lambda: votes.vote_list.count() == 1, timeout=WAIT_MS)  # once the server has it
    assert votes.vote_list.item(0).text() == "Thông qua Nghị quyết về giá đất – đã chuẩn bị"
    votes.vote_list.setCurrentRow(0)
    assert votes.open_button.isEnabled()
    votes.open_button.click()

    # the delegate's ballot card appears by itself
    qtbot.waitUntil(lambda: delegate.sitting.card is not None and delegate.sitting.card.isVisible(),
                    timeout=WAIT_MS)
    card = delegate.sitting.card
    assert card.title_label.text() == "Thông qua Nghị quyết về giá đất"
    assert not card.confirm_button.isEnabled()  # nothing is sent by a single tap
    buttons = card._option.buttons()
    assert [b.text() for b in buttons] == ["Tán thành", "Không tán thành", "Không biểu quyết"]
    qtbot.mouseClick(buttons[0], Qt.MouseButton.LeftButton)
    assert card.confirm_button.isEnabled() and card.confirm_button.text() == "Xác nhận: Tán thành"
    assert card.state == "choosing" and card.status_label.isHidden()
    _save(card, "ballot-card.png")
    qtbot.mouseClick(card.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: card.state == "recorded", timeout=WAIT_MS)
    assert card.status_label.text() == "Đã ghi nhận. Phiếu của bạn đã được lưu trên máy chủ."
    _save(card, "ballot-recorded.png")

    # the chair sees the count, closes, and reads the official result
    qtbot.waitUntil(lambda: votes.detail_label.text().startswith("1/52 đại biểu đã biểu quyết."),
                    timeout=WAIT_MS)
    assert "Chưa biểu quyết: " in votes.detail_label.text()  # an open vote: the names
    votes.close_button.click()
    qtbot.waitUntil(lambda: "Kết quả:" in votes.detail_label.text(), timeout=WAIT_MS)
    assert "1 đại biểu tán thành" in votes.detail_label.text()
    _save(panel, "chair-votes.png")
    # the delegate's tablet announces the result (it stays until closed)
    qtbot.waitUntil(lambda: delegate.notice.text().startswith(
        "Kết quả biểu quyết \u201cThông qua Nghị quyết về giá đất\u201d: KHÔNG THÔNG QUA Có 1/52"),
        timeout=WAIT_MS)
    engine = room.engine("guest")
    closed = [v for v in entities_of(engine, "vote", SESSION) if v["status"] == "closed"
              and v["title"] == "Thông qua Nghị quyết về giá đất"]
    assert closed and closed[0]["result"]["counts"][0]["count"] == 1


def test_the_chair_gives_the_floor_from_the_queue_and_every_tablet_counts_down(qtbot, room):
    delegate = room.window("delegate")
    chair = room.window("chair")
    panel = delegate.agenda_panel.item_panel
    tree = delegate.agenda_panel
    qtbot.waitUntil(lambda: tree.model.index_of_item(2).isValid(), timeout=WAIT_MS)
    tree.tree.setCurrentIndex(tree.model.index_of_item(2))
    panel.speak_button.click()  # the delegate asks to speak on item 2

    chair.sitting.open_controls()
    controls = chair.sitting.panel
    qtbot.waitUntil(lambda: controls.attendance.quorum_label.text().startswith("Có mặt:"),
                    timeout=WAIT_MS)
    _save(controls, "chair-attendance.png")
    controls.tabs.setCurrentWidget(controls.speakers)
    speakers = controls.speakers
    qtbot.waitUntil(lambda: speakers.queue.count() == 1, timeout=WAIT_MS)
    assert speakers.queue.item(0).text() == "1. Phạm Quốc Định (thảo luận)"
    assert speakers.current_label.text() == "Chưa có ai phát biểu."
    assert not speakers.end_button.isEnabled()
    speakers.minutes.setValue(3)
    speakers.grant_button.click()

    # the chair's page and the delegate's sitting bar both count the three minutes down
    qtbot.waitUntil(lambda: speakers.current_label.text() == "Đang phát biểu: Phạm Quốc Định",
                    timeout=WAIT_MS)
    assert speakers.queue.count() == 0 and speakers.end_button.isEnabled()
    bar = delegate.sitting.bar
    qtbot.waitUntil(lambda: bar.speaker_label.text() == "Đang phát biểu: Phạm Quốc Định",
                    timeout=WAIT_MS)
    for clock in (speakers.countdown, bar.countdown):
        qtbot.waitUntil(lambda c=clock: c.clock_label.text() in ("3:00", "2:59", "2:58"),
                        timeout=WAIT_MS)
    _save(controls, "chair-speakers.png")
    speakers.end_button.click()
    qtbot.waitUntil(lambda: speakers.current_label.text() == "Chưa có ai phát biểu.",
                    timeout=WAIT_MS)
    qtbot.waitUntil(lambda: bar.speaker_label.text() == "", timeout=WAIT_MS)
    requests = entities_of(room.engine("guest"), "speaker_request", SESSION)
    assert [(r["status"], r["time_limit_s"]) for r in requests] == [("done", 180)]
