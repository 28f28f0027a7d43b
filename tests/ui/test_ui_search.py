"""Search in the delegate's window on the real server: find in the open document (every hit
highlighted, Enter steps through them across pages) and across the session's documents
(snippets, a click opens the page with the hit highlighted); no accents needed."""
from __future__ import annotations

import re

import pymupdf
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QColor

from documents.text_fold import fold
from tests.ui.live_helpers import WAIT_MS, all_prefetched
from ui.search_service import READY

SECURITY_REPORT = 14  # confidential


def _documents(window):
    return window.agenda_panel.first_item_documents()


def _file(window, document):
    return window.search.files_dir / f"{document.sha256}.pdf"


def _indexed(qtbot, window, document):
    qtbot.waitUntil(lambda: all_prefetched(window), timeout=WAIT_MS)
    window.search.set_documents(window._searchable)
    qtbot.waitUntil(lambda: window.search.status(document) == READY, timeout=WAIT_MS)


def _phrase_on(path, page: int, count: int = 2) -> str:
    """`count` words in a row from a page (the first two long, the first with a mark), as the
    delegate types them: no accents."""
    with pymupdf.open(path) as doc:
        words = doc[page].get_text().split()
    for i, (first, second) in enumerate(zip(words, words[1:])):
        following = [re.sub(r"\W", "", w) for w in words[i:i + count]]  # "dân," -> "dân"
        if re.fullmatch(r"\w{4,}", first) and re.fullmatch(r"\w{4,}", second) \
                and fold(first) != first and all(following) and len(following) == count:
            return fold(" ".join(following))
    raise AssertionError("no phrase found")


def _open(qtbot, window, document, page=0):
    with qtbot.waitSignal(window.viewer.page_shown, timeout=WAIT_MS):
        window.open_document(document, page)


def _colour_at_hit(viewer, hit_number: int = 0) -> QColor:
    label = viewer.canvas.page_label
    image = label.grab().toImage()
    rect = label.hit_rect(hit_number)
    ratio = image.devicePixelRatio() or 1.0
    return image.pixelColor(int(rect.left() * ratio + 2), int(rect.center().y() * ratio))


def test_find_in_the_document_highlights_the_hits_and_steps_through_them(qtbot, window):
    document = _documents(window)[1]
    _indexed(qtbot, window, document)
    _open(qtbot, window, document)
    viewer = window.viewer
    query = _phrase_on(_file(window, document), 1)
    with qtbot.waitSignal(viewer.page_shown, timeout=WAIT_MS) as shown:
        viewer.find(query)
    assert shown.args == [1]  # the first hit is on page 2: the viewer went there
    qtbot.waitUntil(lambda: bool(viewer.canvas.hits()), timeout=WAIT_MS)
    count = viewer.find_bar.count_label.text()
    assert re.fullmatch(r"1/\d+", count), count
    colour = _colour_at_hit(viewer)
    assert colour.red() > 200 and colour.blue() < 150, colour.name()  # marked, not white
    total = int(count.split("/")[1])
    # Enter goes to the next hit, wrapping to the first after the last
    for number in range(2, total + 2):
        qtbot.keyClick(viewer.find_bar.edit, Qt.Key.Key_Return)
        expected = (number - 1) % total + 1
        qtbot.waitUntil(lambda: viewer.find_bar.count_label.text() == f"{expected}/{total}",
                        timeout=WAIT_MS)
    qtbot.waitUntil(lambda: viewer.canvas.page_label.current >= 0, timeout=WAIT_MS)
    # Escape closes the bar and removes the highlights; Ctrl+F opens it again on the query
    qtbot.keyClick(viewer.find_bar.edit, Qt.Key.Key_Escape)
    assert not viewer.find_bar.isVisible() and viewer.canvas.hits() == []
    window.activateWindow()
    viewer.canvas.setFocus()
    qtbot.keyClick(viewer.canvas, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert viewer.find_bar.isVisible() and viewer.find_bar.edit.selectedText() == query
    qtbot.waitUntil(lambda: bool(viewer.canvas.hits()), timeout=WAIT_MS)  # found again
    assert viewer.find_bar.count_label.text().endswith(f"/{total}")


def test_nothing_found_and_a_confidential_document_say_so(qtbot, window):
    document = _documents(window)[1]
    _indexed(qtbot, window, document)
    _open(qtbot, window, document)
    viewer = window.viewer
    viewer.find("zzqx khong co")
    qtbot.waitUntil(lambda: viewer.find_bar.count_label.text() == "Không có kết quả",
                    timeout=WAIT_MS)
    secret = next(d for d in window._searchable if d.id == SECURITY_REPORT)
    assert secret.confidentiality == "confidential"
    _open(qtbot, window, secret)
    viewer.find("bao cao")
    qtbot.waitUntil(lambda: "mật" in viewer.find_bar.count_label.text(), timeout=WAIT_MS)
    assert viewer.canvas.hits() == []


def test_session_search_finds_without_accents_and_opens_the_hit(qtbot, window):
    document = _documents(window)[1]
    _indexed(qtbot, window, document)
    query = _phrase_on(_file(window, document), 1)
    search = window.session_search
    qtbot.waitUntil(lambda: window.search.pending() == 0, timeout=WAIT_MS)  # all indexed
    qtbot.keyClicks(search.edit, query.upper())  # any case, no accents
    qtbot.waitUntil(lambda: bool(search.hits()), timeout=WAIT_MS)
    hits = search.hits()
    secret = next(d for d in window._searchable if d.id == SECURITY_REPORT)
    assert all(hit.sha256 != secret.sha256 for hit in hits)
    from documents.text_index import TextIndex
    index = TextIndex(window.search.db_path)  # its text never reaches the disk in clear
    assert index.status(secret.sha256) is None and secret.sha256 not in index.documents()
    index.close()
    mine = 0  # the best hit, in whichever document (the demo's documents share phrases)
    target = next(d for d in window._searchable if d.sha256 == hits[mine].sha256)
    marked = [hits[mine].snippet[a:b] for a, b in hits[mine].spans]
    assert marked and all(fold(text) == query for text in marked)
    assert search.status_label.text().startswith(("Kết quả: ", "%d kết quả đầu tiên" % len(hits)))
    assert "<span" in search.results.toHtml()
    viewer = window.viewer
    with qtbot.waitSignal(viewer.page_shown, timeout=WAIT_MS) as shown:
        search.results.anchorClicked.emit(QUrl(f"hit:{mine}"))
    assert shown.args == [hits[mine].page] and viewer.document.id == target.id
    qtbot.waitUntil(lambda: bool(viewer.canvas.hits()), timeout=WAIT_MS)
    assert viewer.find_bar.isVisible() and viewer.find_bar.edit.text() == query.upper()
    # Escape in the box brings the agenda back
    qtbot.keyClick(search.edit, Qt.Key.Key_Escape)
    assert search.stack.currentIndex() == 0
