"""Ballots lost or duplicated: 100 named votes of 40 delegates each, while some of the
delegates' connections give up on their answers (and send again under the same id), and the
server is killed (SIGKILL) at a random moment of at least 10 of the votes and started again.
After each vote the announced list of who voted what is compared with what each delegate was
told was recorded: a ballot acknowledged and not counted is lost, one counted twice or not
acknowledged is duplicated, another choice is wrong. Target: 0 of each."""
from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from bench import live_world
from bench.live_server import ROOT, free_port, login_all, stop
from bench.votes import VoterProcess

VOTES = 100
VOTERS = 40
KILLS = 12
DROP = 0.05
SPREAD_S = 1.0


class KillableServer:
    """The real server on a fixed port, killed with SIGKILL and started again at will."""

    def __init__(self, db_url: str, data_dir: Path, log_path: Path):
        self.db_url, self.data_dir, self.log_path = db_url, data_dir, log_path
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None
        self.kills = 0

    def start(self) -> None:
        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "phonghop", "server", "--db", self.db_url,
                 "--host", "127.0.0.1", "--port", str(self.port), "--data-dir", str(self.data_dir)],
                cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(self.url + "/api/v1/health", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.05)
        raise RuntimeError(f"the server did not start: see {self.log_path}")

    def kill_and_restart(self) -> None:
        self.proc.kill()
        self.proc.wait(10)
        self.kills += 1
        self.start()

    def stop(self) -> None:
        stop(self.proc)


class PatientChair:
    """The chair's changes, each sent again under the same id until answered."""

    def __init__(self, url: str, token: str, session_id: int):
        self.url, self.token, self.session_id = url, token, session_id
        self.ids = {"q": 0, "d": 0}
        self.clients = {"q": f"bench-chair-{uuid.uuid4().hex[:12]}",
                        "d": f"direct-chair-{uuid.uuid4().hex[:12]}"}

    def push(self, lane: str, name: str, args: dict) -> dict:
        self.ids[lane] += 1
        body = {"client_id": self.clients[lane], "mutations": [{
            "id": self.ids[lane], "name": name, "args": dict(args, session_id=self.session_id)}]}
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                answer = httpx.post(self.url + "/api/v1/mutations", json=body, timeout=30,
                                    headers={"Authorization": f"Bearer {self.token}"}
                                    ).json()["answers"][0]
                if answer["status"] in ("applied", "rejected"):
                    return answer
            except (httpx.HTTPError, ValueError, KeyError):
                pass
            time.sleep(0.2)
        raise RuntimeError(f"{name}: no answer")


@dataclass
class FaultRun:
    votes: int = 0
    ballots: int = 0
    lost: int = 0
    duplicated: int = 0
    wrong: int = 0
    kills: int = 0
    retries: int = 0
    notes: list[str] = field(default_factory=list)


def run(votes: int = VOTES, voters: int = VOTERS, kills: int = KILLS) -> FaultRun:
    out = FaultRun()
    rng = random.Random(2026)
    kill_at = set(rng.sample(range(votes), kills))
    with tempfile.TemporaryDirectory(prefix="phonghop-faults-") as tmp:
        work = Path(tmp)
        url = f"sqlite:///{work / 'phonghop.sqlite3'}"
        world = live_world.build(url, voters, 0)
        server = KillableServer(url, work / "data", work / "server.log")
        server.start()
        try:
            tokens = login_all(server.url, world.delegates, live_world.PASSWORD)
            chair_token = login_all(server.url, [world.chair], live_world.PASSWORD)[0]
            ids = _user_ids(url, world.delegates)
            chair = PatientChair(server.url, chair_token, world.live_session_id)
            voter_proc = VoterProcess(server.url, tokens, work)
            try:
                for n in range(votes):
                    _one_vote(n, n in kill_at, rng, chair, voter_proc, server, world, ids, out)
            finally:
                voter_proc.close()
        finally:
            server.stop()
        out.kills = server.kills
    return out


def _one_vote(n, kill, rng, chair, voter_proc, server, world, ids, out: FaultRun) -> None:
    vote_id = chair.push("q", "vote.create", {"title": f"Biểu quyết ghi danh {n + 1}",
                                               "vote_type": "named"})["result"]["id"]
    chair.push("d", "vote.open", {"vote_id": vote_id})
    options = [rng.choice(["yes", "no", "abstain"]) for _ in range(len(ids))]
    killer = None
    if kill:  # at a random moment of the casting
        killer = threading.Timer(rng.uniform(0.05, SPREAD_S), server.kill_and_restart)
        killer.start()
    cast = voter_proc.ask({"cast": vote_id, "session": world.live_session_id,
                           "spread_s": SPREAD_S, "options": options, "drop": DROP})
    if killer is not None:
        killer.join()
    out.retries = cast["retries"]
    closed = chair.push("d", "vote.close", {"vote_id": vote_id})
    named = closed["result"]["result"]["named"]
    told = {ids[int(i)]: option for i, option in cast["sent"].items()}  # acknowledged
    counted: dict[int, list[str]] = {}
    for option, user_ids in named.items():
        for user_id in user_ids:
            counted.setdefault(user_id, []).append(option)
    out.votes += 1
    out.ballots += len(told)
    out.lost += sum(1 for user in told if user not in counted)
    out.duplicated += sum(len(v) - 1 for v in counted.values()) + \
        sum(1 for user in counted if user not in told)
    out.wrong += sum(1 for user, option in told.items()
                     if user in counted and counted[user][0] != option)
    if set(cast["statuses"]) != {"applied"}:
        out.notes.append(f"vote {n + 1}: answers {cast['statuses']}")


def _user_ids(url: str, usernames: list[str]) -> list[int]:
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from app.db import make_engine
    from app.models import User

    engine = make_engine(url)
    try:
        with Session(engine) as db:
            by_name = dict(db.execute(select(User.username, User.id)).all())
    finally:
        engine.dispose()
    return [by_name[name] for name in usernames]


def rows(result: FaultRun) -> list[dict]:
    bad = result.lost + result.duplicated + result.wrong
    return [{"name": "ballots_lost_or_duplicated", "value": bad, "unit": "ballots",
             "baseline": result.ballots, "ratio": round(bad / max(1, result.ballots), 6),
             "target": "0 (lost + duplicated + wrong choice)", "met": bad == 0 and
             result.kills >= 10, "votes": result.votes, "ballots": result.ballots,
             "lost": result.lost, "duplicated": result.duplicated, "wrong": result.wrong,
             "server_kills": result.kills, "retries": result.retries,
             "dropped_answers_share": DROP, "notes": result.notes[:10],
             "baseline_method": "the number of ballots acknowledged in the run"}]


if __name__ == "__main__":
    print(json.dumps(rows(run(votes=int(sys.argv[1]) if len(sys.argv) > 1 else VOTES)),
                     indent=2, ensure_ascii=False))
