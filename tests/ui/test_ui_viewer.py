"""The document viewer: download with the real ApiClient, render with documents.render on the
render thread, navigate, zoom, and explain failures."""
from __future__ import annotations

import hashlib

import httpx
from PySide6.QtCore import Qt

from sync.client import DocumentInfo
from tests.ui.fake_server import StoredFile, make_pdf


def _document(doc_id: int, data: bytes, sha256: str | None = None, pages: int = 0) -> DocumentInfo:
    return DocumentInfo(doc_id, f"Tài liệu {doc_id}", "", "report", "public", 1,
                        sha256 or hashlib.sha256(data).hexdigest(), len(data), pages,
                        f"{doc_id}.pdf")


def _open(qtbot, window, document):
    viewer = window.viewer
    with qtbot.waitSignal(viewer.page_shown, timeout=15000) as blocker:
        window.open_document(document)
    assert blocker.args == [0]
    return viewer


def _first_documents(window):
    return window.agenda_panel.first_item_documents()


def test_opening_a_document_renders_its_first_page(qtbot, window):
    document = _first_documents(window)[1]
    viewer = _open(qtbot, window, document)
    assert viewer.is_showing_page()
    pixmap = viewer.page_pixmap()
    assert not pixmap.isNull()
    assert viewer.page_indicator() == "Trang 1 / 4"
    assert viewer.toolbar.title_label.text() == document.title
    # fit width: the page takes the canvas' width, and an A4 page keeps its proportions
    assert abs(pixmap.width() - viewer.canvas.available_width()) <= 1
    assert abs(pixmap.height() / pixmap.width() - 842 / 595) < 0.01
    assert window.agenda_panel.tree.currentIndex().data(Qt.ItemDataRole.DisplayRole) == \
        document.title


def test_next_previous_and_keys_turn_pages(qtbot, window):
    viewer = _open(qtbot, window, _first_documents(window)[1])
    first = viewer.page_pixmap().toImage()
    with qtbot.waitSignal(viewer.page_shown, timeout=10000) as blocker:
        viewer.toolbar.next_button.click()
    assert blocker.args == [1]
    assert viewer.page_indicator() == "Trang 2 / 4"
    assert viewer.page_pixmap().toImage() != first
    with qtbot.waitSignal(viewer.page_shown, timeout=10000) as blocker:
        qtbot.keyClick(viewer.canvas, Qt.Key.Key_PageDown)
    assert blocker.args == [2]
    with qtbot.waitSignal(viewer.page_shown, timeout=10000) as blocker:
        qtbot.keyClick(viewer.canvas, Qt.Key.Key_End)
    assert blocker.args == [3]
    assert not viewer.toolbar.next_button.isEnabled()
    with qtbot.waitSignal(viewer.page_shown, timeout=10000) as blocker:
        viewer.toolbar.previous_button.click()
    assert viewer.page_indicator() == "Trang 3 / 4"
    with qtbot.waitSignal(viewer.page_shown, timeout=10000) as blocker:
        viewer.toolbar.page_spin.setValue(1)
    assert blocker.args == [0]
    assert not viewer.toolbar.previous_button.isEnabled()


def test_zoom_and_fit_width(qtbot, window):
    viewer = _open(qtbot, window, _first_documents(window)[0])
    fitted = viewer.page_pixmap().width()
    with qtbot.waitSignal(viewer.page_shown, timeout=10000):
        viewer.toolbar.zoom_in_button.click()
    assert viewer.page_pixmap().width() > fitted
    assert not viewer.toolbar.fit_button.isChecked()
    zoomed = viewer.page_pixmap().width()
    assert viewer.toolbar.zoom_label.text() == f"{round(zoomed / 595 * 100)}%"
    with qtbot.waitSignal(viewer.page_shown, timeout=10000):
        viewer.toolbar.zoom_out_button.click()
    assert viewer.page_pixmap().width() < zoomed
    with qtbot.waitSignal(viewer.page_shown, timeout=10000):
        viewer.toolbar.fit_button.click()
    assert viewer.toolbar.fit_button.isChecked()
    assert viewer.page_pixmap().width() == fitted


def test_resizing_the_window_fits_the_page_again(qtbot, window):
    viewer = _open(qtbot, window, _first_documents(window)[0])
    before = viewer.page_pixmap().width()
    with qtbot.waitSignal(viewer.page_shown, timeout=10000):
        window.resize(1100, 800)
    after = viewer.page_pixmap().width()
    assert after < before
    assert abs(after - viewer.canvas.available_width()) <= 1


def test_a_document_is_downloaded_once_then_read_from_the_cache(qtbot, server, window):
    documents = _first_documents(window)
    _open(qtbot, window, documents[0])
    _open(qtbot, window, documents[1])
    _open(qtbot, window, documents[0])
    assert server.count("GET /api/v1/files/") == 2


def test_a_newer_request_supersedes_an_older_one(qtbot, window):
    documents = _first_documents(window)
    viewer = window.viewer
    shown = []
    viewer.page_shown.connect(lambda index: shown.append(viewer.document.id))
    window.open_document(documents[1])
    with qtbot.waitSignal(viewer.page_shown, timeout=15000):
        window.open_document(documents[2])
    assert viewer.document.id == documents[2].id
    assert viewer.toolbar.confidential_badge.isVisible()
    assert viewer.toolbar.confidential_badge.text() == "Mật"
    assert shown == [documents[2].id]
    assert viewer.page_indicator() == "Trang 1 / 2"


def _expect_error(qtbot, window, document) -> str:
    viewer = window.viewer
    with qtbot.waitSignal(viewer.failed, timeout=15000) as blocker:
        window.open_document(document)
    assert viewer.error_label.isVisible()
    assert viewer.error_text() == blocker.args[0]
    assert viewer.page_indicator() == "Trang 1 / –"
    return blocker.args[0]


def test_a_corrupt_pdf_is_explained(qtbot, server, window):
    data = b"This is not a PDF at all, just text that came from somewhere.\n" * 20
    document = _document(900, data)
    server.add_file(StoredFile(data, document.sha256))
    assert _expect_error(qtbot, window, document) == \
        "Tệp PDF bị hỏng hoặc không đúng định dạng nên không thể hiển thị."


def test_a_file_that_does_not_match_its_hash_is_refused(qtbot, server, window):
    real = make_pdf("Tài liệu thật", 1)
    claimed = hashlib.sha256(b"what the agenda promised").hexdigest()
    server.files[claimed] = StoredFile(real, claimed)
    message = _expect_error(qtbot, window, _document(901, real, sha256=claimed))
    assert message == "Tệp tải về bị lỗi (mã kiểm tra không khớp). Vui lòng mở lại tài liệu."


def test_an_unreachable_server_while_downloading_is_explained(qtbot, server, window):
    def refuse(request):
        raise httpx.ConnectError("network is down", request=request)

    window.client._http._transport = httpx.MockTransport(refuse)
    message = _expect_error(qtbot, window, _first_documents(window)[2])
    assert message.startswith("Không kết nối được tới máy chủ http://phonghop.test:8000.")


def test_try_again_after_a_failure(qtbot, server, window):
    server.fail_paths[r"/files/"] = (500, "server_error")
    document = _first_documents(window)[0]
    assert _expect_error(qtbot, window, document) == \
        "Máy chủ đang gặp sự cố. Vui lòng thử lại sau."
    server.fail_paths.clear()
    with qtbot.waitSignal(window.viewer.page_shown, timeout=15000):
        window.viewer.retry_button.click()
    assert window.viewer.page_indicator() == "Trang 1 / 2"


def test_choosing_another_session_clears_the_viewer(qtbot, window):
    _open(qtbot, window, _first_documents(window)[0])
    with qtbot.waitSignal(window.agenda_loaded, timeout=10000):
        window.sessions_panel.select_row(0)
    assert window.viewer.document is None
    assert window.viewer.page_pixmap().isNull()
    assert window.viewer.placeholder.isVisible()


def test_going_back_to_a_document_while_others_load(qtbot, window):
    documents = _first_documents(window)
    viewer = window.viewer
    window.open_document(documents[0])
    window.open_document(documents[1])
    with qtbot.waitSignal(viewer.page_shown, timeout=15000):
        window.open_document(documents[0])
    assert viewer.document.id == documents[0].id
    assert viewer.page_indicator() == "Trang 1 / 2"
    assert viewer.error_text() == ""
