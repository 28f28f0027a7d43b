"""Sticky notes and text boxes: placed with a tap, written in the note editor, drawn on the page;
selected, moved, shared with the session, deleted, and undone; every step reaches the reader's
other tablet (and, once shared, another participant) through the real server."""
from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from tests.ui.live_helpers import WAIT_MS, entities_of
from tests.ui.test_ui_ink import _draw, _line, _open


def _notes(engine, kind=None):
    return [a for a in entities_of(engine, "annotation")
            if a["kind"] in ("note", "text") and (kind is None or a["kind"] == kind)]


def _write(qtbot, viewer, text: str, shared: bool = False) -> None:
    editor = viewer.notes.editor
    qtbot.waitUntil(lambda: editor.isVisible(), timeout=WAIT_MS)
    assert not editor.save_button.isEnabled()  # nothing written yet
    editor.text_edit.setPlainText(text)
    editor.share_box.setChecked(shared)
    editor.save_button.click()


def test_notes_are_placed_written_moved_shared_and_deleted_everywhere(qtbot, room):
    window = room.window("delegate")
    other_tablet, chair = room.engine("delegate"), room.engine("chair")
    document = window.agenda_panel.first_item_documents()[1]
    viewer = _open(qtbot, window, document)
    label, bar = viewer.canvas.page_label, viewer.ink_bar
    viewer.toolbar.pen_button.click()
    bar.note_button.click()
    spot = QPoint(label.width() * 3 // 4, 120)
    qtbot.mouseClick(label, Qt.MouseButton.LeftButton, pos=spot)
    _write(qtbot, viewer, "Hỏi lại Sở Tài chính về số liệu chi thường xuyên")
    assert [n.text for n in viewer.canvas.notes()] == [
        "Hỏi lại Sở Tài chính về số liệu chi thường xuyên"]
    bar.textbox_button.click()
    qtbot.mouseClick(label, Qt.MouseButton.LeftButton, pos=QPoint(80, 300))
    _write(qtbot, viewer, "Đề nghị bổ sung\nsố liệu năm 2025")
    assert sorted(n.kind for n in viewer.canvas.notes()) == ["note", "text"]
    qtbot.waitUntil(lambda: len(_notes(other_tablet)) == 2, timeout=WAIT_MS)
    sticky = _notes(other_tablet, "note")[0]
    assert sticky["text"].startswith("Hỏi lại Sở Tài chính") and not sticky["shared"]
    assert chair_sees_none(chair)

    # select it, share it with the session: the chair's tablet gets it
    bar.select_button.click()
    assert bar.share_button.isVisible() and not bar.share_button.isEnabled()
    qtbot.mouseClick(label, Qt.MouseButton.LeftButton, pos=spot)
    assert label.selected == sticky["uuid"] and bar.share_button.isEnabled()
    bar.share_button.click()
    qtbot.waitUntil(lambda: [a["uuid"] for a in _notes(chair)] == [sticky["uuid"]],
                    timeout=WAIT_MS)

    # drag it 80 pixels down; undo brings it back
    before = sticky["data"]["y"]
    _draw(qtbot, label, _line(spot, spot + QPoint(0, 80), 8))
    moved = next(n for n in viewer.canvas.notes() if n.kind == "note")
    assert abs(moved.y - before - 80 / label.height()) < 0.002
    qtbot.waitUntil(lambda: abs(_notes(other_tablet, "note")[0]["data"]["y"] - moved.y) < 1e-3,
                    timeout=WAIT_MS)
    bar.undo_button.click()
    assert abs(next(n for n in viewer.canvas.notes() if n.kind == "note").y - before) < 1e-3

    # delete it (the Delete key): gone from every tablet
    qtbot.mouseClick(label, Qt.MouseButton.LeftButton, pos=spot)
    assert label.selected == sticky["uuid"]
    window.activateWindow()  # the editor closed: the window has the keyboard again
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
    assert viewer.canvas.hasFocus()  # the tap that selected the note gave it to the page
    qtbot.keyClick(viewer.canvas, Qt.Key.Key_Delete)
    assert [n.kind for n in viewer.canvas.notes()] == ["text"]
    qtbot.waitUntil(lambda: not _notes(chair) and len(_notes(other_tablet)) == 1,
                    timeout=WAIT_MS)


def chair_sees_none(chair) -> bool:
    return _notes(chair) == []  # private until shared


def test_another_participants_shared_note_is_read_not_changed(qtbot, room):
    writer = room.window("delegate")
    document = writer.agenda_panel.first_item_documents()[1]
    viewer = _open(qtbot, writer, document)
    viewer.toolbar.pen_button.click()
    viewer.ink_bar.note_button.click()
    spot = QPoint(200, 150)
    qtbot.mouseClick(viewer.canvas.page_label, Qt.MouseButton.LeftButton, pos=spot)
    _write(qtbot, viewer, "Lưu ý cho cả tổ đại biểu", shared=True)

    reader = room.window("chair")
    theirs = _open(qtbot, reader, document)
    qtbot.waitUntil(lambda: len(theirs.canvas.notes()) == 1, timeout=WAIT_MS)
    assert not theirs.canvas.notes()[0].mine
    qtbot.mouseClick(theirs.canvas.page_label, Qt.MouseButton.LeftButton, pos=spot)  # reading
    editor = theirs.notes.editor
    qtbot.waitUntil(lambda: editor is not None and editor.isVisible(), timeout=WAIT_MS)
    assert editor.text_edit.toPlainText() == "Lưu ý cho cả tổ đại biểu"
    assert editor.text_edit.isReadOnly() and not editor.save_button.isVisible()
    assert not editor.delete_button.isVisible()
