"""Huge PDFs for the bad-input tests, built in about a second each: a long one (2,000 pages of
Vietnamese text with bookmarks), a heavy one (~200 MB of images that do not compress), and a
small hostile one whose page tree claims millions of pages.

PyMuPDF's `insert_text` costs ~3 ms a page (it adds the font to every page), so the long file
shares one font resource and writes each page's content stream itself (glyph ids, as
`insert_text` does: Identity-H, the font's ToUnicode map gives the text back). The heavy file's
images are `os.urandom` bytes stored without a filter (compressing 200 MB of noise takes
longer than the whole test file should)."""
from __future__ import annotations

import os
import zlib
from pathlib import Path

import pymupdf

from app.demo.pdf.fonts import find_vietnamese_font_family

A4 = (595, 842)


def _vietnamese_font(doc: pymupdf.Document) -> tuple[pymupdf.Page, int, pymupdf.Font]:
    """A first page with the Vietnamese font in its resources: (page, font xref, font)."""
    family = find_vietnamese_font_family()
    page = doc.new_page(width=A4[0], height=A4[1])
    xref = page.insert_font(fontname="vn", fontbuffer=family.regular)
    return page, xref, pymupdf.Font(fontbuffer=family.regular)


def _text_operators(font: pymupdf.Font, lines: list[str], glyphs: dict[str, int]) -> bytes:
    """Lines of 11 pt text from the top left of an A4 page, in font `/vn`."""
    out = []
    y = A4[1] - 72
    for line in lines:
        hex_ids = []
        for char in line:
            glyph = glyphs.get(char)
            if glyph is None:
                glyph = glyphs[char] = font.has_glyph(ord(char))
            hex_ids.append("%04x" % glyph)
        out.append(f"BT 1 0 0 1 72 {y} Tm /vn 11 Tf <{''.join(hex_ids)}> Tj ET")
        y -= 16
    return "\n".join(out).encode()


def _set_page(doc: pymupdf.Document, page: pymupdf.Page, resources: str, content: bytes) -> None:
    doc.xref_set_key(page.xref, "Resources", resources)
    xref = doc.get_new_xref()
    doc.update_object(xref, "<<>>")
    doc.update_stream(xref, content)
    doc.xref_set_key(page.xref, "Contents", f"{xref} 0 R")


def write_long_pdf(path: Path, pages: dict[int, str], page_count: int,
                   line=lambda index: f"Trang {index + 1}: Nghị quyết về ngân sách địa phương",
                   bookmarks_every: int = 20) -> Path:
    """`page_count` A4 pages, each with `line(index)`, and below it `pages[index]` where
    given; a bookmark ("Chương n") every `bookmarks_every` pages."""
    doc = pymupdf.open()
    first, font_xref, font = _vietnamese_font(doc)
    resources = f"<< /Font << /vn {font_xref} 0 R >> >>"
    glyphs: dict[str, int] = {}
    for index in range(page_count):
        page = first if index == 0 else doc.new_page(width=A4[0], height=A4[1])
        lines = [line(index), *pages.get(index, "").split("\n")]
        _set_page(doc, page, resources, _text_operators(font, [t for t in lines if t], glyphs))
    doc.set_toc([[1, f"Chương {n + 1}", start + 1]
                 for n, start in enumerate(range(0, page_count, bookmarks_every))])
    doc.save(path, garbage=1)
    doc.close()
    return path


def write_heavy_pdf(path: Path, pages: int = 4, side: int = 4096) -> Path:
    """`pages` A4 pages, each covered by its own `side` x `side` RGB image of random bytes,
    unfiltered (48 MiB a page at 4096), with a Vietnamese title line over it."""
    doc = pymupdf.open()
    first, font_xref, font = _vietnamese_font(doc)
    glyphs: dict[str, int] = {}
    for index in range(pages):
        page = first if index == 0 else doc.new_page(width=A4[0], height=A4[1])
        image = doc.get_new_xref()
        doc.update_object(image, f"<< /Type /XObject /Subtype /Image /Width {side} "
                                 f"/Height {side} /ColorSpace /DeviceRGB /BitsPerComponent 8 >>")
        doc.update_stream(image, os.urandom(side * side * 3), compress=False)
        text = _text_operators(font, [f"Bản đồ quy hoạch sử dụng đất, tờ số {index + 1}"], glyphs)
        resources = f"<< /Font << /vn {font_xref} 0 R >> /XObject << /Im {image} 0 R >> >>"
        _set_page(doc, page, resources, b"q %d 0 0 %d 0 0 cm /Im Do Q\n" % A4 + text)
    doc.save(path)
    doc.close()
    return path


def write_page_count_claim(path: Path, claimed: int, entries: int | None = None) -> Path:
    """A hostile file of one real page whose page tree claims `claimed` pages (14 KB for
    2,000,000): MuPDF checks /Count only against the cross-reference's length, so the file
    carries a compressed cross-reference stream of `entries` (`claimed + 10`) mostly free
    entries."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count %d >>" % claimed,
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"]
    body, offsets = b"%PDF-1.7\n", []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n%s\nendobj\n" % (number, obj)
    xref_at = len(body)
    size = claimed + 10 if entries is None else max(entries, 5)
    rows = bytearray(b"\0\0\0\0\0\xff\xff")  # W [1 4 2]: object 0, free
    for offset in [*offsets, xref_at]:  # objects 1-3, and 4: this stream
        rows += b"\x01" + offset.to_bytes(4, "big") + b"\0\0"
    packer = zlib.compressobj(9)
    data = packer.compress(bytes(rows))
    free = bytes(7 * 65536)
    left = size - 5
    while left > 0:
        data += packer.compress(free[:7 * min(left, 65536)])
        left -= 65536
    data += packer.flush()
    body += (b"4 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Filter /FlateDecode "
             b"/Length %d >>\nstream\n" % (size, len(data)) + data
             + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % xref_at)
    path.write_bytes(body)
    return path


def write_repeated_page(path: Path, copies: int) -> Path:
    """A hostile file whose page tree lists one page object `copies` times (31 KB for
    2,000,000): every page loads, so only a cap on the page count stops it. The Kids array
    sits in a compressed object stream, the cross-reference is a stream of mostly free entries
    (MuPDF wants no more pages than entries)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids 5 0 R /Count %d >>" % copies,
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"]
    body, offsets = b"%PDF-1.7\n", []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n%s\nendobj\n" % (number, obj)
    header = b"5 0 "  # object 5, the Kids array, is the only one in object stream 6
    packed = zlib.compress(header + b"[" + b"3 0 R " * copies + b"]", 9)
    stream_at = len(body)
    body += (b"6 0 obj\n<< /Type /ObjStm /N 1 /First %d /Filter /FlateDecode /Length %d >>\n"
             b"stream\n" % (len(header), len(packed)) + packed + b"\nendstream\nendobj\n")
    xref_at = len(body)
    size = copies + 10
    rows = bytearray(b"\0\0\0\0\0\xff\xff")  # W [1 4 2]: object 0, free
    for offset in [*offsets, xref_at]:  # objects 1-3, and 4: the cross-reference stream
        rows += b"\x01" + offset.to_bytes(4, "big") + b"\0\0"
    rows += b"\x02\0\0\0\x06\0\0"  # 5: in object stream 6, first
    rows += b"\x01" + stream_at.to_bytes(4, "big") + b"\0\0"  # 6
    rows += bytes(7 * (size - 7))
    data = zlib.compress(bytes(rows), 9)
    body += (b"4 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Filter /FlateDecode "
             b"/Length %d >>\nstream\n" % (size, len(data)) + data
             + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % xref_at)
    path.write_bytes(body)
    return path
