"""Child processes of the sync benchmarks: the phonghop server as the room runs it
(`python -m phonghop server`, its own process and CPU), and helpers to log 500 tablets in."""
from __future__ import annotations

import asyncio
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
LOGIN_CONCURRENCY = 8


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def process_cpu_s(pid: int) -> float:
    """User + system CPU seconds a process has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class ServerProcess:
    """`python -m phonghop server --db URL --port P --data-dir D` on loopback, stopped on exit."""

    def __init__(self, db_url: str, data_dir: Path, log_path: Path, module: str = "phonghop"):
        self.module = module  # another module with app's command line, for experiments
        self.db_url = db_url
        self.data_dir = data_dir
        self.log_path = log_path
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None
        self._log = None

    def __enter__(self) -> "ServerProcess":
        self._log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", self.module, "server", "--db", self.db_url,
             "--host", "127.0.0.1", "--port", str(self.port), "--data-dir", str(self.data_dir)],
            cwd=ROOT, stdout=self._log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the server exited: see {self.log_path}")
            try:
                if httpx.get(self.url + "/api/v1/health", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"the server did not start: see {self.log_path}")
            time.sleep(0.1)

    def cpu_s(self) -> float:
        return process_cpu_s(self.proc.pid)

    def __exit__(self, *exc) -> None:
        stop(self.proc)
        self._log.close()


def stop(proc: subprocess.Popen | None, timeout: float = 15) -> None:
    """End a child we started: SIGTERM, then SIGKILL if it does not go."""
    if proc is None or proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(5)


async def _login_all(url: str, usernames: list[str], password: str) -> list[str]:
    limit = asyncio.Semaphore(LOGIN_CONCURRENCY)
    async with httpx.AsyncClient(base_url=url + "/api/v1", timeout=60) as client:
        async def one(name: str) -> str:
            async with limit:
                r = await client.post("/auth/login", json={"username": name, "password": password,
                                                           "device": "bench tablet"})
                r.raise_for_status()
                return r.json()["token"]

        return list(await asyncio.gather(*(one(name) for name in usernames)))


def login_all(url: str, usernames: list[str], password: str) -> list[str]:
    """One token per user name, logged in over HTTP like tablets at the start of a sitting."""
    return asyncio.run(_login_all(url, usernames, password))


def start_profiler(pid: int) -> subprocess.Popen | None:
    """With PHONGHOP_BENCH_PROFILE=FILE (and py-spy on PATH or in PY_SPY), sample the server
    while the events are timed; collapsed stacks go to FILE. PY_SPY_ARGS: more flags (--gil:
    only the thread holding the GIL, what saturates a single process)."""
    out = os.environ.get("PHONGHOP_BENCH_PROFILE")
    spy = os.environ.get("PY_SPY") or shutil.which("py-spy")
    if not out or not spy:
        return None
    return subprocess.Popen([spy, "record", "--pid", str(pid), "--rate", "250", "--nonblocking",
                             "--format", "raw", "--output", out,
                             *os.environ.get("PY_SPY_ARGS", "").split()], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def stop_profiler(proc: subprocess.Popen | None) -> None:
    if proc is not None:
        proc.send_signal(signal.SIGINT)  # py-spy writes its file on Ctrl-C
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            stop(proc)
