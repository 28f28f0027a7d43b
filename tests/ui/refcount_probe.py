"""The client-side work that test_qt_refcounts.py runs in a child process (a reference-counting
bug in a Qt binding aborts the interpreter: "Fatal Python error: bool_dealloc").

    python -m tests.ui.refcount_probe signals COUNT
    python -m tests.ui.refcount_probe pages COUNT --workdir DIR

`signals`: COUNT emits each of a `Signal(int)`, a `Signal()` and a `Signal(bool)`, each connected
to a Python slot. `pages`: the real DocumentViewer (application style and Vietnamese translator
installed, as in the client) opens a 20-page PDF from its file cache and turns COUNT pages, forward
with the toolbar's Next button and back with Page Up, waiting each time until the new page is
rendered and painted.

Both print the reference counts of None, True and False at checkpoints (flushed at once, so they
survive an abort) and, at the end, one line `RESULT {json}` with the counts before and after.
"""
from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import (  # noqa: E402
    QEvent, QEventLoop, QObject, Qt, QTimer, Signal, Slot,
)
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

PAGES = 20
WARM_UP = 2 * PAGES  # one round trip through the document before the counts are taken
TURN_TIMEOUT_MS = 10000
VIEWER_SIZE = (520, 640)  # a tablet's viewer is larger; a narrow page keeps rendering cheap


def refcounts() -> dict[str, int]:
    return {"None": sys.getrefcount(None), "True": sys.getrefcount(True),
            "False": sys.getrefcount(False)}


class Checkpoints:
    """Prints the counts after 100, 200, 500, 1000, 2000, 5000... iterations."""

    def __init__(self, what: str) -> None:
        self.what = what
        self.base: dict[str, int] = {}
        self._steps = (factor * 10 ** power for power in range(2, 12) for factor in (1, 2, 5))
        self.next = next(self._steps)

    def start(self) -> None:
        gc.collect()
        self.base = refcounts()
        print(f"before: {self.base}", flush=True)

    def reached(self, done: int) -> None:
        if done != self.next:
            return
        counts = refcounts()
        drift = ", ".join(f"{name} {counts[name]} ({counts[name] - self.base[name]:+d})"
                          for name in counts)
        print(f"after {done} {self.what}: {drift}", flush=True)
        self.next = next(self._steps)


def _application() -> QApplication:
    app = QApplication.instance() or QApplication(["phonghop"])
    app.setApplicationName("phonghop")
    return app


# -- signals ------------------------------------------------------------------------------------
class _Emitter(QObject):
    number = Signal(int)
    bare = Signal()
    flag = Signal(bool)


class _Receiver(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.numbers = self.bares = self.flags = 0

    @Slot(int)
    def on_number(self, value: int) -> None:
        self.numbers += 1

    @Slot()
    def on_bare(self) -> None:
        self.bares += 1

    def on_flag(self, value: bool) -> None:  # a plain method, not a declared slot
        self.flags += 1


def run_signals(count: int) -> dict:
    app = _application()
    emitter, receiver = _Emitter(), _Receiver()
    emitter.number.connect(receiver.on_number)
    emitter.bare.connect(receiver.on_bare)
    emitter.flag.connect(receiver.on_flag)
    for value in range(100):
        emitter.number.emit(value)
        emitter.bare.emit()
        emitter.flag.emit(value % 2 == 0)
    receiver.numbers = receiver.bares = receiver.flags = 0
    checkpoints = Checkpoints("emits of each signal")
    checkpoints.start()
    started = time.perf_counter()
    for value in range(count):
        emitter.number.emit(value)
        emitter.bare.emit()
        emitter.flag.emit(value % 2 == 0)
        checkpoints.reached(value + 1)
    seconds = time.perf_counter() - started
    gc.collect()
    after = refcounts()
    delivered = {"int": receiver.numbers, "none": receiver.bares, "bool": receiver.flags}
    del emitter, receiver
    app.processEvents()
    return {"before": checkpoints.base, "after": after, "done": count,
            "delivered": delivered, "seconds": seconds}


# -- page turns ---------------------------------------------------------------------------------
def make_pdf(path: Path, pages: int = PAGES) -> bytes:
    """A small PDF: narrow pages, a heading and a few lines of text each."""
    import pymupdf

    doc = pymupdf.open()
    for number in range(1, pages + 1):
        page = doc.new_page(width=420, height=595)  # A5
        page.insert_text((40, 60), f"Trang {number} / {pages}", fontsize=18)
        for line in range(8):
            page.insert_text((40, 100 + 22 * line),
                             f"Dong {line + 1}: noi dung cua trang {number}.", fontsize=11)
    data = doc.tobytes()
    doc.close()
    path.write_bytes(data)
    return data


class PageWaiter(QObject):
    """Runs an event loop until the viewer has shown page `index` and painted it."""

    def __init__(self, viewer) -> None:
        super().__init__()
        self.viewer = viewer
        self.loop = QEventLoop()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.loop.quit)
        self.shown: int | None = None
        self.painted = False
        self.error = ""
        viewer.page_shown.connect(self._on_shown)
        viewer.failed.connect(self._on_failed)
        viewer.canvas.page_label.installEventFilter(self)

    def _on_shown(self, index: int) -> None:
        self.shown, self.painted = index, False

    def _on_failed(self, message: str) -> None:
        self.error = message
        self.loop.quit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.shown is not None:
            self.painted = True
            self.loop.quit()
        return False

    def turn(self, action, index: int) -> None:
        self.shown, self.painted = None, False
        action()
        while not (self.shown == index and self.painted) and not self.error:
            self.timer.start(TURN_TIMEOUT_MS)
            self.loop.exec()
            if not self.timer.isActive():
                raise RuntimeError(f"page {index + 1} was not shown within "
                                   f"{TURN_TIMEOUT_MS} ms (shown: {self.shown})")
        self.timer.stop()
        if self.error:
            raise RuntimeError(f"the viewer failed: {self.error}")
        indicator = self.viewer.page_indicator()
        if indicator != f"Trang {index + 1} / {PAGES}" or self.viewer.page_pixmap().isNull():
            raise RuntimeError(f"page {index + 1} expected, the viewer shows {indicator!r}")


def _document_in_cache(workdir: Path):
    """The small PDF as a DocumentInfo, already in the cache folder that
    ApiClient.download_file reads first (so opening it makes no request)."""
    from sync.client import DocumentInfo

    cache = workdir / "cache"
    cache.mkdir(parents=True, exist_ok=True)
    data = make_pdf(workdir / "small.pdf")
    sha256 = hashlib.sha256(data).hexdigest()
    (cache / f"{sha256}.pdf").write_bytes(data)
    return cache, DocumentInfo(1, "Tài liệu 20 trang", "", "report", "public", 1, sha256,
                               len(data), PAGES, "small.pdf")


def _turn_pages(viewer, waiter: PageWaiter, count: int,
                checkpoints: Checkpoints | None = None) -> list[float]:
    """Ping-pong through the document; returns each turn's duration in seconds."""
    forward = viewer.toolbar.next_button.click
    backward = lambda: QTest.keyClick(viewer.canvas, Qt.Key.Key_PageUp)  # noqa: E731
    page, step, durations = viewer.current_page, 1, []
    for turn in range(count):
        if not 0 <= page + step < PAGES:
            step = -step
        page += step
        begun = time.perf_counter()
        waiter.turn(forward if step > 0 else backward, page)
        durations.append(time.perf_counter() - begun)
        if checkpoints is not None:
            checkpoints.reached(turn + 1)
    return durations


def run_pages(count: int, workdir: Path) -> dict:
    from sync.client import ApiClient
    from ui import i18n
    from ui.document_viewer import DocumentViewer
    from ui.style import apply_style

    app = _application()
    i18n.install_translator(app, "vi")
    apply_style(app)
    cache, document = _document_in_cache(workdir)
    client = ApiClient("http://127.0.0.1:9")  # never contacted: the file is in the cache
    viewer = DocumentViewer(cache)
    viewer.set_client(client)
    viewer.resize(*VIEWER_SIZE)
    viewer.show()
    waiter = PageWaiter(viewer)
    waiter.turn(lambda: viewer.open_document(document), 0)
    _turn_pages(viewer, waiter, WARM_UP)  # first renders, caches, lazy imports
    checkpoints = Checkpoints("page turns")
    checkpoints.start()
    durations = _turn_pages(viewer, waiter, count, checkpoints)
    gc.collect()
    after = refcounts()
    result = {"before": checkpoints.base, "after": after, "done": count,
              "seconds": sum(durations), "turn_ms": _percentiles(durations)}
    viewer.shutdown()
    viewer.deleteLater()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    client.close()
    return result


def _percentiles(durations: list[float]) -> dict[str, float]:
    ordered = sorted(durations)

    def ms(quantile: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(quantile * len(ordered)))] * 1000, 2)

    return {"median": ms(0.5), "p99": ms(0.99), "max": ms(1.0)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("signals", "pages"))
    parser.add_argument("count", type=int)
    parser.add_argument("--workdir", type=Path)
    args = parser.parse_args()
    if args.mode == "signals":
        result = run_signals(args.count)
    else:
        if args.workdir is None:
            parser.error("pages needs --workdir")
        result = run_pages(args.count, args.workdir)
    print("RESULT " + json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
