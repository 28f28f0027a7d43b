"""A confidential document is shown with the reader's watermark on every page (name, tablet,
time), drawn before the page is cached or shown; a public document is not marked."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage

from tests.ui.live_helpers import WAIT_MS
from ui.login_dialog import device_name
from ui.viewer_sidebar import HasPictureRole
from ui.watermark import has_watermark, paint_watermark, watermark_lines

SECURITY_REPORT = 14  # confidential


def _open(qtbot, window, document, page=0):
    with qtbot.waitSignal(window.viewer.page_shown, timeout=WAIT_MS):
        window.open_document(document, page)
    return window.viewer.page_pixmap().toImage()


def test_a_confidential_page_carries_the_readers_watermark(qtbot, window):
    public = window.agenda_panel.first_item_documents()[1]
    assert not has_watermark(_open(qtbot, window, public))
    secret = next(d for d in window._searchable if d.id == SECURITY_REPORT)
    first = _open(qtbot, window, secret)
    assert has_watermark(first)
    viewer = window.viewer
    # opened from its sealed copy, never from a file in clear
    opened = Path(viewer.document_path())
    assert opened.name == f"{secret.sha256}.sealed" and b"%PDF" not in opened.read_bytes()
    files = window.bridge.engine.files.root
    assert not list(files.rglob(f"{secret.sha256}.pdf"))
    with qtbot.waitSignal(viewer.page_shown, timeout=WAIT_MS):
        viewer.next_page()
    assert has_watermark(viewer.page_pixmap().toImage())
    # back to page 1: from the cache, and still marked (the cache never holds it bare)
    with qtbot.waitSignal(viewer.page_shown, timeout=WAIT_MS):
        viewer.previous_page()
    assert has_watermark(viewer.page_pixmap().toImage())
    # the thumbnails too
    viewer.toolbar.sidebar_button.click()
    item = viewer.sidebar.thumbnails.item(0)
    qtbot.waitUntil(lambda: bool(item.data(HasPictureRole)), timeout=WAIT_MS)
    assert has_watermark(item.icon().pixmap(viewer.sidebar.thumbnails.iconSize()).toImage(),
                         samples=800)
    assert window.user.full_name and device_name()
    # and in the continuous view
    viewer.toolbar.continuous_action.trigger()
    strip = viewer.strip.strip
    qtbot.waitUntil(lambda: bool(strip.pictures), timeout=WAIT_MS)
    assert all(has_watermark(p.toImage()) for p in strip.pictures.values())
    viewer.toolbar.continuous_action.trigger()


def test_the_watermark_names_the_reader():
    lines = watermark_lines("Phạm Quốc Định", "tablet-07", "04/12/2026 09:15")
    assert lines == ["Phạm Quốc Định", "tablet-07 · 04/12/2026 09:15"]
    image = QImage(600, 850, QImage.Format.Format_RGB32)
    image.fill(0xFFFFFFFF)
    assert not has_watermark(image)
    paint_watermark(image, lines)
    assert has_watermark(image)
