"""run_client end to end (screenshot mode) and the boundaries of the ui package."""
from __future__ import annotations

import ast
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QImage

from tests.ui.conftest import SERVER_URL
from tests.ui.fake_server import PASSWORD, USERNAME
from ui.app import run_client

UI_DIR = Path(__file__).resolve().parents[2] / "ui"


def _run(server, tmp_path, **kwargs):
    kwargs.setdefault("username", USERNAME)
    kwargs.setdefault("password", PASSWORD)
    # The stand-in server speaks only the REST API (no WebSocket for the sync engine): the
    # client reads the sessions through REST, as it does when its replica cannot be opened.
    # tests/ui/test_ui_live.py runs the client with its engine against a real server.
    return run_client(SERVER_URL, offscreen=True, cache_dir=str(tmp_path / "cache"),
                      client_factory=server.client_factory(), sync_engine=False, **kwargs)


def test_screenshot_with_a_document_open(qapp, server, tmp_path, capfd):
    target = tmp_path / "shot.png"
    assert _run(server, tmp_path, screenshot=str(target), open_document=2) == 0
    image = QImage(str(target))
    assert (image.width(), image.height()) == (1366, 800)
    assert server.count("GET /api/v1/files/") == 1
    assert server.count("POST /api/v1/auth/logout") == 1
    assert capfd.readouterr().err.count("Screenshot") == 0
    # run_client leaves the application as it found it: no translator, no window
    assert QCoreApplication.translate("Texts", "Upcoming") == "Upcoming"
    assert [w for w in qapp.topLevelWidgets() if w.isVisible()] == []


def test_screenshot_without_a_document(qapp, server, tmp_path):
    target = tmp_path / "shot.png"
    assert _run(server, tmp_path, screenshot=str(target), lang="en") == 0
    assert not QImage(str(target)).isNull()
    assert server.count("GET /api/v1/files/") == 0


def test_screenshot_fails_with_one_line_on_a_wrong_password(qapp, server, tmp_path, capfd):
    target = tmp_path / "shot.png"
    code = _run(server, tmp_path, password="sai", screenshot=str(target))
    err = capfd.readouterr().err.strip().splitlines()
    assert code == 1
    assert not target.exists()
    assert [line for line in err if "propagateSizeHints" not in line] == [
        "Không chụp được màn hình: Tên đăng nhập hoặc mật khẩu không đúng."]


def test_screenshot_fails_when_the_document_does_not_exist(qapp, server, tmp_path, capfd):
    code = _run(server, tmp_path, screenshot=str(tmp_path / "x.png"), open_document=9)
    assert code == 1
    assert "Mục đầu tiên của chương trình kỳ họp có 3 tài liệu; không có tài liệu thứ 9." in \
        capfd.readouterr().err


def test_screenshot_fails_when_the_document_cannot_be_rendered(qapp, server, tmp_path, capfd):
    first_doc = server.agendas[1][0]["documents"][0]
    server.files[first_doc["sha256"]].data = b"garbage " * 100
    code = _run(server, tmp_path, screenshot=str(tmp_path / "x.png"), open_document=1)
    assert code == 1
    assert "Tệp tải về bị lỗi" in capfd.readouterr().err


def test_the_ui_never_imports_the_database_layer():
    offenders = []
    for path in UI_DIR.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names
                          if n.split(".")[0] in ("app", "sqlalchemy", "alembic", "psycopg")
                          or n.startswith("sync.server")]
    assert offenders == []


def test_screenshot_gives_up_after_its_time_limit(qtbot, server, vietnamese, client, runner,
                                                  tmp_path):
    import threading

    import httpx

    from ui.main_window import MainWindow
    from ui.screenshot import ScreenshotJob

    release = threading.Event()

    def stuck(request):
        release.wait(10)
        return server(request)

    client._http._transport = httpx.MockTransport(stuck)
    window = MainWindow(client, client.user, runner, tmp_path / "cache")
    qtbot.addWidget(window)
    job = ScreenshotJob(tmp_path / "late.png", timeout_s=0.3)
    job.attach(window)
    job.start()
    with qtbot.waitSignal(job.finished, timeout=5000) as blocker:
        window.start()
    release.set()
    window.shutdown()
    assert blocker.args == [1, "Dữ liệu không tải xong trong vòng 0.3 giây."]
    assert not (tmp_path / "late.png").exists()


def test_screenshot_refuses_a_document_number_below_one(qapp, server, tmp_path, capfd):
    assert _run(server, tmp_path, screenshot=str(tmp_path / "x.png"), open_document=0) == 1
    assert "Số thứ tự tài liệu phải từ 1 trở lên." in capfd.readouterr().err
    assert server.requests == []


def test_without_screenshot_the_client_opens_the_document_and_runs_until_closed(
        qapp, qtbot, server, tmp_path):
    from PySide6.QtCore import QTimer

    from ui.main_window import MainWindow

    seen = {}

    def close_when_shown():
        windows = [w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if windows and windows[0].viewer.is_showing_page():
            seen["page"] = windows[0].viewer.page_indicator()
            windows[0].close()
        else:
            QTimer.singleShot(20, close_when_shown)

    QTimer.singleShot(0, close_when_shown)
    assert _run(server, tmp_path, open_document=3) == 0
    assert seen == {"page": "Trang 1 / 2"}
