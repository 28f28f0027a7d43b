"""The UI process' half of the page render process (`render_process.py`): start it, send it
requests, hand its answers to the caller, and keep it honest.

Answers arrive on the client's reader thread through `on_answer(answer)`:
`Opened`, `DocFailed`, `Page` (its `samples` are valid only during the call: copy them out,
e.g. into a QImage; the shared-memory slot goes back to the process right after) and `Failed`.

A page that takes longer than `page_time_limit_s` ends the process: the request fails with
TIMED_OUT. A process that dies (MuPDF crashing on a hostile file) fails the request it was on
with CRASHED. Either way a new process starts, reopens the open documents and takes up the
requests that were still waiting, so one bad page never costs the reader the others. A file
that keeps killing the process (MAX_RESTARTS within RESTART_WINDOW_S) is given up on.
"""
from __future__ import annotations

import glob
import itertools
import multiprocessing
import os
import queue
import threading
import time
from dataclasses import dataclass
from multiprocessing import shared_memory
from typing import Any, Callable, Optional, Union

from documents.pipes import read_answers, write_queued
from documents.render import CRASHED, TIMED_OUT
from documents.render_process import AHEAD, SLOT_PREFIX, THUMBNAIL, VISIBLE, serve


__all__ = ["AHEAD", "THUMBNAIL", "VISIBLE", "DocFailed", "Failed", "Opened", "Page", "RenderClient"]

MAX_RESTARTS = 4
RESTART_WINDOW_S = 30.0
_WATCH_INTERVAL_S = 0.1


@dataclass(frozen=True)
class Opened:
    doc_id: int
    page_count: int
    was_repaired: bool
    outline: list


@dataclass(frozen=True)
class DocFailed:
    doc_id: int
    code: str
    message: str


@dataclass(frozen=True)
class Page:
    request_id: int
    doc_id: int
    index: int
    width: int
    height: int
    stride: int
    samples: memoryview  # B, G, R, 255 pixels (Qt's RGB32); valid only during on_answer
    width_pt: float
    height_pt: float
    preview: bool


@dataclass(frozen=True)
class Failed:
    request_id: int
    doc_id: int
    code: str
    message: str


Answer = Union[Opened, DocFailed, Page, Failed]


class RenderClient:
    def __init__(self, on_answer: Callable[[Answer], None], page_time_limit_s: float = 20.0):
        self._on_answer = on_answer
        self.page_time_limit_s = page_time_limit_s
        self._lock = threading.RLock()
        self._ids = itertools.count(1)
        self._docs: dict[int, tuple] = {}  # open (or opening): id -> (path, key, sha256)
        self._opening: dict[int, float] = {}  # sent, not answered yet: id -> when
        self._pending: dict[int, tuple] = {}  # request id -> its "render" message
        self._current: Optional[tuple[int, float]] = None  # (request id, started at)
        self._attached: dict[str, shared_memory.SharedMemory] = {}
        self._restarts: list[float] = []
        self._process = None
        self._conn = None
        self._kill_reason: Optional[str] = None
        self._stopping = False
        self._watchdog: Optional[threading.Thread] = None
        # the UI thread never writes to the pipe itself: the process reads it only between
        # pages, so a full pipe would block the caller (and, under the lock, the watchdog)
        self._outbox: queue.SimpleQueue = queue.SimpleQueue()
        threading.Thread(target=write_queued, args=(self._outbox,), daemon=True,
                         name="phonghop-render-writer").start()

    # -- requests -------------------------------------------------------------------------
    def open(self, path: str, key: bytes | None = None, sha256: str | None = None) -> int:
        """Open a PDF; with `key`, a sealed one (the process decrypts it in its memory)."""
        doc_id = next(self._ids)
        with self._lock:
            self._docs[doc_id] = (str(path), key, sha256)
            self._opening[doc_id] = time.monotonic()
            self._ensure_started()
            self._send(("open", doc_id, str(path), key, sha256))
        return doc_id

    def close(self, doc_id: int) -> None:
        with self._lock:
            if self._docs.pop(doc_id, None) is None:
                return
            self._opening.pop(doc_id, None)
            for request_id in [r for r, m in self._pending.items() if m[2] == doc_id]:
                del self._pending[request_id]
            self._send(("close", doc_id))

    def render(self, doc_id: int, index: int, *, width_px: Optional[int] = None,
               zoom: Optional[float] = None, priority: int = VISIBLE,
               preview_first: bool = True) -> int:
        if (width_px is None) == (zoom is None):
            raise ValueError("give exactly one of width_px and zoom")
        request_id = next(self._ids)
        message = ("render", request_id, doc_id, index, width_px, zoom, priority, preview_first)
        with self._lock:
            self._pending[request_id] = message
            self._ensure_started()
            self._send(message)
        return request_id

    def cancel(self, request_id: int) -> None:
        with self._lock:
            if self._pending.pop(request_id, None) is not None:
                self._send(("cancel", request_id))

    def shutdown(self, timeout_s: float = 2.0) -> None:
        """Stop the process (politely, then by force) and free the shared memory. Idempotent."""
        with self._lock:
            self._stopping = True
            process, self._process = self._process, None
            self._send(("stop",))
        if process is not None:
            process.join(timeout_s)
            if process.is_alive():
                process.kill()
                process.join(timeout_s)
        self._forget_slots(unlink=process is not None and process.exitcode != 0)
        if process is not None and process.exitcode != 0:
            _unlink_leftovers(process.pid)
        self._outbox.put((None, None))

    @property
    def pid(self) -> Optional[int]:
        process = self._process
        return process.pid if process is not None else None

    # -- the process ----------------------------------------------------------------------
    def _ensure_started(self) -> None:
        if self._process is not None or self._stopping:
            return
        context = multiprocessing.get_context("spawn")  # never fork a process running Qt
        ours, theirs = context.Pipe(duplex=True)
        process = context.Process(target=serve, args=(theirs,), daemon=True,
                                  name="phonghop-page-render")
        process.start()
        theirs.close()
        self._process, self._conn, self._kill_reason, self._current = process, ours, None, None
        threading.Thread(target=self._read, args=(process, ours), daemon=True,
                         name="phonghop-render-reader").start()
        if self._watchdog is None:
            self._watchdog = threading.Thread(target=self._watch, daemon=True,
                                              name="phonghop-render-watchdog")
            self._watchdog.start()

    def _send(self, message: tuple) -> None:
        conn = self._conn
        if conn is not None:
            self._outbox.put((conn, message))

    def _watch(self) -> None:
        while not self._stopping:
            time.sleep(_WATCH_INTERVAL_S)
            with self._lock:  # never held while waiting on the process: sends are queued
                process, current = self._process, self._current
                since = [current[1]] if current else []
                since += self._opening.values()
                if process is None or not since or (
                        time.monotonic() - min(since) < self.page_time_limit_s):
                    continue
                self._kill_reason = TIMED_OUT
                process.kill()

    def _read(self, process, conn) -> None:
        read_answers(conn, lambda message: self._dispatch(message), "render")
        process.join(5)
        self._died(process)

    def _dispatch(self, message: tuple[Any, ...]) -> None:
        kind = message[0]
        if kind == "started":
            with self._lock:
                self._current = (message[1], time.monotonic())
            return
        if kind == "page":
            self._deliver_page(message)
            return
        if kind == "done":
            with self._lock:
                self._pending.pop(message[1], None)
                if self._current and self._current[0] == message[1]:
                    self._current = None
            return
        if kind == "dropped":
            slot = self._attached.pop(message[1], None)
            if slot is not None:
                slot.close()
            return
        with self._lock:
            if kind in ("opened", "doc_failed"):
                reopened = message[1] not in self._opening
                self._opening.pop(message[1], None)
                if message[1] not in self._docs or (reopened and kind == "opened"):
                    return  # closed meanwhile, or a document reopened after a restart
                if kind == "doc_failed":
                    self._docs.pop(message[1], None)
                answer: Answer = (Opened(*message[1:]) if kind == "opened"
                                  else DocFailed(*message[1:]))
            else:  # failed
                request = self._pending.pop(message[1], None)
                self._current = None
                if request is None:
                    return
                answer = Failed(message[1], request[2], message[2], message[3])
        self._on_answer(answer)

    def _deliver_page(self, message: tuple[Any, ...]) -> None:
        (_, request_id, doc_id, index, width, height, stride, slot_name, width_pt, height_pt,
         preview) = message
        with self._lock:
            wanted = request_id in self._pending
            if not preview:
                self._pending.pop(request_id, None)
                self._current = None
        try:
            if wanted:
                slot = self._attached.get(slot_name)
                if slot is None:
                    slot = self._attached[slot_name] = shared_memory.SharedMemory(slot_name)
                view = slot.buf[:stride * height]
                try:
                    self._on_answer(Page(request_id, doc_id, index, width, height, stride, view,
                                         width_pt, height_pt, preview))
                finally:
                    view.release()
        finally:
            self._send(("release", slot_name))

    def _died(self, process) -> None:
        """The process ended: unless we stopped it, fail what it was doing and start another."""
        failures: list[Answer] = []
        with self._lock:
            if self._process is not process:
                return  # shut down, or already replaced
            self._process = self._conn = None
            self._forget_slots(unlink=True)
            _unlink_leftovers(process.pid)
            if self._stopping:
                return
            reason = self._kill_reason or CRASHED
            now = time.monotonic()
            self._restarts = [t for t in self._restarts if now - t < RESTART_WINDOW_S] + [now]
            give_up = len(self._restarts) > MAX_RESTARTS
            current = self._current[0] if self._current else None
            self._current = None
            # the culprit: the page it was rendering, else the documents it was opening
            doomed_requests = set(self._pending) if give_up else {current} & set(self._pending)
            doomed_docs = (set(self._docs) if give_up
                           else set(self._opening) if current is None else set())
            for request_id in doomed_requests:
                request = self._pending.pop(request_id)
                failures.append(Failed(request_id, request[2], reason,
                                       f"page {request[3] + 1}: the renderer {reason}"))
            for doc_id in doomed_docs:
                self._docs.pop(doc_id, None)
                self._opening.pop(doc_id, None)
                failures.append(DocFailed(doc_id, reason, "the renderer " + reason))
            if give_up:
                self._restarts = []
            elif self._docs or self._pending:
                self._ensure_started()
                for doc_id, source in self._docs.items():
                    if doc_id in self._opening:
                        self._opening[doc_id] = time.monotonic()
                    self._send(("open", doc_id, *source))
                for request in self._pending.values():
                    self._send(request)
        for answer in failures:
            self._on_answer(answer)

    def _forget_slots(self, unlink: bool) -> None:
        """Drop our mappings; after a killed process, also remove the slots it left."""
        for name, slot in list(self._attached.items()):
            try:
                slot.close()
                if unlink:
                    slot.unlink()
            except (BufferError, FileNotFoundError, OSError):
                pass
            self._attached.pop(name, None)


def _unlink_leftovers(pid: int) -> None:
    """Remove the slots a killed render process never told us of (Linux keeps them in tmpfs
    until someone does; elsewhere they go with the process)."""
    for path in glob.glob(f"/dev/shm/{SLOT_PREFIX}{pid}-*"):
        try:
            os.unlink(path)
        except OSError:
            pass
