"""Notes carried over to a new version: found again by their quote (marks) or by the words
next to them (ink), or honestly not placed."""
from __future__ import annotations

import pytest

from documents.anchoring import carry, find_quote, read_version
from documents.page_find import nearest_word, select_words
from tests.documents.search_pdfs import write_pdf

LINES = ["Điều 1. Phạm vi điều chỉnh của nghị quyết",
         "Nghị quyết này quy định dự toán ngân sách địa phương năm 2027.",
         "Điều 2. Đối tượng áp dụng",
         "Các cơ quan, đơn vị sử dụng ngân sách nhà nước của tỉnh.",
         "Điều 3. Tổ chức thực hiện",
         "Ủy ban nhân dân tỉnh tổ chức thực hiện nghị quyết này."]
INSERTED = ["Điều 1a. Giải thích từ ngữ (mới)",
            "Trong nghị quyết này, các từ ngữ dưới đây được hiểu như sau:",
            "Dự toán là kế hoạch thu, chi ngân sách đã được quyết định."]
LINE_PT = 16  # write_pdf's line height


@pytest.fixture(scope="module")
def versions(tmp_path_factory):
    root = tmp_path_factory.mktemp("versions")
    old = write_pdf(root / "v1.pdf", ["\n".join(LINES), "Phụ lục: bảng số liệu"])
    # v2: a paragraph inserted before Điều 2, and Điều 3's sentence rewritten
    new_lines = LINES[:2] + INSERTED + LINES[2:5] + ["Giao Ủy ban nhân dân tỉnh triển khai."]
    new = write_pdf(root / "v2.pdf", ["\n".join(new_lines), "Phụ lục: bảng số liệu"])
    return read_version(old), read_version(new)


def _mark(version, page: int, words: str) -> dict:
    """A highlight over `words` on `page`, made the way the viewer makes it."""
    content = version.pages[page].content
    start = content.text.index(words)
    first = len(content.text[:start].split())
    last = first + len(words.split()) - 1
    selection = select_words(content, first, last)
    width, height = version.pages[page].size
    boxes = [[x0 / width, y0 / height, x1 / width, y1 / height]
             for x0, y0, x1, y1 in selection.boxes]
    return {"v": 1, "style": "highlight", "color": "#f9a825", "boxes": boxes,
            "quote": {"exact": selection.exact, "prefix": selection.prefix,
                      "suffix": selection.suffix}}


def test_a_highlight_follows_its_words_down_when_a_paragraph_is_inserted_before(versions):
    old, new = versions
    data = _mark(old, 0, "sử dụng ngân sách nhà nước")
    page, moved = carry(old, new, "highlight", 0, data)
    assert page == 0
    assert moved["quote"]["exact"] == "sử dụng ngân sách nhà nước"
    shift = len(INSERTED) * LINE_PT / new.pages[0].size[1]
    for (x0, y0, x1, y1), (a, b, c, d) in zip(data["boxes"], moved["boxes"]):
        assert a == pytest.approx(x0, abs=1e-3) and c == pytest.approx(x1, abs=1e-3)
        assert b - y0 == pytest.approx(shift, abs=2e-3)  # three lines further down
    assert moved["color"] == data["color"] and moved["style"] == "highlight"


def test_ink_moves_with_the_words_next_to_it(versions):
    old, new = versions
    content = old.pages[0].content
    index = content.text.split().index("Đối")
    # a circle drawn around "Đối tượng" (Điều 2's heading), in page fractions
    width, height = old.pages[0].size
    x, y = 130 / width, (72 + 2 * LINE_PT - 4) / height
    assert nearest_word(content, x * width, y * height) in (index, index + 1)
    points = [[x - 0.03, y - 0.01, 1.0], [x + 0.05, y - 0.01, 0.8], [x + 0.05, y + 0.01, 0.9],
              [x - 0.03, y + 0.01, 1.0]]
    data = {"v": 1, "color": "#c62828", "width": 2.5, "points": points}
    page, moved = carry(old, new, "ink", 0, data)
    assert page == 0
    shift = len(INSERTED) * LINE_PT / new.pages[0].size[1]
    for (x0, y0, p0), (x1, y1, p1) in zip(points, moved["points"]):
        assert x1 == pytest.approx(x0, abs=1e-3)
        assert y1 - y0 == pytest.approx(shift, abs=2e-3)
        assert p1 == p0  # the pen's pressure is kept
    assert moved["width"] == 2.5 and moved["color"] == "#c62828"


def test_a_note_on_words_that_are_gone_is_not_placed(versions):
    old, new = versions
    data = _mark(old, 0, "tổ chức thực hiện nghị quyết này.")
    assert carry(old, new, "highlight", 0, data) is None
    near_gone = {"v": 1, "color": "#1f3a93", "width": 1.2,
                 "points": [[0.5, (72 + 5 * LINE_PT - 4) / 842, 1.0], [0.7, 0.13, 1.0]]}
    assert carry(old, new, "ink", 0, near_gone) is None


def test_ink_far_from_any_text_or_of_unknown_kind_is_not_placed(versions):
    old, new = versions
    blank = {"v": 1, "color": "#1f3a93", "width": 1.2, "points": [[0.5, 0.9, 1.0], [0.6, 0.95, 1]]}
    assert carry(old, new, "ink", 0, blank) is None
    assert carry(old, new, "sticker", 0, {"x": 1}) is None
    assert carry(old, new, "highlight", 0, {"quote": "not a dict"}) is None
    assert carry(old, new, "ink", 7, {"points": [[0.1, 0.1]]}) is None  # no such page


def test_the_occurrence_whose_context_agrees_wins_and_case_and_marks_do_not_matter(versions):
    _old, new = versions
    # "ngân sách" occurs three times on page 1: the context picks Điều 2's
    found = find_quote(new, "ngân sách", prefix="Các cơ quan, đơn vị sử dụng",
                       suffix="nhà nước của tỉnh.")
    assert found is not None and found.page == 0
    assert found.prefix.endswith("sử dụng") and found.suffix.startswith("nhà nước")
    typed = find_quote(new, "NGAN SACH NHA NUOC", prefix="su dung")
    assert typed is not None and typed.exact == "ngân sách nhà nước"
    # one common word whose context is found nowhere: not trusted
    assert find_quote(new, "tỉnh", prefix="một câu không có", suffix="ở đâu cả") is None
    # the quote moved to the other page
    assert find_quote(new, "bảng số liệu", prefix="Phụ lục:", near_page=0).page == 1


def test_sticky_notes_and_text_boxes_move_with_the_words_they_sit_by(versions):
    old, new = versions
    width, height = old.pages[0].size
    y = (72 + 2 * LINE_PT - 10) / height  # by Điều 2's heading
    shift = len(INSERTED) * LINE_PT / new.pages[0].size[1]
    note = {"v": 1, "x": 125 / width, "y": y, "color": "#f9a825"}
    page, moved = carry(old, new, "note", 0, note)
    assert page == 0 and moved["x"] == pytest.approx(note["x"], abs=1e-3)
    assert moved["y"] - y == pytest.approx(shift, abs=2e-3)
    box = {"v": 1, "x": 80 / width, "y": y, "w": 0.3, "size": 11, "color": "#c62828"}
    page, moved = carry(old, new, "text", 0, box)
    assert moved["y"] - y == pytest.approx(shift, abs=2e-3) and moved["w"] == 0.3
    far = {"v": 1, "x": 0.5, "y": 0.95, "color": "#f9a825"}  # no words near it
    assert carry(old, new, "note", 0, far) is None
    assert carry(old, new, "note", 0, {"v": 1, "color": "#f9a825"}) is None  # malformed
