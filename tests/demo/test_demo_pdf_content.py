"""Pieces of the demo generator: numbers, issuer parsing, wrapping, exact page budgets."""

from __future__ import annotations

import pymupdf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.demo.pdf.content import format_vn_number, issuer_context
from app.demo.pdf.fonts import VIETNAMESE_PROBE, find_vietnamese_font_family
from app.demo.pdf.layout import TEXT_W, demo_faces, wrap
from app.demo.pdf.build import DemoDocSpec, build_demo_pdf_bytes


@pytest.mark.parametrize("value, decimals, text", [
    (12345.67, 2, "12.345,67"), (0, 0, "0"), (1234567, 0, "1.234.567"), (-1234.5, 1, "-1.234,5"),
    (0.5, 2, "0,50"), (999.999, 2, "1.000,00"), (92.3077, 2, "92,31"),
])
def test_format_vn_number(value, decimals, text):
    assert format_vn_number(value, decimals) == text


def test_issuer_context_province_committee():
    ctx = issuer_context("ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK", "Đắk Lắk, ngày 20 tháng 11 năm 2026")
    assert (ctx.name, ctx.body, ctx.level, ctx.place, ctx.year) == (
        "ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK", "Ủy ban nhân dân tỉnh", "tỉnh", "Đắk Lắk", 2026)
    assert (ctx.sign_on_behalf, ctx.sign_title) == ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
    assert ctx.council == "Hội đồng nhân dân tỉnh Đắk Lắk"
    assert ctx.date_phrase == "ngày 20 tháng 11 năm 2026"


def test_issuer_context_name_on_two_lines_and_parent_body():
    commune = issuer_context("HỘI ĐỒNG NHÂN DÂN\nXÃ HÒA PHÚ", "Hòa Phú, ngày 05 tháng 12 năm 2026")
    assert (commune.parent_lines, commune.name, commune.body) == (
        (), "HỘI ĐỒNG NHÂN DÂN XÃ HÒA PHÚ", "Hội đồng nhân dân xã")
    board = issuer_context("HĐND TỈNH ĐẮK LẮK\nBAN KINH TẾ - NGÂN SÁCH", "Đắk Lắk, ngày 1 tháng 12 năm 2026")
    assert board.parent_lines == ("HĐND TỈNH ĐẮK LẮK",)
    assert (board.body, board.sign_title) == ("Ban Kinh tế - Ngân sách", "TRƯỞNG BAN")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["Đắk", "Lắk", "Nghị", "quyết", "Ủy", "ban", "tháng", "năm",
                                 "12.345,67", "(GRDP)", "-", "HỘI", "ĐỒNG"]), min_size=1,
                max_size=120),
       st.floats(60, TEXT_W))
def test_wrap_keeps_words_and_width(words, width):
    face = demo_faces().regular
    lines = wrap(" ".join(words), face, 13, width)
    assert [w for line in lines for w in line] == words
    for line in lines:
        assert len(line) == 1 or face.width(" ".join(line), 13) <= width + 1e-6


@settings(max_examples=15, deadline=None)
@given(pages=st.integers(2, 45), seed=st.integers(0, 10_000),
       kind=st.sampled_from(["report", "submission", "resolution", "plan", "other"]),
       confidential=st.booleans())
def test_page_budget_is_exact(pages, seed, kind, confidential):
    spec = DemoDocSpec("k", kind, "Về kế hoạch phát triển kinh tế - xã hội năm 2027",
                       "ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK", "Số: 1/KH-UBND",
                       "Đắk Lắk, ngày 20 tháng 11 năm 2026", pages, confidential, seed)
    with pymupdf.open("pdf", build_demo_pdf_bytes(spec)) as doc:
        assert doc.page_count == pages
        assert "CHỦ TỊCH" in doc[-1].get_text()
        for page in doc:  # no blank page anywhere
            assert len(page.get_text().split()) > 5


def test_font_lookup_prefers_an_installed_serif_and_falls_back_to_noto():
    # `make test` installs fonts-liberation2: the metric-compatible Times New Roman stand-in
    # must be found, not the fallback (GUIDE.md §6).
    family = find_vietnamese_font_family()
    assert family.name == "Liberation Serif"
    fallback = find_vietnamese_font_family(dirs=())
    assert fallback.name == "Noto Sans"
    for data in (fallback.regular, fallback.bold, fallback.italic, fallback.bold_italic):
        font = pymupdf.Font(fontbuffer=data)
        assert all(font.has_glyph(ord(c)) for c in VIETNAMESE_PROBE if c != " ")
