"""The desktop client with its sync engine against a real server: the seeded demo (HĐND tỉnh
Đắk Lắk) served by uvicorn on a free port (`serve_demo`), main windows logged in as demo users
and built as the shipped client builds them (`Room.window`), bare engines playing the other
tablets of the room (`Room.engine`, read only), and a watch on the window that `run_client`
shows (`ClientWatch`)."""
from __future__ import annotations

import threading
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

import httpx
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from sqlalchemy import update

from app.config import PasswordPolicy, Settings, sqlite_url
from app.demo.seed import DEMO_PASSWORD, DEMO_USERS
from app.models import User
from app.services.files import FileStore
from sync.client import ApiClient
from sync.engine import SyncEngine
from sync.replica import Replica
from sync.server.context import ServerContext
from sync.server.runner import BackgroundServer
from ui.main_window import MainWindow
from ui.sync_bridge import engine_factory, files_dir, replica_path

WAIT_MS = 20000
SESSION, EARLIER_SESSION = 1, 2  # the demo's "Kỳ họp thứ Tư" (upcoming) and "Kỳ họp thứ Ba"


# -- the server -----------------------------------------------------------------------------
class _CountingFileStore(FileStore):
    """The server's file store, counting the files it serves (`GET /files/<sha256>` is the
    only caller of `path_for` while the server runs)."""

    def __init__(self, root: Path):
        super().__init__(root)
        self._lock = threading.Lock()
        self._served: Counter[str] = Counter()

    def path_for(self, sha256: str) -> Path:
        with self._lock:
            self._served[sha256] += 1
        return super().path_for(sha256)

    def served(self) -> Counter[str]:
        with self._lock:
            return Counter(self._served)


@dataclass
class DemoServer:
    url: str
    data_dir: Path
    _files: _CountingFileStore

    def served(self) -> Counter[str]:
        """How many times each file (by SHA-256) was served so far."""
        return self._files.served()

    def stored_file(self, sha256: str) -> Path:
        """Where the server keeps a document's file (damage it only on a server of your own)."""
        return self.data_dir / "files" / sha256[:2] / sha256

    def token_is_valid(self, token: str) -> bool:
        answer = httpx.get(f"{self.url}/api/v1/sessions",
                           headers={"Authorization": f"Bearer {token}"}, timeout=10)
        return answer.status_code == 200


def _fast_demo_passwords(context: ServerContext) -> None:
    """The demo accounts keep their password, hashed at the tests' cost (Argon2 at its
    production cost takes ~250 ms a login, and these tests log in some fifty times)."""
    password_hash = context.passwords.hash(DEMO_PASSWORD)
    with context.sessions() as db:
        db.execute(update(User).values(password_hash=password_hash))
        db.commit()


@contextmanager
def serve_demo(data_dir: Path, **settings) -> Iterator[DemoServer]:
    """A real uvicorn serving the demo database and files in `data_dir` (a copy: the server
    writes to it)."""
    config = Settings(database_url=sqlite_url(data_dir / "phonghop.db"), data_dir=data_dir,
                      password_policy=PasswordPolicy.fast_for_tests(), **settings)
    context = ServerContext.from_settings(config)
    store = context.files = _CountingFileStore(config.files_dir)
    try:
        _fast_demo_passwords(context)
        with BackgroundServer(context) as server:
            yield DemoServer(server.url, data_dir, store)
    finally:
        context.engine.dispose()


# -- the room -------------------------------------------------------------------------------
@dataclass
class Room:
    """Windows and engines started for one test on one server; `close()` stops them all."""

    url: str
    folder: Path
    runner: object
    qtbot: object
    windows: list[MainWindow] = field(default_factory=list)
    clients: list[ApiClient] = field(default_factory=list)
    engines: list[SyncEngine] = field(default_factory=list)
    caches: dict[int, Path] = field(default_factory=dict)

    def login(self, role: str, transport: httpx.BaseTransport | None = None) -> ApiClient:
        client = ApiClient(self.url, transport=transport)
        self.clients.append(client)
        client.login(DEMO_USERS[role], DEMO_PASSWORD)
        return client

    def next_cache(self, role: str) -> Path:
        """The cache folder the next window of `role` gets (to prepare it before)."""
        return self.folder / f"window-{role}-{len(self.windows)}"

    def window(self, role: str, *, size=(1366, 800), transport=None,
               prepare: Callable[[Path], None] | None = None, start: bool = True) -> MainWindow:
        """A main window with its sync engine, as `ui/client_flow.py` builds it, shown; with
        `start`, once the default session's agenda is on screen (read from the engine's
        replica). `transport`: the window's ApiClient goes through it (tests/ui/fake_server.py
        provokes faults there); the engine always talks to the server itself. `prepare(cache)`
        runs before the window exists (to damage the tablet's local copy)."""
        cache = self.next_cache(role)
        if prepare is not None:
            cache.mkdir(parents=True, exist_ok=True)
            prepare(cache)
        client = self.login(role, transport)
        window = MainWindow(client, client.user, self.runner, cache,
                            engine_factory=engine_factory(client, client.user, cache))
        self.qtbot.addWidget(window)
        self.windows.append(window)
        self.caches[id(window)] = cache
        window.resize(*size)
        window.show()
        if start:
            with self.qtbot.waitSignal(window.agenda_loaded, timeout=WAIT_MS):
                window.start()
        return window

    def cache(self, window: MainWindow) -> Path:
        return self.caches[id(window)]

    def local_copy(self, window: MainWindow, sha256: str) -> Path:
        """Where the window's engine keeps a document."""
        return files_dir(self.cache(window), window.client.base_url,
                         window.user.username) / f"{sha256}.pdf"

    def engine(self, role: str, session_id: int = SESSION) -> SyncEngine:
        """Another tablet, read only: a bare engine following the session, once it holds its
        snapshot (changes are made through windows, as a user makes them)."""
        client = self.login(role)
        user = client.user
        folder = self.folder / f"engine-{role}-{len(self.engines)}"
        replica = Replica(replica_path(folder, client.base_url, user.username))
        engine = SyncEngine(client.base_url, replica, client.token,
                            {"id": user.id, "full_name": user.full_name},
                            files_dir=folder / "files",
                            backoff_base_s=0.05, backoff_max_s=0.5).start()
        self.engines.append(engine)
        engine.follow(session_id)
        self.qtbot.waitUntil(lambda: ("session", str(session_id)) in engine.view(session_id),
                             timeout=WAIT_MS)
        return engine

    def close(self) -> None:
        for window in self.windows:
            window.shutdown()
        for engine in self.engines:
            engine.stop()
            engine.replica.close()
        self.runner.shutdown(10000, cancel=False)  # the windows' logouts, as run_client does
        for client in self.clients:
            client.close()


def live_of(engine: SyncEngine, session_id: int = SESSION) -> dict:
    return engine.view(session_id).get(("live", "state")) or {}


def entities_of(engine: SyncEngine, entity: str, session_id: int = SESSION) -> list[dict]:
    return [data for (kind, _key), data in engine.view(session_id).items() if kind == entity]


def all_prefetched(window: MainWindow) -> bool:
    status = window.bridge.status
    return bool(status and status.files_total and status.files_done == status.files_total)


def corrupt_local_copy(cache: Path, server_url: str, role: str) -> None:
    """The tablet's local copy of the sessions is not a database any more (a disk fault):
    the engine cannot start and the client reads the session through the REST API."""
    path = replica_path(cache, server_url, DEMO_USERS[role])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"not a database " * 512)


# -- run_client -----------------------------------------------------------------------------
class ClientWatch:
    """While `run_client` runs: finds its main window and records what the window shows at
    the moment the screenshot is taken (`at_capture`), and calls `on_window(window)` on
    every check (every 10 ms)."""

    def __init__(self, on_window: Callable[[MainWindow], None] | None = None):
        self.window: MainWindow | None = None
        self.at_capture: dict | None = None
        self._on_window = on_window
        self._timer = QTimer()
        self._timer.setInterval(10)
        self._timer.timeout.connect(self._check)

    def __enter__(self) -> "ClientWatch":
        self._timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self._timer.stop()
        self.window = None

    def _check(self) -> None:
        if self.window is None:
            found = [w for w in QApplication.topLevelWidgets()
                     if isinstance(w, MainWindow) and w.isVisible()]
            if not found:
                return
            self.window = found[0]
            grab = self.window.grab

            def grab_and_record(*args):
                self.at_capture = describe(self.window)
                return grab(*args)

            self.window.grab = grab_and_record
        if self._on_window is not None:
            self._on_window(self.window)


def describe(window: MainWindow) -> dict:
    """What a user sees of the window, in a few words."""
    viewer = window.viewer
    model = window.sessions_panel.model
    return {
        "token": window.client.token,
        "user": window.header.user_label.text(),
        "product": window.header.product_label.text(),
        "sessions": [model.index(r, 0).data() for r in range(model.rowCount())],
        "session_title": window.agenda_panel.session_title.text(),
        "agenda_shown": window.agenda_panel.stack.currentWidget() is window.agenda_panel.tree,
        "document": viewer.document.title if viewer.document is not None else None,
        "page": viewer.page_indicator() if viewer.is_showing_page() else None,
        "placeholder": viewer.placeholder.isVisible(),
    }
