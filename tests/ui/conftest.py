"""Fixtures of the desktop client's tests: offscreen Qt, the Vietnamese translator, Vietnam's
clock, and the real server with the seeded demo (HĐND tỉnh Đắk Lắk, tests/conftest.py
`demo_template`) served by uvicorn.

- `shared_demo`: one server for the whole run, over its own copy of the demo, for tests that
  only read (logins, sessions, agendas, documents). Never change its data or files there.
- `demo_server`: a server of the test's own over a fresh copy (`demo_dir`), for tests that
  change the room (requests to speak, notes, presenting) or damage a file on the server.
- `reader` (Vietnamese; `shared_room` in the test's language) / `room`: windows (built with
  their sync engine, as the shipped client builds them) and bare engines on those two
  servers; `window`: the delegate's window on the shared server, once the default session's
  agenda is on screen.
- `faults`: tests/ui/fake_server.py in front of the shared server, to provoke faults."""
from __future__ import annotations

import os
import shutil
import time
from contextlib import contextmanager

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from ui import i18n  # noqa: E402
from ui.style import apply_style  # noqa: E402
from ui.workers import TaskRunner  # noqa: E402

VIETNAM = "ICT-7"  # POSIX spelling of Asia/Ho_Chi_Minh (UTC+7, no daylight saving)


@contextmanager
def time_zone(spec: str):
    """The process' local time zone (what the client formats times in) for a while."""
    previous = os.environ.get("TZ")
    os.environ["TZ"] = spec
    time.tzset()
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = previous
        time.tzset()


@pytest.fixture(autouse=True)
def vietnam_clock():
    """The tablets' clocks are on Vietnam's time, whatever the test machine says."""
    with time_zone(VIETNAM):
        yield


@pytest.fixture(autouse=True)
def default_language(monkeypatch):
    """Tests choose their language themselves, whatever the developer's environment says."""
    monkeypatch.delenv(i18n.LANGUAGE_ENV, raising=False)


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


# -- the real server ------------------------------------------------------------------------
@pytest.fixture(scope="session")
def shared_demo(demo_template, tmp_path_factory):
    """The demo served once for every test that only reads. Logins are many here, so the
    server allows more of them per minute than its default (the limit itself is a fault
    provoked through `faults`)."""
    from tests.ui.live_helpers import serve_demo

    data_dir = tmp_path_factory.mktemp("shared-demo") / "demo"
    shutil.copytree(demo_template, data_dir)
    with serve_demo(data_dir, login_attempts_per_minute=100_000) as server:
        yield server


@pytest.fixture
def demo_server(demo_dir):
    """The seeded demo served by a real uvicorn of the test's own (change it at will)."""
    from tests.ui.live_helpers import serve_demo

    with serve_demo(demo_dir) as server:
        yield server


@pytest.fixture
def shared_room(qtbot, runner, shared_demo, faults, tmp_path):
    """Windows on the shared server (read only), in the language the test installed. (It
    holds `faults` so that windows going through them close before they do.)"""
    from tests.ui.live_helpers import Room

    room = Room(shared_demo.url, tmp_path, runner, qtbot)
    yield room
    room.close()


@pytest.fixture
def reader(vietnamese, shared_room):
    """Windows on the shared server (read only), in Vietnamese."""
    return shared_room


@pytest.fixture
def room(vietnamese, qtbot, runner, demo_server, tmp_path):
    """Windows (with their sync engines) and bare engines on the test's own server."""
    from tests.ui.live_helpers import Room

    room = Room(demo_server.url, tmp_path, runner, qtbot)
    yield room
    room.close()


@pytest.fixture
def window(reader):
    """The delegate's main window (daibieu02, Phạm Quốc Định) with its sync engine, once the
    default session's agenda is on screen."""
    return reader.window("delegate")


@pytest.fixture
def client(shared_demo):
    """The delegate logged in on the shared server, to read what the server answers. It does
    not log out at the end: that would run beside the windows' own logout when they close,
    and two logouts at once fail on the server's SQLite (reported: `POST /auth/logout`
    answers 500 "database is locked")."""
    from app.demo.seed import DEMO_PASSWORD, DEMO_USERS
    from sync.client import ApiClient

    client = ApiClient(shared_demo.url)
    client.login(DEMO_USERS["delegate"], DEMO_PASSWORD)
    yield client
    client.close()


@pytest.fixture
def faults(shared_demo):
    """Faults provoked in front of the shared server (tests/ui/fake_server.py)."""
    from tests.ui.fake_server import FaultyServer

    server = FaultyServer()
    yield server
    server.shutdown()
