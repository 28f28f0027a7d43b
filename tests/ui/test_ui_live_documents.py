"""Documents through the sync engine: opened from its prefetched copies, waited for while the
engine fetches them (offline: until the connection is back), and a file the engine cannot get
explained by a direct download's precise error."""
from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.live_helpers import WAIT_MS, all_prefetched
from ui import document_fetch
from ui.agenda_model import PayloadRole


def _document(window, document_id: int):
    return window.agenda_panel.model.index_of_document(document_id).data(PayloadRole)


def test_a_document_missing_offline_opens_once_the_connection_is_back(qtbot, room):
    window = room.window("delegate")
    qtbot.waitUntil(lambda: all_prefetched(window), timeout=WAIT_MS)
    engine = window.bridge.engine
    engine.set_network(False)
    qtbot.waitUntil(lambda: window.sync_status.state == "offline", timeout=WAIT_MS)
    document = _document(window, 5)
    copy = room.local_copy(window, document.sha256)
    copy.unlink()  # as if the prefetch had not reached it before the Wi-Fi went away
    viewer = window.viewer
    window.open_document(document)
    qtbot.waitUntil(lambda: viewer.loading_label.text().startswith("Tài liệu này chưa"),
                    timeout=WAIT_MS)
    assert viewer.loading_label.text() == (
        "Tài liệu này chưa được tải về máy. Tài liệu sẽ tự mở ngay khi kết nối tới máy chủ "
        "được khôi phục.")
    with qtbot.waitSignal(viewer.page_shown, timeout=WAIT_MS):
        engine.set_network(True)
    assert viewer.page_indicator() == "Trang 1 / 58"
    assert copy.exists()


def test_a_file_the_engine_cannot_get_is_explained(qtbot, room, demo_server, monkeypatch):
    monkeypatch.setattr(document_fetch, "FALLBACK_MS", 300)
    window = room.window("delegate")
    document = _document(window, 13)
    stored = demo_server.stored_file(document.sha256)
    qtbot.waitUntil(lambda: all_prefetched(window), timeout=WAIT_MS)
    room.local_copy(window, document.sha256).unlink()
    stored.write_bytes(b"%PDF-1.7 damaged on the server " * 100)  # no longer its hash
    with qtbot.waitSignal(window.viewer.failed, timeout=WAIT_MS) as blocker:
        window.open_document(document)
    assert blocker.args == ["Tệp tải về bị lỗi (mã kiểm tra không khớp). Vui lòng mở lại tài liệu."]
    assert window.viewer.error_label.isVisible()
    assert window.agenda_panel.tree.currentIndex().data(Qt.ItemDataRole.DisplayRole) == \
        document.title
