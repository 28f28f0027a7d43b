"""The notes summary as a delegate opens it: in Word (python-docx reads it back) and as LibreOffice
prints it (converted to PDF, its text read with PyMuPDF)."""

from __future__ import annotations

import shutil
import subprocess
import time
import unicodedata
from datetime import datetime, timedelta, timezone
from pathlib import Path

import docx
import pymupdf
import pytest
from docx.oxml.ns import qn
from docx.table import Table

from documents import notes_summary
from documents.notes_summary import (DocumentNotes, ItemNotes, NoteEntry, NotesSummary,
                                     write_notes_summary)

VIETNAM = timezone(timedelta(hours=7))
ROAD_NFD = unicodedata.normalize("NFD", "Nâng cấp Đường tỉnh 295")


def _summary(items=None) -> NotesSummary:
    budget = DocumentNotes(
        title="Dự thảo nghị quyết ngân sách", number="125/TTr-UBND", version=2,
        notes=(NoteEntry(9, "ink"),
               NoteEntry(2, "highlight", quote="nghị quyết ngân sách", text="Hỏi lại Sở Tài chính"),
               NoteEntry(5, "underline", quote="chi thường\x07 xuyên"),
               NoteEntry(3, "note", text="Đề nghị bổ sung số liệu")))
    unread = DocumentNotes(title="Báo cáo thẩm tra", number="40/BC-HĐND")
    road = DocumentNotes(title=ROAD_NFD, notes=(NoteEntry(1, "strikeout", quote=ROAD_NFD),
                                                NoteEntry(1, "text", text="Ý kiến của tôi")))
    other = DocumentNotes(title="Thư mời họp", notes=(NoteEntry(1, "highlight", quote="8 giờ"),))
    if items is None:
        items = (ItemNotes("Dự toán ngân sách năm 2026", "1", (budget, unread)),
                 ItemNotes("Không có ghi chú", "2", (unread,)),
                 ItemNotes("Đề án giao thông", "3.1", (road,)),
                 ItemNotes("", "", (other,)))
    return NotesSummary(body="Hội đồng nhân dân tỉnh Bắc Ninh",
                        session_title="Kỳ họp thứ Mười, HĐND tỉnh khóa XIX",
                        owner="Nguyễn Thị Hương",
                        made_at=datetime(2026, 1, 5, 14, 7, tzinfo=VIETNAM), items=items)


def _written(tmp_path: Path, summary: NotesSummary | None = None) -> tuple[Path, docx.Document]:
    path = tmp_path / "ghi-chu.docx"
    write_notes_summary(_summary() if summary is None else summary, path)
    return path, docx.Document(str(path))


def test_the_summary_reads_as_written(tmp_path):
    path, doc = _written(tmp_path)
    texts = [p.text for p in doc.paragraphs]
    assert texts[:5] == ["HỘI ĐỒNG NHÂN DÂN TỈNH BẮC NINH", "TÓM TẮT GHI CHÚ CÁ NHÂN",
                         "Kỳ họp thứ Mười, HĐND tỉnh khóa XIX", "Đại biểu: Nguyễn Thị Hương",
                         "Lập lúc 14:07 ngày 05 tháng 01 năm 2026"]
    headings = [(p.style.name, p.text) for p in doc.paragraphs
                if p.style.name.startswith("Heading")]
    road = unicodedata.normalize("NFC", ROAD_NFD)
    assert headings == [
        ("Heading 1", "1. Dự toán ngân sách năm 2026"),
        ("Heading 2", "Dự thảo nghị quyết ngân sách — số 125/TTr-UBND (phiên bản 2)"),
        ("Heading 1", "3.1. Đề án giao thông"),
        ("Heading 2", f"{road} (phiên bản 1)"),
        ("Heading 1", "Tài liệu khác"),
        ("Heading 2", "Thư mời họp (phiên bản 1)")]
    tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in doc.tables]
    assert tables[0] == [["Trang 2", "Tô sáng", "“nghị quyết ngân sách”\nHỏi lại Sở Tài chính"],
                         ["Trang 3", "Ghi chú", "Đề nghị bổ sung số liệu"],
                         ["Trang 5", "Gạch chân", "“chi thường xuyên”"],
                         ["Trang 9", "Nét vẽ tay", ""]]
    assert tables[1] == [["Trang 1", "Gạch ngang", f"“{road}”"],
                         ["Trang 1", "Hộp chữ", "Ý kiến của tôi"]]
    assert len(tables) == 3
    quote = doc.tables[0].rows[0].cells[2].paragraphs[0].runs[0]
    assert quote.italic and quote.text == "“nghị quyết ngân sách”"
    body = "\n".join(texts + [c for t in tables for r in t for c in r])
    assert "\x07" not in body and unicodedata.is_normalized("NFC", body)
    assert "Báo cáo thẩm tra" not in body and "Không có ghi chú" not in body
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]  # no temporary left


def test_notes_follow_their_headings(tmp_path):
    _, doc = _written(tmp_path)
    order = [("table", len(block.rows)) if isinstance(block, Table) else block.style.name
             for block in doc.iter_inner_content()
             if isinstance(block, Table) or block.style.name.startswith("Heading")]
    assert order == ["Heading 1", "Heading 2", ("table", 4), "Heading 1", "Heading 2",
                     ("table", 2), "Heading 1", "Heading 2", ("table", 1)]


def test_decree_30_typography(tmp_path):
    _, doc = _written(tmp_path)
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin,
                                  section.left_margin, section.right_margin)] == [20, 20, 30, 15]
    for style in ("Normal", "Heading 1", "Heading 2"):
        fonts = doc.styles[style].element.rPr.rFonts
        assert {fonts.get(qn(f"w:{s}")) for s in ("ascii", "hAnsi", "cs", "eastAsia")} \
            == {"Times New Roman"}, style
        assert not [name for name in fonts.attrib if "heme" in name], style  # theme would win
        assert doc.styles[style].font.size.pt == 13
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    assert defaults.find(qn("w:rPr")).rFonts.get(qn("w:eastAsia")) == "Times New Roman"
    assert doc.styles["Normal"].paragraph_format.line_spacing == pytest.approx(1.15)
    header = section.header._element.xml  # page number from page 2, top centre
    assert "PAGE" in header and section.different_first_page_header_footer
    assert doc.core_properties.author == "Nguyễn Thị Hương"
    assert doc.core_properties.created.replace(tzinfo=timezone.utc) \
        == datetime(2026, 1, 5, 7, 7, tzinfo=timezone.utc)  # 14:07 in Vietnam
    assert "python-docx" not in (doc.core_properties.comments or "")


def test_an_empty_summary_says_so(tmp_path):
    empty_document = DocumentNotes(title="Tờ trình", notes=())
    _, doc = _written(tmp_path, _summary(items=(ItemNotes("Khai mạc", "1", (empty_document,)),)))
    assert doc.paragraphs[-1].text == "Chưa có ghi chú nào."
    assert not doc.tables and not [p for p in doc.paragraphs if p.style.name.startswith("Head")]
    _, doc = _written(tmp_path, _summary(items=()))
    assert doc.paragraphs[-1].text == "Chưa có ghi chú nào."


def test_untrusted_text_is_capped_and_cleaned():
    capped = notes_summary.clean("ạ" * 5000 + "\x00\ufffe", notes_summary.MAX_CHARS)
    assert len(capped) == 2000 and capped.endswith("…")
    assert notes_summary.clean("a\r\nb\x0b\x1fc\ud800") == "a\nbc"
    assert notes_summary.clean(ROAD_NFD) == "Nâng cấp Đường tỉnh 295"
    words = notes_summary.clean("Tăng trưởng GRDP ước đạt 7,5%, " * 100, 2000)
    assert len(words) <= 2000 and words.endswith(("Tăng…", "trưởng…", "GRDP…", "ước…", "đạt…",
                                                  "7,5%…"))
    # A cut never leaves a combining mark to sit on the ellipsis.
    assert notes_summary.clean("a" * 1998 + "x\u0301\u0323", 2000) == "a" * 1998 + "…"


def test_dates_as_decree_30_writes_them():
    assert notes_summary.vietnamese_time(datetime(2026, 3, 9, 8, 0, tzinfo=VIETNAM)) \
        == "Lập lúc 08:00 ngày 09 tháng 3 năm 2026"
    assert notes_summary.vietnamese_time(datetime(2026, 12, 25, 23, 59, tzinfo=timezone.utc)) \
        == "Lập lúc 23:59 ngày 25 tháng 12 năm 2026"


def test_a_naive_time_is_refused(tmp_path):
    summary = _summary()
    naive = NotesSummary(summary.body, summary.session_title, summary.owner,
                         datetime(2026, 1, 5, 14, 7), summary.items)
    with pytest.raises(ValueError):
        write_notes_summary(naive, tmp_path / "x.docx")
    assert not list(tmp_path.iterdir())


def test_a_missing_folder_raises_and_leaves_nothing(tmp_path):
    with pytest.raises(OSError):
        write_notes_summary(_summary(), tmp_path / "missing" / "ghi-chu.docx")
    assert not list(tmp_path.iterdir())


def test_a_failed_write_keeps_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "ghi-chu.docx"
    path.write_bytes(b"the old summary")

    def full_disk(self, stream):
        stream.write(b"half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(docx.document.Document, "save", full_disk)
    with pytest.raises(OSError):
        write_notes_summary(_summary(), path)
    assert path.read_bytes() == b"the old summary"
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_libreoffice_prints_it_with_vietnamese_intact(tmp_path):
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        pytest.fail("LibreOffice is not installed (apt-get install libreoffice-writer-nogui): "
                    "the summary's layout cannot be checked")
    path, _ = _written(tmp_path)
    started = time.monotonic()
    result = subprocess.run(
        [office, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to",
         "pdf", "--outdir", str(tmp_path / "pdf"), str(path)],
        capture_output=True, text=True, timeout=120)
    pdf_path = tmp_path / "pdf" / "ghi-chu.pdf"
    assert result.returncode == 0 and pdf_path.exists(), (result.stdout, result.stderr)
    print(f"LibreOffice converted the summary in {time.monotonic() - started:.1f} s")
    with pymupdf.open(pdf_path) as pdf:
        assert round(pdf[0].rect.width / 72 * 25.4) == 210
        text = " ".join(" ".join(page.get_text().split()) for page in pdf)
        fonts = {font[3] for page in pdf for font in page.get_fonts()}
    for expected in ("HỘI ĐỒNG NHÂN DÂN TỈNH BẮC NINH", "TÓM TẮT GHI CHÚ CÁ NHÂN",
                     "Đại biểu: Nguyễn Thị Hương", "Lập lúc 14:07 ngày 05 tháng 01 năm 2026",
                     "Dự toán ngân sách năm 2026", "“nghị quyết ngân sách”",
                     "Nâng cấp Đường tỉnh 295", "Tài liệu khác", "Trang 9", "Nét vẽ tay"):
        assert expected in text, expected
    assert not [f for f in fonts if "DejaVu" in f], fonts  # a serif, not the fallback sans
