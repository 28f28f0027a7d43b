"""The document viewer in the main window with its sync engine, on the real server: documents
from the engine's verified copies, rendered in the page render process (documents.render_client),
navigate, zoom, and explain failures. Download faults are provoked in front of the server,
for the client's own downloads (its local copy of the sessions cannot be opened, so it reads
through the REST API)."""
from __future__ import annotations

from PySide6.QtCore import Qt

from sync.confidential import SealedSource
from tests.ui.live_helpers import SESSION, WAIT_MS, all_prefetched, corrupt_local_copy
from ui.agenda_model import PayloadRole

A4 = 842 / 595
SECURITY_REPORT = 14  # "Báo cáo tình hình an ninh chính trị…", confidential, 28 pages


def _open(qtbot, window, document):
    viewer = window.viewer
    with qtbot.waitSignal(viewer.page_shown, timeout=WAIT_MS) as blocker:
        window.open_document(document)
    assert blocker.args == [0]
    return viewer


def _first_documents(window):
    return window.agenda_panel.first_item_documents()


def _document(window, document_id: int):
    return window.agenda_panel.model.index_of_document(document_id).data(PayloadRole)


def test_opening_a_document_renders_its_first_page(qtbot, window):
    document = _first_documents(window)[1]
    viewer = _open(qtbot, window, document)
    assert viewer.is_showing_page()
    pixmap = viewer.page_pixmap()
    assert not pixmap.isNull()
    assert viewer.page_indicator() == "Trang 1 / 4"
    assert viewer.toolbar.title_label.text() == "Diễn văn khai mạc Kỳ họp thứ Tư"
    assert not viewer.toolbar.confidential_badge.isVisible()
    # fit width: the page takes the canvas' width, and an A4 page keeps its proportions
    assert abs(pixmap.width() - viewer.canvas.available_width()) <= 1
    assert abs(pixmap.height() / pixmap.width() - A4) < 0.01
    assert window.agenda_panel.tree.currentIndex().data(Qt.ItemDataRole.DisplayRole) == \
        document.title


def test_next_previous_and_keys_turn_pages(qtbot, window):
    viewer = _open(qtbot, window, _first_documents(window)[1])
    first = viewer.page_pixmap().toImage()
    with qtbot.waitSignal(viewer.page_shown, timeout=WAIT_MS) as blocker:
        viewer.toolbar.next_button.click()
    assert blocker.args == [1]
    assert viewer.page_indicator() == "Trang 2 / 4"
    assert viewer.page_pixmap().toImage() != first
    with qtbot.waitSignal(viewer.page_shown, timeout=WAIT_MS) as blocker:
        qtbot.keyClick(viewer.canvas, Qt.Key.Key_PageDown)
    assert blocker.args == [2]
    with qtbot.waitSignal(viewer.page_shown, timeout=WAIT_MS) as blocker:
        qtbot.keyClick(viewer.canvas, Qt.Key.Key_End)
    assert blocker.args == [3]
    assert viewer.page_indicator() == "Trang 4 / 4"
    assert not viewer.toolbar.next_button.isEnabled()
    with qtbot.waitSignal(viewer.page_shown, timeout=WAIT_MS) as blocker:
        viewer.toolbar.previous_button.click()
    assert viewer.page_indicator() == "Trang 3 / 4"
    with qtbot.waitSignal(viewer.page_shown, timeout=WAIT_MS) as blocker:
        viewer.toolbar.page_spin.setValue(1)
    assert blocker.args == [0]
    assert not viewer.toolbar.previous_button.isEnabled()


def test_zoom_and_fit_width(qtbot, window):
    viewer = _open(qtbot, window, _first_documents(window)[0])
    fitted = viewer.page_pixmap().width()
    with qtbot.waitSignal(viewer.page_shown, timeout=WAIT_MS):
        viewer.toolbar.zoom_in_button.click()
    assert viewer.page_pixmap().width() > fitted
    assert not viewer.toolbar.fit_button.isChecked()
    zoomed = viewer.page_pixmap().width()
    assert viewer.toolbar.zoom_label.text() == f"{round(zoomed / 595 * 100)}%"
    with qtbot.waitSignal(viewer.page_shown, timeout=WAIT_MS):
        viewer.toolbar.zoom_out_button.click()
    assert viewer.page_pixmap().width() < zoomed
    with qtbot.waitSignal(viewer.page_shown, timeout=WAIT_MS):
        viewer.toolbar.fit_button.click()
    assert viewer.toolbar.fit_button.isChecked()
    assert viewer.toolbar.fit_button.text() == "Vừa chiều rộng"
    assert viewer.page_pixmap().width() == fitted


def test_the_zoom_menu_fits_the_whole_page_and_sets_a_size(qtbot, window):
    viewer = _open(qtbot, window, _first_documents(window)[0])
    actions = {a.text(): a for a in viewer.toolbar.zoom_label.menu().actions() if a.text()}
    assert list(actions) == ["Vừa cả trang", "Vừa chiều rộng", "75%", "100%", "150%", "200%",
                            "Cuộn liên tục"]
    with qtbot.waitSignal(viewer.page_shown, timeout=WAIT_MS):
        actions["Vừa cả trang"].trigger()
    ratio = viewer.page_pixmap().devicePixelRatio() or 1.0
    height, width = viewer.page_pixmap().height() / ratio, viewer.page_pixmap().width() / ratio
    canvas = viewer.canvas
    assert height <= canvas.available_height() + 1 and width <= canvas.available_width() + 1
    assert height >= canvas.available_height() - 2 or width >= canvas.available_width() - 2
    assert not viewer.toolbar.fit_button.isChecked()
    with qtbot.waitSignal(viewer.page_shown, timeout=WAIT_MS):
        window.resize(window.width(), window.height() - 120)  # still the whole page
    assert viewer.page_pixmap().height() / ratio <= canvas.available_height() + 1
    with qtbot.waitSignal(viewer.page_shown, timeout=WAIT_MS):
        actions["100%"].trigger()
    assert viewer.toolbar.zoom_label.text() == "100%"
    assert abs(viewer.page_pixmap().width() / ratio - 595) <= 1  # A4: 595 points at 100 %


def test_resizing_the_window_fits_the_page_again(qtbot, window):
    viewer = _open(qtbot, window, _first_documents(window)[0])
    before = viewer.page_pixmap().width()
    with qtbot.waitSignal(viewer.page_shown, timeout=WAIT_MS):
        window.resize(1100, 800)
    after = viewer.page_pixmap().width()
    assert after < before
    assert abs(after - viewer.canvas.available_width()) <= 1


def test_a_document_is_downloaded_once_then_read_from_the_cache(qtbot, reader, shared_demo):
    before = shared_demo.served()
    window = reader.window("delegate")
    qtbot.waitUntil(lambda: all_prefetched(window), timeout=WAIT_MS)
    assert window.sync_status.text() == "Trực tuyến · Tài liệu: 18/18"
    documents = _first_documents(window)
    for document in (documents[0], documents[1], documents[0]):
        _open(qtbot, window, document)
        assert window.viewer.page_indicator() == f"Trang 1 / {document.page_count}"
    shas = {d.sha256 for d in window.agenda_panel.model.documents()}
    assert len(shas) == 18
    served = shared_demo.served() - before
    assert {sha: served[sha] for sha in shas} == {sha: 1 for sha in shas}
    documents = window.agenda_panel.model.documents()
    clear = {d.sha256 for d in documents if d.confidentiality in ("public", "internal")}
    assert all(reader.local_copy(window, sha).exists() for sha in clear)
    secret = shas - clear  # kept only sealed (documents/sealed_files.py), never in clear
    assert secret and not any(reader.local_copy(window, sha).exists() for sha in secret)
    engine = window.bridge.engine
    assert all(isinstance(engine.document_path(sha), SealedSource) for sha in secret)


def test_a_newer_request_supersedes_an_older_one(qtbot, window):
    documents = _first_documents(window)
    viewer = window.viewer
    shown = []
    viewer.page_shown.connect(lambda index: shown.append(viewer.document.id))
    window.open_document(documents[1])
    with qtbot.waitSignal(viewer.page_shown, timeout=WAIT_MS):
        window.open_document(_document(window, SECURITY_REPORT))
    assert viewer.document.id == SECURITY_REPORT
    assert viewer.toolbar.title_label.text() == \
        "Báo cáo tình hình an ninh chính trị, trật tự an toàn xã hội năm 2026"
    assert viewer.toolbar.confidential_badge.isVisible()
    assert viewer.toolbar.confidential_badge.text() == "Mật"
    assert shown == [SECURITY_REPORT]
    assert viewer.page_indicator() == "Trang 1 / 28"


def test_choosing_another_session_clears_the_viewer(qtbot, window):
    _open(qtbot, window, _first_documents(window)[0])
    with qtbot.waitSignal(window.agenda_loaded, timeout=WAIT_MS):
        window.sessions_panel.select_row(1)
    assert window.viewer.document is None
    assert window.viewer.page_pixmap().isNull()
    assert window.viewer.placeholder.isVisible()


def test_going_back_to_a_document_while_others_load(qtbot, window):
    documents = _first_documents(window)
    viewer = window.viewer
    window.open_document(documents[0])
    window.open_document(documents[1])
    with qtbot.waitSignal(viewer.page_shown, timeout=WAIT_MS):
        window.open_document(documents[0])
    assert viewer.document.id == documents[0].id
    assert viewer.page_indicator() == "Trang 1 / 6"
    assert viewer.error_text() == ""


# -- faults ---------------------------------------------------------------------------------
def _expect_error(qtbot, window, document) -> str:
    viewer = window.viewer
    with qtbot.waitSignal(viewer.failed, timeout=WAIT_MS) as blocker:
        window.open_document(document)
    assert viewer.error_label.isVisible()
    assert viewer.error_text() == blocker.args[0]
    assert viewer.page_indicator() == "Trang 1 / –"
    return blocker.args[0]


def test_a_damaged_local_copy_is_fetched_again_and_opens(qtbot, reader, client):
    """The tablet's copy of a document was damaged on its disk (a power cut during a write):
    it is never shown; the engine fetches the document again and it opens."""
    from ui.sync_bridge import files_dir

    document = client.agenda(SESSION)[0].documents[0]

    def damage(cache):
        copy = files_dir(cache, reader.url, "daibieu02") / f"{document.sha256}.pdf"
        copy.parent.mkdir(parents=True)
        copy.write_bytes(b"This is not a PDF at all, just text that came from somewhere.\n" * 20)

    window = reader.window("delegate", prepare=damage)
    viewer = _open(qtbot, window, _first_documents(window)[0])
    assert viewer.is_showing_page()
    assert window.bridge.engine.files.path(document.sha256).read_bytes().startswith(b"%PDF")


def test_a_corrupt_pdf_is_explained(qtbot, vietnamese, runner, demo_dir, tmp_path):
    """The secretary published a file that is not a PDF (its hash is its own: nothing was
    damaged on the way): the viewer says so."""
    from sqlalchemy import select

    from app.config import Settings, sqlite_url
    from app.models import Document, DocumentVersion
    from sync.server.context import ServerContext
    from tests.ui.live_helpers import Room, serve_demo

    context = ServerContext.from_settings(Settings(database_url=sqlite_url(demo_dir / "phonghop.db"),
                                                   data_dir=demo_dir))
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"This is not a PDF at all, just text that came from somewhere.\n" * 20)
    with context.sessions() as db:
        stored = context.files.put_file(db, broken)
        first = db.scalar(select(Document).where(Document.session_id == SESSION)
                          .order_by(Document.agenda_item_id, Document.position))
        version = db.scalar(select(DocumentVersion).where(DocumentVersion.document_id == first.id))
        version.file_sha256 = stored.sha256
        db.commit()
    context.engine.dispose()
    with serve_demo(demo_dir) as server:
        room = Room(server.url, tmp_path, runner, qtbot)
        try:
            window = room.window("delegate")
            assert _expect_error(qtbot, window, _first_documents(window)[0]) == \
                "Tệp PDF bị hỏng hoặc không đúng định dạng nên không thể hiển thị."
        finally:
            room.close()


def _rest_window(reader, faults):
    """The delegate's window once its local copy of the sessions cannot be opened: it reads
    the sessions and downloads documents itself, through the faults."""
    return reader.window("delegate", transport=faults,
                         prepare=lambda cache: corrupt_local_copy(cache, reader.url, "delegate"))


def test_a_file_that_does_not_match_its_hash_is_refused(qtbot, reader, faults, shared_demo):
    window = _rest_window(reader, faults)
    programme, speech = _first_documents(window)
    faults.serve(f"/files/{programme.sha256}$",
                 shared_demo.stored_file(speech.sha256).read_bytes())  # a real PDF, not this one
    message = _expect_error(qtbot, window, programme)
    assert message == "Tệp tải về bị lỗi (mã kiểm tra không khớp). Vui lòng mở lại tài liệu."


def test_an_unreachable_server_while_downloading_is_explained(qtbot, reader, faults):
    window = _rest_window(reader, faults)
    faults.refuse(r"/files/")
    message = _expect_error(qtbot, window, _first_documents(window)[1])
    assert message == (f"Không kết nối được tới máy chủ {reader.url}. Vui lòng kiểm tra địa chỉ "
                       "máy chủ và kết nối mạng.")


def test_try_again_after_a_failure(qtbot, reader, faults):
    window = _rest_window(reader, faults)
    faults.fail(r"/files/", 500, "server_error")
    document = _first_documents(window)[0]
    assert _expect_error(qtbot, window, document) == \
        "Máy chủ đang gặp sự cố. Vui lòng thử lại sau."
    faults.heal()
    with qtbot.waitSignal(window.viewer.page_shown, timeout=WAIT_MS):
        window.viewer.retry_button.click()
    assert window.viewer.page_indicator() == "Trang 1 / 6"
    assert not window.viewer.error_label.isVisible()


def test_the_next_pages_are_read_ahead_and_a_page_seen_before_comes_from_the_cache(qtbot,
                                                                                   window):
    viewer = _open(qtbot, window, _first_documents(window)[1])
    queue = viewer._renderer
    qtbot.waitUntil(lambda: len(queue.cache._items) >= 3, timeout=WAIT_MS)  # pages 1, 2, 3
    assert {key[1] for key in queue.cache._items} == {0, 1, 2}
    sent = []
    render = queue._client.render
    queue._client.render = lambda *args, **kwargs: sent.append(args[1]) or render(*args,
                                                                                  **kwargs)
    with qtbot.waitSignal(viewer.page_shown, timeout=WAIT_MS) as blocker:
        qtbot.keyClick(viewer.canvas, Qt.Key.Key_PageDown)  # read ahead: shown at once
    assert blocker.args == [1] and 1 not in sent
    with qtbot.waitSignal(viewer.page_shown, timeout=WAIT_MS) as blocker:
        qtbot.keyClick(viewer.canvas, Qt.Key.Key_PageUp)  # seen before: from the cache
    assert blocker.args == [0] and 0 not in sent
    assert queue.cache.bytes <= queue.cache.max_bytes


def test_a_page_that_fails_leaves_the_other_pages_readable(qtbot, window):
    """The render process dying on one page (tests/documents/test_render_process.py provokes
    it) fails that request with CRASHED: the viewer says so and the reader goes on."""
    from documents.render import CRASHED
    from documents.render_client import Failed

    viewer = _open(qtbot, window, _first_documents(window)[1])
    queue = viewer._renderer
    queue.cache.clear()
    held, render = [], queue._client.render
    queue._client.render = lambda *args, **kwargs: held.append(args) or 10**9 + len(held)
    qtbot.keyClick(viewer.canvas, Qt.Key.Key_End)
    visible = queue._visible
    assert visible is not None
    queue._client.render = render
    with qtbot.waitSignal(viewer.failed, timeout=WAIT_MS) as blocker:
        queue._answered.emit(Failed(visible, held[0][0], CRASHED, "the renderer crashed"), None)
    assert blocker.args[0].startswith("Không hiển thị được trang này")
    assert viewer.error_text() == blocker.args[0]
    assert viewer.toolbar.previous_button.isEnabled()  # still navigable
    with qtbot.waitSignal(viewer.page_shown, timeout=WAIT_MS) as blocker:
        viewer.toolbar.previous_button.click()
    assert blocker.args == [2] and viewer.is_showing_page()
