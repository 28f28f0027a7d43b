"""Catch-up: a tablet that was offline for 10,000 events of its session comes back.

Timed: the real tablet sync engine (sync/engine.py) starting on a replica whose cursor is 0:
it opens the live socket, subscribes, learns the server's cursor, pulls `events since N` page
by page and applies them to its SQLite replica; the clock stops when the replica's cursor
reaches the end of the log. For comparison (information): a bare HTTP pull of the same pages
into a dict. Baseline: the raw SQL read of the same rows with sqlite3 in this process,
json-decoding into a dict only the rows this user receives (like with like: the tablet never
gets others' private notes), i.e. what the database alone costs."""
from __future__ import annotations

import json
import shutil
import sqlite3
import statistics
import threading
import time
from pathlib import Path

import httpx

from app import protocol as p
from sync.engine import SyncEngine
from sync.replica import Replica

RUNS = 3


def pull_all(url: str, token: str, session_id: int) -> tuple[float, int, dict]:
    """(seconds, events applied, state) for one catch-up from cursor 0."""
    started = time.perf_counter()
    state: dict[tuple[str, str], dict] = {}
    cursor, applied = 0, 0
    with httpx.Client(base_url=url + "/api/v1", timeout=60,
                      headers={"Authorization": f"Bearer {token}"}) as client:
        while True:
            response = client.get(f"/sessions/{session_id}/events",
                                  params={"since": cursor, "limit": p.PULL_PAGE})
            response.raise_for_status()
            page = response.json()
            for event in page["events"]:
                key = (event["entity"], event["key"])
                if event["op"] == "delete":
                    state.pop(key, None)
                else:
                    state[key] = event["data"]
                applied += 1
            cursor = page["cursor"]
            if not page["more"]:
                break
    return time.perf_counter() - started, applied, state


class _CursorWatch:
    """A SyncListener noting when the replica's cursor of one session reaches `target`."""

    def __init__(self, replica: Replica, session_id: int, target: int):
        self.replica, self.session_id, self.target = replica, session_id, target
        self.reached = threading.Event()
        self.at = 0.0

    def _check(self) -> None:
        if not self.reached.is_set() and self.replica.cursor(self.session_id) >= self.target:
            self.at = time.perf_counter()
            self.reached.set()

    def changed(self, session_id, entities) -> None:
        self._check()

    def status(self, status) -> None:
        self._check()

    def rejected(self, mutation_id, name, code, message) -> None:
        pass


def offline_replica(url: str, token: str, session_id: int, folder: Path) -> Path:
    """A replica that followed the session when its log was empty (snapshot at cursor 0)."""
    snapshot = httpx.get(f"{url}/api/v1/sessions/{session_id}/snapshot", timeout=60,
                         headers={"Authorization": f"Bearer {token}"}).json()
    folder.mkdir(parents=True, exist_ok=True)
    replica = Replica(folder / "replica.sqlite")
    replica.load_snapshot(session_id, 0, snapshot["entities"])
    replica.set_meta("followed", [session_id])
    replica.close()
    return folder / "replica.sqlite"


def engine_catchup(url: str, token: str, user: dict, session_id: int, target: int,
                   template: Path, folder: Path) -> tuple[float, int]:
    """(seconds from the engine's start until its replica is at `target`, entities held)."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(template, folder / "replica.sqlite")
    replica = Replica(folder / "replica.sqlite")
    watch = _CursorWatch(replica, session_id, target)
    engine = SyncEngine(url, replica, token, user, files_dir=folder / "files", listener=watch)
    started = time.perf_counter()
    engine.start()
    try:
        if not watch.reached.wait(60):
            raise RuntimeError(f"the engine did not catch up: cursor {replica.cursor(session_id)}")
    finally:
        engine.stop()
    held = len(replica.entities(session_id))
    replica.close()
    return watch.at - started, held


def raw_read(db_path: str, session_id: int, user: dict) -> tuple[float, int, int]:
    """(seconds, rows decoded, rows in the log): the log read, keeping what the user
    receives."""
    from app.models import SessionRole
    from app.services.access import may_receive

    started = time.perf_counter()
    state: dict[tuple[str, str], dict] = {}
    with sqlite3.connect(db_path) as conn:
        roles = frozenset(SessionRole(r) for (r,) in conn.execute(
            "SELECT role FROM session_roles WHERE session_id = ? AND user_id = ?",
            (session_id, user["id"])))
        rows = conn.execute("SELECT seq, entity, entity_key, op, data, audience FROM sync_events "
                            "WHERE session_id = ? ORDER BY seq", (session_id,)).fetchall()
    decoded = 0
    for _seq, entity, key, op, data, audience in rows:
        if not may_receive(audience, user["id"], user["is_admin"], roles):
            continue
        decoded += 1
        if op == "delete":
            state.pop((entity, key), None)
        else:
            state[(entity, key)] = json.loads(data)
    return time.perf_counter() - started, decoded, len(rows)


def run(server, world, token: str, db_path: str, workdir: Path) -> list[dict]:
    sid, target = world.catchup_session_id, world.catchup_events
    user = httpx.get(f"{server.url}/api/v1/auth/me", timeout=30,
                     headers={"Authorization": f"Bearer {token}"}).json()
    template = offline_replica(server.url, token, sid, workdir / "replica-template")
    engine_runs = [engine_catchup(server.url, token, {"id": user["id"],
                                                      "full_name": user["full_name"]},
                                  sid, target, template, workdir / f"replica-{n}")
                   for n in range(RUNS)]
    pulls = [pull_all(server.url, token, sid) for _ in range(RUNS)]
    raws = [raw_read(db_path, sid, user) for _ in range(RUNS)]
    value = statistics.median(t for t, _n in engine_runs)
    pulled = statistics.median(t for t, _n, _s in pulls)
    baseline = statistics.median(t for t, _n, _total in raws)
    return [
        {"name": "catchup_10k_s", "value": round(value, 3), "unit": "s",
         "baseline": round(baseline, 3), "ratio": round(value / baseline, 2),
         "target": "value <= 2 s (baseline: raw SQL read, information only)",
         "runs_s": [round(t, 3) for t, _n in engine_runs], "events_in_log": raws[0][2],
         "events_decoded_by_baseline": raws[0][1],
         "entities_in_replica": engine_runs[0][1],
         "client": "sync.engine.SyncEngine with its SQLite replica, started at cursor 0"},
        {"name": "catchup_10k_http_dict_s", "value": round(pulled, 3), "unit": "s",
         "baseline": round(baseline, 3), "ratio": round(pulled / baseline, 2),
         "target": "information", "runs_s": [round(t, 3) for t, _n, _s in pulls],
         "events_applied": pulls[0][1], "entities": len(pulls[0][2]),
         "client": "httpx pulls of 2,000 events into a dict, no replica"},
    ]
