"""The real document viewer (DocumentViewer, 1280x800, offscreen) turning pages of a 300-page text
PDF and a 50-page 300 dpi scan, against raw PyMuPDF rendering the same pages at the same size in
this process (issue 8's benchmarks):

- page_turn_uncached_ratio: key press to the new page painted, with the page cache and the read
  ahead switched off, divided by `page.get_pixmap` alone (median over the pages);
- page_turn_cached_ms: going back (Page Up) to the page seen just before, p95;
- ui_stall_max_ms: the longest lateness of a 1 ms timer on the UI thread while flipping through
  both documents at full speed (every turn waits for the page to be painted);
- rss_growth_1000_pages_mb: the UI process plus the render process, after 1,000 page turns.

Run alone: `python -m bench.viewer`."""
from __future__ import annotations

import hashlib
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TEXT_PAGES, SCAN_PAGES = 300, 50
SIZE = (1280, 800)
TIMEOUT_S = 30.0


def _resident_mb(pid: int) -> float:
    with open(f"/proc/{pid}/statm", "rb") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _documents(tmp: Path):
    from app.demo.pdf.build import DemoDocSpec, build_demo_pdf
    from app.demo.pdf.scan import build_scanned_pdf
    from sync.client import DocumentInfo

    cache = tmp / "cache"
    cache.mkdir()
    text, scan = tmp / "text.pdf", tmp / "scan.pdf"
    build_demo_pdf(DemoDocSpec(key="bench", kind="report", title="Báo cáo đo hiệu năng",
                               issuer="ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK", number="Số: 1/BC-UBND",
                               place_date="Đắk Lắk, ngày 01 tháng 12 năm 2026",
                               pages=TEXT_PAGES, confidential=False, seed=5), text)
    build_scanned_pdf(scan, SCAN_PAGES)
    infos = []
    for number, (path, pages) in enumerate(((text, TEXT_PAGES), (scan, SCAN_PAGES)), start=1):
        data = path.read_bytes()
        sha256 = hashlib.sha256(data).hexdigest()
        (cache / f"{sha256}.pdf").write_bytes(data)
        infos.append(DocumentInfo(number, path.stem, "", "report", "public", 1, sha256,
                                  len(data), pages, path.name))
    return cache, (text, infos[0]), (scan, infos[1])


class _Stalls:
    """A 1 ms timer on the UI thread; the longest gap between its ticks, less the 1 ms."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(1)
        self.timer.timeout.connect(self._tick)
        self.last = None
        self.worst = 0.0

    def _tick(self) -> None:
        now = time.perf_counter()
        if self.last is not None:
            self.worst = max(self.worst, now - self.last - 0.001)
        self.last = now

    def start(self) -> None:
        self.last, self.worst = None, 0.0
        self.timer.start()

    def stop(self) -> float:
        self.timer.stop()
        return self.worst * 1000


class _Turner:
    """Press a key in the viewer and wait, in an event loop as the client's own (so the UI
    thread sleeps until something happens), until page `index` is shown and painted."""

    def __init__(self, app, viewer) -> None:
        from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer

        outer = self

        class Painted(QObject):
            def eventFilter(self, watched, event):
                if (event.type() == QEvent.Type.Paint and outer.shown == outer.wanted
                        and outer.shown is not None):
                    outer.painted = True
                    outer.loop.quit()
                return False

        self.app, self.viewer = app, viewer
        self.shown = self.wanted = None
        self.painted = False
        self.loop = QEventLoop()
        self.timer = QTimer()
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.loop.quit)
        self._filter = Painted()
        viewer.canvas.page_label.installEventFilter(self._filter)
        viewer.page_shown.connect(self._on_shown)

    def _on_shown(self, index: int) -> None:
        self.shown, self.painted = index, False

    def turn(self, action, index: int) -> float:
        self.shown, self.wanted, self.painted = None, index, False
        began = time.perf_counter()
        action()
        while not (self.shown == index and self.painted):
            self.timer.start(int(TIMEOUT_S * 1000))
            self.loop.exec()
            if not self.timer.isActive():
                raise RuntimeError(f"page {index + 1} not shown in {TIMEOUT_S} s")
        self.timer.stop()
        return time.perf_counter() - began

    def key(self, key, index: int) -> float:
        from PySide6.QtTest import QTest

        return self.turn(lambda: QTest.keyClick(self.viewer.canvas, key), index)


def _raw_ms(path: Path, pages, width_px: int) -> float:
    import pymupdf

    samples = []
    with pymupdf.open(path) as doc:
        for index in pages:
            page = doc[index]
            zoom = width_px / page.rect.width
            began = time.perf_counter()
            page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), colorspace=pymupdf.csRGB,
                            alpha=False)
            samples.append(time.perf_counter() - began)
    return statistics.median(samples) * 1000


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))] * 1000


def _measure(app, viewer, turner, path, info, pages: int, uncached_pages: int) -> dict:
    from PySide6.QtCore import Qt

    queue = viewer._renderer
    turner.turn(lambda: viewer.open_document(info), 0)
    width_px = int(viewer.canvas.available_width() * (viewer.devicePixelRatioF() or 1.0))
    # uncached: no cache, no read-ahead: each key press renders its page
    cache_bytes, queue.cache.max_bytes, queue.read_ahead = queue.cache.max_bytes, 0, ()
    queue.cache.clear()
    uncached = [turner.key(Qt.Key.Key_PageDown, i) for i in range(1, uncached_pages + 1)]
    raw = _raw_ms(path, range(1, uncached_pages + 1), width_px)
    queue.cache.max_bytes, queue.read_ahead = cache_bytes, (1, 2, -1)
    # cached: forward one page, back one page (the page just seen)
    back = []
    turner.key(Qt.Key.Key_PageDown, uncached_pages + 1)
    for i in range(uncached_pages + 1, min(pages - 1, uncached_pages + 41)):
        turner.key(Qt.Key.Key_PageDown, i + 1)  # page i was shown (so cached) just before
        back.append(turner.key(Qt.Key.Key_PageUp, i))
        turner.key(Qt.Key.Key_PageDown, i + 1)
    # the UI thread while flipping through the whole document, read-ahead on
    stalls = _Stalls()
    turner.turn(lambda: viewer.show_page(0), 0)
    stalls.start()
    for i in range(1, pages):
        turner.key(Qt.Key.Key_PageDown, i)
    stall = stalls.stop()
    print(f"{path.stem}: uncached ms {sorted(round(u * 1000, 1) for u in uncached)}; "
          f"back ms {sorted(round(b * 1000, 1) for b in back)}", file=sys.stderr)
    return {"uncached_ms": statistics.median(uncached) * 1000, "raw_ms": raw,
            "cached_p95_ms": _p95(back), "stall_ms": stall, "width_px": width_px}


def run() -> list[dict]:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from sync.client import ApiClient
    from ui.document_viewer import DocumentViewer

    app = QApplication.instance() or QApplication(["phonghop-bench"])
    with tempfile.TemporaryDirectory() as tmp:
        cache, (text, text_info), (scan, scan_info) = _documents(Path(tmp))
        client = ApiClient("http://127.0.0.1:9")  # never contacted: the files are cached
        viewer = DocumentViewer(cache)
        viewer.set_client(client)
        viewer.resize(*SIZE)
        viewer.show()
        turner = _Turner(app, viewer)
        try:
            text_m = _measure(app, viewer, turner, text, text_info, TEXT_PAGES, 60)
            scan_m = _measure(app, viewer, turner, scan, scan_info, SCAN_PAGES, 8)
            # memory: 1,000 page turns through the text document
            turner.turn(lambda: viewer.open_document(text_info), 0)
            pid = viewer._renderer.render_process_id
            before = _resident_mb(os.getpid()) + _resident_mb(pid)
            page, step = 0, 1
            for _turn in range(1000):
                if not 0 <= page + step < TEXT_PAGES:
                    step = -step
                page += step
                turner.key(Qt.Key.Key_PageDown if step > 0 else Qt.Key.Key_PageUp, page)
            growth = _resident_mb(os.getpid()) + _resident_mb(pid) - before
        finally:
            viewer.shutdown()
            client.close()
    rows = []
    for label, m in (("text", text_m), ("scan", scan_m)):
        rows.append({"name": f"page_turn_uncached_{label}", "value": round(m["uncached_ms"], 3),
                     "unit": "ms", "baseline": round(m["raw_ms"], 3),
                     "ratio": round(m["uncached_ms"] / m["raw_ms"], 3),
                     "target": "ratio <= 1.25 (baseline: raw get_pixmap, same pages and size)"})
    for label, m in (("text", text_m), ("scan", scan_m)):
        rows.append({"name": f"page_turn_cached_{label}", "value": round(m["cached_p95_ms"], 3),
                     "unit": "ms", "baseline": round(m["raw_ms"], 3),
                     "ratio": round(m["cached_p95_ms"] / m["raw_ms"], 3),
                     "target": "p95 <= 16 ms"})
    for label, m in (("text", text_m), ("scan", scan_m)):
        rows.append({"name": f"ui_stall_max_{label}", "value": round(m["stall_ms"], 3),
                     "unit": "ms", "baseline": round(m["raw_ms"], 3),
                     "ratio": round(m["stall_ms"] / m["raw_ms"], 3),
                     "target": "<= 16 ms (baseline: what a render thread would block)"})
    rows.append({"name": "rss_growth_1000_pages", "value": round(growth, 1), "unit": "MB",
                 "baseline": 300.0, "ratio": round(growth / 300.0, 3), "target": "<= 300 MB"})
    return rows


if __name__ == "__main__":
    for row in run():
        print(f"{row['name']:<28}{row['value']:>10.3f} {row['unit']:<4}{row['baseline']:>10.3f}"
              f"{row['ratio']:>8.2f}  {row['target']}")
    sys.exit(0)
