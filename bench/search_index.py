"""The tablet's search index (issue 8's benchmarks), on demo documents of 2,000 pages in all:

- index_pages_per_s: the background indexer (`IndexClient`: its own process, text extraction,
  folding, FTS5 writes), against raw PyMuPDF `page.get_text()` of the same pages in this process;
- ui_stall_max_indexing: the longest lateness of a 1 ms timer on a Qt UI thread while that index
  is being built (the UI only receives small progress messages);
- search_2000_pages_ms: a cross-document search (`TextIndex.search`: phrase, snippets, highlight
  spans), median over varied queries, against a bare FTS5 MATCH of the same folded words.

Run alone: `python -m bench.search_index`."""
from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DOCUMENTS, PAGES_EACH = 8, 250
QUERIES = ("nghi quyet", "ngan sach nha nuoc", "dat dai", "ke hoach phat trien kinh te",
           "bao cao", "uy ban nhan dan tinh", "dau tu cong", "giao duc", "y te", "so lieu")


def _documents(tmp: Path) -> list[Path]:
    from app.demo.pdf.build import DemoDocSpec, build_demo_pdf

    paths = []
    for seed in range(DOCUMENTS):
        path = tmp / f"doc{seed}.pdf"
        build_demo_pdf(DemoDocSpec(key=f"s{seed}", kind="report", title="Báo cáo đo tìm kiếm",
                                   issuer="ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK", number="Số: 2/BC-UBND",
                                   place_date="Đắk Lắk, ngày 01 tháng 12 năm 2026",
                                   pages=PAGES_EACH, confidential=False, seed=seed + 11), path)
        paths.append(path)
    return paths


def _raw_extraction_s(paths: list[Path]) -> float:
    import pymupdf

    start = time.perf_counter()
    for path in paths:
        with pymupdf.open(path) as doc:
            for page in doc:
                page.get_text()
    return time.perf_counter() - start


def _build_index(paths: list[Path], db: Path) -> tuple[float, float]:
    """(seconds to index everything, worst UI stall in ms meanwhile)."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from bench.viewer import _Stalls
    from documents.index_client import IndexClient
    from documents.render import sha256_file

    app = QApplication.instance() or QApplication(["phonghop-bench"])
    shas = [sha256_file(path) for path in paths]
    client = IndexClient(db, lambda event: None)
    stalls = _Stalls()
    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(5)
    poll.timeout.connect(lambda: client.pending() or loop.quit())
    try:
        stalls.start()
        start = time.perf_counter()
        for sha, path in zip(shas, paths):
            client.index(sha, str(path))
        poll.start()
        loop.exec()
        elapsed = time.perf_counter() - start
        stall = stalls.stop()
    finally:
        poll.stop()
        client.shutdown()
    app.processEvents()
    return elapsed, stall


def _search_ms(db: Path) -> tuple[float, float, int]:
    """(median ms of our search, median ms of a bare MATCH, pages in the index)."""
    import sqlite3

    from documents.text_fold import tokens
    from documents.text_index import TextIndex

    index = TextIndex(db)
    bare = sqlite3.connect(db)
    ours, raw = [], []
    try:
        for _round in range(5):
            for query in QUERIES:
                start = time.perf_counter()
                hits = index.search(query, limit=50)
                ours.append(time.perf_counter() - start)
                assert hits, query
                expression = '"' + " ".join(tokens(query)) + '"*'
                start = time.perf_counter()
                bare.execute("SELECT rowid FROM pages_fts WHERE pages_fts MATCH ? "
                             "ORDER BY bm25(pages_fts) LIMIT 50", (expression,)).fetchall()
                raw.append(time.perf_counter() - start)
        pages = bare.execute("SELECT count(*) FROM pages").fetchone()[0]
    finally:
        bare.close()
        index.close()
    return statistics.median(ours) * 1000, statistics.median(raw) * 1000, pages


def run() -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        paths = _documents(Path(tmp))
        raw_s = _raw_extraction_s(paths)
        ours_s, stall = _build_index(paths, Path(tmp) / "index.sqlite")
        search, bare, pages = _search_ms(Path(tmp) / "index.sqlite")
    total = DOCUMENTS * PAGES_EACH
    assert pages == total, (pages, total)
    ours_rate, raw_rate = total / ours_s, total / raw_s
    return [
        {"name": "index_pages_per_s", "value": round(ours_rate, 1), "unit": "p/s",
         "baseline": round(raw_rate, 1), "ratio": round(ours_rate / raw_rate, 3),
         "target": "ratio >= 0.5 (baseline: raw get_text, same pages)"},
        {"name": "ui_stall_max_indexing", "value": round(stall, 3), "unit": "ms",
         "baseline": round(ours_s * 1000, 1), "ratio": round(stall / (ours_s * 1000), 4),
         "target": "<= 16 ms (baseline: the indexing time a blocking call would freeze)"},
        {"name": "search_2000_pages_ms", "value": round(search, 3), "unit": "ms",
         "baseline": round(bare, 3), "ratio": round(search / bare, 3),
         "target": "<= 50 ms (baseline: a bare FTS5 MATCH)"},
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
    sys.exit(0)
