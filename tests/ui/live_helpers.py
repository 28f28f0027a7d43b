"""The desktop client with its sync engine against a real server: the seeded demo served by
uvicorn on a free port, main windows logged in as demo users, and bare engines playing the
other tablets of the room."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from app.demo.seed import DEMO_PASSWORD, DEMO_USERS
from sync.client import ApiClient
from sync.engine import SyncEngine
from sync.replica import Replica
from ui.main_window import MainWindow
from ui.sync_bridge import engine_factory, replica_path

WAIT_MS = 20000


@dataclass
class Room:
    """Windows and engines started for one test; `close()` stops them all."""

    url: str
    folder: Path
    runner: object
    qtbot: object
    windows: list[MainWindow] = field(default_factory=list)
    clients: list[ApiClient] = field(default_factory=list)
    engines: list[SyncEngine] = field(default_factory=list)

    def login(self, role: str) -> ApiClient:
        client = ApiClient(self.url)
        client.login(DEMO_USERS[role], DEMO_PASSWORD)
        self.clients.append(client)
        return client

    def window(self, role: str, *, size=(1366, 800)) -> MainWindow:
        """A main window with its engine, shown, once the default session's agenda is on
        screen (read from the engine's replica)."""
        client = self.login(role)
        cache = self.folder / f"window-{role}-{len(self.windows)}"
        window = MainWindow(client, client.user, self.runner, cache,
                            engine_factory=engine_factory(client, client.user, cache))
        self.qtbot.addWidget(window)
        self.windows.append(window)
        window.resize(*size)
        window.show()
        with self.qtbot.waitSignal(window.agenda_loaded, timeout=WAIT_MS):
            window.start()
        return window

    def engine(self, role: str, session_id: int) -> SyncEngine:
        """Another tablet: a bare engine following the session, once it holds its snapshot."""
        client = self.login(role)
        user = client.user
        replica = Replica(replica_path(self.folder / f"engine-{role}", client.base_url,
                                       user.username))
        engine = SyncEngine(client.base_url, replica, client.token,
                            {"id": user.id, "full_name": user.full_name},
                            files_dir=self.folder / f"engine-{role}" / "files",
                            backoff_base_s=0.05, backoff_max_s=0.5).start()
        self.engines.append(engine)
        engine.follow(session_id)
        wait_until(lambda: ("session", str(session_id)) in engine.view(session_id),
                   what=f"the {role}'s snapshot")
        return engine

    def close(self) -> None:
        for window in self.windows:
            window.shutdown()
        for engine in self.engines:
            engine.stop()
            engine.replica.close()
        for client in self.clients:
            client.close()


def wait_until(predicate, timeout: float = WAIT_MS / 1000, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


def live_of(engine: SyncEngine, session_id: int) -> dict:
    return engine.view(session_id).get(("live", "state")) or {}
