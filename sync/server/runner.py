"""Running the server: in the foreground (CLI) or on a background thread (the demo, tests)."""
from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import uvicorn

from app import protocol as p
from sync.server.app import create_app
from sync.server.context import ServerContext


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


Tls = tuple[Path, Path]  # (certificate chain, private key), PEM files


def _config(context: ServerContext, host: str, port: int, log_level: str,
            tls: Tls | None) -> uvicorn.Config:
    cert, key = (str(tls[0]), str(tls[1])) if tls else (None, None)
    return uvicorn.Config(create_app(context), host=host, port=port, log_level=log_level,
                          ws="websockets-sansio", lifespan="on", access_log=False,
                          # uvicorn itself refuses a larger message (1009) before buffering it
                          ws_max_size=p.MAX_WS_MESSAGE_BYTES,
                          ssl_certfile=cert, ssl_keyfile=key)


def serve_forever(context: ServerContext, host: str, port: int, log_level: str = "info",
                  tls: Tls | None = None) -> None:
    """Serve until interrupted; with `tls` (see sync/server/tls.py to check it first) HTTPS."""
    uvicorn.Server(_config(context, host, port, log_level, tls)).run()


class BackgroundServer:
    """A real uvicorn server on a thread of this process; `url` once started (https:// with
    `tls`)."""

    def __init__(self, context: ServerContext, host: str = "127.0.0.1", port: int | None = None,
                 log_level: str = "warning", tls: Tls | None = None):
        self.host = host
        self.port = port or free_port(host)
        self.scheme = "https" if tls else "http"
        self._server = uvicorn.Server(_config(context, self.host, self.port, log_level, tls))
        self._server.install_signal_handlers = lambda: None  # type: ignore[method-assign]
        self._thread = threading.Thread(target=self._server.run, name="phonghop-server",
                                        daemon=True)

    @property
    def url(self) -> str:
        return f"{self.scheme}://{self.host}:{self.port}"

    def start(self, timeout: float = 20.0) -> "BackgroundServer":
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"the server did not start on {self.url}")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)

    def __enter__(self) -> "BackgroundServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
