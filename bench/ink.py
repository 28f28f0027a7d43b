"""ink_frame_ms (issue 8): the time to paint one new ink segment in the real viewer widget
(DocumentViewer, 1280x800, offscreen, pen mode, a page already carrying 40 strokes), from the
pen's move event to the segment painted, p95 over 400 segments; against repainting the whole
page for each segment (what the widget would cost without its dirty rectangles), same run.

Run alone: `python -m bench.ink`."""
from __future__ import annotations

import hashlib
import math
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SEGMENTS, STROKES = 400, 40


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] * 1000


def _strokes(document_id: int) -> list:
    from ui.ink import stroke_data
    from ui.session_state import AnnotationInfo

    out = []
    for n in range(STROKES):
        points = [(0.1 + 0.8 * i / 80, 0.05 + 0.9 * n / STROKES + 0.01 * math.sin(i / 4), 1.0)
                  for i in range(80)]
        out.append(AnnotationInfo(f"s{n}", 1, document_id, 0, "ink",
                                  stroke_data("#1f3a93", 2.5, points), "", False))
    return out


def run() -> list[dict]:
    from PySide6.QtCore import QEvent, QObject, QPointF, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    from app.demo.pdf.build import DemoDocSpec, build_demo_pdf
    from bench.viewer import _Turner
    from sync.client import ApiClient, DocumentInfo
    from ui.document_viewer import DocumentViewer

    app = QApplication.instance() or QApplication(["phonghop-bench"])
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp)
        path = cache / "doc.pdf"
        build_demo_pdf(DemoDocSpec(key="ink", kind="report", title="Báo cáo", issuer="UBND",
                                   number="Số: 1/BC-UBND", place_date="ngày 01/12/2026", pages=4,
                                   confidential=False, seed=3), path)
        data = path.read_bytes()
        sha = hashlib.sha256(data).hexdigest()
        (cache / f"{sha}.pdf").write_bytes(data)
        info = DocumentInfo(1, "doc", "", "report", "public", 1, sha, len(data), 4, "doc.pdf")
        client = ApiClient("http://127.0.0.1:9")  # never contacted: the file is cached
        viewer = DocumentViewer(cache)
        viewer.set_client(client)
        viewer.resize(1280, 800)
        viewer.show()
        try:
            _Turner(app, viewer).turn(lambda: viewer.open_document(info), 0)
            viewer.ink.set_annotations(_strokes(info.id))
            viewer.toolbar.pen_button.setChecked(True)
            label = viewer.canvas.page_label
            painted = []

            class Paints(QObject):
                def eventFilter(self, watched, event):
                    if event.type() == QEvent.Type.Paint:
                        painted.append(time.perf_counter())
                    return False

            paints = Paints()
            label.installEventFilter(paints)

            def stroke(full_page: bool) -> list[float]:
                times = []
                y = min(label.height(), viewer.canvas.viewport().height()) * 0.5  # on screen

                def send(kind, x, buttons):
                    event = QMouseEvent(kind, QPointF(x, y), label.mapToGlobal(QPointF(x, y)),
                                        Qt.MouseButton.LeftButton, buttons,
                                        Qt.KeyboardModifier.NoModifier)
                    QApplication.sendEvent(label, event)

                send(QEvent.Type.MouseButtonPress, 40, Qt.MouseButton.LeftButton)
                app.processEvents()
                for i in range(SEGMENTS):
                    x = 40 + (label.width() - 80) * (i + 1) / SEGMENTS
                    painted.clear()
                    began = time.perf_counter()
                    send(QEvent.Type.MouseMove, x, Qt.MouseButton.LeftButton)
                    if full_page:
                        label.update()
                    deadline = began + 5.0
                    while not painted:
                        app.processEvents()
                        if time.perf_counter() > deadline:
                            raise RuntimeError(f"segment {i} never painted (mode "
                                               f"{label.mode}, {len(label._drawing)} points)")
                    app.processEvents()  # the backing store flushed too
                    times.append(time.perf_counter() - began)
                send(QEvent.Type.MouseButtonRelease, x, Qt.MouseButton.NoButton)
                app.processEvents()
                return times

            ours = stroke(False)
            whole = stroke(True)
        finally:
            viewer.shutdown()
            client.close()
    value, baseline = _p95(ours), _p95(whole)
    return [{"name": "ink_frame_ms", "value": round(value, 3), "unit": "ms",
             "baseline": round(baseline, 3), "ratio": round(value / baseline, 3),
             "target": "p95 <= 8 ms (baseline: the whole page repainted per segment)"}]


if __name__ == "__main__":
    for row in run():
        print(row)
    sys.exit(0)
