"""The server as a process of its own (tests/sync/fault_server.py), so that a test can kill it
with SIGKILL between a commit and its answer, and back up and restore its database the way
an operator would (SQLite's backup API; pg_dump and pg_restore)."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx
import psycopg

from app.db import make_engine, make_session_factory
from app.services import server_meta
from tests import pg

ROOT = Path(__file__).resolve().parents[2]


class ServerProcess:
    def __init__(self, db_url: str, data_dir: Path, port: int, folder: Path):
        self.db_url, self.data_dir, self.port = db_url, data_dir, port
        self.fault_file = folder / "kill-after-next-commit"
        self.log = folder / "server.log"
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> "ServerProcess":
        env = dict(os.environ, PHONGHOP_FAULT_FILE=str(self.fault_file))
        with open(self.log, "a") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "tests.sync.fault_server", "server", "--db", self.db_url,
                 "--port", str(self.port), "--data-dir", str(self.data_dir)],
                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited: {self.log.read_text()[-2000:]}")
            try:
                if httpx.get(self.url + "/api/v1/health", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                time.sleep(0.1)
        raise RuntimeError("the server did not start")

    def arm_kill(self) -> None:
        """SIGKILL right after the next mutation's commit, before its answer."""
        self.fault_file.write_text("armed")

    def wait_killed(self, timeout: float = 30) -> None:
        self.process.wait(timeout)
        assert self.process.returncode == -signal.SIGKILL, self.process.returncode
        assert not self.fault_file.exists()

    def kill(self) -> None:
        """A power cut: no shutdown, no checkpoint."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()


def backup(db_url: str, target: Path) -> None:
    if db_url.startswith("sqlite"):
        with sqlite3.connect(db_url.removeprefix("sqlite:///")) as src, sqlite3.connect(target) as dst:
            src.backup(dst)
    else:
        subprocess.run([pg._pg_bin("pg_dump"), "-Fc", "-f", str(target), _libpq(db_url)],
                       check=True, capture_output=True, timeout=120)


def restore(db_url: str, source: Path) -> None:
    """Put the backup back (the server is stopped) and give the database a new epoch, as
    a restore does."""
    if db_url.startswith("sqlite"):
        path = Path(db_url.removeprefix("sqlite:///"))
        with sqlite3.connect(source) as src, sqlite3.connect(path) as dst:  # replaces every page
            src.backup(dst)
    else:
        url = _libpq(db_url)
        admin, name = url.rsplit("/", 1)
        with psycopg.connect(admin + "/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
        subprocess.run([pg._pg_bin("pg_restore"), "-d", url, str(source)], check=True,
                       capture_output=True, timeout=120)
    engine = make_engine(db_url)
    try:
        with make_session_factory(engine)() as db:
            server_meta.renew_epoch(db)
            db.commit()
    finally:
        engine.dispose()


def _libpq(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://")
