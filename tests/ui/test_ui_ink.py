"""Writing on a page with the pen: a stroke drawn with (synthetic) mouse and tablet events is
painted at once, becomes a private ink annotation in page-relative coordinates, and reaches the
reader's other tablet through the real server, also when drawn offline; the eraser and
undo/redo change it everywhere."""
from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QPointingDevice, QTabletEvent
from PySide6.QtWidgets import QApplication

from tests.ui.live_helpers import WAIT_MS, entities_of

RED = "#c62828"
SECURITY_REPORT = 14  # confidential


def _open(qtbot, window, document):
    with qtbot.waitSignal(window.viewer.page_shown, timeout=WAIT_MS):
        window.open_document(document, 0)
    return window.viewer


def _draw(qtbot, label, points):
    qtbot.mousePress(label, Qt.MouseButton.LeftButton, pos=points[0])
    for point in points[1:]:
        qtbot.mouseMove(label, point)
    qtbot.mouseRelease(label, Qt.MouseButton.LeftButton, pos=points[-1])


def _line(a: QPoint, b: QPoint, steps: int = 12) -> list[QPoint]:
    return [QPoint(a.x() + (b.x() - a.x()) * i // steps, a.y() + (b.y() - a.y()) * i // steps)
            for i in range(steps + 1)]


def _inks(engine):
    return sorted((a for a in entities_of(engine, "annotation") if a["kind"] == "ink"),
                  key=lambda a: a["data"]["points"][0][0])


def test_a_stroke_is_drawn_synced_erased_and_undone(qtbot, room):
    window = room.window("delegate")
    other_tablet = room.engine("delegate")
    document = window.agenda_panel.first_item_documents()[1]
    viewer = _open(qtbot, window, document)
    label = viewer.canvas.page_label
    viewer.toolbar.pen_button.click()
    assert viewer.ink_bar.isVisible()
    viewer.ink_bar.colour_buttons[1].click()  # red
    start, end = QPoint(label.width() // 5, label.height() // 3), \
        QPoint(label.width() // 2, label.height() // 3 + 40)
    _draw(qtbot, label, _line(start, end))
    strokes = viewer.canvas.strokes()
    assert len(strokes) == 1 and strokes[0].color == RED  # on the page at once
    image = label.grab().toImage()
    middle = QPoint((start.x() + end.x()) // 2, (start.y() + end.y()) // 2)
    ratio = image.devicePixelRatio() or 1.0
    ink = image.pixelColor(int(middle.x() * ratio), int(middle.y() * ratio))
    assert ink.red() > 150 and ink.green() < 120, ink.name()

    qtbot.waitUntil(lambda: len(_inks(other_tablet)) == 1, timeout=WAIT_MS)
    synced, = _inks(other_tablet)
    assert (synced["document_id"], synced["page_index"], synced["shared"]) == \
        (document.id, 0, False)
    x0, y0, _p = synced["data"]["points"][0]
    assert abs(x0 - start.x() / label.width()) < 0.01 and abs(y0 - start.y() / label.height()) < 0.01
    assert synced["data"]["color"] == RED

    # offline: a second stroke waits in the outbox, then reaches the other tablet
    window.bridge.engine.set_network(False)
    qtbot.waitUntil(lambda: window.sync_status.state == "offline", timeout=WAIT_MS)
    low = QPoint(label.width() // 4, label.height() // 2)
    _draw(qtbot, label, _line(low, low + QPoint(120, 0)))
    assert len(viewer.canvas.strokes()) == 2
    window.bridge.engine.set_network(True)
    qtbot.waitUntil(lambda: len(_inks(other_tablet)) == 2, timeout=WAIT_MS)

    # the eraser takes the first stroke away, everywhere; undo brings it back
    viewer.ink_bar.eraser_button.click()
    qtbot.mouseClick(label, Qt.MouseButton.LeftButton, pos=middle)
    assert len(viewer.canvas.strokes()) == 1
    qtbot.waitUntil(lambda: len(_inks(other_tablet)) == 1, timeout=WAIT_MS)
    viewer.ink_bar.undo_button.click()
    assert len(viewer.canvas.strokes()) == 2
    qtbot.waitUntil(lambda: len(_inks(other_tablet)) == 2, timeout=WAIT_MS)
    viewer.ink_bar.redo_button.click()
    qtbot.waitUntil(lambda: len(_inks(other_tablet)) == 1, timeout=WAIT_MS)

    # the strokes stay on their page: another page has none, coming back shows them
    with qtbot.waitSignal(viewer.page_shown, timeout=WAIT_MS):
        viewer.next_page()
    assert viewer.canvas.strokes() == []
    with qtbot.waitSignal(viewer.page_shown, timeout=WAIT_MS):
        viewer.previous_page()
    assert len(viewer.canvas.strokes()) == 1


def test_a_pen_reports_its_pressure(qtbot, window):
    viewer = _open(qtbot, window, window.agenda_panel.first_item_documents()[0])
    viewer.toolbar.pen_button.click()
    label = viewer.canvas.page_label
    device = QPointingDevice.primaryPointingDevice()
    strokes = []
    viewer.canvas.stroke_finished.connect(strokes.append)
    for kind, x, pressure in ((QTabletEvent.Type.TabletPress, 100, 0.2),
                              (QTabletEvent.Type.TabletMove, 140, 0.6),
                              (QTabletEvent.Type.TabletMove, 180, 0.9),
                              (QTabletEvent.Type.TabletRelease, 180, 0.0)):
        point = QPointF(x, 200)
        buttons = Qt.MouseButton.NoButton if kind == QTabletEvent.Type.TabletRelease \
            else Qt.MouseButton.LeftButton
        event = QTabletEvent(kind, device, point, label.mapToGlobal(point), pressure, 0, 0, 0,
                             0, 0, Qt.KeyboardModifier.NoModifier, Qt.MouseButton.LeftButton,
                             buttons)
        QApplication.sendEvent(label, event)
    assert len(strokes) == 1
    assert [round(p, 1) for _x, _y, p in strokes[0]] == [0.2, 0.6, 0.9]
    viewer.toolbar.pen_button.click()  # back to reading: a drag no longer draws
    assert not viewer.ink_bar.isVisible()
    _draw(qtbot, label, _line(QPoint(50, 50), QPoint(150, 60)))
    assert len(strokes) == 1


def test_save_a_copy_with_my_notes_and_never_for_a_confidential_document(qtbot, window,
                                                                          tmp_path):
    import pymupdf

    viewer = _open(qtbot, window, window.agenda_panel.first_item_documents()[1])
    viewer.toolbar.pen_button.click()
    assert viewer.ink_bar.save_button.isVisible()
    label = viewer.canvas.page_label
    _draw(qtbot, label, _line(QPoint(100, 120), QPoint(300, 160)))
    target = tmp_path / "ban-sao.pdf"
    viewer.ink.save_copy(str(target))
    qtbot.waitUntil(lambda: "Đã lưu bản sao" in window.notice.text(), timeout=WAIT_MS)
    with pymupdf.open(target) as doc:
        page = doc[0]
        annots = list(page.annots())
        assert [a.type[1] for a in annots] == ["Ink"]
        assert annots[0].info["title"] == window.user.full_name
    viewer.toolbar.pen_button.click()
    secret = next(d for d in window._searchable if d.id == SECURITY_REPORT)
    _open(qtbot, window, secret)
    viewer.toolbar.pen_button.click()
    assert not viewer.ink_bar.save_button.isVisible()
    viewer.ink.save_copy(str(tmp_path / "mat.pdf"))
    assert "tài liệu mật" in window.notice.text().lower()
    assert not (tmp_path / "mat.pdf").exists()


def test_dragging_over_words_highlights_them_with_their_quote(qtbot, room):
    from documents.page_find import unpack_boxes
    from documents.text_index import TextIndex
    from tests.ui.test_ui_search import _indexed

    window = room.window("delegate")
    other_tablet = room.engine("delegate")
    document = window.agenda_panel.first_item_documents()[1]
    _indexed(qtbot, window, document)
    viewer = _open(qtbot, window, document)
    index = TextIndex(window.search.db_path)
    content = index.page_content(document.sha256, 0)
    index.close()
    words = content.text.split()
    boxes = unpack_boxes(content.boxes)
    first = next(i for i, w in enumerate(words) if len(w) > 3 and i > 4)
    scale = viewer.shown_scale()

    def centre(i):
        x0, y0, x1, y1 = boxes[i]
        return QPoint(int((x0 + x1) / 2 * scale), int((y0 + y1) / 2 * scale))

    viewer.toolbar.pen_button.click()
    viewer.ink_bar.highlight_button.click()
    qtbot.waitUntil(lambda: viewer.ink._content() is not None, timeout=WAIT_MS)  # its words
    _draw(qtbot, viewer.canvas.page_label, _line(centre(first), centre(first + 2), 4))
    marks = viewer.canvas.marks()
    assert len(marks) == 1
    assert marks[0].exact == " ".join(words[first:first + 3])
    assert marks[0].style == "highlight" and marks[0].prefix.endswith(words[first - 1])
    qtbot.waitUntil(lambda: any(a["kind"] == "highlight"
                                for a in entities_of(other_tablet, "annotation")),
                    timeout=WAIT_MS)
    synced = next(a for a in entities_of(other_tablet, "annotation") if a["kind"] == "highlight")
    assert synced["data"]["quote"]["exact"] == marks[0].exact
    # the eraser takes a mark away too
    viewer.ink_bar.eraser_button.click()
    qtbot.mouseClick(viewer.canvas.page_label, Qt.MouseButton.LeftButton, pos=centre(first + 1))
    assert viewer.canvas.marks() == []


def test_a_stroke_that_cannot_be_queued_leaves_the_page_with_a_notice(qtbot, window,
                                                                       monkeypatch):
    viewer = _open(qtbot, window, window.agenda_panel.first_item_documents()[1])
    viewer.toolbar.pen_button.click()
    before = viewer.canvas.strokes()  # the shared server may hold this user's earlier ones
    monkeypatch.setattr(window.bridge, "mutate", lambda change, on_error=None: False)
    _draw(qtbot, viewer.canvas.page_label, _line(QPoint(100, 100), QPoint(200, 120)))
    assert viewer.canvas.strokes() == before  # never shown as if it were kept
    assert not viewer.ink_bar.undo_button.isEnabled()
    assert window.notice.isVisible() and window.notice.text()


def test_my_notes_of_the_session_are_listed_and_take_me_to_them(qtbot, room):
    window = room.window("delegate")
    plan, speech = window.agenda_panel.first_item_documents()[:2]
    viewer = _open(qtbot, window, speech)
    with qtbot.waitSignal(viewer.page_shown, timeout=WAIT_MS):
        viewer.go_to_page(1)
    viewer.toolbar.pen_button.click()
    _draw(qtbot, viewer.canvas.page_label, _line(QPoint(80, 90), QPoint(240, 90)))
    _open(qtbot, window, plan)
    _draw(qtbot, viewer.canvas.page_label, _line(QPoint(80, 140), QPoint(240, 150)))
    viewer.toolbar.sidebar_button.click()
    viewer.sidebar.show_notes()
    tree = viewer.sidebar.notes
    qtbot.waitUntil(lambda: tree.topLevelItemCount() == 2, timeout=WAIT_MS)
    first, second = tree.topLevelItem(0), tree.topLevelItem(1)
    assert first.text(0) == f"{plan.title} (1)" and first.isExpanded()  # the open one first
    assert second.text(0) == f"{speech.title} (1)"
    note = second.child(0)
    assert note.text(0) == "tr. 2 · nét viết tay"
    with qtbot.waitSignal(viewer.page_shown, timeout=WAIT_MS) as shown:
        tree.itemClicked.emit(note, 0)
    assert shown.args == [1] and viewer.document.id == speech.id
    assert len(viewer.canvas.strokes()) == 1
