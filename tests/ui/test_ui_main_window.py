"""The main window: sessions, default selection, agenda tree, header, vote results."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from ui.agenda_model import DOCUMENT, VOTE, KindRole, OutcomeRole, PayloadRole
from ui.session_model import DateRole, StatusTextRole


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
        ("Kỳ họp thứ Mười (chuyên đề)", "10/07/2025 – 11/07/2025", "Đã kết thúc"),
        ("Kỳ họp thứ Mười một – kỳ họp thường lệ cuối năm 2025", "08/12/2025 – 10/12/2025",
         "Đang họp"),
        ("Kỳ họp thứ Mười hai (chuyên đề)", "15/01/2026", "Sắp diễn ra"),
    ]


def test_the_soonest_upcoming_session_is_selected_and_its_agenda_shown(window):
    assert window.current_session.id == 1
    assert window.sessions_panel.current_session().id == 1
    assert window.agenda_panel.stack.currentWidget() is window.agenda_panel.tree
    assert window.agenda_panel.session_title.text() == \
        "Kỳ họp thứ Mười một – kỳ họp thường lệ cuối năm 2025"
    assert "Thời gian: 08/12/2025 – 10/12/2025, bắt đầu lúc 07:30" in \
        window.agenda_panel.session_details.text()


def test_the_header_shows_the_user_and_roles_in_the_session(window):
    assert window.header.user_label.text() == "Nguyễn Thị Hương"
    assert window.header.roles_text() == "Đại biểu HĐND tỉnh · Vai trò: Đại biểu, Chủ tọa"
    assert window.header.product_label.text() == "PHÒNG HỌP KHÔNG GIẤY"


def test_the_agenda_tree_holds_items_and_documents(window):
    model = window.agenda_panel.model
    texts = _texts_of(model)
    assert texts[:4] == [
        "1. Khai mạc kỳ họp; thông qua chương trình kỳ họp",
        "Chương trình kỳ họp thứ Mười một",
        "Báo cáo tình hình kinh tế – xã hội năm 2025, phương hướng, nhiệm vụ năm 2026",
        "Báo cáo công tác quốc phòng, quân sự địa phương năm 2025",
    ]
    assert "2.2. Thảo luận tại tổ" in texts
    assert "5. Bế mạc kỳ họp" in texts
    first = model.index(0, 0)
    assert window.agenda_panel.tree.isExpanded(first)
    kinds = {model.index(r, 0, first).data(KindRole) for r in range(model.rowCount(first))}
    assert kinds == {DOCUMENT}


def test_choosing_a_finished_session_shows_the_vote_results(qtbot, window):
    with qtbot.waitSignal(window.agenda_loaded, timeout=10000) as blocker:
        window.sessions_panel.select_row(0)
    assert blocker.args == [3]
    assert window.header.roles_text().endswith("Vai trò: Đại biểu")
    model = window.agenda_panel.model
    item = model.index(1, 0)
    vote = model.index(1, 0, item)
    assert vote.data(KindRole) == VOTE
    assert vote.data(OutcomeRole) == "Thông qua"
    assert vote.data(PayloadRole).announcement.startswith("Có 48/52 đại biểu tham gia")
    failed = model.index(0, 0, model.index(2, 0))
    assert failed.data(OutcomeRole) == "Không thông qua"


def test_a_failing_agenda_shows_a_message_not_a_traceback(qtbot, server, window):
    server.fail_paths[r"/sessions/2/agenda"] = (500, "server_error")
    with qtbot.waitSignal(window.load_failed, timeout=10000) as blocker:
        window.sessions_panel.select_row(2)
    assert blocker.args == ["Máy chủ đang gặp sự cố. Vui lòng thử lại sau."]
    panel = window.agenda_panel
    assert panel.stack.currentWidget() is panel.message
    assert panel.message.text() == ("Không tải được chương trình kỳ họp.\n"
                                    "Máy chủ đang gặp sự cố. Vui lòng thử lại sau.")


def test_an_expired_login_while_loading_sessions_is_explained(qtbot, server, vietnamese, client,
                                                             runner, tmp_path):
    from ui.main_window import MainWindow

    server.fail_paths[r"/sessions$"] = (401, "token_expired")
    window = MainWindow(client, client.user, runner, tmp_path / "cache")
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.load_failed, timeout=10000):
        window.start()
    assert window.banner.isVisible()
    assert window.banner_label.text() == "Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại."
    del server.fail_paths[r"/sessions$"]
    with qtbot.waitSignal(window.agenda_loaded, timeout=10000):
        window.retry_button.click()
    assert not window.banner.isVisible()
    window.shutdown()
