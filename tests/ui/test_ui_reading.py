"""Reading comfort: the page each document was left at survives a restart of the client;
Ctrl+wheel zooms."""
from __future__ import annotations

import json

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from tests.ui.live_helpers import WAIT_MS
from ui.main_window import MainWindow
from ui.sync_bridge import engine_factory, user_dir


def _open(qtbot, window, document, page=None):
    with qtbot.waitSignal(window.viewer.page_shown, timeout=WAIT_MS) as shown:
        window.open_document(document, page)
    return shown.args[0]


def test_each_document_opens_where_the_reader_left_it_also_after_a_restart(qtbot, reader):
    first = reader.window("delegate")
    plan, speech = first.agenda_panel.first_item_documents()[:2]
    assert _open(qtbot, first, plan) == 0
    with qtbot.waitSignal(first.viewer.page_shown, timeout=WAIT_MS):
        first.viewer.go_to_page(4)
    assert _open(qtbot, first, speech) == 0
    with qtbot.waitSignal(first.viewer.page_shown, timeout=WAIT_MS):
        first.viewer.go_to_page(2)
    assert _open(qtbot, first, plan) == 4  # back to the plan: where it was left
    cache = reader.cache(first)
    first.close()
    saved = user_dir(cache, first.client.base_url, first.user.username) / "reading.json"
    assert json.loads(saved.read_text(encoding="utf-8")) == {str(speech.id): 2, str(plan.id): 4}

    client = reader.login("delegate")
    second = MainWindow(client, client.user, reader.runner, cache,
                        engine_factory=engine_factory(client, client.user, cache))
    qtbot.addWidget(second)
    reader.windows.append(second)
    second.show()
    with qtbot.waitSignal(second.agenda_loaded, timeout=WAIT_MS):
        second.start()
    assert _open(qtbot, second, speech) == 2
    assert _open(qtbot, second, plan, page=0) == 0  # a page asked for wins (a search hit)


def test_a_damaged_positions_file_is_set_aside(qtbot, tmp_path):
    from ui.reading_positions import ReadingPositions

    path = tmp_path / "reading.json"
    path.write_bytes(b"\x00{not json")
    positions = ReadingPositions(path)
    assert positions.page(7) == 0
    assert (tmp_path / "reading.damaged").exists()
    positions.remember(7, 3)
    positions.save()
    assert ReadingPositions(path).page(7) == 3


def _ctrl_wheel(widget, delta: int) -> None:
    point = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(point, widget.mapToGlobal(point), QPoint(0, 0), QPoint(0, delta),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def test_ctrl_wheel_zooms_and_a_plain_wheel_scrolls(qtbot, window):
    document = window.agenda_panel.first_item_documents()[0]
    _open(qtbot, window, document)
    viewer = window.viewer
    fitted = viewer.page_pixmap().width()
    with qtbot.waitSignal(viewer.page_shown, timeout=WAIT_MS):
        _ctrl_wheel(viewer.canvas.viewport(), 120)
    assert viewer.page_pixmap().width() > fitted
    zoomed = viewer.page_pixmap().width()
    with qtbot.waitSignal(viewer.page_shown, timeout=WAIT_MS):
        _ctrl_wheel(viewer.canvas.viewport(), -120)
    assert viewer.page_pixmap().width() < zoomed
    before = viewer.shown_scale()
    with qtbot.waitSignal(viewer.page_shown, timeout=WAIT_MS):
        viewer.zoom_by(2.0)  # what a pinch that doubles the distance asks for
    assert abs(viewer.shown_scale() - min(2 * before, 4.0)) < 0.01
