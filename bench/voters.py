"""Simulated delegates casting ballots (`python -m bench.voters`): one process, one HTTP/1.1
keep-alive pool, each delegate with its own token and its own direct client id, as a tablet
sends a ballot (`POST /api/v1/mutations`, never queued). A ballot whose answer does not come
(the server died, the connection dropped) is sent again with the same id until it is answered.

Talks to the benchmark driver over stdin/stdout, one JSON object a line:
  out {"ready": n}
  in  {"cast": vote_id, "session": s, "spread_s": 5.0, "options": ["yes", …], "drop": 0.05}
      every delegate casts once at a random moment within spread_s; option i for delegate i;
      "drop": the share of attempts whose answer is not waited for (then sent again)
  out {"acks_ms": [...], "statuses": {...}, "sent": {user index: option}, "retries": r}
  in  {"single": vote_id, "session": s, "count": n}  n ballots one after the other (no load)
  in  "stop"
Times are time.monotonic()."""
from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import time
import uuid

import httpx

RETRY_PAUSE_S = 0.2
GIVE_UP_S = 120.0


class Voters:
    def __init__(self, url: str, tokens: list[str]):
        self.client = httpx.AsyncClient(
            base_url=url + "/api/v1", timeout=30,
            limits=httpx.Limits(max_connections=256, max_keepalive_connections=256))
        self.tokens = tokens
        self.client_ids = [f"direct-bench-{uuid.uuid4().hex[:16]}" for _ in tokens]
        self.next_ids = [1] * len(tokens)
        self.retries = 0

    async def cast(self, index: int, session_id: int, vote_id: int, option: str,
                   drop: float = 0.0, rng: random.Random | None = None) -> tuple[float, str]:
        """One ballot, retried under the same id until answered; (ack ms, status or code).
        With `drop`, that share of the attempts gives up on the answer after a few
        milliseconds (a tablet whose Wi-Fi drops while the ballot is on its way)."""
        mutation_id = self.next_ids[index]
        self.next_ids[index] += 1
        body = json.dumps({"client_id": self.client_ids[index], "mutations": [{
            "id": mutation_id, "name": "ballot.cast",
            "args": {"session_id": session_id, "vote_id": vote_id, "option": option}}]})
        headers = {"Authorization": f"Bearer {self.tokens[index]}",
                   "Content-Type": "application/json"}
        started = time.monotonic()
        while True:
            timeout = 0.003 if rng is not None and rng.random() < drop else 30
            try:
                response = await self.client.post("/mutations", content=body, headers=headers,
                                                  timeout=timeout)
                if response.status_code == 200:
                    answer = response.json()["answers"][0]
                    if answer["status"] in ("applied", "rejected"):
                        code = answer["status"] if answer["status"] == "applied" else \
                            answer["error"]["code"]
                        return (time.monotonic() - started) * 1000, code
            except (httpx.HTTPError, ValueError, KeyError):
                pass
            if time.monotonic() - started > GIVE_UP_S:
                return (time.monotonic() - started) * 1000, "no_answer"
            self.retries += 1
            await asyncio.sleep(RETRY_PAUSE_S)

    async def cast_all(self, session_id: int, vote_id: int, spread_s: float,
                       options: list[str], drop: float = 0.0) -> dict:
        rng = random.Random(vote_id)
        offsets = [rng.uniform(0, spread_s) for _ in self.tokens]
        start = time.monotonic()

        async def one(index: int) -> tuple[float, str]:
            await asyncio.sleep(max(0.0, start + offsets[index] - time.monotonic()))
            return await self.cast(index, session_id, vote_id, options[index % len(options)],
                                   drop, rng)

        results = await asyncio.gather(*(one(i) for i in range(len(self.tokens))))
        statuses: dict[str, int] = {}
        for _ms, status in results:
            statuses[status] = statuses.get(status, 0) + 1
        return {"acks_ms": [round(ms, 3) for ms, _s in results], "statuses": statuses,
                "sent": {str(i): options[i % len(options)] for i, (_ms, s) in enumerate(results)
                         if s == "applied"}, "retries": self.retries}

    async def single(self, session_id: int, vote_id: int, count: int) -> dict:
        acks = []
        for index in range(count):
            ms, _status = await self.cast(index, session_id, vote_id, "yes")
            acks.append(round(ms, 3))
        return {"acks_ms": acks}


def _say(obj: dict) -> None:
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


async def main_async(url: str, tokens: list[str]) -> None:
    voters = Voters(url, tokens)
    await voters.client.get("/health")
    _say({"ready": len(tokens)})
    loop = asyncio.get_running_loop()
    while True:
        line = (await loop.run_in_executor(None, sys.stdin.readline)).strip()
        if not line or line == "stop":
            break
        command = json.loads(line)
        if "cast" in command:
            _say(await voters.cast_all(command["session"], command["cast"], command["spread_s"],
                                       command["options"], command.get("drop", 0.0)))
        elif "single" in command:
            _say(await voters.single(command["session"], command["single"], command["count"]))
    await voters.client.aclose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="http:// address of the server")
    parser.add_argument("--tokens", required=True, help="file with one token a line")
    parser.add_argument("--uvloop", action="store_true")
    args = parser.parse_args(argv)
    with open(args.tokens, encoding="utf-8") as f:
        tokens = [line.strip() for line in f if line.strip()]
    from bench.tablets import raise_file_limit

    raise_file_limit(len(tokens) + 512)
    runner = asyncio.run
    if args.uvloop:
        import uvloop

        runner = uvloop.run
    runner(main_async(args.url, tokens))
    return 0


if __name__ == "__main__":
    sys.exit(main())
