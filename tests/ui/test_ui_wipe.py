"""A confidential document on screen when the tablet is wiped (`phonghop devices wipe USER`):
it leaves the screen and the render process, and its sealed copy leaves the disk."""
from __future__ import annotations

from app.config import sqlite_url
from phonghop.cli import main
from tests.ui.live_helpers import WAIT_MS
from tests.ui.test_ui_ink import SECURITY_REPORT, _open


def test_a_wipe_takes_the_open_confidential_document_off_the_screen(qtbot, room, demo_server):
    window = room.window("delegate")
    secret = next(d for d in window._searchable if d.id == SECURITY_REPORT)
    viewer = _open(qtbot, window, secret)
    sealed = viewer.document_path()
    assert sealed.endswith(".sealed")
    assert main(["devices", "wipe", "--db", sqlite_url(demo_server.data_dir / "phonghop.db"),
                 "daibieu02"]) == 0
    qtbot.waitUntil(lambda: "đã được xóa khỏi máy" in viewer.error_text(), timeout=WAIT_MS)
    assert not viewer.is_showing_page() and viewer.page_count == 0
    assert viewer._renderer._doc_id is None  # closed in the render process
    files = window.bridge.engine.files.root
    assert not (files / "sealed").exists()
