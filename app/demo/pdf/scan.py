"""A scanned document for the demo, the tests and the benchmarks: each page one full-page JPEG
image of a demo page rendered at `dpi` (a 300 dpi A4 scan is 2480 × 3508 pixels, 8.7 MP),
with no text layer, like what a secretary's scanner produces from a signed paper original."""
from __future__ import annotations

import tempfile
from pathlib import Path

import pymupdf

from app.demo.pdf.build import DemoDocSpec, build_demo_pdf


def build_scanned_pdf(path: str | Path, pages: int, dpi: int = 300, seed: int = 7,
                      quality: int = 75) -> Path:
    """Write a `pages`-page scanned PDF to `path` and return the path."""
    path = Path(path)
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "original.pdf"
        build_demo_pdf(DemoDocSpec(
            key="scan", kind="report", title="Biên bản họp (bản chụp)",
            issuer="ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK", number="Số: 12/BB-UBND",
            place_date="Đắk Lắk, ngày 01 tháng 12 năm 2026", pages=pages,
            confidential=False, seed=seed), source)
        with pymupdf.open(source) as original, pymupdf.open() as scan:
            for page in original:
                picture = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csRGB, alpha=False)
                target = scan.new_page(width=page.rect.width, height=page.rect.height)
                jpeg = picture.tobytes("jpeg", jpg_quality=quality)
                target.insert_image(target.rect, stream=jpeg)
            scan.save(path, garbage=3, deflate=True)
    return path
