"""Live fan-out: the chair advances the agenda; how long until the last of 500 tablets has it?

For each event the clock starts just before the chair sends (the HTTP mutation to phonghop; the
trigger message to the bare server) and stops when the last tablet has parsed and applied the
pushed event. Chair, tablets and servers are separate processes on one machine; they compare
time.monotonic() readings, one clock on Linux. Both servers get the same tablet code in the
same number of processes, the same chair rhythm (alternating between them) and a pushed
message of the same size."""
from __future__ import annotations

import contextlib
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

from bench.live_server import ROOT, process_cpu_s, start_profiler, stop, stop_profiler

EVENTS = 50
WARMUP = 2  # events sent first and not counted, on both servers
INTERVAL_S = 0.15  # the chair's rhythm
SETTLE_S = 1.5  # after the last event, before the tablets report


@dataclass
class FanoutRun:
    latencies_ms: list[float] = field(default_factory=list)  # in the order sent
    first_ms: list[float] = field(default_factory=list)  # until the first tablet had it
    sent_at: list[float] = field(default_factory=list)  # monotonic send times
    missing: int = 0  # (tablet, event) pairs never applied before the tablets reported
    gaps: int = 0
    reopened: int = 0  # sockets closed as "token revoked" while opening, then retried
    closed_early: int = 0  # sockets the server closed during the measurement
    deflate: bool = False  # the sockets compress (permessage-deflate)
    client_cpu_s: list[float] = field(default_factory=list)
    server_cpu_ms_per_event: float = 0.0
    sample: str = ""

    def pct(self, q: float, first: bool = False) -> float:
        """Nearest-rank percentile (for 50 events, p95 is the 48th smallest) of the time until
        the last tablet (or with `first`, the first tablet) had the event."""
        ordered = sorted(self.first_ms if first else self.latencies_ms)
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

    def wait_ready(self) -> None:
        ready = [self._read(p) for p in self.procs]
        self.total = sum(r["ready"] for r in ready)
        self.reopened = sum(r["reopened"] for r in ready)  # closed as revoked while opening
        self.deflate = all(r["deflate"] for r in ready)  # permessage-deflate negotiated

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
        item = self.items[k % len(self.items)]
        body = json.dumps({"client_id": self.client_id, "mutations": [{
            "id": k, "name": "live.set_current_item",
            "args": {"session_id": self.session_id, "agenda_item_id": item}}]})
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
        self._stack = contextlib.ExitStack()
        self.ws = self._stack.enter_context(connect(ws_url, max_size=2 ** 20))
        self.ws.recv()  # hello
        self.trigger = json.dumps({"type": "trigger", "session_id": session_id, "event": event})

    def send(self) -> int:
        self.ws.send(self.trigger)
        while True:
            answer = json.loads(self.ws.recv())
            if answer.get("type") == "ack":
                return answer["seq"]

    def close(self) -> None:
        self._stack.close()


def collect(sent: dict[int, float], tablets: TabletProcesses, server_cpu_s: float) -> FanoutRun:
    reports = tablets.report()
    total = tablets.total
    run = FanoutRun(server_cpu_ms_per_event=server_cpu_s * 1000 / max(1, len(sent)),
                    reopened=tablets.reopened, deflate=tablets.deflate,
                    client_cpu_s=[r["cpu_s"] for r in reports],
                    gaps=sum(r["gaps"] for r in reports),
                    closed_early=sum(r["closed_early"] for r in reports),
                    sample=next((r["sample"] for r in reports if r["sample"]), ""))
    for seq, started in sent.items():
        entries = [r["seqs"][str(seq)] for r in reports if str(seq) in r["seqs"]]
        run.missing += total - sum(e[0] for e in entries)
        if entries:
            run.latencies_ms.append((max(e[2] for e in entries) - started) * 1000)
            run.first_ms.append((min(e[1] for e in entries) - started) * 1000)
            run.sent_at.append(started)
    return run


def _alternate(chairs: list, pids: list[int], events: int
               ) -> tuple[list[dict[int, float]], list[float]]:
    """Each round, every chair sends once, INTERVAL_S apart; after WARMUP rounds the send times
    are kept. Returns ({event number: send time} per chair, CPU seconds per server pid)."""
    sent: list[dict[int, float]] = [{} for _ in chairs]
    cpu: list[float] = []
    profiler = None
    next_at = time.monotonic()
    for k in range(WARMUP + events):
        if k == WARMUP:
            profiler = start_profiler(pids[0])
            cpu = [process_cpu_s(pid) for pid in pids]
        for chair, times in zip(chairs, sent):
            time.sleep(max(0.0, next_at - time.monotonic()))
            started = time.monotonic()
            seq = chair.send()
            if k >= WARMUP:
                times[seq] = started
            next_at = started + INTERVAL_S
    time.sleep(SETTLE_S)
    cpu = [process_cpu_s(pid) - before for pid, before in zip(pids, cpu)]
    stop_profiler(profiler)
    return sent, cpu


def run_interleaved(server, world, tokens: list[str], chair_token: str, processes: int,
                    workdir: Path, events: int = EVENTS) -> tuple[FanoutRun, FanoutRun]:
    """Both servers up at once with their own tablets; the chair alternates between them, one
    send every INTERVAL_S, so a busy moment of the machine hits both alike. The bare server
    compresses (permessage-deflate) exactly when phonghop's sockets do. Returns (phonghop,
    bare)."""
    ws_url = server.url.replace("http://", "ws://") + "/api/v1/ws"
    sid = world.live_session_id
    with contextlib.ExitStack() as stack:
        ours_shares = [tokens[n::processes] for n in range(processes)]
        ours_t = stack.enter_context(TabletProcesses(ws_url, sid, ours_shares, workdir))
        ours_t.wait_ready()
        bare = subprocess.Popen([sys.executable, "-m", "bench.bare_server", "--uvloop"]
                                + ([] if ours_t.deflate else ["--no-deflate"]), cwd=ROOT,
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        stack.callback(stop, bare, 5)
        stack.callback(bare.stdin.close)
        bare_url = f"ws://127.0.0.1:{json.loads(bare.stdout.readline())['port']}/"
        bare_t = stack.enter_context(TabletProcesses(bare_url, sid, [len(share) for share in
                                                                     ours_shares], workdir))
        bare_t.wait_ready()
        ours_chair = PhonghopChair(server.url, chair_token, sid, world.agenda_item_ids)
        stack.callback(ours_chair.close)
        ours_chair.send()  # its answer shapes the bare server's event
        bare_chair = BareChair(bare_url, sid, ours_chair.last_event)
        stack.callback(bare_chair.close)
        sent, cpu = _alternate([ours_chair, bare_chair], [server.proc.pid, bare.pid], events)
        ours = collect(sent[0], ours_t, cpu[0])
        return ours, collect(sent[1], bare_t, cpu[1])
