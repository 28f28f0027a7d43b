"""A PostgreSQL server for the tests: the local one at 127.0.0.1:5432 when it answers,
otherwise a throwaway cluster started here with initdb + pg_ctl (never a silent skip)."""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from contextlib import closing
from pathlib import Path

import psycopg

LOCAL_URL = "postgresql://postgres@127.0.0.1:5432/test"


def _answers(url: str) -> bool:
    try:
        with closing(psycopg.connect(url, connect_timeout=3)):
            return True
    except psycopg.OperationalError:
        return False


def _pg_bin(name: str) -> str:
    found = shutil.which(name) or next(iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
                                                   reverse=True)), None)
    if not found:
        raise RuntimeError(f"PostgreSQL's {name} is not installed: `make test` installs it with apt "
                           "(package postgresql)")
    return found


class ThrowawayCluster:
    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="phonghop-pg-"))
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self._as_user: list[str] = []
        if os.geteuid() == 0:  # initdb refuses to run as root
            user = "postgres" if _has_user("postgres") else "nobody"
            shutil.chown(self.dir, user=user)
            self._as_user = ["runuser", "-u", user, "--"]
        self.data = self.dir / "data"

    def _run(self, *cmd: str) -> None:
        subprocess.run([*self._as_user, *cmd], check=True, capture_output=True, timeout=120)

    def start(self) -> str:
        self._run(_pg_bin("initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust",
                  "--no-sync", "-E", "UTF8")
        self._run(_pg_bin("pg_ctl"), "-D", str(self.data), "-l", str(self.dir / "log"), "-w",
                  "-o", f"-p {self.port} -k {self.dir} -h 127.0.0.1 -F", "start")
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def stop(self) -> None:
        try:
            self._run(_pg_bin("pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)


def _has_user(name: str) -> bool:
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


def server_url(env_url: str | None = None) -> tuple[str, ThrowawayCluster | None]:
    url = env_url or os.environ.get("PHONGHOP_TEST_PG") or LOCAL_URL
    if _answers(url):
        return url, None
    cluster = ThrowawayCluster()
    return cluster.start(), cluster


def create_database(admin_url: str) -> str:
    """A fresh database on the server; returns its URL."""
    name = f"phonghop_t_{uuid.uuid4().hex[:12]}"
    with closing(psycopg.connect(admin_url, autocommit=True)) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return admin_url.rsplit("/", 1)[0] + f"/{name}"


def drop_database(admin_url: str, url: str) -> None:
    name = url.rsplit("/", 1)[1]
    with closing(psycopg.connect(admin_url, autocommit=True)) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
