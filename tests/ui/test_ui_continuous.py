"""Continuous reading: the pages one under the other, scrolled through; the toolbar and the
reading position follow the page in the middle of the view; going to a page scrolls to it;
notes show on their pages; the pen goes back to the single page."""
from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from tests.ui.live_helpers import WAIT_MS
from tests.ui.test_ui_ink import _draw, _line, _open


def test_the_pages_scroll_one_under_the_other(qtbot, window):
    document = window.agenda_panel.first_item_documents()[0]
    viewer = _open(qtbot, window, document)
    viewer.toolbar.pen_button.click()
    _draw(qtbot, viewer.canvas.page_label, _line(QPoint(100, 200), QPoint(300, 210)))
    viewer.toolbar.pen_button.click()
    before = len(viewer.ink.page_items(document.id, 0)[0])
    assert before >= 1
    viewer.toolbar.continuous_action.trigger()
    strip = viewer.strip.strip
    assert viewer.stack.currentWidget() is strip
    qtbot.waitUntil(lambda: 0 in strip.pictures and 1 in strip.pictures, timeout=WAIT_MS)
    assert strip.count == document.page_count
    assert strip.column.height() > strip.viewport().height() * (document.page_count - 1)
    # the first page is drawn with its stroke: the pen's dark blue where the stroke is
    image = strip.column.grab().toImage()
    ratio = image.devicePixelRatio() or 1.0
    rect = strip.page_rect(0)
    stroke = viewer.ink.page_items(document.id, 0)[0][-1]
    x, y, _pressure = stroke.points[len(stroke.points) // 2]
    around = [image.pixelColor(int((rect.left() + x * rect.width() + dx) * ratio),
                               int((rect.top() + y * rect.height() + dy) * ratio))
              for dx in range(-2, 3) for dy in range(-2, 3)]
    assert any(c.blue() > 100 and c.red() < 80 for c in around), [c.name() for c in around]
    # scrolling down: the page in the middle becomes the current one, everywhere
    with qtbot.waitSignal(viewer.page_shown, timeout=WAIT_MS) as shown:
        strip.verticalScrollBar().setValue(strip.page_rect(2).top())
    assert shown.args == [2] and viewer.current_page == 2
    assert viewer.page_indicator() == f"Trang 3 / {document.page_count}"
    assert window.positions.page(document.id) == 2
    qtbot.waitUntil(lambda: 2 in strip.pictures, timeout=WAIT_MS)
    assert set(strip.pictures) <= set(range(0, 6))  # only the pages near the view are kept
    # going to a page scrolls to it
    viewer.go_to_page(1)
    assert strip.verticalScrollBar().value() == strip.page_rect(1).top() - 12
    qtbot.keyClick(strip, Qt.Key.Key_End)
    assert viewer.current_page == document.page_count - 1
    # the pen: back to the single page, the one being read
    with qtbot.waitSignal(viewer.page_shown, timeout=WAIT_MS):
        viewer.toolbar.pen_button.click()
    assert viewer.stack.currentWidget() is viewer.canvas
    assert viewer.current_page == document.page_count - 1
    assert not viewer.toolbar.continuous_action.isChecked()
