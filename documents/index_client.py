"""Builds the search index in the background: the UI process' side of `index_process.py`.

`IndexClient.index(sha256, path)` queues a document; one document at a time goes to the
indexing process, so a document that hangs MuPDF (no progress for `time_limit_s`) or crashes it
costs only itself: the process is killed or found dead, the document is marked failed in the
index (it is not tried again until a new version arrives) and the next one starts in a new
process. `on_event` is called from a reader thread with an `IndexEvent`; a Qt caller turns it
into a signal. Nothing here blocks the caller: sends go through a queue and a writer thread.
"""
from __future__ import annotations

import collections
import multiprocessing
import os
import sqlite3
import queue
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Optional

from documents.index_process import serve
from documents.pipes import read_answers, write_queued
from documents.render import CRASHED, TIMED_OUT
from documents.text_index import TextIndex

_WATCH_INTERVAL_S = 0.25


@dataclass(frozen=True)
class IndexEvent:
    kind: str  # "progress", "indexed" or "failed"
    sha256: str
    done: int = 0  # pages read so far ("progress") or the page count ("indexed")
    total: int = 0
    code: str = ""  # for "failed": a DocumentError code
    message: str = ""
    empty: int = 0  # for "indexed": pages without any text (all of them: a scan)


class IndexClient:
    def __init__(self, db_path: Path | str, on_event: Callable[[IndexEvent], None],
                 time_limit_s: float = 20.0) -> None:
        self.db_path = str(db_path)
        _open_or_reset(self.db_path)  # the schema exists before any reader opens it
        self.on_event = on_event
        self.time_limit_s = time_limit_s
        self._lock = threading.Lock()
        self._queue: collections.OrderedDict[str, str] = collections.OrderedDict()
        self._current: Optional[tuple[str, str]] = None
        self._acknowledged = False  # the process said it began the current document
        self._retried: set[str] = set()  # timed out or crashed once: tried once more
        self._last_heard = 0.0
        self._process = None
        self._conn = None
        self._kill_reason: Optional[str] = None
        self._stopping = False
        self._outbox: queue.SimpleQueue = queue.SimpleQueue()
        self._idle = threading.Event()
        self._idle.set()
        threading.Thread(target=write_queued, args=(self._outbox,), daemon=True,
                         name="phonghop-index-writer").start()
        self._watchdog = threading.Thread(target=self._watch, daemon=True,
                                          name="phonghop-index-watchdog")
        self._watchdog.start()
        with self._lock:  # started now (0.2 s), not when the first document arrives
            self._ensure_started_locked()

    # -- the caller's side ----------------------------------------------------------------
    def index(self, sha256: str, path: str, force: bool = False) -> bool:
        """Queue a document unless the index already has this version (indexed or failed);
        True when it was queued."""
        if not force and self._known(sha256):
            return False
        with self._lock:
            if self._stopping or sha256 in self._queue or (
                    self._current and self._current[0] == sha256):
                return False
            self._queue[sha256] = str(path)
            self._idle.clear()
            self._next_locked()
        return True

    def keep_only(self, sha256s: Iterable[str]) -> None:
        """Forget every document not in `sha256s`: dequeued, cancelled, dropped from the index."""
        keep = set(sha256s)
        with self._lock:
            for sha in [sha for sha in self._queue if sha not in keep]:
                del self._queue[sha]
            if self._current and self._current[0] not in keep:
                self._send(("cancel", self._current[0]))
                self._current = None
            self._ensure_started_locked()
            self._send(("keep_only", sorted(keep)))
            self._next_locked()

    def forget(self, sha256s: Iterable[str]) -> None:
        """Drop these documents: dequeued, cancelled, removed from the index."""
        gone = set(sha256s)
        with self._lock:
            for sha in [sha for sha in self._queue if sha in gone]:
                del self._queue[sha]
            if self._current and self._current[0] in gone:
                self._send(("cancel", self._current[0]))
                self._current = None
            self._ensure_started_locked()
            self._send(("forget", sorted(gone)))
            self._next_locked()

    def wait_idle(self, timeout_s: float) -> bool:
        """Block until nothing is queued or being indexed (for tests and benchmarks)."""
        return self._idle.wait(timeout_s)

    def pending(self) -> int:
        with self._lock:
            return len(self._queue) + (1 if self._current else 0)

    def shutdown(self, timeout_s: float = 2.0) -> None:
        with self._lock:
            self._stopping = True
            process, conn = self._process, self._conn
            self._queue.clear()
            self._current = None
        if conn is not None:
            self._outbox.put((conn, ("stop",)))
        self._outbox.put((None, None))
        if process is not None:
            process.join(timeout_s)
            if process.is_alive():
                process.kill()
                process.join(timeout_s)
        self._idle.set()

    @property
    def pid(self) -> Optional[int]:
        process = self._process
        return process.pid if process is not None else None

    def _known(self, sha256: str) -> bool:
        """Indexed, or failed for a reason that will not change (a damaged file); a document
        that timed out or crashed the process gets one more try in each run."""
        index = TextIndex(self.db_path)
        try:
            status, error = index.status(sha256), index.error(sha256)
        finally:
            index.close()
        if status is None:
            return False
        if error in (TIMED_OUT, CRASHED) and sha256 not in self._retried:
            self._retried.add(sha256)
            return False
        return True

    # -- the process ----------------------------------------------------------------------
    def _next_locked(self) -> None:
        if self._current is not None or self._stopping:
            return
        if not self._queue:
            self._idle.set()
            return
        sha, path = self._queue.popitem(last=False)
        self._current, self._acknowledged = (sha, path), False
        self._last_heard = time.monotonic()
        self._ensure_started_locked()
        self._send(("index", sha, path))

    def _ensure_started_locked(self) -> None:
        if self._process is not None:
            return
        context = multiprocessing.get_context("spawn")  # never fork a process running Qt
        ours, theirs = context.Pipe(duplex=True)
        process = context.Process(target=serve, args=(theirs, self.db_path), daemon=True,
                                  name="phonghop-text-index")
        process.start()
        theirs.close()
        self._process, self._conn, self._kill_reason = process, ours, None
        threading.Thread(target=self._read, args=(process, ours), daemon=True,
                         name="phonghop-index-reader").start()

    def _send(self, message: tuple) -> None:
        if self._conn is not None:
            self._outbox.put((self._conn, message))

    def _watch(self) -> None:
        while not self._stopping:
            time.sleep(_WATCH_INTERVAL_S)
            with self._lock:
                process = self._process
                if (process is None or self._current is None
                        or time.monotonic() - self._last_heard < self.time_limit_s):
                    continue
                self._kill_reason = TIMED_OUT
                process.kill()

    def _read(self, process, conn) -> None:
        read_answers(conn, lambda message: self._dispatch(message), "index")
        process.join(5)
        self._died(process)

    def _dispatch(self, message: tuple) -> None:
        kind, sha = message[0], message[1]
        event = None
        with self._lock:
            self._last_heard = time.monotonic()
            current = self._current is not None and self._current[0] == sha
            if kind == "started" and current:
                self._acknowledged = True
            if kind == "progress" and current:
                event = IndexEvent("progress", sha, done=message[2], total=message[3])
            elif kind == "indexed" and current:
                event = IndexEvent("indexed", sha, done=message[2], total=message[2],
                                   empty=message[3])
            elif kind == "failed" and current:
                event = IndexEvent("failed", sha, code=message[2], message=message[3])
            if kind in ("indexed", "failed") and current:
                self._current = None
                self._next_locked()
        if event is not None:
            self.on_event(event)

    def _died(self, process) -> None:
        with self._lock:
            if self._process is not process:
                return
            self._process, self._conn = None, None
            reason = self._kill_reason or CRASHED
            lost, self._current = self._current, None
            if lost is not None and not self._acknowledged and not self._stopping:
                self._queue[lost[0]] = lost[1]  # never began: not its fault, queued again
                self._queue.move_to_end(lost[0], last=False)
                lost = None
            if lost is not None and not self._stopping:
                index = TextIndex(self.db_path)
                try:
                    index.mark_failed(lost[0], reason)
                finally:
                    index.close()
            self._next_locked()
        if lost is not None and not self._stopping:
            self.on_event(IndexEvent("failed", lost[0], code=reason,
                                     message=f"indexing stopped: {reason}"))


def _open_or_reset(path: str) -> None:
    """Create the index (or check it opens); a damaged file is set aside and built anew."""
    try:
        TextIndex(path).close()
    except sqlite3.DatabaseError:
        for suffix in ("", "-wal", "-shm"):
            try:
                os.replace(path + suffix, path + suffix + ".damaged")
            except OSError:
                pass
        TextIndex(path).close()
