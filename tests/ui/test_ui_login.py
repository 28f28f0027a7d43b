"""The login dialog against the real ApiClient over a mock transport."""
from __future__ import annotations

import threading

import httpx
import pytest
from PySide6.QtCore import QTimer

from sync.client import ApiClient
from tests.ui.conftest import SERVER_URL
from tests.ui.fake_server import PASSWORD, USERNAME
from ui.login_dialog import LoginDialog


@pytest.fixture
def make_dialog(qtbot, runner, vietnamese):
    def make(factory):
        dialog = LoginDialog(SERVER_URL, runner, factory)
        qtbot.addWidget(dialog)
        dialog.show()
        return dialog
    return make


def test_login_succeeds_and_emits_the_user(qtbot, make_dialog, server):
    dialog = make_dialog(server.client_factory())
    dialog.set_credentials(USERNAME, PASSWORD)
    with qtbot.waitSignal(dialog.logged_in, timeout=10000) as blocker:
        dialog.login_button.click()
    client, user = blocker.args
    assert user.full_name == "Nguyễn Thị Hương"
    assert client.token
    assert dialog.result() == LoginDialog.DialogCode.Accepted
    assert dialog.error_label.isHidden()
    client.close()


def test_wrong_password_shows_the_vietnamese_message(qtbot, make_dialog, server):
    dialog = make_dialog(server.client_factory())
    dialog.set_credentials(USERNAME, "sai-mat-khau")
    with qtbot.waitSignal(dialog.login_failed, timeout=10000):
        dialog.login_button.click()
    assert dialog.error_label.isVisible()
    assert dialog.error_label.text() == "Tên đăng nhập hoặc mật khẩu không đúng."
    assert dialog.login_button.isEnabled() and not dialog.busy_bar.isVisible()


def test_unreachable_server_names_the_address(qtbot, make_dialog):
    def refuse(request):
        raise httpx.ConnectError("connection refused", request=request)

    dialog = make_dialog(lambda url: ApiClient(url, transport=httpx.MockTransport(refuse)))
    dialog.set_credentials(USERNAME, PASSWORD)
    with qtbot.waitSignal(dialog.login_failed, timeout=10000):
        dialog.login_button.click()
    text = dialog.error_label.text()
    assert text.startswith(f"Không kết nối được tới máy chủ {SERVER_URL}.")
    assert "kiểm tra địa chỉ máy chủ và kết nối mạng" in text


def test_timeout_is_reported_like_an_unreachable_server(qtbot, make_dialog):
    def slow(request):
        raise httpx.ReadTimeout("timed out", request=request)

    dialog = make_dialog(lambda url: ApiClient(url, transport=httpx.MockTransport(slow)))
    dialog.set_credentials(USERNAME, PASSWORD)
    with qtbot.waitSignal(dialog.login_failed, timeout=10000):
        dialog.login_button.click()
    assert dialog.error_label.text().startswith("Không kết nối được tới máy chủ")


@pytest.mark.parametrize("status, code, expected", [
    (429, "rate_limited", "Bạn đã thử quá nhiều lần. Vui lòng đợi vài phút rồi thử lại."),
    (500, "server_error", "Máy chủ đang gặp sự cố. Vui lòng thử lại sau."),
    (418, "teapot_mode", "Đã xảy ra lỗi (mã lỗi: teapot_mode). Vui lòng thử lại hoặc liên hệ "
                         "bộ phận kỹ thuật."),
])
def test_other_errors_get_a_sentence(qtbot, make_dialog, server, status, code, expected):
    server.fail_paths[r"/auth/login$"] = (status, code)
    dialog = make_dialog(server.client_factory())
    dialog.set_credentials(USERNAME, PASSWORD)
    with qtbot.waitSignal(dialog.login_failed, timeout=10000):
        dialog.login_button.click()
    assert dialog.error_label.text() == expected


def test_a_server_answer_that_is_not_json_gets_a_sentence(qtbot, make_dialog):
    transport = httpx.MockTransport(lambda request: httpx.Response(200, text="<html>proxy</html>"))
    dialog = make_dialog(lambda url: ApiClient(url, transport=transport))
    dialog.set_credentials(USERNAME, PASSWORD)
    with qtbot.waitSignal(dialog.login_failed, timeout=10000):
        dialog.login_button.click()
    assert dialog.error_label.text() == "Máy chủ trả về dữ liệu không đọc được."


def test_empty_fields_are_refused_before_any_request(qtbot, make_dialog, server):
    dialog = make_dialog(server.client_factory())
    dialog.set_credentials(USERNAME, "")
    dialog.login_button.click()
    assert dialog.error_label.text() == "Vui lòng nhập tên đăng nhập và mật khẩu."
    dialog.server_edit.clear()
    dialog.set_credentials(USERNAME, PASSWORD)
    dialog.login_button.click()
    assert dialog.error_label.text() == "Vui lòng nhập địa chỉ máy chủ."
    assert server.requests == []


def test_the_dialog_stays_responsive_while_the_server_thinks(qtbot, make_dialog, server):
    release = threading.Event()

    def slow_server(request):
        release.wait(10)
        return server(request)

    dialog = make_dialog(lambda url: ApiClient(url, transport=httpx.MockTransport(slow_server)))
    dialog.set_credentials(USERNAME, PASSWORD)
    dialog.login_button.click()
    assert dialog.is_busy()
    assert dialog.busy_bar.isVisible() and not dialog.login_button.isEnabled()
    ticks = []
    QTimer.singleShot(20, lambda: ticks.append("event loop alive"))
    qtbot.waitUntil(lambda: bool(ticks), timeout=2000)  # the UI thread is not blocked
    with qtbot.waitSignal(dialog.logged_in, timeout=10000) as blocker:
        release.set()
    blocker.args[0].close()
