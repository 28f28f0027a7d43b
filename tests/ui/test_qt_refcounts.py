"""The client survives 100,000 signal emits and 5,000 page turns in the real document viewer,
and the reference counts of None, True and False are unchanged.

PySide6-Essentials 6.12.0 on CPython 3.11 dropped one reference to True on every
`Signal.emit()` and one to None on every Qt call returning nothing: the interpreter aborted
("Fatal Python error: bool_dealloc") after ~470 emits, and the viewer after ~700 page turns.
A lost reference is counted until the count reaches zero and the process dies, so the counts
are compared before and after (a few references of slack for unrelated objects; a drift that
grows with the number of emits or turns fails), and the work runs in a child process
(tests/ui/refcount_probe.py) whose abort is reported here with its output.

On CPython 3.12 and newer None, True and False are immortal: their counts never move and the
check holds trivially. The page turns also catch leaks that only add references: the render
queue once handed QRunnable subclasses to QThreadPool, and PySide kept up to half of them (with
everything they held) alive for good (ui/workers.py now hands it plain callables).
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SLACK = 20  # references to None, True or False that unrelated objects may take or give back
EMITS = 100_000
PAGE_TURNS = 5_000


def _tail(text: str, lines: int = 40) -> str:
    return "\n".join(text.rstrip().splitlines()[-lines:]) or "(nothing)"


def _how_it_ended(returncode: int) -> str:
    if returncode < 0:
        try:
            return f"killed by {signal.Signals(-returncode).name}"
        except ValueError:
            return f"killed by signal {-returncode}"
    return f"exit code {returncode}"


def run_probe(mode: str, count: int, what: str, workdir: Path, timeout: float = 120) -> dict:
    """Run refcount_probe in a child Python; fail with its output unless it ends normally."""
    command = [sys.executable, "-X", "faulthandler", "-m", "tests.ui.refcount_probe", mode,
               str(count), "--workdir", str(workdir)]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    try:
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True,
                              stdin=subprocess.DEVNULL, timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        pytest.fail(f"{count} {what} did not finish within {timeout} s\n"
                    f"--- stdout\n{_tail(exc.stdout or '')}\n--- stderr\n{_tail(exc.stderr or '')}",
                    pytrace=False)
    results = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    if done.returncode != 0 or not results:
        pytest.fail(f"the client process died during {count} {what} "
                    f"({_how_it_ended(done.returncode)})\n"
                    f"--- stdout\n{_tail(done.stdout)}\n--- stderr\n{_tail(done.stderr)}",
                    pytrace=False)
    return json.loads(results[-1].removeprefix("RESULT "))


def assert_counts_unchanged(result: dict, what: str) -> None:
    """None, True and False have the same counts (give or take SLACK) after the work as
    before."""
    drift = {name: result["after"][name] - result["before"][name]
             for name in ("None", "True", "False")}
    assert all(abs(value) <= SLACK for value in drift.values()), (
        f"after {result['done']} {what}, the reference counts moved by {drift} "
        f"(before {result['before']}, after {result['after']}): a binding loses or leaks "
        "references")


def test_signal_emits_leave_the_counts_of_none_true_false_unchanged(tmp_path):
    result = run_probe("signals", EMITS, "emits of each signal", tmp_path)
    assert result["delivered"] == {"int": EMITS, "none": EMITS, "bool": EMITS}
    assert_counts_unchanged(result, "emits of each signal")


def test_page_turns_in_the_viewer_leave_the_counts_of_none_true_false_unchanged(tmp_path):
    result = run_probe("pages", PAGE_TURNS, "page turns", tmp_path)
    assert_counts_unchanged(result, "page turns")
