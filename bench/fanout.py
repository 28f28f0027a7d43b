"""Live fan-out: the chair advances the agenda; how long until the last of 500 tablets has it?

For each event the clock starts just before the chair sends (the HTTP mutation to phonghop; the
trigger message to the bare server) and stops when the last tablet has parsed and applied the
pushed event. Chair, tablets and servers are separate processes on one machine; they compare
time.monotonic() readings, one clock on Linux. Both servers get the same tablet code in the
same number of processes, the same chair rhythm (alternating between them) and a pushed
message of the same size."""
from __future__ import annotations

import json
import math
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from websockets.sync.client import connect

from bench.live_server import ROOT, process_cpu_s, stop

EVENTS = 50
WARMUP = 2  # events sent first and not counted, on both servers
INTERVAL_S = 0.15  # the chair's rhythm
SETTLE_S = 1.5  # after the last event, before the tablets report


@dataclass
class FanoutRun:
    latencies_ms: list[float] = field(default_factory=list)
    missing: int = 0  # (tablet, event) pairs never applied before the tablets reported
    gaps: int = 0
    reopened: int = 0  # sockets closed as "token revoked" while opening, then retried
    client_cpu_s: list[float] = field(default_factory=list)
    server_cpu_ms_per_event: float = 0.0
    sample: str = ""

    def pct(self, q: float) -> float:
        """Nearest-rank percentile (for 50 events, p95 is the 48th smallest)."""
        ordered = sorted(self.latencies_ms)
        return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


class TabletProcesses:
    """`python -m bench.tablets` children, each holding a share of the tablets."""

    def __init__(self, url: str, session_id: int, shares: list[list[str]] | list[int],
                 workdir: Path):
        self.procs: list[subprocess.Popen] = []
        for n, share in enumerate(shares):
            cmd = [sys.executable, "-m", "bench.tablets", "--url", url, "--session",
                   str(session_id), "--uvloop"]
            if isinstance(share, int):
                cmd += ["--count", str(share)]
            else:
                tokens = workdir / f"tokens-{n}.txt"
                tokens.write_text("\n".join(share) + "\n", encoding="utf-8")
                cmd += ["--tokens", str(tokens)]
            self.procs.append(subprocess.Popen(cmd, cwd=ROOT, stdin=subprocess.PIPE,
                                               stdout=subprocess.PIPE, text=True))

    def __enter__(self) -> "TabletProcesses":
        return self

    def _read(self, proc: subprocess.Popen) -> dict:
        line = proc.stdout.readline()
        if not line:
            raise RuntimeError(f"a tablet process exited with {proc.wait()}")
        return json.loads(line)

    def wait_ready(self) -> tuple[int, int]:
        """(tablets subscribed, sockets the server closed as revoked while they opened)"""
        ready = [self._read(p) for p in self.procs]
        return sum(r["ready"] for r in ready), sum(r["reopened"] for r in ready)

    def report(self) -> list[dict]:
        for proc in self.procs:
            proc.stdin.write("stop\n")
            proc.stdin.flush()
        return [self._read(p) for p in self.procs]

    def __exit__(self, *exc) -> None:
        for proc in self.procs:
            proc.stdin.close()  # after a report the tablets close their sockets and exit
        for proc in self.procs:
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                stop(proc, timeout=5)


class PhonghopChair:
    """The chair's tablet: `live.set_current_item` over HTTP on one keep-alive connection."""

    def __init__(self, url: str, token: str, session_id: int, items: list[int]):
        self.client = httpx.Client(base_url=url + "/api/v1", timeout=30,
                                   headers={"Authorization": f"Bearer {token}",
                                            "Content-Type": "application/json"})
        self.client.get("/auth/me").raise_for_status()  # open the connection first
        self.client_id = f"bench-chair-{uuid.uuid4().hex[:12]}"
        self.session_id, self.items = session_id, items
        self.next_id = 1
        self.last_event: dict = {}  # what the tablets get, rebuilt from the answer

    def send(self) -> int:
        k = self.next_id
        body = json.dumps({"client_id": self.client_id, "mutations": [{
            "id": k, "name": "live.set_current_item",
            "args": {"session_id": self.session_id, "agenda_item_id": self.items[k % len(self.items)]}}]})
        answer = self.client.post("/mutations", content=body).json()["answers"][0]
        if answer.get("status") != "applied":
            raise RuntimeError(f"the chair's mutation failed: {answer}")
        self.next_id += 1
        seq = answer["events"][0][1]
        self.last_event = {"seq": seq, "kind": "live.current_item", "entity": "live",
                           "key": "state", "op": "upsert", "data": answer["result"],
                           "origin": [self.client_id, k]}
        return seq

    def close(self) -> None:
        self.client.close()


class BareChair:
    """The chair against the bare server: a trigger message on its own WebSocket."""

    def __init__(self, ws_url: str, session_id: int, event: dict):
        self.ws = connect(ws_url, max_size=2 ** 20)
        self.ws.recv()  # hello
        self.trigger = json.dumps({"type": "trigger", "session_id": session_id, "event": event})

    def send(self) -> int:
        self.ws.send(self.trigger)
        while True:
            answer = json.loads(self.ws.recv())
            if answer.get("type") == "ack":
                return answer["seq"]

    def close(self) -> None:
        self.ws.close()


def collect(sent: dict[int, float], tablets: TabletProcesses, total: int,
            server_cpu_s: float) -> FanoutRun:
    reports = tablets.report()
    run = FanoutRun(server_cpu_ms_per_event=server_cpu_s * 1000 / EVENTS,
                    client_cpu_s=[r["cpu_s"] for r in reports],
                    gaps=sum(r["gaps"] for r in reports),
                    sample=next((r["sample"] for r in reports if r["sample"]), ""))
    for seq, started in sent.items():
        entries = [r["seqs"][str(seq)] for r in reports if str(seq) in r["seqs"]]
        run.missing += total - sum(e[0] for e in entries)
        if entries:
            run.latencies_ms.append((max(e[2] for e in entries) - started) * 1000)
    return run


def run_interleaved(server, world, tokens: list[str], chair_token: str, processes: int,
                    workdir: Path) -> tuple[FanoutRun, FanoutRun]:
    """Both servers up at once with their own tablets; the chair alternates between them, one
    send every INTERVAL_S, so a busy moment of the machine hits both alike. Returns (phonghop,
    bare)."""
    ws_url = server.url.replace("http://", "ws://") + "/api/v1/ws?token={token}"
    bare = subprocess.Popen([sys.executable, "-m", "bench.bare_server", "--uvloop"], cwd=ROOT,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    chairs = []
    try:
        bare_url = f"ws://127.0.0.1:{json.loads(bare.stdout.readline())['port']}/"
        ours_shares = [tokens[n::processes] for n in range(processes)]
        bare_shares = [len(share) for share in ours_shares]
        with TabletProcesses(ws_url, world.live_session_id, ours_shares, workdir) as ours_t, \
                TabletProcesses(bare_url, world.live_session_id, bare_shares, workdir) as bare_t:
            ours_total, ours_reopened = ours_t.wait_ready()
            bare_total, _ = bare_t.wait_ready()
            ours_chair = PhonghopChair(server.url, chair_token, world.live_session_id,
                                       world.agenda_item_ids)
            chairs.append(ours_chair)
            ours_chair.send()  # its answer shapes the bare server's event
            bare_chair = BareChair(bare_url, world.live_session_id, ours_chair.last_event)
            chairs.append(bare_chair)
            sent: tuple[dict, dict] = ({}, {})
            cpu: list[float] = []
            next_at = time.monotonic()
            for k in range(WARMUP + EVENTS):
                if k == WARMUP:
                    cpu = [process_cpu_s(server.proc.pid), process_cpu_s(bare.pid)]
                for chair, times in ((ours_chair, sent[0]), (bare_chair, sent[1])):
                    time.sleep(max(0.0, next_at - time.monotonic()))
                    started = time.monotonic()
                    seq = chair.send()
                    if k >= WARMUP:
                        times[seq] = started
                    next_at = started + INTERVAL_S
            time.sleep(SETTLE_S)
            cpu = [process_cpu_s(server.proc.pid) - cpu[0], process_cpu_s(bare.pid) - cpu[1]]
            ours = collect(sent[0], ours_t, ours_total, cpu[0])
            ours.reopened = ours_reopened
            return ours, collect(sent[1], bare_t, bare_total, cpu[1])
    finally:
        for chair in chairs:
            chair.close()
        bare.stdin.close()
        stop(bare, timeout=5)
