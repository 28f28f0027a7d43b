"""Running real sync engines against the test world's server."""
from __future__ import annotations

import threading
import time
from pathlib import Path

import httpx

from sync.engine import SyncEngine, SyncStatus
from sync.replica import Replica
from tests.sync.conftest import PASSWORD


class Recorder:
    """A SyncListener that remembers what it was told."""

    def __init__(self) -> None:
        self.statuses: list[SyncStatus] = []
        self.rejections: list[tuple[int, str, str]] = []
        self.notices: list[tuple[str, int | None, int]] = []
        self.changes: list[tuple] = []
        self.lock = threading.Lock()

    def changed(self, session_id, entities) -> None:
        with self.lock:
            self.changes.append((session_id, frozenset(entities)))

    def status(self, status) -> None:
        with self.lock:
            self.statuses.append(status)

    def rejected(self, mutation_id, name, code, message) -> None:
        with self.lock:
            self.rejections.append((mutation_id, name, code))

    def notice(self, code, session_id, count) -> None:
        with self.lock:
            self.notices.append((code, session_id, count))


def token_for(url: str, username: str) -> tuple[str, dict]:
    body = httpx.post(url + "/api/v1/auth/login",
                      json={"username": username, "password": PASSWORD}).json()
    return body["token"], {"id": body["user"]["id"], "full_name": body["user"]["full_name"]}


def make_engine(url: str, username: str, folder: Path, **kwargs) -> tuple[SyncEngine, Recorder]:
    token, user = token_for(url, username)
    recorder = Recorder()
    engine = SyncEngine(url, Replica(folder / f"{username}.sqlite"), token, user,
                        listener=recorder, backoff_base_s=0.05, backoff_max_s=0.5, **kwargs)
    return engine.start(), recorder


def ws_connect(url: str, token: str):
    """A raw live socket with the token in the Authorization header (never in the URL)."""
    from websockets.sync.client import connect

    return connect(url.replace("http://", "ws://") + "/api/v1/ws",
                   additional_headers={"Authorization": f"Bearer {token}"})


def wait_until(predicate, timeout: float = 20.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


def entities(engine: SyncEngine, session_id: int, kind: str) -> dict[str, dict]:
    return {key: data for (entity, key), data in engine.view(session_id).items() if entity == kind}
