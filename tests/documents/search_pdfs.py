"""Small PDFs with real Vietnamese text for the search tests (a font that has every glyph)."""
from __future__ import annotations

from pathlib import Path

import pymupdf

from app.demo.pdf.fonts import find_vietnamese_font_family


def write_pdf(path: Path, pages: list[str], rotate: int = 0) -> Path:
    """One page per string, each line of it a line of 11 pt text from the top left."""
    family = find_vietnamese_font_family()
    doc = pymupdf.open()
    for text in pages:
        page = doc.new_page(width=595, height=842)
        page.insert_font(fontname="vn", fontbuffer=family.regular)
        y = 72.0
        for line in text.split("\n"):
            page.insert_text((72, y), line, fontname="vn", fontsize=11)
            y += 16
        if rotate:
            page.set_rotation(rotate)
    doc.save(path)
    doc.close()
    return path
