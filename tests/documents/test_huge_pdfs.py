"""Huge PDFs (issue 8, point 7) through what a tablet runs: the render process (`RenderClient`)
and the indexing process (`IndexClient`). A 2,000-page document opens with its page count and
bookmarks, renders its first and last pages and the sidebar's thumbnails, is indexed and found
at page 1,500; a ~200 MB document renders and is indexed while MuPDF's memory stays in the
other processes, not in this one (the UI's); a copy cut short shows what arrived. Each step runs
under a time limit. A password-protected copy gets the ENCRYPTED code, which the UI shows as
"Tài liệu được bảo vệ bằng mật khẩu nên không thể hiển thị." (ui/texts.py, checked by
tests/ui/test_ui_texts.py), and neither process stops answering."""
from __future__ import annotations

import gc
import os
import queue
import shutil
import time

import pymupdf
import pytest

from documents.index_client import IndexClient
from documents.render import (CORRUPT, ENCRYPTED, ERROR_CODES, PAGE_OUT_OF_RANGE, DocumentError,
                              PdfRenderer, sha256_file)
from documents.render_client import THUMBNAIL, DocFailed, Failed, Opened, Page, RenderClient
from documents.render_process import RSS_BUDGET
from documents.text_index import FAILED, TextIndex
from tests.documents.huge_pdfs import (write_heavy_pdf, write_long_pdf, write_page_count_claim,
                                       write_repeated_page)
from tests.documents.test_index_process import Events as Indexed

LONG_PAGES = 2000
MARKED = 1499  # page 1,500: the only one with this line
MARKED_LINE = "Công trình thủy lợi hồ chứa nước Ea Súp"
HEAVY_BYTES = 190_000_000
OPEN_S = 5.0  # open, including starting the render process
PAGE_S = 3.0  # one page on screen, from the request
INDEX_S = 20.0  # a whole document read and written to the index
RSS_GROWTH = 150 << 20  # what this process may grow by while the others work on 200 MB
THUMBNAILS = 24  # what the sidebar asks for at once (ui/viewer_sidebar.py MAX_REQUESTS)
MOST_PAGES = 10 * LONG_PAGES  # a hostile file may claim more: no tablet shows them all


@pytest.fixture(scope="session")
def long_pdf(tmp_path_factory):
    return write_long_pdf(tmp_path_factory.mktemp("huge") / "2000-trang.pdf",
                          {MARKED: MARKED_LINE}, LONG_PAGES)


@pytest.fixture(scope="session")
def heavy_pdf(tmp_path_factory):
    path = write_heavy_pdf(tmp_path_factory.mktemp("huge") / "200mb.pdf")
    assert path.stat().st_size > HEAVY_BYTES
    yield path
    path.unlink()  # pytest keeps the last runs' temporary folders: not 200 MB each


class Answers:
    """What the render client's reader thread hands over; of a page only what the tests look
    at (the pixels are valid only during the call, and copying 9 MB pages would blur the
    memory measurements)."""

    def __init__(self) -> None:
        self.queue: queue.Queue = queue.Queue()

    def __call__(self, answer) -> None:
        if isinstance(answer, Page):
            pixels = answer.samples[::4097]  # a sample of B, G, R, X bytes
            answer = PageSeen(answer.request_id, answer.index, answer.width, answer.height,
                              answer.preview, min(pixels), len(set(pixels)))
        self.queue.put(answer)

    def next(self, limit_s: float):
        """The next answer; the test fails when none comes within `limit_s`."""
        try:
            return self.queue.get(timeout=limit_s)
        except queue.Empty:
            pytest.fail(f"no answer from the render process within {limit_s} s")

    def page(self, limit_s: float):
        """The next final page (a slow page may first come as a preview) or failure."""
        deadline = time.monotonic() + limit_s
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                pytest.fail(f"only a preview from the render process within {limit_s} s")
            answer = self.next(left)
            if not (isinstance(answer, PageSeen) and answer.preview):
                return answer


class PageSeen:
    def __init__(self, request_id, index, width, height, preview, darkest, shades) -> None:
        self.request_id, self.index, self.width, self.height = request_id, index, width, height
        self.preview, self.darkest, self.shades = preview, darkest, shades

    def __repr__(self) -> str:
        return f"PageSeen(index={self.index}, {self.width}x{self.height}, shades={self.shades})"


@pytest.fixture()
def renderer():
    answers = Answers()
    client = RenderClient(answers, page_time_limit_s=10.0)
    client.answers = answers
    yield client
    client.shutdown()


@pytest.fixture()
def indexer(tmp_path):
    events = Indexed()
    client = IndexClient(tmp_path / "index.sqlite", events, time_limit_s=10.0)
    client.events = events
    yield client
    client.shutdown()


def _index(indexer, path, sha=None):
    """Index `path`, wait for the end; its last event."""
    sha = sha or sha256_file(path)
    started = time.monotonic()
    assert indexer.index(sha, str(path))
    assert indexer.wait_idle(INDEX_S), f"{path.name}: not indexed within {INDEX_S} s"
    events = indexer.events.of(sha)
    print(f"{path.name}: {events[-1].kind} in {time.monotonic() - started:.2f} s")
    return events[-1]


def _open(client, path):
    started = time.monotonic()
    doc_id = client.open(str(path))
    opened = client.answers.next(OPEN_S)
    assert opened.doc_id == doc_id
    elapsed = time.monotonic() - started
    assert elapsed < OPEN_S
    print(f"{path.name}: {type(opened).__name__} in {elapsed:.2f} s")
    return opened


def _remove(path) -> None:
    try:
        path.unlink()
    except OSError:  # still open where the system keeps open files (Windows)
        pass


def _rss() -> int | None:
    """This process' resident memory (Linux), None where the system does not tell."""
    return _status_bytes("self", "VmRSS")


def _status_bytes(pid, key: str) -> int | None:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith(key + ":"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return None


def test_2000_pages_open_with_bookmarks_and_render_the_first_and_last_page(long_pdf, renderer):
    opened = _open(renderer, long_pdf)
    assert isinstance(opened, Opened), opened
    assert (opened.page_count, opened.was_repaired) == (LONG_PAGES, False)
    assert len(opened.outline) == LONG_PAGES // 20
    assert opened.outline[0] == (1, "Chương 1", 0)
    assert opened.outline[-1] == (1, "Chương 100", 1980)
    for index in (0, LONG_PAGES - 1, MARKED):
        started = time.monotonic()
        request = renderer.render(opened.doc_id, index, width_px=1240)
        page = renderer.answers.page(PAGE_S)
        assert isinstance(page, PageSeen), page
        assert (page.request_id, page.index, page.width) == (request, index, 1240)
        assert page.darkest < 100  # the text is drawn
        print(f"page {index + 1}: {time.monotonic() - started:.3f} s")
    request = renderer.render(opened.doc_id, LONG_PAGES, width_px=1240)  # one past the end
    failed = renderer.answers.page(PAGE_S)
    assert isinstance(failed, Failed) and (failed.request_id, failed.code) == (
        request, PAGE_OUT_OF_RANGE)


def test_the_sidebars_thumbnails_never_hold_up_the_page_on_screen(long_pdf, renderer):
    """The sidebar asks for the thumbnails in view (here the last ones) at the lowest priority;
    a page turned to meanwhile comes first, and every thumbnail follows."""
    opened = _open(renderer, long_pdf)
    wanted = range(LONG_PAGES - THUMBNAILS, LONG_PAGES)
    started = time.monotonic()
    thumbnails = {renderer.render(opened.doc_id, index, width_px=96, priority=THUMBNAIL,
                                  preview_first=False): index for index in wanted}
    visible = renderer.render(opened.doc_id, MARKED, width_px=1240)
    order = []
    for _ in range(THUMBNAILS + 1):
        page = renderer.answers.page(PAGE_S)
        assert isinstance(page, PageSeen), page
        order.append(page.request_id)
        if page.request_id == visible:
            print(f"page on screen after {len(order) - 1} thumbnails, "
                  f"{time.monotonic() - started:.3f} s")
        else:
            assert (page.index, page.width) == (thumbnails[page.request_id], 96)
    print(f"{THUMBNAILS} thumbnails and a page: {time.monotonic() - started:.3f} s")
    assert sorted(order) == sorted([*thumbnails, visible])
    # the process reads what is waiting before each page: a few thumbnails may have started
    # before the page's request arrived, never all of them
    assert order.index(visible) < THUMBNAILS // 2, order.index(visible)


def test_2000_pages_are_indexed_and_page_1500_is_found(long_pdf, indexer):
    sha = sha256_file(long_pdf)
    last = _index(indexer, long_pdf, sha)
    assert (last.kind, last.total, last.empty) == ("indexed", LONG_PAGES, 0), last
    progress = [e for e in indexer.events.of(sha) if e.kind == "progress"]
    assert progress and {e.total for e in progress} == {LONG_PAGES}
    assert [e.done for e in progress] == sorted(e.done for e in progress)
    index = TextIndex(indexer.db_path)
    try:
        started = time.monotonic()
        hits = index.search("thuy loi ho chua")
        assert [(hit.sha256, hit.page, hit.exact) for hit in hits] == [(sha, MARKED, True)]
        assert "thủy lợi hồ chứa" in hits[0].snippet
        assert index.pages_with_hits(sha, "ea sup") == [(MARKED, 1)]
        assert len(index.page_hits(sha, MARKED, "thuy loi")) == 1  # its box, to highlight
        assert index.search("trang 2000")[0].page == LONG_PAGES - 1
        assert len(index.pages_with_hits(sha, "ngan sach dia phuong")) == LONG_PAGES
        print(f"searches: {time.monotonic() - started:.3f} s")
    finally:
        index.close()


def test_200_mb_render_in_the_other_process_not_in_this_one(heavy_pdf, long_pdf, renderer):
    gc.collect()
    before = _rss()
    opened = _open(renderer, heavy_pdf)
    assert isinstance(opened, Opened) and opened.page_count == 4, opened
    growth = 0
    for index in range(opened.page_count):
        started = time.monotonic()
        request = renderer.render(opened.doc_id, index, width_px=1240)
        page = renderer.answers.page(PAGE_S)
        assert isinstance(page, PageSeen) and page.request_id == request, page
        assert page.shades > 50  # the image's noise, not a blank page
        if before is not None:
            growth = max(growth, _rss() - before)
        print(f"200 MB page {index + 1}: {time.monotonic() - started:.3f} s")
    worker_peak = _status_bytes(renderer.pid, "VmHWM")
    renderer.close(opened.doc_id)
    assert isinstance(_open(renderer, long_pdf), Opened)  # the close has been handled
    worker_after = _status_bytes(renderer.pid, "VmRSS")
    print(f"this process grew by {growth >> 20} MB; the render process peaked at "
          f"{(worker_peak or 0) >> 20} MB, {(worker_after or 0) >> 20} MB after the close")
    assert growth < RSS_GROWTH
    if worker_peak is not None:  # MuPDF's store is kept near RSS_BUDGET, emptied on close
        assert worker_peak < RSS_BUDGET + (256 << 20)
        assert worker_after < 160 << 20


def test_200_mb_are_indexed_without_growing_this_process(heavy_pdf, indexer):
    gc.collect()
    before = _rss()
    sha = sha256_file(heavy_pdf)  # in 1 MiB chunks
    last = _index(indexer, heavy_pdf, sha)
    assert (last.kind, last.total, last.empty) == ("indexed", 4, 0), last
    index = TextIndex(indexer.db_path)
    try:
        assert sorted(hit.page for hit in index.search("ban do quy hoach")) == [0, 1, 2, 3]
        assert [hit.page for hit in index.search("to so 3")] == [2]
    finally:
        index.close()
    if before is not None:
        growth = _rss() - before
        print(f"this process grew by {growth >> 20} MB")
        assert growth < RSS_GROWTH


def test_200_mb_cut_short_shows_what_arrived(heavy_pdf, tmp_path, renderer, indexer, request):
    """A copy that stopped at 60 %: MuPDF repairs it; the pages whose image arrived show it,
    the others show what is left or fail with a code, and the indexer reads what it can."""
    cut = tmp_path / "cut.pdf"
    shutil.copyfile(heavy_pdf, cut)
    os.truncate(cut, int(heavy_pdf.stat().st_size * 0.6))
    request.addfinalizer(lambda: _remove(cut))
    opened = _open(renderer, cut)
    assert isinstance(opened, Opened) and opened.was_repaired, opened
    shown = {}
    for index in range(opened.page_count):
        renderer.render(opened.doc_id, index, width_px=1240)
        page = renderer.answers.page(PAGE_S)
        if isinstance(page, Failed):
            assert page.code in ERROR_CODES, page
        else:
            shown[index] = page.shades > 50
    print("cut short, pages showing their image:", shown)
    assert shown.get(0), shown  # the first page's image arrived whole: a partial render
    last = _index(indexer, cut)
    assert last.kind == "indexed" or last.code in ERROR_CODES, last


def test_a_password_protected_document_is_refused_by_both_processes(long_pdf, tmp_path,
                                                                    renderer, indexer):
    locked, owner_only = tmp_path / "mat-khau.pdf", tmp_path / "chi-chu-so-huu.pdf"
    started = time.monotonic()
    with pymupdf.open(long_pdf) as doc:
        doc.save(locked, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="x", owner_pw="y")
        doc.save(owner_only, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="", owner_pw="y")
    print(f"encrypted copies: {time.monotonic() - started:.2f} s")
    refused = _open(renderer, locked)
    assert isinstance(refused, DocFailed) and refused.code == ENCRYPTED, refused
    opened = _open(renderer, owner_only)  # permissions only: readable, as in every viewer
    assert isinstance(opened, Opened) and opened.page_count == LONG_PAGES, opened
    renderer.render(opened.doc_id, MARKED, width_px=600)
    assert isinstance(renderer.answers.page(PAGE_S), PageSeen)

    sha = sha256_file(locked)
    last = _index(indexer, locked, sha)
    assert (last.kind, last.code) == ("failed", ENCRYPTED), last
    index = TextIndex(indexer.db_path)
    try:
        assert (index.status(sha), index.error(sha)) == (FAILED, ENCRYPTED)
    finally:
        index.close()
    assert not indexer.index(sha, str(locked))  # not tried again until a new version
    assert _index(indexer, owner_only).kind == "indexed"


def test_a_page_count_that_lies_is_not_believed(tmp_path, renderer, indexer):
    path = write_page_count_claim(tmp_path / "hai-trieu-trang.pdf", 2_000_000)
    assert path.stat().st_size < 20_000
    opened = _open(renderer, path)
    assert isinstance(opened, DocFailed) or opened.page_count == 1, opened.page_count
    last = _index(indexer, path)
    assert last.kind == "failed" or last.total == 1, last


def test_one_page_listed_two_million_times_is_cut_short(tmp_path, renderer):
    path = write_repeated_page(tmp_path / "mot-trang-hai-trieu-lan.pdf", 2_000_000)
    assert path.stat().st_size < 40_000
    opened = _open(renderer, path)
    assert isinstance(opened, DocFailed) or opened.page_count <= MOST_PAGES, opened.page_count
    renderer.render(opened.doc_id, opened.page_count - 1, width_px=200)
    assert isinstance(renderer.answers.page(PAGE_S), PageSeen)  # what is shown still renders


def test_a_page_count_beyond_the_cross_reference_is_a_document_error(tmp_path):
    path = write_page_count_claim(tmp_path / "hai-nghin-trang.pdf", 2000, entries=10)
    with pytest.raises(DocumentError) as err:
        PdfRenderer(path)
    assert err.value.code == CORRUPT
