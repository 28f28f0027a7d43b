"""Run blocking work off the UI thread and deliver its outcome back on the UI thread.

`TaskRunner.submit(fn, ...)` runs `fn` on the runner's own thread pool and calls `on_result(value)`
or `on_error(exception)` on the thread that owns the runner (the UI thread). A `TaskHandle` can be
cancelled: its callbacks are then never called, and a task that asked for a progress callback stops
at its next progress report (the callback raises `Cancelled`).

A runner created with `max_threads=1` runs its tasks one after the other on exactly one thread that
lives as long as the runner.
"""
from __future__ import annotations

import functools
import itertools
import logging
import threading
from dataclasses import dataclass
from typing import Any, Callable, Optional

from PySide6.QtCore import QObject, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

ResultCallback = Callable[[Any], None]
ErrorCallback = Callable[[BaseException], None]
ProgressCallback = Callable[[int, int], None]


class Cancelled(Exception):
    """Raised inside a task whose handle was cancelled (at its next progress report)."""


class TaskHandle:
    """What the caller keeps of a submitted task: cancel it, or ask whether it is still running."""

    def __init__(self, task_id: int):
        self.id = task_id
        self._cancelled = threading.Event()
        self._finished = threading.Event()

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    @property
    def finished(self) -> bool:
        """True once the outcome has been delivered (or dropped, for a cancelled task)."""
        return self._finished.is_set()

    def raise_if_cancelled(self) -> None:
        if self._cancelled.is_set():
            raise Cancelled()


@dataclass
class _Callbacks:
    handle: TaskHandle
    on_result: Optional[ResultCallback]
    on_error: Optional[ErrorCallback]
    on_progress: Optional[ProgressCallback]


def _run_job(runner: "TaskRunner", handle: TaskHandle, fn: Callable[..., Any], args: tuple,
             kwargs: dict, with_progress: bool) -> None:
    """A task's body, on a pool thread. Handed to the pool as a plain callable, not as a
    QRunnable subclass: PySide attaches a Python QRunnable to the pool only after start()
    returns, so a job that already finished (and was deleted by Qt) stayed attached for good,
    with everything it referenced (measured: up to half of the page renders leaked)."""
    finished, progressed = runner._finished, runner._progressed
    if handle.cancelled:
        finished.emit(handle.id, None, Cancelled())
        return
    kwargs = dict(kwargs)
    if with_progress:
        def report(done: int, total: int) -> None:
            handle.raise_if_cancelled()
            progressed.emit(handle.id, done, total)
        kwargs["progress"] = report
    try:
        value = fn(*args, **kwargs)
    except BaseException as exc:  # noqa: BLE001 - every failure goes back to the UI thread
        finished.emit(handle.id, None, exc)
    else:
        finished.emit(handle.id, value, None)


class TaskRunner(QObject):
    """A thread pool whose results come back as calls on the runner's own (UI) thread."""

    # Emitted from pool threads; the runner lives on the UI thread, so delivery is queued.
    _finished = Signal(int, object, object)
    _progressed = Signal(int, object, object)

    def __init__(self, parent: QObject | None = None, *, max_threads: int = 4):
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        if max_threads == 1:
            self._pool.setExpiryTimeout(-1)  # one thread for the runner's whole life
        self._ids = itertools.count(1)
        self._pending: dict[int, _Callbacks] = {}
        self._finished.connect(self._deliver_outcome)
        self._progressed.connect(self._deliver_progress)

    def submit(self, fn: Callable[..., Any], *args: Any,
               on_result: ResultCallback | None = None,
               on_error: ErrorCallback | None = None,
               on_progress: ProgressCallback | None = None,
               **kwargs: Any) -> TaskHandle:
        """Run `fn(*args, **kwargs)` on the pool. With `on_progress`, `fn` also receives a
        `progress=callback(done, total)` keyword argument to report through."""
        handle = TaskHandle(next(self._ids))
        self._pending[handle.id] = _Callbacks(handle, on_result, on_error, on_progress)
        self._pool.start(functools.partial(_run_job, self, handle, fn, args, kwargs,
                                           on_progress is not None))
        return handle

    def pending_count(self) -> int:
        return len(self._pending)

    def cancel_all(self) -> None:
        for callbacks in self._pending.values():
            callbacks.handle.cancel()

    def shutdown(self, timeout_ms: int = 15000, *, cancel: bool = True) -> bool:
        """Cancel everything (unless `cancel` is False) and wait for the pool's tasks to
        finish. Returns False when a task was still running after `timeout_ms` (a blocking
        network call, say)."""
        if cancel:
            self.cancel_all()
        done = self._pool.waitForDone(timeout_ms)
        self._pending.clear()
        return done

    @Slot(int, object, object)
    def _deliver_outcome(self, task_id: int, value: Any, error: BaseException | None) -> None:
        callbacks = self._pending.pop(task_id, None)
        if callbacks is None:
            return
        callbacks.handle._finished.set()
        if callbacks.handle.cancelled or isinstance(error, Cancelled):
            return
        if error is None:
            if callbacks.on_result is not None:
                callbacks.on_result(value)
        elif callbacks.on_error is not None:
            callbacks.on_error(error)
        else:
            log.error("background task failed", exc_info=error)

    @Slot(int, object, object)
    def _deliver_progress(self, task_id: int, done: int, total: int) -> None:
        callbacks = self._pending.get(task_id)
        if callbacks is None or callbacks.handle.cancelled or callbacks.on_progress is None:
            return
        callbacks.on_progress(done, total)
