"""Votes under load: 500 delegates each cast one ballot within 5 s of the opening (their
ballots' durable acknowledgements timed), then the chair closes and the clock runs until the
last of 500 tablets has applied the result; 20 votes (open, named, secret in turn).

The tablets are bench/tablets.py processes subscribed to the session (they apply the close's
event like any other); the delegates are a bench/voters.py process; the chair is this one."""
from __future__ import annotations

import json
import math
import subprocess
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from bench.fanout import TabletProcesses
from bench.live_server import ROOT, start_profiler, stop, stop_profiler

VOTES = 20
SPREAD_S = 5.0
KINDS = ("open", "named", "secret")
UNLOADED_BALLOTS = 30


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)] if ordered else 0.0


class Chair:
    def __init__(self, url: str, token: str, session_id: int):
        self.client = httpx.Client(base_url=url + "/api/v1", timeout=60,
                                   headers={"Authorization": f"Bearer {token}"})
        self.session_id = session_id
        self.queued_id, self.direct_id = 0, 0
        self.queued_client = f"bench-chair-{uuid.uuid4().hex[:12]}"
        self.direct_client = f"direct-chair-{uuid.uuid4().hex[:12]}"

    def _push(self, name: str, args: dict, direct: bool) -> dict:
        if direct:
            self.direct_id += 1
            client_id, mutation_id = self.direct_client, self.direct_id
        else:
            self.queued_id += 1
            client_id, mutation_id = self.queued_client, self.queued_id
        body = {"client_id": client_id, "mutations": [{
            "id": mutation_id, "name": name, "args": dict(args, session_id=self.session_id)}]}
        answer = self.client.post("/mutations", json=body).json()["answers"][0]
        if answer["status"] != "applied":
            raise RuntimeError(f"{name} failed: {answer}")
        return answer

    def create(self, title: str, vote_type: str) -> int:
        return self._push("vote.create", {"title": title, "vote_type": vote_type},
                          direct=False)["result"]["id"]

    def open(self, vote_id: int) -> None:
        self._push("vote.open", {"vote_id": vote_id}, direct=True)

    def close(self, vote_id: int) -> tuple[int, dict]:
        answer = self._push("vote.close", {"vote_id": vote_id}, direct=True)
        return answer["events"][0][1], answer["result"]


class VoterProcess:
    def __init__(self, url: str, tokens: list[str], workdir: Path):
        path = workdir / "voter-tokens.txt"
        path.write_text("\n".join(tokens) + "\n", encoding="utf-8")
        self.proc = subprocess.Popen([sys.executable, "-m", "bench.voters", "--url", url,
                                      "--tokens", str(path), "--uvloop"], cwd=ROOT,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.ask(None)

    def ask(self, command: dict | None) -> dict:
        if command is not None:
            self.proc.stdin.write(json.dumps(command) + "\n")
            self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"the voters' process exited with {self.proc.wait()}")
        return json.loads(line)

    def close(self) -> None:
        try:
            self.proc.stdin.write("stop\n")
            self.proc.stdin.close()
            self.proc.wait(10)
        except (OSError, subprocess.TimeoutExpired):
            stop(self.proc, 5)


@dataclass
class VoteRun:
    result_ms: list[float] = field(default_factory=list)  # close -> last tablet, per vote
    first_ms: list[float] = field(default_factory=list)
    acks_ms: list[float] = field(default_factory=list)  # every ballot's ack, all votes
    unloaded_acks_ms: list[float] = field(default_factory=list)
    statuses: dict[str, int] = field(default_factory=dict)
    missing: int = 0  # (tablet, close) pairs never applied
    wrong_counts: int = 0  # votes whose published count differs from the ballots acknowledged


def run(server, world, tokens: list[str], chair_token: str, workdir: Path,
        votes: int = VOTES, spread_s: float = SPREAD_S) -> VoteRun:
    import time

    ws_url = server.url.replace("http://", "ws://") + "/api/v1/ws"
    sid = world.live_session_id
    out = VoteRun()
    chair = Chair(server.url, chair_token, sid)
    voters = VoterProcess(server.url, tokens, workdir)
    sent: dict[int, float] = {}
    try:
        with TabletProcesses(ws_url, sid, [tokens], workdir) as tablets:
            tablets.wait_ready()
            warm = chair.create("Biểu quyết khởi động (không tính)", "open")
            chair.open(warm)
            out.unloaded_acks_ms = voters.ask({"single": warm, "session": sid,
                                               "count": min(UNLOADED_BALLOTS, len(tokens))})["acks_ms"]
            chair.close(warm)
            profiler = start_profiler(server.proc.pid)  # PHONGHOP_BENCH_PROFILE, as the fan-out
            for n in range(votes):
                kind = KINDS[n % len(KINDS)]
                vote_id = chair.create(f"Biểu quyết số {n + 1} ({kind})", kind)
                chair.open(vote_id)
                cast = voters.ask({"cast": vote_id, "session": sid, "spread_s": spread_s,
                                   "options": ["yes", "yes", "no", "abstain"]})
                out.acks_ms.extend(cast["acks_ms"])
                for status, count in cast["statuses"].items():
                    out.statuses[status] = out.statuses.get(status, 0) + count
                time.sleep(0.3)  # the last progress tick, as in a hall
                started = time.monotonic()
                seq, state = chair.close(vote_id)
                sent[seq] = started
                if state["result"]["ballots"] != cast["statuses"].get("applied", 0):
                    out.wrong_counts += 1
            stop_profiler(profiler)
            time.sleep(1.5)
            reports = tablets.report()
            total = tablets.total
    finally:
        voters.close()
        chair.client.close()
    for seq, started in sent.items():
        entries = [r["seqs"][str(seq)] for r in reports if str(seq) in r["seqs"]]
        out.missing += total - sum(e[0] for e in entries)
        if entries:
            out.result_ms.append((max(e[2] for e in entries) - started) * 1000)
            out.first_ms.append((min(e[1] for e in entries) - started) * 1000)
    return out
