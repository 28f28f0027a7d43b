"""The fan-out baseline: a bare `websockets` server (`python -m bench.bare_server`).

It speaks just enough of the live channel for bench/tablets.py: a greeting, "subscribe"
(answered "subscribed" with the current number) and, from the chair's own connection,
{"type": "trigger", "event": {...}}: the server numbers the event, encodes the pushed message
once and hands it to `websockets.broadcast` for every subscriber, then answers the chair
{"type": "ack", "seq": n}. No database, no authentication, no per-client queue: the least work
a Python server can do to push one event to every tablet. Prints {"port": p} when listening,
and stops when its standard input closes."""
from __future__ import annotations

import argparse
import asyncio
import json
import sys

import websockets
from websockets.asyncio.server import serve
from websockets.exceptions import ConnectionClosed


class Room:
    def __init__(self) -> None:
        self.subscribers: set = set()
        self.seq = 0

    async def handle(self, ws) -> None:
        await ws.send(json.dumps({"type": "hello", "protocol": 1}))
        try:
            async for text in ws:
                message = json.loads(text)
                kind = message.get("type")
                if kind == "subscribe":
                    self.subscribers.add(ws)
                    await ws.send(json.dumps({"type": "subscribed",
                                              "session_id": message["session_id"],
                                              "cursor": self.seq}))
                elif kind == "trigger":
                    self.seq += 1
                    pushed = json.dumps({"type": "event", "session_id": message["session_id"],
                                         "seq": self.seq, "event": dict(message["event"],
                                                                        seq=self.seq)},
                                        ensure_ascii=False)
                    websockets.broadcast(self.subscribers, pushed)
                    await ws.send(json.dumps({"type": "ack", "seq": self.seq}))
        except ConnectionClosed:
            pass
        finally:
            self.subscribers.discard(ws)


async def main_async(compression: str | None) -> None:
    room = Room()
    async with serve(room.handle, "127.0.0.1", 0, max_size=2 ** 20,
                     compression=compression) as server:
        port = next(iter(server.sockets)).getsockname()[1]
        sys.stdout.write(json.dumps({"port": port}) + "\n")
        sys.stdout.flush()
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--uvloop", action="store_true")
    parser.add_argument("--no-deflate", action="store_true", help="no permessage-deflate")
    args = parser.parse_args(argv)
    compression = None if args.no_deflate else "deflate"
    from bench.tablets import raise_file_limit

    raise_file_limit(4096)
    if args.uvloop:
        import uvloop

        uvloop.run(main_async(compression))
    else:
        asyncio.run(main_async(compression))
    return 0


if __name__ == "__main__":
    sys.exit(main())
