"""TaskRunner: work runs off the UI thread, outcomes come back on it."""
from __future__ import annotations

import threading

import pytest

from ui.workers import Cancelled, TaskRunner


def test_result_is_computed_off_the_ui_thread_and_delivered_on_it(qtbot, runner):
    ui_thread = threading.get_ident()
    seen = {}

    def work(a, b):
        seen["worker"] = threading.get_ident()
        return a + b

    def on_result(value):
        seen["result"], seen["delivered"] = value, threading.get_ident()

    runner.submit(work, 2, 3, on_result=on_result)
    qtbot.waitUntil(lambda: "result" in seen)
    assert seen["result"] == 5
    assert seen["worker"] != ui_thread
    assert seen["delivered"] == ui_thread


def test_an_exception_reaches_on_error(qtbot, runner):
    errors = []

    def boom():
        raise ValueError("nope")

    runner.submit(boom, on_result=lambda v: pytest.fail("no result expected"),
                  on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], ValueError)


def test_a_cancelled_task_delivers_nothing(qtbot, runner):
    release = threading.Event()
    delivered = []
    handle = runner.submit(lambda: release.wait(5) and "late", on_result=delivered.append,
                           on_error=delivered.append)
    handle.cancel()
    release.set()
    qtbot.waitUntil(lambda: handle.finished)
    assert delivered == []


def test_progress_is_reported_and_cancellation_stops_the_task(qtbot, runner):
    reports, outcome = [], []
    started, proceed = threading.Event(), threading.Event()

    def work(progress):
        progress(1, 10)
        started.set()
        proceed.wait(5)
        try:
            progress(2, 10)  # raises Cancelled once the handle is cancelled
        except Cancelled:
            outcome.append("stopped")
            raise
        return "finished"

    handle = runner.submit(work, on_progress=lambda d, t: reports.append((d, t)),
                           on_result=outcome.append)
    qtbot.waitUntil(lambda: reports == [(1, 10)])
    assert started.wait(5)
    handle.cancel()
    proceed.set()
    qtbot.waitUntil(lambda: handle.finished)
    assert outcome == ["stopped"]


def test_a_single_thread_runner_uses_one_thread_for_everything(qtbot, qapp):
    runner = TaskRunner(max_threads=1)
    threads = []
    try:
        for _ in range(5):
            runner.submit(lambda: threading.get_ident(), on_result=threads.append)
        qtbot.waitUntil(lambda: len(threads) == 5)
    finally:
        runner.shutdown()
    assert len(set(threads)) == 1
    assert threads[0] != threading.get_ident()
