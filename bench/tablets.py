"""Simulated tablets: one process holding many WebSocket connections (`python -m bench.tablets`).

Each tablet connects, waits for the greeting, subscribes to the session and then applies every
pushed event: it parses the JSON, checks the sequence number and puts the entity's new state in
its local state dict. The same code listens to the phonghop server and to the bare baseline
server (bench/bare_server.py), which speak the same few messages.

Talks to the benchmark driver over stdin/stdout, one JSON object a line:
  out {"ready": n, "cursor": c, "reopened": r, "deflate": d}  all n tablets subscribed
  in  "stop"                          the driver has sent everything
  out {"seqs": {seq: [tablets, first_t, last_t]}, "gaps": g, "cpu_s": s, "sample": text}
Times are time.monotonic(), which on Linux is one clock for every process of the machine."""
from __future__ import annotations

import argparse
import asyncio
import json
import resource
import sys
import time

from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

CONNECT_BATCH = 50
STABLE_S = 2.5  # longer than the phonghop hub's token check period (2 s)
CLOSE_TOKEN_REVOKED = 4401


class Tally:
    """What all tablets of this process have applied, per event number."""

    def __init__(self) -> None:
        self.seqs: dict[int, list] = {}  # seq -> [tablets that applied it, first, last time]
        self.gaps = 0
        self.reopened = 0  # connections the server closed as "token revoked" while opening
        self.sample = ""

    def applied(self, seq: int, now: float) -> None:
        entry = self.seqs.get(seq)
        if entry is None:
            self.seqs[seq] = [1, now, now]
        else:
            entry[0] += 1
            entry[2] = now


class Tablet:
    def __init__(self, url: str, session_id: int, tally: Tally, token: str | None = None):
        self.url = url
        self.headers = {"Authorization": f"Bearer {token}"} if token else None
        self.session_id = session_id
        self.tally = tally
        self.state: dict[tuple[str, str], dict] = {}
        self.cursor = 0
        self.ws = None

    async def open(self) -> int:
        for _attempt in range(5):
            try:
                return await self._open_once()
            except ConnectionClosed as exc:
                # phonghop's periodic token check used to close sockets that opened while it
                # ran (fixed in 0d3785d); a real tablet would log out. Count it and retry.
                if exc.rcvd is None or exc.rcvd.code != CLOSE_TOKEN_REVOKED:
                    raise
                self.tally.reopened += 1
        raise RuntimeError("the server kept closing this tablet's socket")

    async def _open_once(self) -> int:
        self.ws = await connect(self.url, open_timeout=60, max_size=2 ** 20,
                                additional_headers=self.headers)
        hello = json.loads(await self.ws.recv())
        if hello.get("type") != "hello":
            raise RuntimeError(f"expected hello, got {hello}")
        await self.ws.send(json.dumps({"type": "subscribe", "session_id": self.session_id}))
        while True:
            answer = json.loads(await self.ws.recv())
            if answer.get("type") == "subscribed":
                self.cursor = answer["cursor"]
                return self.cursor
            if answer.get("type") == "error":
                raise RuntimeError(f"subscribe refused: {answer}")

    async def listen(self) -> None:
        tally = self.tally
        async for text in self.ws:
            message = json.loads(text)
            if message.get("type") != "event":
                continue
            seq = message["seq"]
            if seq != self.cursor + 1:
                tally.gaps += 1  # a real tablet would pull the missing events here
            if not message.get("hidden"):
                event = message["event"]
                key = (event["entity"], event["key"])
                if event["op"] == "delete":
                    self.state.pop(key, None)
                else:
                    self.state[key] = event["data"]
            self.cursor = max(self.cursor, seq)
            tally.applied(seq, time.monotonic())
            if not tally.sample:
                tally.sample = text


async def _open_all(tablets: list[Tablet]) -> int:
    """Open every tablet; then wait out the server's periodic token check (2 s) and reopen any
    socket it closed, until a whole check passes with all of them still open."""
    cursor = 0
    pending = tablets
    for _round in range(5):
        for start in range(0, len(pending), CONNECT_BATCH):
            batch = pending[start:start + CONNECT_BATCH]
            cursor = max([cursor, *await asyncio.gather(*(t.open() for t in batch))])
        await asyncio.sleep(STABLE_S)
        pending = [t for t in tablets if t.ws.close_code is not None]
        if not pending:
            return cursor
        tablets[0].tally.reopened += len(pending)
    raise RuntimeError("the server keeps closing tablets' sockets")


async def _read_line() -> str:
    return await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)


def _cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _say(obj: dict) -> None:
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


async def main_async(url: str, tokens: list[str | None], session_id: int) -> None:
    tally = Tally()
    tablets = [Tablet(url, session_id, tally, token) for token in tokens]
    cursor = await _open_all(tablets)
    listeners = [asyncio.create_task(t.listen()) for t in tablets]
    deflate = all(any(ext.name == "permessage-deflate" for ext in t.ws.protocol.extensions)
                  for t in tablets)
    _say({"ready": len(tablets), "cursor": cursor, "reopened": tally.reopened,
          "deflate": deflate})
    cpu_start = _cpu_s()
    await _read_line()  # "stop"
    cpu = _cpu_s() - cpu_start
    _say({"seqs": tally.seqs, "gaps": tally.gaps, "cpu_s": round(cpu, 3), "sample": tally.sample,
          "closed_early": sum(1 for t in tablets if t.ws.close_code is not None)})
    await asyncio.gather(*(t.ws.close() for t in tablets), return_exceptions=True)
    for task in listeners:
        task.cancel()


def raise_file_limit(wanted: int) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < wanted:
        limit = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
        resource.setrlimit(resource.RLIMIT_NOFILE, (limit, hard))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="ws:// address")
    parser.add_argument("--tokens", help="file with one token a line (one tablet each)")
    parser.add_argument("--count", type=int, help="tablets without tokens (bare server)")
    parser.add_argument("--session", type=int, required=True)
    parser.add_argument("--uvloop", action="store_true")
    args = parser.parse_args(argv)
    if args.tokens:  # sent in the Authorization header, as the tablets do
        with open(args.tokens, encoding="utf-8") as f:
            tokens = [line.strip() for line in f if line.strip()]
    else:
        tokens = [None] * args.count
    raise_file_limit(len(tokens) + 256)
    runner = asyncio.run
    if args.uvloop:
        import uvloop

        runner = uvloop.run
    runner(main_async(args.url, tokens, args.session))
    return 0


if __name__ == "__main__":
    sys.exit(main())
