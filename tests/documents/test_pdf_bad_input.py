"""PdfRenderer on files a user may really pick: every failure is a DocumentError with a code."""

from __future__ import annotations

import random

import pymupdf
import pytest

from app.demo.pdf.build import DemoDocSpec, build_demo_pdf
from documents.render import DocumentError, PdfRenderer, RenderedPage, page_count


@pytest.fixture(scope="module")
def good_pdf(tmp_path_factory):
    path = tmp_path_factory.mktemp("bad-input") / "good.pdf"
    spec = DemoDocSpec(key="tt", kind="submission", title="Tờ trình về dự toán ngân sách năm 2027",
                       issuer="ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK", number="Số: 85/TTr-UBND",
                       place_date="Đắk Lắk, ngày 05 tháng 12 năm 2026", pages=12, seed=11)
    build_demo_pdf(spec, path)
    return path


def _code(path) -> str:
    with pytest.raises(DocumentError) as err:
        PdfRenderer(path)
    assert str(err.value)  # a plain English message
    return err.value.code


def test_missing_file(tmp_path):
    assert _code(tmp_path / "khong-co.pdf") == "not_found"


def test_folder_instead_of_file(tmp_path):
    assert _code(tmp_path) == "not_found"


def test_zero_byte_file(tmp_path):
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    assert _code(path) == "empty"


def test_random_bytes(tmp_path):
    path = tmp_path / "random.pdf"
    path.write_bytes(random.Random(1).randbytes(20_000))
    assert _code(path) == "corrupt"


def test_text_file_named_pdf(tmp_path):
    path = tmp_path / "ghi-chu.pdf"
    path.write_text("Đây là một tệp văn bản, không phải PDF.\n" * 50, encoding="utf-8")
    assert _code(path) == "corrupt"


def test_pdf_header_followed_by_garbage(tmp_path):
    path = tmp_path / "header-only.pdf"
    path.write_bytes(b"%PDF-1.7\n" + random.Random(2).randbytes(5000))
    assert _code(path) == "corrupt"


def test_password_protected(good_pdf, tmp_path):
    path = tmp_path / "mat.pdf"
    with pymupdf.open(good_pdf) as doc:
        doc.save(path, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="matkhau", owner_pw="chu")
    assert _code(path) == "encrypted"


def test_owner_password_only_opens(good_pdf, tmp_path):
    """Permissions-only encryption (empty user password) is readable, as in every viewer."""
    path = tmp_path / "owner.pdf"
    with pymupdf.open(good_pdf) as doc:
        doc.save(path, encryption=pymupdf.PDF_ENCRYPT_AES_256, owner_pw="chu", user_pw="")
    with PdfRenderer(path) as renderer:
        assert renderer.page_count == 12
        assert renderer.render(0, width_px=200).width == 200


def test_pdf_without_pages(tmp_path):
    path = tmp_path / "no-pages.pdf"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
    body, offsets = b"%PDF-1.4\n", []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(body)
    body += b"xref\n0 3\n0000000000 65535 f \n"
    body += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    body += b"trailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    path.write_bytes(body)
    assert _code(path) == "empty"


@pytest.mark.parametrize("fraction", [0.02, 0.1, 0.5, 0.9])
def test_truncated_pdf(good_pdf, tmp_path, fraction):
    """MuPDF repairs what it can. Either the file is refused as corrupt, or it opens (flagged
    as repaired) and every page renders or fails with DocumentError - nothing else escapes."""
    data = good_pdf.read_bytes()
    path = tmp_path / "truncated.pdf"
    path.write_bytes(data[: int(len(data) * fraction)])
    try:
        renderer = PdfRenderer(path)
    except DocumentError as err:
        assert err.code in {"corrupt", "empty"}
        return
    with renderer:
        assert renderer.was_repaired
        assert renderer.page_count >= 1
        for index in range(renderer.page_count):
            try:
                assert isinstance(renderer.render(index, zoom=0.2), RenderedPage)
            except DocumentError as err:
                assert err.code == "corrupt"


def test_truncated_half_still_opens(good_pdf, tmp_path):
    """What MuPDF 1.28 really does with the first half of our file: repairs and opens it."""
    data = good_pdf.read_bytes()
    path = tmp_path / "half.pdf"
    path.write_bytes(data[: len(data) // 2])
    with PdfRenderer(path) as renderer:
        assert renderer.was_repaired
        assert renderer.page_count > 0
        assert renderer.render(0, width_px=300).width == 300


def test_page_count_helper_raises_the_same_codes(tmp_path):
    with pytest.raises(DocumentError) as err:
        page_count(tmp_path / "nope.pdf")
    assert err.value.code == "not_found"


def test_error_codes_are_checked():
    with pytest.raises(ValueError):
        DocumentError("broken", "not a known code")
    err = DocumentError("corrupt", "damaged")
    assert (err.code, err.message, str(err)) == ("corrupt", "damaged", "damaged")

