"""The page render process through its client: the pixels MuPDF draws, clear failures for bad
files, and a process that dies on a page (or takes too long) costs only that page."""
from __future__ import annotations

import os
import queue
import signal
import sys
import time

import pymupdf
import pytest

from app.demo.pdf.build import DemoDocSpec, build_demo_pdf
from app.demo.pdf.scan import build_scanned_pdf
from documents.render import CORRUPT, CRASHED, ENCRYPTED, TIMED_OUT
from documents import render_client
from documents.render_client import AHEAD, DocFailed, Failed, Opened, Page, RenderClient
from documents.render_process import SLOT_PREFIX

WAIT_S = 30


class Answers:
    """Collects what the client's reader thread hands over; a page's pixels are copied out."""

    def __init__(self) -> None:
        self.queue: queue.Queue = queue.Queue()

    def __call__(self, answer) -> None:
        if isinstance(answer, Page):
            answer = (answer.request_id, answer.index, answer.width, answer.height,
                      answer.stride, bytes(answer.samples), answer.preview)
        self.queue.put(answer)

    def next(self):
        return self.queue.get(timeout=WAIT_S)


@pytest.fixture()
def text_pdf(tmp_path):
    path = tmp_path / "text.pdf"
    build_demo_pdf(DemoDocSpec(key="t", kind="report", title="Báo cáo", issuer="UBND TỈNH",
                               number="Số: 1/BC-UBND", place_date="ngày 01 tháng 12 năm 2026",
                               pages=6, confidential=False, seed=2), path)
    return path


@pytest.fixture()
def client():
    answers = Answers()
    render_client = RenderClient(answers)
    render_client.answers = answers
    yield render_client
    render_client.shutdown()


def _open(client, path) -> int:
    doc_id = client.open(path)
    opened = client.answers.next()
    assert isinstance(opened, Opened) and opened.doc_id == doc_id
    return doc_id


def test_a_page_comes_back_with_the_pixels_mupdf_draws(client, text_pdf):
    doc_id = _open(client, text_pdf)
    request = client.render(doc_id, 1, width_px=600)
    request_id, index, width, height, stride, samples, preview = client.answers.next()
    assert (request_id, index, width, preview) == (request, 1, 600, False)
    with pymupdf.open(text_pdf) as doc:
        page = doc[1]
        zoom = 600 / page.rect.width
        reference = page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), alpha=False)
    assert (reference.width, reference.height) == (width, height)
    for pixel in range(0, width * height, 7919):  # B, G, R, 255 against R, G, B
        row, column = divmod(pixel, width)
        ours = samples[row * stride + column * 4: row * stride + column * 4 + 4]
        theirs = reference.samples[row * reference.stride + column * 3:][:3]
        assert (ours[2], ours[1], ours[0], ours[3]) == (*theirs, 255)


def test_bad_files_are_refused_with_their_reason(client, tmp_path):
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"this is not a PDF at all")
    locked = tmp_path / "locked.pdf"
    with pymupdf.open() as doc:
        doc.new_page()
        doc.save(locked, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="secret",
                 owner_pw="owner")
    for path, code in ((junk, CORRUPT), (locked, ENCRYPTED)):
        doc_id = client.open(path)
        failed = client.answers.next()
        assert isinstance(failed, DocFailed) and (failed.doc_id, failed.code) == (doc_id, code)


def test_cancelled_requests_are_not_rendered(client, text_pdf):
    doc_id = _open(client, text_pdf)
    started, dispatch = [], client._dispatch
    client._dispatch = lambda message: (started.append(message[1]) if message[0] == "started"
                                        else None) or dispatch(message)
    requests = [client.render(doc_id, n % 6, width_px=400, priority=AHEAD) for n in range(40)]
    for request_id in requests[:-1]:
        client.cancel(request_id)
    assert client.answers.next()[0] == requests[-1]
    assert requests[-1] in started and len(started) <= 4  # the process started at most the
    # few it had read before the cancels arrived


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_render_process_that_dies_costs_only_its_page(client, text_pdf, tmp_path):
    scan = build_scanned_pdf(tmp_path / "scan.pdf", 2)
    scan_id, text_id = _open(client, scan), _open(client, text_pdf)
    slow = client.render(scan_id, 0, zoom=6.0)  # a 12 MP page of a scan: long enough
    deadline = time.monotonic() + WAIT_S
    while client._current is None or client._current[0] != slow:  # the page has started
        assert time.monotonic() < deadline
        time.sleep(0.005)
    waiting = client.render(text_id, 2, width_px=300)
    os.kill(client.pid, signal.SIGKILL)
    failed = client.answers.next()
    assert isinstance(failed, Failed) and (failed.request_id, failed.code) == (slow, CRASHED)
    request_id, index, *_ = client.answers.next()  # a new process took up the waiting page
    assert (request_id, index) == (waiting, 2)


def test_a_page_over_its_time_limit_fails_and_the_others_still_render(client, text_pdf,
                                                                      tmp_path, monkeypatch):
    scan = build_scanned_pdf(tmp_path / "scan.pdf", 2)
    scan_id, text_id = _open(client, scan), _open(client, text_pdf)
    monkeypatch.setattr(render_client, "_WATCH_INTERVAL_S", 0.002)
    client.page_time_limit_s = 0.01  # a 300 dpi scan at this size takes well over 100 ms
    slow = client.render(scan_id, 0, zoom=6.0)
    failed = client.answers.next()
    assert isinstance(failed, Failed) and (failed.request_id, failed.code) == (slow, TIMED_OUT)
    client.page_time_limit_s = 20.0
    request = client.render(text_id, 0, width_px=300)
    assert client.answers.next()[0] == request


def test_the_shared_memory_is_gone_after_shutdown(text_pdf):
    if not os.path.isdir("/dev/shm"):
        pytest.skip("no /dev/shm on this system: its shared memory is freed with the process")
    def ours():
        return {name for name in os.listdir("/dev/shm") if name.startswith(SLOT_PREFIX)}

    before = ours()
    answers = Answers()
    render_client = RenderClient(answers)
    doc_id = render_client.open(text_pdf)
    answers.next()
    for index in range(4):
        render_client.render(doc_id, index, width_px=500)
    for _ in range(4):
        answers.next()
    assert ours() - before  # the pages travelled through it
    render_client.shutdown()
    assert ours() - before == set()
