"""Realistic Vietnamese demo documents (reports, submissions, resolutions ...) made by code.

``build_demo_pdf(spec, path)`` writes an A4 PDF of exactly ``spec.pages`` pages:
page 1 in the Decree 30/2020 layout (issuer, national motto, number, place and date,
title), page 2 a table of contents ("MỤC LỤC"), then numbered chapters and sections of
generated prose with tables, page numbers in the footer and a signature block at the end.
The PDF has an outline (bookmarks) and embeds a subset of a Vietnamese-capable font.
The same spec always gives the same text (``random.Random(spec.seed)``).
"""

from __future__ import annotations

import os
import random
import re
import tempfile
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path

import pymupdf

from app.demo.pdf.content import (Heading, IssuerContext, ProseGenerator, Table,
                                    issuer_context)
from app.demo.pdf.frontmatter import (SIGNATURE_HEIGHT, TOC_CAPACITY, closing,
                                        draw_cover_header, draw_page_number, draw_signature,
                                        draw_toc, preamble, subject_of, toc_lines)
from app.demo.pdf.layout import (BODY_SIZE, BOTTOM, INDENT, LEADING, PAGE_H, PAGE_W, PARA_GAP,
                                   TEXT_W, TOP, Flow, OutlineEntry, demo_faces, wrap)
from app.demo.pdf.phrases import SIGNER_NAMES
from app.demo.pdf.canvas import PageCanvas, assemble_pdf

KIND_TITLES: dict[str, str] = {
    "report": "BÁO CÁO",
    "submission": "TỜ TRÌNH",
    "draft_resolution": "DỰ THẢO NGHỊ QUYẾT",
    "resolution": "NGHỊ QUYẾT",
    "plan": "KẾ HOẠCH",
    "other": "TÀI LIỆU",
}

MIN_PAGES = 2
MAX_PAGES = 1000
MAX_CHAPTERS = 12
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
_SESSIONS = ("Hai", "Ba", "Tư", "Năm", "Sáu", "Bảy")


@dataclass(frozen=True)
class DemoDocSpec:
    key: str
    kind: str  # a key of KIND_TITLES
    title: str
    issuer: str  # "\n" may separate a superior body's line from the issuing body
    number: str  # "Số: 412/BC-UBND"
    place_date: str  # "Đắk Lắk, ngày 20 tháng 11 năm 2026"
    pages: int
    confidential: bool = False
    seed: int = 0

    def __post_init__(self) -> None:
        if self.kind not in KIND_TITLES:
            raise ValueError(f"unknown document kind {self.kind!r}")
        if not MIN_PAGES <= self.pages <= MAX_PAGES:
            raise ValueError(f"pages must be {MIN_PAGES}..{MAX_PAGES}, not {self.pages}")


def chapter_count(body_pages: int) -> int:
    if body_pages < 4:
        return 1
    return max(2, min(MAX_CHAPTERS, round(body_pages / 10)))


def _budgets(pages: int, parts: int) -> list[int]:
    base, extra = divmod(pages, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def _pdf_date(place_date: str) -> str:
    match = re.search(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", place_date)
    day, month, year = (int(g) for g in match.groups()) if match else (1, 1, 2026)
    return f"D:{year:04d}{month:02d}{day:02d}080000+07'00'"


def _nfc(spec: DemoDocSpec) -> DemoDocSpec:
    """Text pasted from some systems arrives decomposed (NFD); the fonts want NFC."""
    return replace(spec, **{name: unicodedata.normalize("NFC", getattr(spec, name))
                            for name in ("title", "issuer", "number", "place_date")})


def _compose(spec: DemoDocSpec) -> tuple[list[PageCanvas], list[OutlineEntry]]:
    spec = _nfc(spec)
    faces = demo_faces()
    rng = random.Random(spec.seed)
    ctx: IssuerContext = issuer_context(spec.issuer, spec.place_date)
    kind_title = KIND_TITLES[spec.kind]
    subject = subject_of(spec.title, kind_title)
    session, signer = rng.choice(_SESSIONS), rng.choice(SIGNER_NAMES)
    prose = ProseGenerator(rng, ctx)
    canvases = [PageCanvas(PAGE_W, PAGE_H) for _ in range(spec.pages)]

    y = draw_cover_header(canvases[0], faces, ctx, spec.number, spec.place_date,
                          spec.confidential, kind_title, spec.title)
    cover = Flow(canvases, faces, 0, 0, y=y)
    for block in preamble(spec.kind, ctx, subject, session):
        if not cover.add(block):
            break

    two_pages = spec.pages == 2
    body_first = 1 if two_pages else 2
    body_pages = spec.pages - body_first
    titles = prose.chapter_titles(spec.kind, chapter_count(body_pages))
    end_para = closing(spec.kind, ctx, subject, session)
    end_lines = len(wrap(end_para.text, faces.regular, BODY_SIZE, TEXT_W, TEXT_W - INDENT))
    reserve = end_lines * LEADING + PARA_GAP + SIGNATURE_HEIGHT

    outline: list[OutlineEntry] = []
    start_y = TOP
    if two_pages:
        start_y = draw_toc(canvases[1], faces, [OutlineEntry(1, f"I. {titles[0]}", 1)], TOP)
    page = body_first
    flow = cover
    for index, (title, size) in enumerate(zip(titles, _budgets(body_pages, len(titles)))):
        last_chapter = index == len(titles) - 1
        flow = Flow(canvases, faces, page, page + size - 1, y=start_y if index == 0 else TOP,
                    last_bottom=BOTTOM - reserve if last_chapter else BOTTOM, outline=outline)
        if not flow.heading(Heading(1, f"{_ROMAN[index]}. {title}")):
            raise RuntimeError("a chapter heading did not fit on an empty page")
        for block in prose.chapter_blocks():
            if not flow.add(block):
                if not isinstance(block, Table):
                    break
                prose.table_not_placed()
        flow.fill(prose.sentences(prose.current_topic))
        page += size

    flow.last_bottom = BOTTOM
    flow.paragraph(end_para)
    draw_signature(canvases[-1], faces, ctx, signer, flow.y)

    if not two_pages:
        entries = outline if toc_lines(outline, faces) <= TOC_CAPACITY else [
            e for e in outline if e.level == 1]
        draw_toc(canvases[1], faces, entries, TOP)
    for index in range(1, spec.pages):
        draw_page_number(canvases[index], faces, index + 1)
    return canvases, outline


def render_demo_document(spec: DemoDocSpec) -> pymupdf.Document:
    """The demo document as an open, unsaved PyMuPDF document (fonts already subset)."""
    canvases, outline = _compose(spec)
    doc = assemble_pdf(canvases)
    toc = [[1, "MỤC LỤC", 2]] + [[e.level, e.title, e.page_index + 1] for e in outline]
    doc.set_toc(toc)
    date = _pdf_date(spec.place_date)
    doc.set_metadata({
        "title": spec.title, "author": " ".join(spec.issuer.split()),
        "subject": f"{KIND_TITLES[spec.kind]} {spec.number}", "keywords": spec.key,
        "creator": "phonghop demo", "producer": "phonghop demo", "creationDate": date,
        "modDate": date,
    })
    doc.subset_fonts()
    return doc


def build_demo_pdf_bytes(spec: DemoDocSpec) -> bytes:
    doc = render_demo_document(spec)
    try:
        return doc.tobytes(garbage=3, deflate=True, no_new_id=True)
    finally:
        doc.close()


def build_demo_pdf(spec: DemoDocSpec, path: str | os.PathLike[str]) -> int:
    """Write the document to ``path`` (atomically) and return its page count."""
    target = Path(path)
    doc = render_demo_document(spec)
    try:
        pages = doc.page_count
        fd, tmp = tempfile.mkstemp(prefix=".demo-", suffix=".pdf", dir=target.parent)
        os.close(fd)
        try:
            doc.save(tmp, garbage=3, deflate=True, no_new_id=True)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    finally:
        doc.close()
    return pages
