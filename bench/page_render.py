"""The viewer's page render (documents.render.PdfRenderer at fit width) against raw MuPDF
(`page.get_pixmap` with the same matrix) on the same pages of a demo document.
Target (GUIDE.md §7): a page turn within 1.25x raw MuPDF."""
from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

import pymupdf

from app.demo.pdf.build import DemoDocSpec, build_demo_pdf
from documents.render import PdfRenderer

WIDTH_PX = 1200
PAGES = range(1, 41)


def _median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def run() -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.pdf"
        build_demo_pdf(DemoDocSpec(key="bench", kind="report", title="Báo cáo đo hiệu năng",
                                   issuer="ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK", number="Số: 1/BC-UBND",
                                   place_date="Đắk Lắk, ngày 01 tháng 12 năm 2026", pages=60,
                                   confidential=False, seed=3), path)
        raw, ours = [], []
        with pymupdf.open(path) as doc, PdfRenderer(path) as renderer:
            for _round in range(3):
                for index in PAGES:
                    page = doc[index]
                    zoom = WIDTH_PX / page.rect.width
                    start = time.perf_counter()
                    pix = page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), alpha=False)
                    raw.append(time.perf_counter() - start)
                    start = time.perf_counter()
                    renderer.render(index, width_px=WIDTH_PX)
                    ours.append(time.perf_counter() - start)
    value, baseline = _median_ms(ours), _median_ms(raw)
    return [{"name": "page_render_ms", "value": round(value, 3), "unit": "ms",
             "baseline": round(baseline, 3), "ratio": round(value / baseline, 3),
             "target": "ratio <= 1.25"}]
