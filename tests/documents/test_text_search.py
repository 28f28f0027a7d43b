"""Search as a delegate types it: no marks, any case, "d" for "đ"; snippets; hostile queries."""
from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from documents.page_find import hit_boxes, page_content, unpack_boxes
from documents.render import PdfRenderer
from documents.text_fold import fold, fold_with_offsets, match_spans, tokens
from documents.text_index import TextIndex
from tests.documents.search_pdfs import write_pdf

BUDGET = ("Hội đồng nhân dân tỉnh ban hành\nNghị quyết   ngân sách năm 2027\n"
          "về quản lý đất đai.")


def test_fold_ignores_case_marks_and_the_stroke_of_d():
    assert fold("NGHỊ QUYẾT Ngân Sách") == "nghi quyet ngan sach"
    assert fold("Đắk Lắk, đường Điện Biên") == "dak lak, duong dien bien"
    nfd = unicodedata.normalize("NFD", "Nghị quyết")
    assert fold(nfd) == "nghi quyet"
    assert tokens('Nghị-quyết "OR" NEAR(ngân*') == ["nghi", "quyet", "or", "near", "ngan"]


@given(st.text(max_size=60))
@settings(max_examples=300, deadline=None)
def test_offsets_point_back_into_the_original(text):
    folded, origin = fold_with_offsets(text)
    assert len(origin) == len(folded) + 1 and origin[-1] == len(text)
    assert origin == sorted(origin) and all(0 <= i <= len(text) for i in origin)


def test_match_spans_are_the_original_words():
    spans = match_spans(BUDGET, tokens("nghi quyet ngan sa"))
    assert [BUDGET[a:b] for a, b in spans] == ["Nghị quyết   ngân sách"]


def test_match_spans_in_decomposed_text_and_with_letters_that_grow_when_lowered():
    nfd = unicodedata.normalize("NFD", "Về ngân sách")
    (start, end), = match_spans(nfd, ["ngan", "sach"])
    assert nfd[start:end] == unicodedata.normalize("NFD", "ngân sách")
    text = "İİ Đất đai"
    (start, end), = match_spans(text, ["dat", "dai"])
    assert text[start:end] == "Đất đai"


@given(st.text(alphabet="aăâbdđeêioôơuưy ,.ẠẶẬẸỆỊỌỘỢỤỰỴ\u0301\u0323İ", max_size=40),
       st.integers(0, 3))
@settings(max_examples=300, deadline=None)
def test_every_span_holds_the_query_words(text, word):
    words = tokens(text)
    if not words:
        return
    query = words[word % len(words):][:2]
    for start, end in match_spans(text, query):
        found = tokens(text[start:end])
        assert found[:-1] == query[:-1] and found[-1].startswith(query[-1])


@pytest.fixture()
def index(tmp_path):
    idx = TextIndex(tmp_path / "search.sqlite")
    yield idx
    idx.close()


def test_search_without_marks_finds_the_page_with_a_snippet(index):
    index.add_document("a" * 64, ["Mục lục", BUDGET])
    index.add_document("b" * 64, ["Báo cáo tình hình kinh tế"])
    hits = index.search("nghi quyet ngan sach")
    assert [(h.sha256, h.page) for h in hits] == [("a" * 64, 1)]
    hit = hits[0]
    assert hit.exact
    assert [hit.snippet[a:b] for a, b in hit.spans] == ["Nghị quyết ngân sách"]
    assert "\n" not in hit.snippet and "   " not in hit.snippet
    assert index.search("DAT DAI")[0].page == 1          # "đ" found by "d", any case
    assert index.search("Đất đai")[0].page == 1          # and by itself
    assert index.search("nghi quyet ngan s")[0].page == 1  # the last word still being typed


def test_phrase_hits_come_before_pages_with_the_words_apart(index):
    index.add_document("a" * 64, ["ngân sách và các khoản khác của nghị quyết"])
    index.add_document("b" * 64, ["dự thảo nghị quyết ngân sách"])
    hits = index.search("nghi quyet ngan sach")
    assert [(h.sha256, h.exact) for h in hits] == [("b" * 64, True), ("a" * 64, False)]
    loose = hits[1]
    assert sorted(loose.snippet[a:b] for a, b in loose.spans) == ["nghị", "ngân", "quyết", "sách"]


def test_search_is_limited_to_the_session_documents(index):
    index.add_document("a" * 64, ["ngân sách tỉnh"])
    index.add_document("b" * 64, ["ngân sách huyện"])
    assert [h.sha256 for h in index.search("ngan sach", ["b" * 64])] == ["b" * 64]
    assert index.search("ngan sach", []) == []


def test_a_new_version_replaces_the_old_and_stale_versions_are_dropped(index):
    index.add_document("a" * 64, ["phiên bản cũ: dự toán"])
    index.add_document("c" * 64, ["phiên bản mới: quyết toán"])
    assert index.keep_only(["c" * 64]) == ["a" * 64]
    assert index.search("du toan") == []
    assert index.search("quyet toan")[0].sha256 == "c" * 64
    index.add_document("c" * 64, ["đã sửa"])          # indexing again replaces, never doubles
    assert index.search("quyet toan") == [] and len(index.search("da sua")) == 1


def test_pages_with_hits_counts_each_occurrence(index):
    index.add_document("a" * 64, ["đất đai", "không có", "Đất ở, đất nông nghiệp, ĐẤT rừng"])
    assert index.pages_with_hits("a" * 64, "dat") == [(0, 1), (2, 3)]


@pytest.mark.parametrize("query", ['"', "'", '" OR "', "*", "NEAR(", "a:b", "^x", "-",
                                   "AND OR NOT", ")(", "\x00", "x" * 5000, "   ", ""])
def test_hostile_queries_never_raise(index, query):
    index.add_document("a" * 64, ["AND OR NOT near a b x"])
    hits = index.search(query)
    assert isinstance(hits, list)
    assert isinstance(index.pages_with_hits("a" * 64, query), list)


@given(st.text(max_size=40))
@settings(max_examples=200, deadline=None)
def test_any_query_text_is_safe(query):
    idx = TextIndex(":memory:")
    idx.add_document("a" * 64, [BUDGET])
    idx.search(query)
    idx.close()


def test_hit_boxes_on_a_real_page_including_a_rotated_one(tmp_path):
    for rotate in (0, 90):
        path = write_pdf(tmp_path / f"r{rotate}.pdf",
                         ["Căn cứ Luật Ngân sách nhà nước;\nXét tờ trình về ngân\nsách tỉnh."],
                         rotate=rotate)
        with PdfRenderer(path) as renderer:
            width, height = renderer.page_size(0)
            content = page_content(renderer.words(0))
        assert content.text.splitlines()[1] == "Xét tờ trình về ngân"
        hits = hit_boxes(content, tokens("ngan sach"))
        assert len(hits) == 2
        assert len(hits[0]) == 1 and len(hits[1]) == 2  # the second is split over two lines
        for hit in hits:
            for x0, y0, x1, y1 in hit:
                assert 0 <= x0 < x1 <= width and 0 <= y0 < y1 <= height
        if rotate == 0:
            (x0, y0, x1, y1), = hits[0]
            assert y0 < 80 and x1 - x0 > 35  # "Ngân sách" on the first line: both words


def test_the_index_gives_the_boxes_of_a_page_hit(tmp_path, index):
    path = write_pdf(tmp_path / "a.pdf", ["Mục lục", "Về đất đai và ĐẤT ĐAI"])
    with PdfRenderer(path) as renderer:
        pages = [page_content(renderer.words(i)) for i in range(2)]
    index.add_document("a" * 64, pages)
    assert index.pages_with_hits("a" * 64, "dat dai") == [(1, 2)]
    boxes = index.page_hits("a" * 64, 1, "dat dai")
    assert len(boxes) == 2 and boxes[0][0][0] < boxes[1][0][0]
    assert index.page_hits("a" * 64, 0, "dat dai") == []
    assert index.page_hits("a" * 64, 7, "dat dai") == []


def test_boxes_survive_packing_and_a_word_with_a_blank_is_left_out():
    words = [(10.5, 20.0, 30.25, 40.0, "Về", 0, 0, 0), (9000.0, 20.0, 14000.5, 40.0, "x y", 0, 0, 1),
             (50.0, 60.0, 70.0, 80.0, "đất", 0, 1, 0)]
    content = page_content(words)
    assert content.text == "Về\nđất"
    assert unpack_boxes(content.boxes) == [(10.5, 20.0, 30.25, 40.0), (50.0, 60.0, 70.0, 80.0)]
    (box,), = hit_boxes(content, tokens("dat"))
    assert box == (50.0, 60.0, 70.0, 80.0)
