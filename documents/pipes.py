"""The two threads each worker process' client runs on its pipe (no Qt here): one writes what
the caller queued (so a full pipe never blocks the caller), one reads the answers until the
process is gone (so a bug in handling one answer never stops the others)."""
from __future__ import annotations

import logging
import queue
from typing import Any, Callable

log = logging.getLogger(__name__)


def write_queued(outbox: queue.SimpleQueue) -> None:
    """Send each `(conn, message)` of `outbox` until a `(None, None)`."""
    while True:
        conn, message = outbox.get()
        if conn is None:
            return
        try:
            conn.send(message)
        except (OSError, ValueError):
            pass  # the process is gone: its reader thread sees it and the client recovers


def read_answers(conn, dispatch: Callable[[tuple[Any, ...]], None], what: str) -> None:
    """Hand each message of `conn` to `dispatch` until the pipe closes, then close it."""
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            break
        try:
            dispatch(message)
        except Exception:  # a bug in a callback must not stop the answers
            log.exception("%s answer %r could not be handled", what, message[:2])
    conn.close()
