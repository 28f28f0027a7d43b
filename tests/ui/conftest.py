"""Fixtures of the desktop client's tests: offscreen Qt, a stand-in server behind the real
ApiClient (httpx.MockTransport), the Vietnamese translator, a logged-in main window."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from tests.ui.fake_server import PASSWORD, USERNAME, build_demo_server  # noqa: E402
from ui import i18n  # noqa: E402
from ui.style import apply_style  # noqa: E402
from ui.workers import TaskRunner  # noqa: E402

SERVER_URL = "http://phonghop.test:8000"


@pytest.fixture(autouse=True)
def default_language(monkeypatch):
    """Tests choose their language themselves, whatever the developer's environment says."""
    monkeypatch.delenv(i18n.LANGUAGE_ENV, raising=False)


@pytest.fixture
def server():
    return build_demo_server()


@pytest.fixture
def runner(qapp):
    runner = TaskRunner()
    yield runner
    assert runner.shutdown(10000), "a background task was still running"
    runner.deleteLater()


@pytest.fixture
def vietnamese(qapp):
    """The UI in Vietnamese, its default language."""
    translator = i18n.install_translator(qapp, "vi")
    apply_style(qapp)
    yield
    i18n.remove_translator(qapp, translator)


@pytest.fixture
def english(qapp):
    translator = i18n.install_translator(qapp, "en")
    apply_style(qapp)
    yield
    i18n.remove_translator(qapp, translator)


@pytest.fixture
def client(server):
    client = server.client_factory()(SERVER_URL)
    client.login(USERNAME, PASSWORD)
    yield client
    client.close()


@pytest.fixture
def make_window(qtbot, runner, client, tmp_path):
    """Build a MainWindow (in the language installed by the test's fixtures), show it and wait
    until the default session's agenda is on screen."""
    from ui.main_window import MainWindow

    windows = []

    def make():
        window = MainWindow(client, client.user, runner, tmp_path / "cache")
        qtbot.addWidget(window)
        windows.append(window)
        window.resize(1366, 800)
        window.show()
        with qtbot.waitSignal(window.agenda_loaded, timeout=10000):
            window.start()
        return window

    yield make
    for window in windows:
        window.shutdown()


@pytest.fixture
def window(vietnamese, make_window):
    return make_window()


@pytest.fixture
def demo_server(demo_dir):
    """The seeded demo served by a real uvicorn on a free port (for the client's engine)."""
    from app.config import Settings, sqlite_url
    from sync.server.context import ServerContext
    from sync.server.runner import BackgroundServer

    settings = Settings(database_url=sqlite_url(demo_dir / "phonghop.db"), data_dir=demo_dir)
    context = ServerContext.from_settings(settings)
    with BackgroundServer(context) as server:
        yield server
    context.engine.dispose()


@pytest.fixture
def room(vietnamese, qtbot, runner, demo_server, tmp_path):
    """Main windows (with their sync engines) and bare engines on the demo server."""
    from tests.ui.live_helpers import Room

    room = Room(demo_server.url, tmp_path, runner, qtbot)
    yield room
    room.close()
