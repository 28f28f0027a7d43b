"""'Save a copy with my notes': the copy holds standard Ink annotations that PyMuPDF reads back
and poppler draws, in place also on a rotated page; the original is untouched; confidential
documents and bad input are refused without leaving a file."""
from __future__ import annotations

import hashlib
import shutil
import subprocess

import pymupdf
import pytest

from documents.annotated_copy import (
    ExportRefused, NoteMark, write_annotated_copy, write_annotated_copy_in_process,
)
from documents.render import DocumentError
from tests.documents.search_pdfs import write_pdf


def _stroke(x0, y0, x1, y1, color="#c62828", width=3.0):
    return {"v": 1, "color": color, "width": width,
            "points": [[x0 + (x1 - x0) * i / 10, y0 + (y1 - y0) * i / 10, 1.0] for i in range(11)]}


@pytest.mark.parametrize("rotate", [0, 90])
def test_the_copy_holds_ink_annotations_other_readers_show(tmp_path, rotate):
    source = write_pdf(tmp_path / "nq.pdf", ["Nghị quyết ngân sách", "Trang hai"], rotate=rotate)
    before = hashlib.sha256(source.read_bytes()).hexdigest()
    target = tmp_path / "copy.pdf"
    marks = [NoteMark(0, "ink", _stroke(0.2, 0.5, 0.8, 0.5), "ý kiến"),
             NoteMark(1, "ink", _stroke(0.1, 0.1, 0.1, 0.9, "#1f3a93")),
             NoteMark(0, "ink", {"points": "garbage"}), NoteMark(9, "ink", _stroke(0, 0, 1, 1))]
    assert write_annotated_copy(source, target, marks, author="Phạm Quốc Định") == 2
    assert hashlib.sha256(source.read_bytes()).hexdigest() == before  # never changed
    with pymupdf.open(target) as doc:
        page, second = doc[0], doc[1]  # annotations live as long as their page object
        first = list(page.annots())
        assert [a.type[1] for a in first] == ["Ink"]
        assert first[0].info["title"] == "Phạm Quốc Định" and first[0].info["content"] == "ý kiến"
        assert first[0].colors["stroke"] == pytest.approx((198 / 255, 40 / 255, 40 / 255), abs=0.01)
        # in place on the displayed page: across its middle, from 20 % to 80 % of its width
        shown = page.rect
        line = first[0].vertices[0]
        start, end = (pymupdf.Point(line[0]) * page.rotation_matrix,
                      pymupdf.Point(line[-1]) * page.rotation_matrix)
        assert (start.x, start.y) == pytest.approx((0.2 * shown.width, 0.5 * shown.height), abs=1)
        assert (end.x, end.y) == pytest.approx((0.8 * shown.width, 0.5 * shown.height), abs=1)
        assert len(list(second.annots())) == 1
    # poppler draws it: red pixels on the middle of page 1
    pdftoppm = shutil.which("pdftoppm")
    assert pdftoppm, "poppler-utils (pdftoppm) is installed by packaging/system-packages.sh"
    subprocess.run([pdftoppm, "-r", "40", "-f", "1", "-l", "1", "-png", str(target),
                    str(tmp_path / "page")], check=True)
    png = next(tmp_path.glob("page*.png"))
    pixmap = pymupdf.Pixmap(str(png))
    reds = sum(1 for y in range(pixmap.height) for x in range(pixmap.width)
               if (lambda p: p[0] > 150 and p[1] < 100 and p[2] < 100)(pixmap.pixel(x, y)))
    assert reds > 20


def test_confidential_and_damaged_documents_leave_no_file(tmp_path):
    source = write_pdf(tmp_path / "mat.pdf", ["Mật"])
    target = tmp_path / "copy.pdf"
    with pytest.raises(ExportRefused):
        write_annotated_copy(source, target, [], confidential=True)
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"not a pdf")
    with pytest.raises(DocumentError):
        write_annotated_copy(bad, target, [])
    assert not target.exists() and not list(tmp_path.glob(".phonghop-*"))


def test_in_its_own_process_the_same_copy_and_the_same_errors(tmp_path):
    source = write_pdf(tmp_path / "nq.pdf", ["Nghị quyết"])
    target = tmp_path / "copy.pdf"
    assert write_annotated_copy_in_process(source, target,
                                           [NoteMark(0, "ink", _stroke(0.1, 0.1, 0.5, 0.5))]) == 1
    with pymupdf.open(target) as doc:
        page = doc[0]
        assert [a.type[1] for a in page.annots()] == ["Ink"]
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.7 garbage")
    with pytest.raises(DocumentError) as raised:
        write_annotated_copy_in_process(bad, tmp_path / "other.pdf", [])
    assert raised.value.code == "corrupt"
    with pytest.raises(ExportRefused):
        write_annotated_copy_in_process(source, tmp_path / "x.pdf", [], confidential=True)


@pytest.mark.parametrize("rotate", [0, 90])
def test_text_marks_become_the_pdfs_own_markup_over_the_same_words(tmp_path, rotate):
    from documents.page_find import page_content, select_words
    from documents.render import PdfRenderer

    source = write_pdf(tmp_path / "nq.pdf", ["Căn cứ Luật Ngân sách nhà nước;"], rotate=rotate)
    with PdfRenderer(source) as renderer:
        width, height = renderer.page_size(0)
        content = page_content(renderer.words(0))
    selection = select_words(content, 2, 4)  # "Luật Ngân sách"
    assert selection.exact == "Luật Ngân sách"
    boxes = [[x0 / width, y0 / height, x1 / width, y1 / height]
             for x0, y0, x1, y1 in selection.boxes]
    marks = [NoteMark(0, "highlight", {"style": style, "color": "#f9a825", "boxes": boxes})
             for style in ("highlight", "underline", "strikeout")]
    target = tmp_path / "copy.pdf"
    assert write_annotated_copy(source, target, marks) == 3
    with pymupdf.open(target) as doc:
        page = doc[0]
        annots = list(page.annots())
        assert [a.type[1] for a in annots] == ["Highlight", "Underline", "StrikeOut"]
        # the words under the highlight are the selected ones
        quad = pymupdf.Quad(*annots[0].vertices[:4])
        covered = page.get_textbox(quad.rect + (1, 1, -1, -1))
        assert " ".join(covered.split()) == "Luật Ngân sách"


def test_a_malformed_note_from_another_client_is_left_out_not_fatal(tmp_path):
    source = write_pdf(tmp_path / "nq.pdf", ["Nghị quyết"])
    target = tmp_path / "copy.pdf"
    good = NoteMark(0, "ink", _stroke(0.1, 0.1, 0.5, 0.5))
    bad = [NoteMark(0, "ink", {"color": "red", "width": 2, "points": [[0.1, 0.1]]}),
           NoteMark(0, "ink", {"color": "#c62828", "width": float("nan"), "points": [[0, 0]]}),
           NoteMark(0, "ink", {"color": "#c62828", "width": 2, "points": [["x", 0.1]]}),
           NoteMark(0, "highlight", {"style": "highlight", "color": "#f9a825",
                                     "boxes": [[0.1, float("inf"), 0.2, 0.3]]})]
    assert write_annotated_copy(source, target, bad + [good]) == 1


def test_a_copy_stopped_midway_leaves_nothing_behind(tmp_path):
    source = write_pdf(tmp_path / "nq.pdf", ["Nghị quyết"] * 3)
    target = tmp_path / "out" / "copy.pdf"
    target.parent.mkdir()
    with pytest.raises(DocumentError) as raised:
        write_annotated_copy_in_process(source, target, [], cancelled=lambda: True)
    assert raised.value.code == "timed_out"
    assert list(target.parent.iterdir()) == []  # no copy, no temporary file
    with pytest.raises(OSError):
        write_annotated_copy_in_process(source, tmp_path / "missing" / "copy.pdf", [])


@pytest.mark.parametrize("rotate", [0, 90])
def test_sticky_notes_and_text_boxes_become_text_and_free_text_annotations(tmp_path, rotate):
    source = write_pdf(tmp_path / "tt.pdf", ["Tờ trình dự toán ngân sách"], rotate=rotate)
    target = tmp_path / "copy.pdf"
    marks = [NoteMark(0, "note", {"v": 1, "x": 0.6, "y": 0.1, "color": "#f9a825"},
                      "Hỏi lại Sở Tài chính"),
             NoteMark(0, "text", {"v": 1, "x": 0.1, "y": 0.4, "w": 0.5, "size": 12,
                                  "color": "#c62828"}, "Đề nghị bổ sung số liệu năm 2025"),
             NoteMark(0, "note", {"v": 1, "x": 0.2, "y": 0.2, "color": "#f9a825"}, ""),  # empty
             NoteMark(0, "text", {"v": 1, "x": "?", "y": 0.4, "w": 0.5, "size": 12,
                                  "color": "#c62828"}, "hỏng")]  # malformed: left out
    assert write_annotated_copy(source, target, marks, author="Phạm Quốc Định") == 2
    with pymupdf.open(target) as doc:
        page = doc[0]
        found = {a.type[1]: a for a in page.annots()}
        assert set(found) == {"Text", "FreeText"}
        assert found["Text"].info["content"] == "Hỏi lại Sở Tài chính"
        assert found["FreeText"].info["content"] == "Đề nghị bổ sung số liệu năm 2025"
        assert found["FreeText"].info["title"] == "Phạm Quốc Định"
        corner = pymupdf.Point(found["Text"].rect.tl) * page.rotation_matrix
        shown = page.rect
        assert min(abs(corner.x - 0.6 * shown.width), abs(corner.x - 0.6 * shown.width + 16)) < 20
    subprocess.run([shutil.which("pdftoppm"), "-r", "100", "-png", str(target),
                    str(tmp_path / "page")], check=True)
    pixmap = pymupdf.Pixmap(str(next(tmp_path.glob("page*.png"))))
    reds = sum(1 for y in range(pixmap.height) for x in range(pixmap.width)
               if (lambda p: p[0] > 150 and p[1] < 100 and p[2] < 100)(pixmap.pixel(x, y)))
    assert reds > 40  # poppler draws the text box's red words
