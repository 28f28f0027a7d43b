"""The main window with its sync engine on the real server (the seeded demo): sessions, default
selection, agenda tree, header, vote results; and, provoked in front of the server, a failing
agenda (read through the REST API once the local copy cannot be opened) and an expired login."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from tests.ui.conftest import time_zone
from tests.ui.live_helpers import WAIT_MS, corrupt_local_copy
from ui.agenda_model import DOCUMENT, VOTE, DetailRole, KindRole, OutcomeRole, PayloadRole
from ui.session_model import DateRole, StatusTextRole

UPCOMING = "Kỳ họp thứ Tư (kỳ họp thường lệ cuối năm 2026)"
EARLIER = "Kỳ họp thứ Ba (kỳ họp chuyên đề)"


def _texts_of(model, parent=None):
    parent = parent or QModelIndex()
    out = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        out.append(index.data(Qt.ItemDataRole.DisplayRole))
        out.extend(_texts_of(model, index))
    return out


def test_sessions_are_listed_with_vietnamese_dates_and_statuses(window):
    model = window.sessions_panel.model
    rows = [(model.index(r, 0).data(Qt.ItemDataRole.DisplayRole), model.index(r, 0).data(DateRole),
             model.index(r, 0).data(StatusTextRole)) for r in range(model.rowCount())]
    assert rows == [
        (UPCOMING, "08/12/2026 – 10/12/2026", "Sắp diễn ra"),
        (EARLIER, "25/09/2026", "Đã kết thúc"),
    ]


def test_the_soonest_upcoming_session_is_selected_and_its_agenda_shown(window):
    assert window.current_session.id == 1
    assert window.sessions_panel.current_session().id == 1
    assert window.agenda_panel.stack.currentWidget() is window.agenda_panel.tree
    assert window.agenda_panel.session_title.text() == UPCOMING
    assert window.agenda_panel.session_details.text() == (
        "Hội đồng nhân dân tỉnh Đắk Lắk · khóa XI\n"
        "Thời gian: 08/12/2026 – 10/12/2026, bắt đầu lúc 07:30\n"
        "Địa điểm: Hội trường Trung tâm Hội nghị tỉnh, phường Buôn Ma Thuột, tỉnh Đắk Lắk")


def test_a_tablet_on_another_time_zone_shows_the_start_in_its_own_time(reader):
    """The session starts at 07:30 in Đắk Lắk (UTC+7): a laptop whose clock is on UTC (a fresh
    Linux install) shows it at 00:30 of the same day, as the client shows every moment that
    carries its time zone (ui/texts.py `parse_timestamp`)."""
    with time_zone("UTC0"):
        window = reader.window("delegate")
        assert "Thời gian: 08/12/2026 – 10/12/2026, bắt đầu lúc 00:30" in \
            window.agenda_panel.session_details.text()


def test_the_header_shows_the_user_and_roles_in_the_session(reader):
    delegate = reader.window("delegate")
    assert delegate.header.user_label.text() == "Phạm Quốc Định"
    assert delegate.header.roles_text() == "Phó Chủ tịch HĐND tỉnh · Vai trò: Đại biểu"
    assert delegate.header.product_label.text() == "PHÒNG HỌP KHÔNG GIẤY"
    chair = reader.window("chair")
    assert chair.header.user_label.text() == "Trương Thị Hồng Phượng"
    assert chair.header.roles_text() == "Chủ tịch HĐND tỉnh · Vai trò: Chủ tọa, Đại biểu"


def test_the_agenda_tree_holds_items_and_documents(window):
    model = window.agenda_panel.model
    texts = _texts_of(model)
    assert texts[:4] == [
        "1. Khai mạc kỳ họp; thông qua chương trình kỳ họp",
        "Chương trình Kỳ họp thứ Tư, HĐND tỉnh khóa XI",
        "Diễn văn khai mạc Kỳ họp thứ Tư",
        "2. Báo cáo tình hình kinh tế - xã hội năm 2026; nhiệm vụ, giải pháp năm 2027",
    ]
    assert "9.2. Báo cáo công tác của Viện kiểm sát nhân dân tỉnh" in texts
    assert texts[-1] == "12. Bế mạc kỳ họp"
    assert len([t for t in texts if t[0].isdigit()]) == 15  # 12 items, 3 of them under item 9
    first = model.index(0, 0)
    assert window.agenda_panel.tree.isExpanded(first)
    assert first.data(DetailRole) == "Trình bày: Chủ tịch HĐND tỉnh"
    kinds = {model.index(r, 0, first).data(KindRole) for r in range(model.rowCount(first))}
    assert kinds == {DOCUMENT}
    assert [d.data(DetailRole) for d in (model.index(0, 0, first), model.index(1, 0, first))] \
        == ["Kế hoạch · Số 215/CTr-HĐND · 6 trang", "Tài liệu · Số 216/DV-HĐND · 4 trang"]


def test_a_documents_line_reads_as_vietnamese_when_it_has_no_number(window):
    """The budget annex is numbered "Kèm theo Tờ trình số 190" (attached to submission 190):
    that is not a number to put after "Số"."""
    annex = window.agenda_panel.model.index_of_document(8)
    assert annex.data(Qt.ItemDataRole.DisplayRole) == "Phụ lục biểu mẫu dự toán ngân sách năm 2027"
    assert annex.data(DetailRole) == "Tài liệu · Kèm theo Tờ trình số 190 · 300 trang"


def test_choosing_a_finished_session_shows_the_vote_results(qtbot, window):
    """Its agenda comes from the engine's replica, its vote results from the server."""
    with qtbot.waitSignal(window.agenda_loaded, timeout=WAIT_MS) as blocker:
        window.sessions_panel.select_row(1)
    assert blocker.args == [2]
    assert window.agenda_panel.session_title.text() == EARLIER
    assert window.header.roles_text().endswith("Vai trò: Đại biểu")
    model = window.agenda_panel.model
    qtbot.waitUntil(lambda: model.vote_count() == 4, timeout=WAIT_MS)
    assert model.index(0, 0).data(Qt.ItemDataRole.DisplayRole) == "1. Khai mạc kỳ họp chuyên đề"
    item = model.index(1, 0)
    children = [model.index(r, 0, item) for r in range(model.rowCount(item))]
    assert [c.data(KindRole) for c in children] == [DOCUMENT, VOTE]
    vote = children[1]
    assert vote.data(Qt.ItemDataRole.DisplayRole) == (
        "Biểu quyết: Nghị quyết thành lập, tổ chức lại một số cơ quan chuyên môn thuộc UBND tỉnh")
    assert vote.data(OutcomeRole) == "Thông qua"
    assert vote.data(PayloadRole).announcement == (
        "Có 48/52 đại biểu tham gia biểu quyết (chiếm 92,31% tổng số đại biểu); 47 đại biểu tán "
        "thành (chiếm 90,38%), 0 đại biểu không tán thành (chiếm 0,00%), 1 đại biểu không biểu "
        "quyết (chiếm 1,92%). Kết quả: thông qua (số đại biểu tán thành đạt quá nửa tổng số "
        "đại biểu).")
    outcomes = [model.index(r, 0, model.index(row, 0)).data(OutcomeRole)
                for row in range(model.rowCount())
                for r in range(model.rowCount(model.index(row, 0)))
                if model.index(r, 0, model.index(row, 0)).data(KindRole) == VOTE]
    assert outcomes == ["Thông qua"] * 4


# -- faults -------------------------------------------------------------------------------
def test_a_failing_agenda_shows_a_message_not_a_traceback(qtbot, reader, faults):
    """The tablet's local copy cannot be opened: the client says so and reads the sessions
    through the REST API, where the agenda of the second session fails."""
    window = reader.window("delegate", transport=faults,
                           prepare=lambda cache: corrupt_local_copy(cache, reader.url,
                                                                    "delegate"))
    assert window.notice.text().startswith("Không mở được dữ liệu kỳ họp lưu trên máy này")
    assert "Ứng dụng chỉ làm việc được khi có kết nối tới máy chủ. Đã xảy ra lỗi (mã lỗi: " \
        "DatabaseError)." in window.notice.text()
    assert window.agenda_panel.model.index(0, 0).data() == \
        "1. Khai mạc kỳ họp; thông qua chương trình kỳ họp"
    faults.fail(r"/sessions/2/agenda$", 500, "server_error")
    with qtbot.waitSignal(window.load_failed, timeout=WAIT_MS) as blocker:
        window.sessions_panel.select_row(1)
    assert blocker.args == ["Máy chủ đang gặp sự cố. Vui lòng thử lại sau."]
    panel = window.agenda_panel
    assert panel.stack.currentWidget() is panel.message
    assert panel.message.text() == ("Không tải được chương trình kỳ họp.\n"
                                    "Máy chủ đang gặp sự cố. Vui lòng thử lại sau.")


def test_an_expired_login_while_loading_sessions_is_explained(qtbot, reader, faults):
    faults.fail(r"/sessions$", 401, "token_expired")
    window = reader.window("delegate", transport=faults, start=False)
    with qtbot.waitSignal(window.load_failed, timeout=WAIT_MS):
        window.start()
    assert window.banner.isVisible()
    assert window.banner_label.text() == "Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại."
    assert window.sessions_panel.model.rowCount() == 0
    faults.heal()
    with qtbot.waitSignal(window.agenda_loaded, timeout=WAIT_MS):
        window.retry_button.click()
    assert not window.banner.isVisible()
    assert window.agenda_panel.session_title.text() == UPCOMING
