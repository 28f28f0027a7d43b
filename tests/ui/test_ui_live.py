"""The client with its sync engine against a real server of the test's own (the seeded demo):
connection state and pending changes in the status bar, offline work, the item under
discussion, presenting and following the presenter, requests to speak, notes, and refused
changes. Every change is made through a window, as its user makes it; bare engines only
look at what another tablet receives."""
from __future__ import annotations

from PySide6.QtCore import Qt

from app.demo.seed import DEMO_PASSWORD
from app.protocol.mutations import BallotCast
from tests.ui.live_helpers import SESSION, WAIT_MS, entities_of, live_of
from ui.agenda_model import CurrentRole, PayloadRole

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
    document = window.agenda_panel.model.index_of_document(3).data(PayloadRole)
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
    chair = room.engine("chair")
    requests = entities_of(chair, "speaker_request")
    assert [(r["full_name"], r["agenda_item_id"], r["status"]) for r in requests] == \
        [("Phạm Quốc Định", 2, "waiting")]

    # withdrawing: the chair's tablet sees the request withdrawn
    panel.speak_button.click()
    qtbot.waitUntil(lambda: panel.speak_button.text() == "Đăng ký phát biểu", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: [r["status"] for r in entities_of(chair, "speaker_request")]
                    == ["withdrawn"], timeout=WAIT_MS)


def _set_current(chair_window, item_id: int) -> None:
    """The chair taps "Đặt làm nội dung đang thảo luận" on the item."""
    _focus_item(chair_window, item_id)
    button = chair_window.agenda_panel.item_panel.current_button
    assert button.text() == "Đặt làm nội dung đang thảo luận"
    button.click()


def test_the_item_under_discussion_follows_the_chairs_tablet(qtbot, room):
    window = room.window("delegate")
    chair = room.window("chair")
    model, panel = window.agenda_panel.model, window.agenda_panel.item_panel
    _set_current(chair, 4)
    qtbot.waitUntil(lambda: model.index_of_item(4).data(CurrentRole), timeout=WAIT_MS)
    # nothing selected: the panel shows the item under discussion, marked
    assert panel.item.id == 4
    assert panel.current_badge.isVisibleTo(panel) and panel.current_badge.text() == "Đang thảo luận"
    assert not panel.current_button.isVisibleTo(panel)  # a delegate does not chair
    _set_current(chair, 5)
    qtbot.waitUntil(lambda: model.index_of_item(5).data(CurrentRole), timeout=WAIT_MS)
    assert not model.index_of_item(4).data(CurrentRole)
    assert panel.item.id == 5


def test_the_chair_sets_the_item_under_discussion_for_the_room(qtbot, room):
    window = room.window("chair")
    delegate = room.engine("delegate")
    panel = window.agenda_panel.item_panel
    _focus_item(window, 3)
    assert panel.current_button.text() == "Đặt làm nội dung đang thảo luận"
    panel.current_button.click()
    qtbot.waitUntil(lambda: window.agenda_panel.model.index_of_item(3).data(CurrentRole),
                    timeout=WAIT_MS)  # at once, before the server answered
    qtbot.waitUntil(lambda: live_of(delegate).get("current_agenda_item_id") == 3,
                    timeout=WAIT_MS)  # the delegate's tablet sees it
    assert panel.current_button.text() == "Kết thúc thảo luận nội dung này"
    panel.current_button.click()
    qtbot.waitUntil(lambda: live_of(delegate).get("current_agenda_item_id") is None,
                    timeout=WAIT_MS)


def test_a_delegate_follows_the_presenter_and_returns_with_one_tap(qtbot, room):
    window = room.window("delegate")
    chair = room.window("chair")
    viewer, bar = window.viewer, window.viewer.live_bar
    documents = window.agenda_panel.first_item_documents()

    def showing(document_id: int, page: int) -> bool:
        return (viewer.document is not None and viewer.document.id == document_id
                and viewer.current_page == page and viewer.is_showing_page())

    # the chair opens the programme at page 3 and presents it
    with qtbot.waitSignal(chair.viewer.page_shown, timeout=WAIT_MS):
        chair.open_document(documents[0], 2)
    chair.viewer.toolbar.present_button.click()
    qtbot.waitUntil(lambda: showing(documents[0].id, 2), timeout=WAIT_MS)
    assert viewer.page_indicator() == "Trang 3 / 6"
    assert bar.text() == f"Đang theo dõi {CHAIR_NAME}: {documents[0].title}, trang 3."
    assert bar.follow_button.isChecked()
    assert bar.follow_button.text() == "Đang theo dõi người trình bày"

    with qtbot.waitSignal(viewer.page_shown, timeout=WAIT_MS):
        viewer.toolbar.next_button.click()  # a page turned by hand: reading on one's own
    assert not window.live.following
    with qtbot.waitSignal(chair.viewer.page_shown, timeout=WAIT_MS):
        chair.viewer.toolbar.page_spin.setValue(5)  # the chair goes on to page 5
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

    # the chair opens another document, at page 2: the follower goes along
    with qtbot.waitSignal(chair.viewer.page_shown, timeout=WAIT_MS):
        chair.open_document(documents[1], 1)
    assert chair.viewer.toolbar.present_button.text() == "Dừng trình chiếu"
    qtbot.waitUntil(lambda: showing(documents[1].id, 1), timeout=WAIT_MS)
    assert viewer.page_indicator() == "Trang 2 / 4"
    assert window.agenda_panel.tree.currentIndex().data(Qt.ItemDataRole.DisplayRole) == \
        documents[1].title
    other = window.agenda_panel.model.index_of_document(11).data(PayloadRole)
    window.agenda_panel.document_requested.emit(other)  # opening one by hand stops following
    assert not window.live.following


def test_the_chair_presents_and_each_page_turn_reaches_the_room(qtbot, room):
    window = room.window("chair")
    delegate = room.engine("delegate")
    viewer, toolbar = window.viewer, window.viewer.toolbar
    document = window.agenda_panel.first_item_documents()[0]
    with qtbot.waitSignal(viewer.page_shown, timeout=WAIT_MS):
        window.open_document(document)
    assert toolbar.present_button.isVisibleTo(window)
    assert toolbar.present_button.text() == "Trình chiếu"

    def presented() -> dict:
        return live_of(delegate).get("presenter") or {}

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
    qtbot.waitUntil(lambda: live_of(delegate).get("presenter") is None, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: viewer.live_bar.isHidden(), timeout=WAIT_MS)


def test_a_refused_change_is_explained_without_blocking(qtbot, room):
    window = room.window("delegate")
    model = window.agenda_panel.model
    window.set_current_item(3)  # the chair's to do: the server refuses it
    qtbot.waitUntil(lambda: window.notice.text() != "", timeout=WAIT_MS)
    assert window.notice.text() == ("Không thực hiện được: đặt nội dung đang thảo luận – chỉ chủ "
                                     "tọa được thực hiện việc này.")
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
    other_tablet = room.window("delegate")  # the same delegate, another device
    other = other_tablet.agenda_panel.item_panel
    _focus_item(other_tablet, 2)
    qtbot.waitUntil(lambda: other.note_edit.toPlainText() == "Hỏi thêm về chỉ tiêu tăng trưởng",
                    timeout=WAIT_MS)
    _focus_item(other_tablet, 3)
    assert other.note_edit.toPlainText() == ""
    _focus_item(window, 3)
    assert panel.note_edit.toPlainText() == ""
    _focus_item(window, 2)
    assert panel.note_edit.toPlainText() == "Hỏi thêm về chỉ tiêu tăng trưởng"


def test_a_ballot_without_the_server_says_so_and_is_not_queued(qtbot, room):
    window = room.window("delegate")
    window.bridge.engine.set_network(False)
    qtbot.waitUntil(lambda: window.sync_status.state == "offline", timeout=WAIT_MS)
    errors = []
    window.bridge.call_online(BallotCast(session_id=SESSION, vote_id=1, option="yes"),
                              on_result=errors.append, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=WAIT_MS)
    assert errors == ["Cần kết nối máy chủ để bỏ phiếu. Hãy kiểm tra mạng và thử lại."]
    assert window.sync_status.pending_label.isHidden()


def test_a_revoked_login_is_shown_in_the_status_bar(qtbot, room):
    window = room.window("delegate")
    # while documents are still being fetched: a 401 then is an expired login like any other
    # (tests/sync/test_engine_recovery.py revokes it in the middle of a download)
    status = window.bridge
    qtbot.waitUntil(lambda: status.status is not None and status.status.state in
                    ("online", "syncing"), timeout=WAIT_MS)
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
    chair = room.engine("chair")
    assert ("speaker_request", key) in chair.view(SESSION)


def test_the_readers_choice_of_item_stays_while_the_room_changes(qtbot, room):
    window = room.window("delegate")
    chair = room.window("chair")
    documents = window.agenda_panel.first_item_documents()
    with qtbot.waitSignal(window.viewer.page_shown, timeout=WAIT_MS):
        window.open_document(documents[0])
    _focus_item(window, 3)  # the reader looks at another item while reading
    _focus_item(chair, 3)
    chair.agenda_panel.item_panel.speak_button.click()  # the chair asks to speak on it
    panel = window.agenda_panel.item_panel
    qtbot.waitUntil(lambda: panel.speakers.count() == 1
                    and panel.speakers.item(0).text().startswith(f"1. {CHAIR_NAME}"),
                    timeout=WAIT_MS)
    assert panel.item.id == 3
    assert window.viewer.document.id == documents[0].id
    assert window.agenda_panel.model.index_of_item(3).data(Qt.ItemDataRole.ToolTipRole) \
        .endswith("1 đăng ký phát biểu")
