"""Mutated PDFs (bytes flipped, truncated, objects removed, cross-references garbled) go
through what a tablet runs: the render process opens and renders them, the indexer reads
their text, search runs over what it found. Each file gets an answer in bounded time (a page,
or a DocumentError code the UI explains), and neither client ever stops answering."""
from __future__ import annotations

import random
import re
import threading
import time

import pytest

from documents.index_client import IndexClient
from documents.render import ERROR_CODES, sha256_file
from documents.render_client import DocFailed, Failed, Opened, RenderClient
from documents.text_index import TextIndex
from tests.documents.search_pdfs import write_pdf
from tests.documents.test_render_process import Answers

FILES = 48
TIME_LIMIT_S = 5.0  # per page for the render process, per document for the indexer
PAGES_RENDERED = 3


def _mutations(source: bytes, rng: random.Random):
    objects = [m.span() for m in re.finditer(rb"\d+ 0 obj.*?endobj", source, re.S)]
    for number in range(FILES):
        kind = number % 6
        data = bytearray(source)
        if kind == 0:  # bytes flipped
            for _ in range(rng.randint(1, 40)):
                data[rng.randrange(len(data))] ^= rng.randrange(1, 256)
        elif kind == 4:  # cut before the first page's content: nothing left to show
            data = data[:rng.randrange(9, max(10, len(data) // 10))]
        elif kind == 5:  # a tenth of the file overwritten
            for _ in range(len(data) // 10):
                data[rng.randrange(len(data))] = rng.randrange(256)
        elif kind == 1:  # truncated
            data = data[:rng.randrange(16, len(data))]
        elif kind == 2:  # an object removed
            start, end = rng.choice(objects)
            data[start:end] = b""
        else:  # cross-reference offsets garbled, and a byte run overwritten
            data = bytearray(re.sub(rb"\d{10} 00000 n", lambda m: b"%010d 00000 n" % rng.randrange(
                len(source)), bytes(data)))
            at = rng.randrange(len(data))
            data[at:at + 64] = bytes(rng.randrange(256) for _ in range(64))
        yield kind, bytes(data)


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    path = write_pdf(tmp_path_factory.mktemp("fuzz") / "source.pdf",
                     ["Nghị quyết về dự toán ngân sách nhà nước năm 2027\nĐiều 1. Phê chuẩn",
                      "Điều 2. Giao Ủy ban nhân dân tỉnh tổ chức thực hiện",
                      "Điều 3. Nghị quyết có hiệu lực từ ngày ký"])
    return path.read_bytes()


def test_mutated_pdfs_are_rendered_indexed_and_searched_or_refused(source, tmp_path):
    rng = random.Random(20261204)
    answers = Answers()
    renderer = RenderClient(answers, page_time_limit_s=TIME_LIMIT_S)
    finished = threading.Event()
    indexed: dict[str, str] = {}

    def on_event(event) -> None:
        if event.kind in ("indexed", "failed"):
            indexed[event.sha256] = event.kind if event.kind == "indexed" else event.code
            finished.set()

    indexer = IndexClient(tmp_path / "index.sqlite", on_event, time_limit_s=TIME_LIMIT_S)
    outcomes = {"opened": 0, "refused": 0, "pages": 0, "page_failed": 0}
    try:
        for number, (kind, data) in enumerate(_mutations(source, rng)):
            path = tmp_path / f"m{number}-kind{kind}.pdf"
            path.write_bytes(data)
            started = time.monotonic()
            doc_id = renderer.open(str(path))
            opened = answers.next()
            if isinstance(opened, DocFailed):
                assert opened.code in ERROR_CODES, (path.name, opened)
                outcomes["refused"] += 1
            else:
                assert isinstance(opened, Opened) and opened.doc_id == doc_id
                outcomes["opened"] += 1
                for page in range(min(PAGES_RENDERED, opened.page_count)):
                    renderer.render(doc_id, page, width_px=400)
                    while True:  # a slow page may first come as a preview
                        answer = answers.next()
                        if isinstance(answer, Failed):
                            assert answer.code in ERROR_CODES, (path.name, answer)
                            outcomes["page_failed"] += 1
                            break
                        # a page, as `Answers` keeps it: (request, index, ..., preview)
                        assert isinstance(answer, tuple) and answer[1] == page, (path.name,
                                                                                 answer[:5])
                        if not answer[-1]:
                            outcomes["pages"] += 1
                            break
                renderer.close(doc_id)
            sha = sha256_file(path)
            if sha not in indexed:  # the same object removed twice gives the same file
                finished.clear()
                assert indexer.index(sha, str(path))
                assert finished.wait(TIME_LIMIT_S * 3), f"{path.name}: the indexer is silent"
            assert indexed[sha] == "indexed" or indexed[sha] in ERROR_CODES
            index = TextIndex(indexer.db_path)
            try:
                assert isinstance(index.search("ngan sach"), list)
                assert isinstance(index.pages_with_hits(sha, "dieu"), list)
            finally:
                index.close()
            assert time.monotonic() - started < TIME_LIMIT_S * (PAGES_RENDERED + 3), path.name
    finally:
        renderer.shutdown()
        indexer.shutdown()
    print("fuzz outcomes", outcomes, "index:", sorted(set(indexed.values())))
    # the mutations are neither all harmless nor all fatal: both paths were exercised
    assert outcomes["opened"] >= 8 and outcomes["refused"] >= 4, outcomes
    assert list(indexed.values()).count("indexed") >= 8, indexed
