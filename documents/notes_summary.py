""""A summary of my notes": a delegate's annotations of one session written out as a DOCX, per
agenda item and per document, with the page, the kind of note, the quoted words and the note's
own text (no Qt here).

It is a personal document, so it keeps the typography of Decree 30/2020/NĐ-CP (GUIDE.md §2: A4,
margins 20/20/30/15 mm, Times New Roman 13 pt, the body's name top left in capitals, page numbers
top centre from page 2) without the Quốc hiệu or a number. The labels are Vietnamese because the
file is read outside the application. "Times New Roman" is named for every script (ascii, hAnsi,
cs, eastAsia) with the template's theme fonts removed: a theme font wins over a named one, and
Word then sets Vietnamese in Calibri. LibreOffice substitutes the metric-compatible Liberation
Serif (GUIDE.md §6).

The words come from annotations, which another tablet wrote: every string is cleaned of the
characters XML 1.0 forbids (python-docx refuses them), NFC-normalised (Word shows a decomposed
"ư" + hook as two marks in some fonts, and search misses it) and a quote or a note is capped at
2,000 characters. The file is written beside the target and renamed over it only when complete.
"""
from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

FONT = "Times New Roman"
MAX_CHARS = 2000
OTHER_DOCUMENTS = "Tài liệu khác"
NOTHING = "Chưa có ghi chú nào."
KINDS = {"highlight": "Tô sáng", "underline": "Gạch chân", "strikeout": "Gạch ngang",
         "ink": "Nét vẽ tay", "note": "Ghi chú", "text": "Hộp chữ"}
_COLUMNS = (Cm(2.3), Cm(3.0), Cm(11.2))  # page, kind, words: the 165 mm between the margins


@dataclass(frozen=True)
class NoteEntry:
    page: int  # 1-based
    kind: str  # "highlight" | "underline" | "strikeout" | "ink" | "note" | "text"
    quote: str = ""  # the words the note is on
    text: str = ""  # what the delegate wrote
    updated_at: str = ""  # ISO 8601, UTC


@dataclass(frozen=True)
class DocumentNotes:
    title: str
    number: str = ""  # the document's own number, e.g. "125/TTr-UBND"
    version: int = 1
    notes: tuple[NoteEntry, ...] = ()


@dataclass(frozen=True)
class ItemNotes:
    title: str  # "": documents not attached to an agenda item ("Tài liệu khác")
    number: str = ""  # e.g. "1" or "2.1"
    documents: tuple[DocumentNotes, ...] = ()


@dataclass(frozen=True)
class NotesSummary:
    body: str  # e.g. "HỘI ĐỒNG NHÂN DÂN TỈNH BẮC NINH"
    session_title: str
    owner: str  # the delegate's full name
    made_at: datetime  # aware; written in its own local time
    items: tuple[ItemNotes, ...] = ()


# What XML 1.0 allows is tab, LF, CR and U+0020..U+D7FF, U+E000..U+FFFD, U+10000 and up; CR is
# made LF first (python-docx turns each into a line break, so CR LF would be two).
_NOT_XML = re.compile("[^\t\n\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean(value: object, limit: int | None = None) -> str:
    """`value` as text that python-docx accepts and Word shows as written: NFC, no forbidden
    characters, at most `limit` characters (the last one "…"), cut between words when one ends
    near the limit and never before a combining mark (it would land on the ellipsis)."""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", _NOT_XML.sub("", text)).strip()
    if limit is not None and len(text) > limit:
        cut = limit - 1
        while cut > 0 and unicodedata.combining(text[cut]):
            cut -= 1
        space = max(text.rfind(" ", max(cut - 40, 0), cut + 1),
                    text.rfind("\n", max(cut - 40, 0), cut + 1))
        text = text[:space if space > 0 else cut].rstrip(" \n,;:") + "…"
    return text


def vietnamese_time(moment: datetime) -> str:
    """"Lập lúc 14:05 ngày 05 tháng 01 năm 2026": Decree 30 (Phụ lục I) writes a day below 10
    and the months 1 and 2 with a leading zero, so that nobody can add a digit; March to
    December stay as they are."""
    month = f"{moment.month:02d}" if moment.month < 3 else str(moment.month)
    return (f"Lập lúc {moment:%H:%M} ngày {moment.day:02d} tháng {month} "
            f"năm {moment.year}")


def _fonts(rpr) -> None:
    """Times New Roman for every script, theme fonts removed (they would win), 13 pt where the
    template gave another size."""
    fonts = rpr.get_or_add_rFonts()
    for name in [name for name in fonts.attrib if name.lower().endswith("theme")]:
        del fonts.attrib[name]
    for script in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{script}"), FONT)
    for size in (rpr.find(qn("w:sz")), rpr.find(qn("w:szCs"))):
        if size is not None:
            size.set(qn("w:val"), "26")


def _setup(doc: DocxDocument, summary: NotesSummary) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance, section.footer_distance = Mm(10), Mm(10)
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    rpr = defaults.find(qn("w:rPr"))
    _fonts(rpr)
    rpr.find(qn("w:lang")).attrib.update({qn("w:val"): "vi-VN", qn("w:eastAsia"): "vi-VN"})
    normal = doc.styles["Normal"]
    _fonts(normal.element.get_or_add_rPr())
    normal.font.size = Pt(13)
    normal.paragraph_format.line_spacing = 1.15
    normal.paragraph_format.space_after = Pt(6)
    for name, before in (("Heading 1", 18), ("Heading 2", 10)):
        style = doc.styles[name]
        _fonts(style.element.get_or_add_rPr())
        style.font.size, style.font.color.rgb = Pt(13), RGBColor(0, 0, 0)
        style.font.bold, style.font.italic = True, name == "Heading 2"
        style.paragraph_format.space_before, style.paragraph_format.space_after = Pt(before), Pt(6)
    # The page number, top centre, from page 2 on (Phụ lục I).
    section.different_first_page_header_footer = True
    number = section.header.paragraphs[0]
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    number._p.append(field)
    properties = doc.core_properties
    properties.title = f"Tóm tắt ghi chú cá nhân — {clean(summary.session_title)}"
    properties.author = properties.last_modified_by = clean(summary.owner)
    properties.comments, properties.revision = "", 1
    # python-docx writes the wall time with a "Z": it is given the UTC time, without a zone.
    properties.created = properties.modified = summary.made_at.astimezone(timezone.utc) \
        .replace(tzinfo=None)


def _paragraph(doc, text: str, bold: bool = False, italic: bool = False, size: float = 13,
               align=WD_ALIGN_PARAGRAPH.CENTER, after: float = 0):
    paragraph = doc.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(after)
    run = paragraph.add_run(text)
    run.bold, run.italic, run.font.size = bold, italic, Pt(size)
    return paragraph


def _notes_table(doc, notes: list[NoteEntry]) -> None:
    table = doc.add_table(rows=0, cols=3)
    table.style = doc.styles["Table Grid"]
    table.autofit = False
    for column, width in zip(table.columns, _COLUMNS):
        column.width = width
    for note in notes:
        cells = table.add_row().cells
        kind = KINDS.get(note.kind, KINDS["note"])
        quote, text = clean(note.quote, MAX_CHARS), clean(note.text, MAX_CHARS)
        for cell, width in zip(cells, _COLUMNS):
            cell.width = width
        cells[0].paragraphs[0].add_run(f"Trang {note.page}")
        cells[1].paragraphs[0].add_run(kind)
        words = cells[2].paragraphs[0]
        if quote:
            words.add_run(f"“{quote}”").italic = True
        if text:
            (words if not quote else cells[2].add_paragraph()).add_run(text)
        for cell in cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.space_before = Pt(2)
                paragraph.paragraph_format.space_after = Pt(2)


def _heading(item: ItemNotes) -> str:
    title = clean(item.title)
    if not title:
        return OTHER_DOCUMENTS
    number = clean(item.number).rstrip(".")
    return f"{number}. {title}" if number else title


def _document_heading(document: DocumentNotes) -> str:
    number = clean(document.number)
    title = clean(document.title)
    return f"{title}{f' — số {number}' if number else ''} (phiên bản {int(document.version)})"


def build_notes_summary(summary: NotesSummary) -> DocxDocument:
    """The summary as a python-docx document (not yet saved)."""
    if summary.made_at.utcoffset() is None:
        raise ValueError("made_at must be an aware datetime")
    doc = Document()
    _setup(doc, summary)
    _paragraph(doc, clean(summary.body).upper(), bold=True, align=WD_ALIGN_PARAGRAPH.LEFT,
               after=18)
    _paragraph(doc, "TÓM TẮT GHI CHÚ CÁ NHÂN", bold=True, size=14, after=2)
    _paragraph(doc, clean(summary.session_title), bold=True, after=6)
    _paragraph(doc, f"Đại biểu: {clean(summary.owner)}", after=0)
    _paragraph(doc, vietnamese_time(summary.made_at), italic=True, after=12)
    written = False
    for item in summary.items:
        documents = [(document, sorted(document.notes, key=lambda note: note.page))
                     for document in item.documents if document.notes]
        if not documents:
            continue
        doc.add_heading(_heading(item), level=1)
        for document, notes in documents:
            doc.add_heading(_document_heading(document), level=2)
            _notes_table(doc, notes)
        written = True
    if not written:
        _paragraph(doc, NOTHING, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    return doc


def write_notes_summary(summary: NotesSummary, path: Path) -> None:
    """Write `path` whole or not at all: a temporary file in the same folder (so the rename
    stays on one file system) is renamed over it when complete and removed on any failure."""
    doc = build_notes_summary(summary)
    path = Path(path)
    handle, temporary = tempfile.mkstemp(prefix=".phonghop-", suffix=".docx", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            doc.save(stream)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
