"""Live messages written straight to a socket, as `websockets.broadcast` does.

Through the ASGI interface every message to every tablet costs a task wake-up, a coroutine
through Starlette's and uvicorn's `send`, and a copy of the text into bytes. With 500 tablets
that is most of the server's work per event. When a socket has nothing waiting and its
transport is not paused, the hub instead builds the frame and hands it to the transport at
once, in the same way uvicorn's own `send` does (websockets' sans-I/O protocol, then
`transport.write`), with the message's bytes encoded once for all the sockets.

`KeepRawSend` keeps uvicorn's own `send` in the socket's ASGI scope; `direct_writer` turns it
into a function that writes one text frame now, or says it cannot (the connection then
queues as before: slow tablets, closing sockets and other ASGI servers keep the usual path).

A message under COMPRESS_MIN_BYTES goes out uncompressed even where permessage-deflate was
agreed (RFC 7692 lets any message be sent plain: RSV1 unset), as the `ws` and Socket.IO servers
do below 1 KB: deflating 250 bytes saves a hundred, and for 500 sockets it cost a third of
the server's work per event. An uncompressed frame is the same bytes for every socket, so it
is built once per message, not once per socket."""
from __future__ import annotations

from typing import Callable, Optional

from starlette.types import ASGIApp, Receive, Scope, Send

RAW_SEND = "phonghop.raw_send"
COMPRESS_MIN_BYTES = 1024
Writer = Callable[[bytes], bool]
_last_plain: tuple[Optional[bytes], bytes] = (None, b"")  # a message and its frame


def plain_frame(data: bytes) -> bytes:
    """The unmasked, uncompressed text frame of `data` (the last one is kept: the hub hands
    the same message to every socket in turn)."""
    global _last_plain
    message, frame = _last_plain
    if message is not data:
        from websockets.frames import Frame, Opcode

        frame = Frame(Opcode.TEXT, data).serialize(mask=False)
        _last_plain = (data, frame)
    return frame


class KeepRawSend:
    """ASGI middleware (the outermost of ours): remembers a WebSocket's server-side `send`."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":
            scope[RAW_SEND] = send
        await self.app(scope, receive, send)


def direct_writer(scope: Scope) -> Optional[Writer]:
    """A function that writes one UTF-8 text frame to this socket now (True), or cannot at
    this moment (False: paused by a full buffer, closing, closed); None when the server is
    not uvicorn's sans-I/O WebSocket protocol (the hub then always queues)."""
    protocol = getattr(scope.get(RAW_SEND), "__self__", None)
    if type(protocol).__name__ != "WebSocketsSansIOProtocol":
        return None
    conn = getattr(protocol, "conn", None)
    writable = getattr(protocol, "writable", None)
    if conn is None or writable is None or not hasattr(conn, "send_text") \
            or not hasattr(protocol, "transport"):
        return None
    from websockets.exceptions import InvalidState
    from websockets.protocol import State

    def write(data: bytes) -> bool:
        transport = protocol.transport
        if not protocol.handshake_complete or protocol.close_sent or protocol.disconnected \
                or protocol.initial_response is not None or not writable.is_set() \
                or transport.is_closing():
            return False
        if len(data) < COMPRESS_MIN_BYTES:
            if conn.state is not State.OPEN or conn.expect_continuation_frame:
                return False  # the usual path says why
            transport.write(b"".join(conn.data_to_send()) + plain_frame(data))
            return True
        try:
            conn.send_text(data)
        except InvalidState:  # the tablet's close frame came in: the usual path ends it
            return False
        transport.write(b"".join(conn.data_to_send()))
        return True

    return write
