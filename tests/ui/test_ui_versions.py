"""A document replaced while a delegate reads it: the viewer says a new version is out, the
delegate's notes come over to it where their words are, and the one that could not be placed
is listed ("chưa đặt lại được") and shown on the old version, where nothing new is written."""
from __future__ import annotations

import pymupdf
from PySide6.QtCore import QPoint

from app.config import sqlite_url
from documents.anchoring import ink_anchor, read_version
from documents.page_find import unpack_boxes
from phonghop.cli import main
from tests.ui.live_helpers import WAIT_MS, entities_of
from tests.ui.test_ui_ink import _draw, _line, _open


def _blank_spot(version, page: int) -> tuple[float, float]:
    """A point of the page (fractions) with no word near it: ink there has no anchor."""
    for y in (0.97, 0.93, 0.5, 0.3):
        for x in (0.5, 0.95, 0.05):
            if ink_anchor(version.pages[page], (x - 0.01, y - 0.005, x + 0.01, y + 0.005)) is None:
                return x, y
    raise AssertionError("no blank spot on the page")


def test_a_replaced_document_carries_my_notes_over_and_shows_those_not_placed(
        qtbot, room, demo_server, tmp_path):
    window = room.window("delegate")
    other_tablet = room.engine("delegate")
    document = window.agenda_panel.first_item_documents()[1]
    viewer = _open(qtbot, window, document)
    old_file = viewer.document_path()
    old = read_version(old_file)
    content = old.pages[0].content
    label = viewer.canvas.page_label
    scale = viewer.shown_scale()
    # a stroke under a word of the text, and one where no text is near
    x0, y0, x1, y1 = unpack_boxes(content.boxes)[5]
    under = QPoint(int(x0 * scale), int(y1 * scale) + 2), QPoint(int(x1 * scale), int(y1 * scale) + 2)
    bx, by = _blank_spot(old, 0)
    blank = QPoint(int(bx * label.width()) - 20, int(by * label.height())), \
        QPoint(int(bx * label.width()) + 20, int(by * label.height()))
    viewer.toolbar.pen_button.click()
    _draw(qtbot, label, _line(*under, 6))
    _draw(qtbot, label, _line(*blank, 6))
    qtbot.waitUntil(lambda: len([a for a in entities_of(other_tablet, "annotation")
                                 if a.get("version") == document.version]) >= 2, timeout=WAIT_MS)
    viewer.toolbar.pen_button.click()

    # the secretary publishes version 2: a cover page in front, the text moved to page 2
    replacement = pymupdf.open(old_file)
    replacement.insert_page(0, text="Bản sửa đổi theo ý kiến thẩm tra", fontname="helv")
    new_file = tmp_path / "ban-sua.pdf"
    replacement.save(new_file)
    replacement.close()
    assert main(["documents", "replace", "--db", sqlite_url(demo_server.data_dir / "phonghop.db"),
                 "--data-dir", str(demo_server.data_dir), "--document", str(document.id),
                 str(new_file)]) == 0
    bar = viewer.version_bar
    qtbot.waitUntil(lambda: bar.isVisible() and "2" in bar.label.text(), timeout=WAIT_MS)
    assert bar.label.text() == ("Đã có phiên bản 2 của tài liệu này (bạn đang xem phiên bản "
                                f"{document.version}).")
    assert not viewer.toolbar.pen_button.isEnabled()  # nothing written on the old pages
    with qtbot.waitSignal(viewer.page_shown, timeout=WAIT_MS):
        bar.button.click()  # "Mở phiên bản hiện hành"
    assert viewer.document.version == 2 and viewer.toolbar.pen_button.isEnabled()
    with qtbot.waitSignal(viewer.page_shown, timeout=WAIT_MS):
        viewer.go_to_page(1)
    assert len(viewer.canvas.strokes()) == 1  # the stroke under the word came along, to page 2
    assert bar.label.text().startswith("Ghi chú của bạn chưa đặt lại được trên phiên bản này: 1.")

    viewer.toolbar.sidebar_button.click()
    viewer.sidebar.show_notes()
    tree = viewer.sidebar.notes
    titles = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert f"{document.title} (1)" in titles
    assert f"Chưa đặt lại được: {document.title} (1), phiên bản {document.version}" in titles
    with qtbot.waitSignal(viewer.page_shown, timeout=WAIT_MS):
        bar.button.click()  # "Xem trên phiên bản 1"
    assert viewer.document.version == document.version and viewer.document.superseded_by == 2
    assert viewer.current_page == 0
    assert len(viewer.canvas.strokes()) == 2  # the old version, with both strokes
    assert bar.label.text().startswith(f"Bạn đang xem phiên bản {document.version}, đã được thay")
    assert not viewer.toolbar.pen_button.isEnabled()
