"""One tablet's WebSocket on the server: who it is, what it follows, and its outgoing queue,
bounded in bytes (a tablet too slow to keep up is dropped; it reconnects and pulls). A message
goes straight to the socket when nothing waits before it (sync/server/direct_send.py)."""
from __future__ import annotations

import asyncio
from collections import deque
from dataclasses import dataclass, field
from typing import Optional

from fastapi import WebSocket

from app import protocol as p
from sync.server.direct_send import Writer


@dataclass(eq=False)
class Connection:
    websocket: WebSocket
    user_id: int
    is_admin: bool
    token_sha256: str
    limit_bytes: int = 4 * 1024 * 1024
    roles: dict[int, frozenset] = field(default_factory=dict)  # session id -> roles
    closed: bool = False
    queued_bytes: int = 0
    direct: Optional[Writer] = None  # writes a frame now, when the transport takes it
    _queue: deque = field(default_factory=deque)
    _ready: asyncio.Event = field(default_factory=asyncio.Event)
    _sending: bool = False  # the writer is between taking a message and handing it over

    def send(self, text: str, data: bytes | None = None) -> None:
        """Send a message (`data`: its UTF-8 bytes, when the caller has them); never waits.
        Straight to the socket when nothing waits before it; queued otherwise. Over the
        byte limit the connection is closed."""
        if self.closed:
            return
        if data is None:
            data = text.encode("utf-8")
        if self.direct is not None and not self._queue and not self._sending \
                and self.direct(data):
            return
        size = len(data)
        if self.queued_bytes + size > self.limit_bytes:
            self.close(p.CLOSE_TRY_AGAIN, "too slow")
            return
        self._queue.append((text, size))
        self.queued_bytes += size
        self._ready.set()

    def close(self, code: int, reason: str) -> None:
        if not self.closed:
            self.closed = True
            self._queue.clear()
            self.queued_bytes = 0
            self._ready.set()
            asyncio.ensure_future(_close_quietly(self.websocket, code, reason))

    def stop(self) -> None:
        """The socket is gone: let the writer end."""
        self.closed = True
        self._ready.set()

    async def write_loop(self) -> None:
        while True:
            await self._ready.wait()
            self._ready.clear()
            while self._queue and not self.closed:
                text, size = self._queue.popleft()
                self.queued_bytes -= size
                self._sending = True
                try:
                    await self.websocket.send_text(text)
                finally:
                    self._sending = False
            if self.closed:
                return


async def _close_quietly(websocket: WebSocket, code: int, reason: str) -> None:
    try:
        await websocket.close(code=code, reason=reason)
    except Exception:  # already gone
        pass
