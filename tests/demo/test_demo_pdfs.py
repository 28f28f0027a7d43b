"""Generated Vietnamese demo documents: exact length, layout text, outline, tables, fonts."""

from __future__ import annotations

import re
import unicodedata

import pymupdf
import pytest

from app.demo.pdf.layout import demo_faces
from app.demo.pdf.build import KIND_TITLES, DemoDocSpec, build_demo_pdf, build_demo_pdf_bytes

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
BASE14 = {"Helvetica", "Times-Roman", "Courier", "Symbol", "ZapfDingbats", "Helvetica-Bold",
          "Times-Bold", "Courier-Bold", "Times-Italic", "Helvetica-Oblique"}


def spec(pages: int, **changes) -> DemoDocSpec:
    values = dict(key="bc-ktxh-2026", kind="report",
                  title="Báo cáo tình hình kinh tế - xã hội năm 2026 và kế hoạch năm 2027",
                  issuer="ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK", number="Số: 412/BC-UBND",
                  place_date="Đắk Lắk, ngày 20 tháng 11 năm 2026", pages=pages,
                  confidential=False, seed=7)
    values.update(changes)
    return DemoDocSpec(**values)


def norm(text: str) -> str:
    """NFC, whitespace collapsed: compare text across line breaks."""
    return " ".join(unicodedata.normalize("NFC", text).split())


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo")
    docs = {}
    for pages in (2, 57, 300):
        path = folder / f"doc-{pages}.pdf"
        docs[pages] = (build_demo_pdf(spec(pages), path), path)
    yield docs


@pytest.mark.parametrize("pages", [2, 57, 300])
def test_exact_page_count(built, pages):
    returned, path = built[pages]
    with pymupdf.open(path) as doc:
        assert returned == doc.page_count == pages
        for page in doc:
            assert (page.rect.width, page.rect.height) == pytest.approx((595.28, 841.89), abs=0.1)


@pytest.mark.parametrize("pages", [2, 3, 4, 5, 9, 13, 31])
def test_small_and_odd_page_counts(tmp_path, pages):
    path = tmp_path / "d.pdf"
    assert build_demo_pdf(spec(pages, seed=pages), path) == pages
    with pymupdf.open(path) as doc:
        assert doc.page_count == pages
        last = norm(doc[-1].get_text())
        assert "TM. ỦY BAN NHÂN DÂN" in last and "CHỦ TỊCH" in last


def test_first_page_layout_text(built):
    with pymupdf.open(built[57][1]) as doc:
        text = norm(doc[0].get_text())
    for expected in (NATION, MOTTO, "ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK", "Số: 412/BC-UBND",
                     "Đắk Lắk, ngày 20 tháng 11 năm 2026", "BÁO CÁO",
                     "Báo cáo tình hình kinh tế - xã hội năm 2026 và kế hoạch năm 2027"):
        assert norm(expected) in text
    assert "MẬT" not in text


def test_deterministic(tmp_path):
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    build_demo_pdf(spec(12), first)
    build_demo_pdf(spec(12), second)
    with pymupdf.open(first) as a, pymupdf.open(second) as b:
        assert a[2].get_text() == b[2].get_text()
    assert first.read_bytes() == second.read_bytes()  # stable hashes for demo seeding
    other = build_demo_pdf_bytes(spec(12, seed=8))
    with pymupdf.open(first) as a, pymupdf.open("pdf", other) as c:
        assert a[2].get_text() != c[2].get_text()


@pytest.mark.parametrize("pages", [2, 57, 300])
def test_outline_points_at_headings(built, pages):
    with pymupdf.open(built[pages][1]) as doc:
        toc = doc.get_toc()
        chapters = [entry for entry in toc if entry[0] == 1 and entry[1] != "MỤC LỤC"]
        assert chapters and chapters[0][1].startswith("I. ")
        if pages >= 57:
            assert len(chapters) >= 4
            assert any(entry[0] == 2 for entry in toc)
        for _level, title, page_no in toc:
            assert 1 <= page_no <= pages
            assert norm(title) in norm(doc[page_no - 1].get_text()), (title, page_no)


def test_table_of_contents_page(built):
    with pymupdf.open(built[57][1]) as doc:
        toc_text = norm(doc[1].get_text())
        assert toc_text.startswith("MỤC LỤC")
        for level, title, page_no in doc.get_toc():
            if level == 1 and title != "MỤC LỤC":
                assert re.search(re.escape(norm(title)) + r"[ .]*" + str(page_no) + r"\b", toc_text)


def test_tables_use_vietnamese_numbers(built):
    with pymupdf.open(built[57][1]) as doc:
        pages = [page.get_text() for page in doc if "Bảng " in page.get_text()]
    assert pages, "a 57-page document has tables"
    text = "\n".join(pages)
    assert re.search(r"\b\d{1,3}(?:\.\d{3})+,\d{2}\b", text)  # 12.345,67
    assert not re.search(r"\b\d{1,3}(?:,\d{3})+\.\d{2}\b", text)  # never 12,345.67
    numbers = re.findall(r"Bảng (\d+)\.", "\n".join(pages))
    assert [int(n) for n in numbers] == list(range(1, len(numbers) + 1))


def test_footer_page_numbers(built):
    with pymupdf.open(built[57][1]) as doc:
        for index in (1, 10, 56):
            lines = [line.strip() for line in doc[index].get_text().splitlines() if line.strip()]
            assert str(index + 1) in lines


def test_confidential_stamp(tmp_path):
    path = tmp_path / "mat.pdf"
    build_demo_pdf(spec(3, confidential=True), path)
    with pymupdf.open(path) as doc:
        assert "MẬT" in norm(doc[0].get_text())


def test_fonts_embedded_and_cover_the_text(built):
    faces = demo_faces()
    with pymupdf.open(built[57][1]) as doc:
        for index in (0, 1, 4, 56):
            page = doc[index]
            fonts = page.get_fonts()
            assert fonts
            for _xref, ext, _type, basefont, *_ in fonts:
                assert ext != "n/a", f"font {basefont} not embedded"
                assert basefont.split("+")[-1] not in BASE14
            text = page.get_text()
            assert faces.regular.has_glyphs(text) and faces.bold.has_glyphs(text)


@pytest.mark.parametrize("kind", sorted(KIND_TITLES))
def test_every_kind(tmp_path, kind):
    path = tmp_path / f"{kind}.pdf"
    issuer = "HỘI ĐỒNG NHÂN DÂN\nTỈNH ĐẮK LẮK" if "resolution" in kind else "ỦY BAN NHÂN DÂN\nXÃ HÒA PHÚ"
    assert build_demo_pdf(spec(5, kind=kind, issuer=issuer, title="Về dự toán ngân sách năm 2027",
                               seed=5), path) == 5
    with pymupdf.open(path) as doc:
        first = norm(doc[0].get_text())
        assert norm(KIND_TITLES[kind]) in first and "Về dự toán ngân sách năm 2027" in first
        if "resolution" in kind:
            assert "QUYẾT NGHỊ:" in first
            assert "TM. HỘI ĐỒNG NHÂN DÂN" in norm(doc[-1].get_text())


@pytest.mark.parametrize("changes", [{"pages": 1}, {"pages": 0}, {"kind": "memo"}])
def test_invalid_specs(changes):
    with pytest.raises(ValueError):
        spec(**{"pages": 3, **changes})


def test_decomposed_input_is_normalised(tmp_path):
    """A title typed on a system that stores NFD text still renders with precomposed glyphs."""
    nfd = unicodedata.normalize("NFD", "Nghị quyết về Đắk Lắk")
    path = tmp_path / "nfd.pdf"
    build_demo_pdf(spec(2, title=nfd, issuer=unicodedata.normalize("NFD", "ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK")),
                   path)
    with pymupdf.open(path) as doc:
        text = doc[0].get_text()
    assert "Nghị quyết về Đắk Lắk" in text  # NFC, exactly as extracted
    assert "ỦY BAN NHÂN DÂN" in text
