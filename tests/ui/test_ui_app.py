"""run_client end to end against the real server (the shipped client: login, main window with
its sync engine, screenshot mode), its failures, and the boundaries of the ui package."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QImage

from app.demo.seed import DEMO_PASSWORD, DEMO_USERS
from tests.ui.live_helpers import ClientWatch
from ui import document_fetch
from ui.app import run_client

SPEECH = "Diễn văn khai mạc Kỳ họp thứ Tư"  # the first agenda item's second document, 4 pages


def _run(url, tmp_path, **kwargs):
    kwargs.setdefault("username", DEMO_USERS["delegate"])
    kwargs.setdefault("password", DEMO_PASSWORD)
    return run_client(url, offscreen=True, cache_dir=str(tmp_path / "cache"), **kwargs)


def _speech_sha(client) -> str:
    return client.agenda(1)[0].documents[1].sha256


def test_screenshot_with_a_document_open(qapp, shared_demo, client, tmp_path, capfd):
    target = tmp_path / "shot.png"
    before = shared_demo.served()
    with ClientWatch() as watch:
        assert _run(shared_demo.url, tmp_path, screenshot=str(target), open_document=2) == 0
    image = QImage(str(target))
    assert (image.width(), image.height()) == (1366, 800)
    shown = watch.at_capture
    assert shown["user"] == "Phạm Quốc Định"
    assert shown["session_title"] == "Kỳ họp thứ Tư (kỳ họp thường lệ cuối năm 2026)"
    assert (shown["document"], shown["page"]) == (SPEECH, "Trang 1 / 4")
    # the document came once (through the engine: the viewer did not fetch it a second time)
    assert (shared_demo.served() - before)[_speech_sha(client)] == 1
    assert not shared_demo.token_is_valid(shown["token"])  # logged out on the way out
    assert capfd.readouterr().err.count("Screenshot") == 0
    # run_client leaves the application as it found it: no translator, no window
    assert QCoreApplication.translate("Texts", "Upcoming") == "Upcoming"
    assert [w for w in qapp.topLevelWidgets() if w.isVisible()] == []


def test_screenshot_without_a_document(qapp, shared_demo, tmp_path):
    target = tmp_path / "shot.png"
    with ClientWatch() as watch:
        assert _run(shared_demo.url, tmp_path, screenshot=str(target), lang="en") == 0
    assert not QImage(str(target)).isNull()
    shown = watch.at_capture
    assert shown["product"] == "PAPERLESS MEETING ROOM"
    assert shown["agenda_shown"]
    assert (shown["document"], shown["page"], shown["placeholder"]) == (None, None, True)


def test_screenshot_fails_with_one_line_on_a_wrong_password(qapp, shared_demo, tmp_path, capfd):
    target = tmp_path / "shot.png"
    code = _run(shared_demo.url, tmp_path, password="sai", screenshot=str(target))
    err = capfd.readouterr().err.strip().splitlines()
    assert code == 1
    assert not target.exists()
    assert [line for line in err if "propagateSizeHints" not in line] == [
        "Không chụp được màn hình: Tên đăng nhập hoặc mật khẩu không đúng."]


def test_screenshot_fails_when_the_document_does_not_exist(qapp, shared_demo, tmp_path, capfd):
    code = _run(shared_demo.url, tmp_path, screenshot=str(tmp_path / "x.png"), open_document=9)
    assert code == 1
    assert "Mục đầu tiên của chương trình kỳ họp có 2 tài liệu; không có tài liệu thứ 9." in \
        capfd.readouterr().err


def test_screenshot_fails_when_the_document_cannot_be_rendered(qapp, demo_server, tmp_path,
                                                               capfd, monkeypatch):
    """The file of the first document was damaged on the server: the engine refuses it, the
    client then downloads it itself and says why it cannot show it."""
    monkeypatch.setattr(document_fetch, "FALLBACK_MS", 300)
    from sync.client import ApiClient

    client = ApiClient(demo_server.url)
    client.login(DEMO_USERS["delegate"], DEMO_PASSWORD)
    sha = client.agenda(1)[0].documents[0].sha256
    client.logout()
    client.close()
    demo_server.stored_file(sha).write_bytes(b"garbage " * 100)
    code = _run(demo_server.url, tmp_path, screenshot=str(tmp_path / "x.png"), open_document=1)
    assert code == 1
    assert "Không chụp được màn hình: Tệp tải về bị lỗi (mã kiểm tra không khớp). Vui lòng mở " \
        "lại tài liệu." in capfd.readouterr().err


def test_screenshot_gives_up_after_its_time_limit(qtbot, reader, faults, tmp_path):
    """The server thinks about the session list for longer than the screenshot waits."""
    from ui.screenshot import ScreenshotJob

    release = faults.hold(r"/sessions$")
    window = reader.window("delegate", transport=faults, start=False)
    job = ScreenshotJob(tmp_path / "late.png", timeout_s=0.3)
    job.attach(window)
    job.start()
    with qtbot.waitSignal(job.finished, timeout=5000) as blocker:
        window.start()
    release.set()
    assert blocker.args == [1, "Dữ liệu không tải xong trong vòng 0.3 giây."]
    assert not (tmp_path / "late.png").exists()


def test_screenshot_refuses_a_document_number_below_one(qapp, faults, shared_demo, tmp_path,
                                                        capfd):
    assert _run(shared_demo.url, tmp_path, screenshot=str(tmp_path / "x.png"), open_document=0,
                client_factory=faults.client_factory()) == 1
    assert "Số thứ tự tài liệu phải từ 1 trở lên." in capfd.readouterr().err
    assert faults.requests == []  # not even a login


def test_without_screenshot_the_client_opens_the_document_and_runs_until_closed(
        qapp, shared_demo, tmp_path):
    seen = {}

    def close_when_shown(window):
        if window.isVisible() and window.viewer.is_showing_page() and "page" not in seen:
            seen["page"] = window.viewer.page_indicator()
            seen["title"] = window.viewer.toolbar.title_label.text()
            seen["online"] = window.sync_status.isVisible()
            window.close()

    with ClientWatch(close_when_shown):
        assert _run(shared_demo.url, tmp_path, open_document=2) == 0
    assert seen == {"page": "Trang 1 / 4", "title": SPEECH, "online": True}
