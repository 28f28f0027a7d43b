"""The client with its sync engine against a real server (the seeded demo): connection state and
pending changes in the status bar, offline work, the item under discussion, presenting and
following the presenter, requests to speak, notes, and refused changes."""
from __future__ import annotations

from PySide6.QtCore import Qt

from app.demo.seed import DEMO_PASSWORD
from tests.ui.live_helpers import WAIT_MS, live_of
from ui.agenda_model import VOTE, CurrentRole, KindRole, OutcomeRole

SESSION = 1  # "Kỳ họp thứ Tư", the demo's upcoming session (selected by default)
CHAIR_NAME = "Trương Thị Hồng Phượng"


def _focus_item(window, item_id: int) -> None:
    panel = window.agenda_panel
    panel.tree.setCurrentIndex(panel.model.index_of_item(item_id))
    assert panel.item_panel.item.id == item_id


def test_offline_changes_wait_in_the_status_bar_until_the_connection_is_back(qtbot, room):
    window = room.window("delegate")
    status, panel = window.sync_status, window.agenda_panel.item_panel
    qtbot.waitUntil(lambda: status.state == "online" and window.bridge.status.files_total > 0
                    and window.bridge.status.files_done == window.bridge.status.files_total,
                    timeout=WAIT_MS)
    assert status.state_label.text() == "Trực tuyến"
    assert status.text() == "Trực tuyến · Tài liệu: 18/18"
    assert status.pending_label.isHidden()

    window.bridge.engine.set_network(False)
    qtbot.waitUntil(lambda: status.state == "offline", timeout=WAIT_MS)
    assert status.state_label.text() == "Mất kết nối – đang làm việc ngoại tuyến"
    _focus_item(window, 2)
    assert panel.speak_button.text() == "Đăng ký phát biểu"
    panel.speak_button.click()
    qtbot.waitUntil(lambda: not status.pending_label.isHidden(), timeout=WAIT_MS)
    assert status.pending_label.text() == "1 thay đổi chờ gửi"
    qtbot.waitUntil(lambda: panel.speakers.count() == 1
                    and "chờ gửi" in panel.speakers.item(0).text(),
                    timeout=WAIT_MS)
    assert panel.speakers.item(0).text() == "1. Phạm Quốc Định — Đang chờ · chờ gửi"
    assert panel.speak_button.text() == "Rút đăng ký"
    assert panel.request_label.text() == "Đăng ký của bạn đã được lưu trên máy và đang chờ gửi."

    # with the server out of reach, the agenda stays and a prefetched document still opens
    assert window.agenda_panel.stack.currentWidget() is window.agenda_panel.tree
    document = window.agenda_panel.model.index_of_document(3).data(Qt.ItemDataRole.UserRole + 2)
    with qtbot.waitSignal(window.viewer.page_shown, timeout=WAIT_MS):
        window.open_document(document)
    assert window.viewer.page_indicator() == "Trang 1 / 120"

    window.bridge.engine.set_network(True)
    qtbot.waitUntil(lambda: status.state == "online" and status.pending_label.isHidden(),
                    timeout=WAIT_MS)
    assert status.state_label.text() == "Trực tuyến"
    qtbot.waitUntil(lambda: panel.speakers.item(0).text() == "1. Phạm Quốc Định — Đang chờ",
                    timeout=WAIT_MS)
    assert panel.request_label.text() == "Bạn đang ở vị trí thứ 1 trong danh sách chờ."
    chair = room.engine("chair", SESSION)
    requests = [d for (entity, _k), d in chair.view(SESSION).items() if entity == "speaker_request"]
    assert [(r["full_name"], r["agenda_item_id"], r["status"]) for r in requests] == \
        [("Phạm Quốc Định", 2, "waiting")]

    # withdrawing, then the chair gives the floor to nobody: the list empties
    panel.speak_button.click()
    qtbot.waitUntil(lambda: panel.speak_button.text() == "Đăng ký phát biểu", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: [d["status"] for (e, _k), d in chair.view(SESSION).items()
                        if e == "speaker_request"] == ["withdrawn"], timeout=WAIT_MS)


def test_the_item_under_discussion_follows_the_chairs_tablet(qtbot, room):
    window = room.window("delegate")
    chair = room.engine("chair", SESSION)
    model, panel = window.agenda_panel.model, window.agenda_panel.item_panel
    chair.mutate("live.set_current_item", {"session_id": SESSION, "agenda_item_id": 4})
    qtbot.waitUntil(lambda: model.index_of_item(4).data(CurrentRole), timeout=WAIT_MS)
    # nothing selected: the panel shows the item under discussion, marked
    assert panel.item.id == 4
    assert panel.current_badge.isVisibleTo(panel) and panel.current_badge.text() == "Đang thảo luận"
    assert not panel.current_button.isVisibleTo(panel)  # a delegate does not chair
    chair.mutate("live.set_current_item", {"session_id": SESSION, "agenda_item_id": 5})
    qtbot.waitUntil(lambda: model.index_of_item(5).data(CurrentRole), timeout=WAIT_MS)
    assert not model.index_of_item(4).data(CurrentRole)
    assert panel.item.id == 5


def test_the_chair_sets_the_item_under_discussion_for_the_room(qtbot, room):
    window = room.window("chair")
    delegate = room.engine("delegate", SESSION)
    panel = window.agenda_panel.item_panel
    _focus_item(window, 3)
    assert panel.current_button.text() == "Đặt làm nội dung đang thảo luận"
    panel.current_button.click()
    qtbot.waitUntil(lambda: window.agenda_panel.model.index_of_item(3).data(CurrentRole),
                    timeout=WAIT_MS)  # at once, before the server answered
    qtbot.waitUntil(lambda: live_of(delegate, SESSION).get("current_agenda_item_id") == 3,
                    timeout=WAIT_MS)  # the delegate's tablet sees it
    assert panel.current_button.text() == "Kết thúc thảo luận nội dung này"
    panel.current_button.click()
    qtbot.waitUntil(lambda: live_of(delegate, SESSION).get("current_agenda_item_id") is None,
                    timeout=WAIT_MS)


def test_a_delegate_follows_the_presenter_and_returns_with_one_tap(qtbot, room):
    window = room.window("delegate")
    chair = room.engine("chair", SESSION)
    viewer, bar = window.viewer, window.viewer.live_bar
    documents = window.agenda_panel.first_item_documents()

    def present(document_id: int, page: int) -> None:
        chair.mutate("live.set_presenter", {"session_id": SESSION, "document_id": document_id,
                                            "page": page})

    def showing(document_id: int, page: int) -> bool:
        return (viewer.document is not None and viewer.document.id == document_id
                and viewer.current_page == page and viewer.is_showing_page())

    present(documents[0].id, 2)
    qtbot.waitUntil(lambda: showing(documents[0].id, 2), timeout=WAIT_MS)
    assert viewer.page_indicator() == "Trang 3 / 6"
    assert bar.text() == f"Đang theo dõi {CHAIR_NAME}: {documents[0].title}, trang 3."
    assert bar.follow_button.isChecked()
    assert bar.follow_button.text() == "Đang theo dõi người trình bày"

    with qtbot.waitSignal(viewer.page_shown, timeout=WAIT_MS):
        viewer.toolbar.next_button.click()  # a page turned by hand: reading on one's own
    assert not window.live.following
    present(documents[0].id, 4)
    qtbot.waitUntil(lambda: "trang 5" in bar.text(), timeout=WAIT_MS)
    assert bar.text() == (f"{CHAIR_NAME} đang trình chiếu {documents[0].title}, trang 5. "
                          "Bạn đang xem tự do.")
    assert viewer.current_page == 3
    assert not bar.follow_button.isChecked()
    assert bar.follow_button.text() == "Theo dõi người trình bày"

    with qtbot.waitSignal(viewer.page_shown, timeout=WAIT_MS):
        bar.follow_button.click()  # one tap: back to the presenter's page
    assert showing(documents[0].id, 4)
    assert window.live.following

    present(documents[1].id, 1)  # another document: the follower goes along
    qtbot.waitUntil(lambda: showing(documents[1].id, 1), timeout=WAIT_MS)
    assert window.agenda_panel.tree.currentIndex().data(Qt.ItemDataRole.DisplayRole) == \
        documents[1].title
    other = window.agenda_panel.model.index_of_document(11).data(Qt.ItemDataRole.UserRole + 2)
    window.agenda_panel.document_requested.emit(other)  # opening one by hand stops following
    assert not window.live.following


def test_the_chair_presents_and_each_page_turn_reaches_the_room(qtbot, room):
    window = room.window("chair")
    delegate = room.engine("delegate", SESSION)
    viewer, toolbar = window.viewer, window.viewer.toolbar
    document = window.agenda_panel.first_item_documents()[0]
    with qtbot.waitSignal(viewer.page_shown, timeout=WAIT_MS):
        window.open_document(document)
    assert toolbar.present_button.isVisibleTo(window)
    assert toolbar.present_button.text() == "Trình chiếu"

    def presented() -> dict:
        return live_of(delegate, SESSION).get("presenter") or {}

    toolbar.present_button.click()
    assert toolbar.present_button.text() == "Dừng trình chiếu"
    qtbot.waitUntil(lambda: presented().get("document_id") == document.id
                    and presented()["page"] == 0, timeout=WAIT_MS)  # on the delegate's tablet
    assert presented()["full_name"] == CHAIR_NAME
    for _ in range(2):
        with qtbot.waitSignal(viewer.page_shown, timeout=WAIT_MS):
            viewer.next_page()
    qtbot.waitUntil(lambda: presented().get("page") == 2, timeout=WAIT_MS)
    assert viewer.live_bar.text() == "Bạn đang trình chiếu cho cả phòng họp: trang 3."
    assert not viewer.live_bar.follow_button.isVisibleTo(viewer)
    toolbar.present_button.click()
    assert toolbar.present_button.text() == "Trình chiếu"
    qtbot.waitUntil(lambda: live_of(delegate, SESSION).get("presenter") is None, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: viewer.live_bar.isHidden(), timeout=WAIT_MS)


def test_a_refused_change_is_explained_without_blocking(qtbot, room):
    window = room.window("delegate")
    model = window.agenda_panel.model
    window.set_current_item(3)  # the chair's to do: the server refuses it
    qtbot.waitUntil(lambda: window.notice.text() != "", timeout=WAIT_MS)
    assert window.notice.text() == ("Không thực hiện được: đặt nội dung đang thảo luận – vai trò "
                                     "của bạn trong kỳ họp không cho phép thao tác này.")
    assert window.statusBar().currentMessage() == window.notice.text()
    qtbot.waitUntil(lambda: not model.index_of_item(3).data(CurrentRole), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.sync_status.pending_label.isHidden(), timeout=WAIT_MS)
    window.notice.close_button.click()
    assert window.notice.text() == ""


def test_a_personal_note_is_saved_while_typing(qtbot, room):
    window = room.window("delegate")
    panel = window.agenda_panel.item_panel
    _focus_item(window, 2)
    panel.tabs.setCurrentIndex(1)
    panel.note_edit.setFocus()
    # as typed (QTest's keyClicks types ASCII only)
    panel.note_edit.insertPlainText("Hỏi thêm về chỉ tiêu tăng trưởng")
    assert panel.note_status.text() == "Đang lưu…"
    qtbot.waitUntil(lambda: panel.note_status.text() == "Đã lưu.", timeout=WAIT_MS)
    other_tablet = room.engine("delegate", SESSION)  # the same delegate, another device
    notes = [d for (e, _k), d in other_tablet.view(SESSION).items() if e == "note"]
    assert [(n["agenda_item_id"], n["text"]) for n in notes] == \
        [(2, "Hỏi thêm về chỉ tiêu tăng trưởng")]
    _focus_item(window, 3)
    assert panel.note_edit.toPlainText() == ""
    _focus_item(window, 2)
    assert panel.note_edit.toPlainText() == "Hỏi thêm về chỉ tiêu tăng trưởng"


def test_a_ballot_without_the_server_says_so_and_is_not_queued(qtbot, room):
    window = room.window("delegate")
    window.bridge.engine.set_network(False)
    qtbot.waitUntil(lambda: window.sync_status.state == "offline", timeout=WAIT_MS)
    errors = []
    window.bridge.call_online("ballot.cast", {"session_id": SESSION, "vote_id": 1,
                                              "option": "yes"},
                              on_result=errors.append, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=WAIT_MS)
    assert errors == ["Cần kết nối máy chủ để bỏ phiếu. Hãy kiểm tra mạng và thử lại."]
    assert window.sync_status.pending_label.isHidden()


def test_another_session_comes_from_the_replica_with_its_vote_results(qtbot, room):
    window = room.window("delegate")
    with qtbot.waitSignal(window.agenda_loaded, timeout=WAIT_MS) as blocker:
        window.sessions_panel.select_row(1)  # "Kỳ họp thứ Ba", finished
    assert blocker.args == [2]
    model = window.agenda_panel.model
    qtbot.waitUntil(lambda: model.vote_count() > 0, timeout=WAIT_MS)
    assert model.index(0, 0).data(Qt.ItemDataRole.DisplayRole) == "1. Khai mạc kỳ họp chuyên đề"
    second = model.index(1, 0)
    rows = [model.index(r, 0, second) for r in range(model.rowCount(second))]
    votes = [r for r in rows if r.data(KindRole) == VOTE]
    assert [v.data(OutcomeRole) for v in votes] == ["Thông qua"]


def test_a_revoked_login_is_shown_in_the_status_bar(qtbot, room):
    window = room.window("delegate")
    # after the prefetch: a 401 in the middle of a download stops the engine for good
    # (sync/transport.py reads the body of an unread stream; reported to the sync owner)
    status = window.bridge
    qtbot.waitUntil(lambda: status.status is not None and status.status.state == "online"
                    and status.status.files_total > 0
                    and status.status.files_done == status.status.files_total, timeout=WAIT_MS)
    window.client.logout()  # the token is revoked on the server: the live socket closes
    qtbot.waitUntil(lambda: window.sync_status.state == "auth_required", timeout=WAIT_MS)
    assert window.sync_status.state_label.text() == "Phiên đăng nhập hết hạn – hãy đăng nhập lại"
    assert window.notice.text() == "Phiên đăng nhập hết hạn – hãy đăng nhập lại"
    assert window.notice.action_button.text() == "Đăng nhập lại"
    key = window.request_to_speak(2)  # kept in the outbox meanwhile
    qtbot.waitUntil(lambda: window.sync_status.pending_label.text() == "1 thay đổi chờ gửi",
                    timeout=WAIT_MS)
    window.relogin(DEMO_PASSWORD)  # what the notice's button asks for
    qtbot.waitUntil(lambda: window.sync_status.state == "online"
                    and window.sync_status.pending_label.isHidden(), timeout=WAIT_MS)
    assert window.notice.text() == ""
    chair = room.engine("chair", SESSION)
    assert ("speaker_request", key) in chair.view(SESSION)


def test_the_readers_choice_of_item_stays_while_the_room_changes(qtbot, room):
    window = room.window("delegate")
    chair = room.engine("chair", SESSION)
    documents = window.agenda_panel.first_item_documents()
    with qtbot.waitSignal(window.viewer.page_shown, timeout=WAIT_MS):
        window.open_document(documents[0])
    _focus_item(window, 3)  # the reader looks at another item while reading
    chair.mutate("speaker.request", {"session_id": SESSION, "uuid": "0b7c7c1e-3c55-4a55-9f0e-"
                                     "1f1e4b8f2a10", "agenda_item_id": 3, "kind": "speech",
                                     "topic": ""})
    panel = window.agenda_panel.item_panel
    qtbot.waitUntil(lambda: panel.speakers.count() == 1
                    and panel.speakers.item(0).text().startswith(f"1. {CHAIR_NAME}"),
                    timeout=WAIT_MS)
    assert panel.item.id == 3
    assert window.agenda_panel.model.index_of_item(3).data(Qt.ItemDataRole.ToolTipRole) \
        .endswith("1 đăng ký phát biểu")
