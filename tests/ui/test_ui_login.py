"""The login dialog with the real ApiClient against the real server; refused connections,
time-outs, server errors, an answer that is not JSON and a server that thinks slowly are
provoked in front of it (tests/ui/fake_server.py)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer

from app.demo.seed import DEMO_PASSWORD, DEMO_USERS
from sync.client import ApiClient
from ui.login_dialog import LoginDialog

DELEGATE = DEMO_USERS["delegate"]


@pytest.fixture
def make_dialog(qtbot, runner, vietnamese, shared_demo):
    def make(factory=ApiClient):
        dialog = LoginDialog(shared_demo.url, runner, factory)
        qtbot.addWidget(dialog)
        dialog.show()
        return dialog
    return make


def _log_in(qtbot, dialog, password=DEMO_PASSWORD, signal="login_failed"):
    dialog.set_credentials(DELEGATE, password)
    with qtbot.waitSignal(getattr(dialog, signal), timeout=10000) as blocker:
        dialog.login_button.click()
    return blocker


def test_login_succeeds_and_emits_the_user(qtbot, make_dialog, shared_demo):
    dialog = make_dialog()
    client, user = _log_in(qtbot, dialog, signal="logged_in").args
    assert (user.username, user.full_name, user.title) == \
        (DELEGATE, "Phạm Quốc Định", "Phó Chủ tịch HĐND tỉnh")
    assert shared_demo.token_is_valid(client.token)
    assert dialog.result() == LoginDialog.DialogCode.Accepted
    assert dialog.error_label.isHidden()
    client.logout()
    client.close()


def test_wrong_password_shows_the_vietnamese_message(qtbot, make_dialog):
    dialog = make_dialog()
    _log_in(qtbot, dialog, password="sai-mat-khau")
    assert dialog.error_label.isVisible()
    assert dialog.error_label.text() == "Tên đăng nhập hoặc mật khẩu không đúng."
    assert dialog.login_button.isEnabled() and not dialog.busy_bar.isVisible()


def test_unreachable_server_names_the_address(qtbot, make_dialog, faults, shared_demo):
    faults.refuse()
    dialog = make_dialog(faults.client_factory())
    _log_in(qtbot, dialog)
    text = dialog.error_label.text()
    assert text.startswith(f"Không kết nối được tới máy chủ {shared_demo.url}.")
    assert "kiểm tra địa chỉ máy chủ và kết nối mạng" in text


def test_timeout_is_reported_like_an_unreachable_server(qtbot, make_dialog, faults):
    faults.time_out()
    dialog = make_dialog(faults.client_factory())
    _log_in(qtbot, dialog)
    assert dialog.error_label.text().startswith("Không kết nối được tới máy chủ")


@pytest.mark.parametrize("status, code, expected", [
    (429, "rate_limited", "Bạn đã thử quá nhiều lần. Vui lòng đợi vài phút rồi thử lại."),
    (500, "server_error", "Máy chủ đang gặp sự cố. Vui lòng thử lại sau."),
    # a code this client does not know (a newer server)
    (418, "teapot_mode", "Đã xảy ra lỗi (mã lỗi: teapot_mode). Vui lòng thử lại hoặc liên hệ "
                         "bộ phận kỹ thuật."),
])
def test_other_errors_get_a_sentence(qtbot, make_dialog, faults, status, code, expected):
    faults.fail(r"/auth/login$", status, code)
    dialog = make_dialog(faults.client_factory())
    _log_in(qtbot, dialog)
    assert dialog.error_label.text() == expected


def test_a_server_answer_that_is_not_json_gets_a_sentence(qtbot, make_dialog, faults):
    faults.serve(r"/auth/login$", b"<html>proxy</html>", content_type="text/html")
    dialog = make_dialog(faults.client_factory())
    _log_in(qtbot, dialog)
    assert dialog.error_label.text() == "Máy chủ trả về dữ liệu không đọc được."


def test_empty_fields_are_refused_before_any_request(qtbot, make_dialog, faults):
    dialog = make_dialog(faults.client_factory())
    dialog.set_credentials(DELEGATE, "")
    dialog.login_button.click()
    assert dialog.error_label.text() == "Vui lòng nhập tên đăng nhập và mật khẩu."
    dialog.server_edit.clear()
    dialog.set_credentials(DELEGATE, DEMO_PASSWORD)
    dialog.login_button.click()
    assert dialog.error_label.text() == "Vui lòng nhập địa chỉ máy chủ."
    assert faults.requests == []


def test_the_dialog_stays_responsive_while_the_server_thinks(qtbot, make_dialog, faults):
    release = faults.hold(r"/auth/login$")
    dialog = make_dialog(faults.client_factory())
    dialog.set_credentials(DELEGATE, DEMO_PASSWORD)
    dialog.login_button.click()
    assert dialog.is_busy()
    assert dialog.busy_bar.isVisible() and not dialog.login_button.isEnabled()
    ticks = []
    QTimer.singleShot(20, lambda: ticks.append("event loop alive"))
    qtbot.waitUntil(lambda: bool(ticks), timeout=2000)  # the UI thread is not blocked
    with qtbot.waitSignal(dialog.logged_in, timeout=10000) as blocker:
        release.set()
    client, user = blocker.args
    assert user.full_name == "Phạm Quốc Định"  # the real server's answer, once it came
    client.logout()
    client.close()
