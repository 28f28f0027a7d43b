"""The background indexer: real PDFs, a damaged one, a hung one, a new version, a cancel."""
from __future__ import annotations

import os
import threading
import time

import pytest

from documents.index_client import IndexClient
from documents.render import CORRUPT, TIMED_OUT, sha256_file
from documents.text_index import FAILED, INDEXED, TextIndex
from tests.documents.search_pdfs import write_pdf


class Events:
    def __init__(self) -> None:
        self.items = []
        self.lock = threading.Lock()

    def __call__(self, event) -> None:
        with self.lock:
            self.items.append(event)

    def kinds(self, sha):
        with self.lock:
            return [e.kind for e in self.items if e.sha256 == sha]

    def of(self, sha):
        with self.lock:
            return [e for e in self.items if e.sha256 == sha]

    def last(self, sha):
        with self.lock:
            return [e for e in self.items if e.sha256 == sha][-1]


@pytest.fixture()
def client(tmp_path):
    events = Events()
    c = IndexClient(tmp_path / "index.sqlite", events)
    c.events = events
    yield c
    c.shutdown()


def _search(client, query):
    index = TextIndex(client.db_path)
    try:
        return index.search(query)
    finally:
        index.close()


def test_documents_are_indexed_in_the_background_and_found(client, tmp_path):
    a = write_pdf(tmp_path / "a.pdf", ["Mục lục", "Nghị quyết về ngân sách địa phương"])
    b = write_pdf(tmp_path / "b.pdf", ["Báo cáo đất đai"])
    sha_a, sha_b = sha256_file(a), sha256_file(b)
    assert client.index(sha_a, str(a)) and client.index(sha_b, str(b))
    assert client.wait_idle(30)
    assert client.events.kinds(sha_a)[-1] == "indexed"
    assert client.events.last(sha_a).total == 2
    assert client.pid is not None and client.pid != os.getpid()
    assert [(h.sha256, h.page) for h in _search(client, "ngan sach dia phuong")] == [(sha_a, 1)]
    assert _search(client, "bao cao dat dai")[0].sha256 == sha_b
    assert not client.index(sha_a, str(a))  # this version is known: not read again


def test_a_damaged_file_is_marked_failed_and_the_next_one_is_indexed(client, tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.7\n" + os.urandom(3000))
    good = write_pdf(tmp_path / "good.pdf", ["quyết toán ngân sách"])
    client.index("f" * 64, str(bad))
    client.index(sha256_file(good), str(good))
    assert client.wait_idle(30)
    failed = client.events.last("f" * 64)
    assert failed.kind == "failed" and failed.code == CORRUPT
    assert TextIndex(client.db_path).status("f" * 64) == FAILED
    assert _search(client, "quyet toan")
    assert not client.index("f" * 64, str(bad))  # not retried until a new version


def test_a_hung_document_is_killed_and_costs_only_itself(tmp_path):
    events = Events()
    client = IndexClient(tmp_path / "index.sqlite", events, time_limit_s=1.0)
    try:
        fifo = tmp_path / "never.pdf"
        os.mkfifo(fifo)  # opening it blocks for ever, as a hostile file can hang MuPDF
        good = write_pdf(tmp_path / "good.pdf", ["phiên họp thứ nhất"])
        client.index("e" * 64, str(fifo))
        client.index(sha256_file(good), str(good))
        assert client.wait_idle(30)
        hung = events.last("e" * 64)
        assert hung.kind == "failed" and hung.code == TIMED_OUT
        assert events.kinds(sha256_file(good))[-1] == "indexed"
        assert _search(client, "phien hop thu nhat")
    finally:
        client.shutdown()


def test_keep_only_drops_replaced_versions(client, tmp_path):
    old = write_pdf(tmp_path / "v1.pdf", ["dự toán ban đầu"])
    new = write_pdf(tmp_path / "v2.pdf", ["dự toán điều chỉnh"])
    client.index(sha256_file(old), str(old))
    assert client.wait_idle(30)
    client.index(sha256_file(new), str(new))
    client.keep_only([sha256_file(new)])
    assert client.wait_idle(30)
    index = TextIndex(client.db_path)
    for _ in range(100):  # the "keep_only" message follows the last indexing
        if index.documents() == {sha256_file(new): INDEXED}:
            break
        threading.Event().wait(0.05)
    assert index.documents() == {sha256_file(new): INDEXED}
    assert [h.snippet for h in index.search("du toan")] == ["dự toán điều chỉnh"]


def test_the_ui_thread_is_never_waited_on(client, tmp_path):
    """Queuing a document returns at once, whatever the indexing process is doing."""
    paths = [write_pdf(tmp_path / f"d{i}.pdf", [f"tài liệu số {i} " * 8] * 30) for i in range(4)]
    started = time.perf_counter()
    for path in paths:
        client.index(sha256_file(path), str(path))
    assert time.perf_counter() - started < 2.0  # no waiting on the indexing process
    assert client.wait_idle(60)
    assert {h.sha256 for h in _search(client, "tai lieu so 3")} == {sha256_file(paths[3])}
    index = TextIndex(client.db_path)
    assert len(index.pages_with_hits(sha256_file(paths[0]), "tai lieu so 0")) == 30
    index.close()


def test_a_hung_document_gets_one_more_try_in_a_run_then_rests(tmp_path):
    events = Events()
    client = IndexClient(tmp_path / "index.sqlite", events, time_limit_s=1.0)
    try:
        fifo = tmp_path / "never.pdf"
        os.mkfifo(fifo)
        assert client.index("e" * 64, str(fifo))
        assert client.wait_idle(30) and events.last("e" * 64).code == TIMED_OUT
        assert client.index("e" * 64, str(fifo))  # a timeout may be the machine's fault
        assert client.wait_idle(30)
        assert not client.index("e" * 64, str(fifo))  # twice: not again in this run
    finally:
        client.shutdown()


def test_forget_removes_documents_and_a_damaged_index_is_rebuilt(tmp_path):
    events = Events()
    db = tmp_path / "index.sqlite"
    db.write_bytes(b"this is not a database" * 100)
    client = IndexClient(db, events)  # set aside and built anew, not an error
    try:
        assert (tmp_path / "index.sqlite.damaged").exists()
        keep = write_pdf(tmp_path / "keep.pdf", ["giữ lại"])
        drop = write_pdf(tmp_path / "drop.pdf", ["bỏ đi"])
        for path in (keep, drop):
            client.index(sha256_file(path), str(path))
        assert client.wait_idle(30)
        client.forget([sha256_file(drop)])
        index = TextIndex(client.db_path)
        for _ in range(100):
            if sha256_file(drop) not in index.documents():
                break
            time.sleep(0.05)
        assert set(index.documents()) == {sha256_file(keep)}
        index.close()
    finally:
        client.shutdown()
