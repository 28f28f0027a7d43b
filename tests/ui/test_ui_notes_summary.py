"""The summary of my notes of a session, as DOCX, from the sidebar: per agenda item and
document, with pages; never a note of a confidential document."""
from __future__ import annotations

import docx
from PySide6.QtCore import QPoint

from tests.ui.live_helpers import WAIT_MS
from tests.ui.test_ui_ink import SECURITY_REPORT, _draw, _line, _open


def test_the_summary_of_my_notes_lists_them_per_document_without_confidential_ones(
        qtbot, room, tmp_path, monkeypatch):
    window = room.window("delegate")  # its own server: other tests count the shared one's notes
    document = window.agenda_panel.first_item_documents()[1]
    viewer = _open(qtbot, window, document)
    viewer.toolbar.pen_button.click()
    _draw(qtbot, viewer.canvas.page_label, _line(QPoint(100, 120), QPoint(300, 160)))
    secret = next(d for d in window._searchable if d.id == SECURITY_REPORT)
    _open(qtbot, window, secret)
    _draw(qtbot, viewer.canvas.page_label, _line(QPoint(100, 200), QPoint(300, 220)))
    mine = lambda: [a for a in window.viewer.ink._annotations.values()  # noqa: E731
                    if a.user_id == window.user.id and a.document_id in (document.id, secret.id)]
    # both in the session's state (the shared server may hold this user's earlier notes)
    qtbot.waitUntil(lambda: {a.document_id for a in mine()} == {document.id, secret.id},
                    timeout=WAIT_MS)

    target = tmp_path / "tom-tat.docx"
    monkeypatch.setattr("ui.notes_export.QFileDialog.getSaveFileName",
                        lambda *args: (str(target), ""))
    viewer.toolbar.sidebar_button.click()
    viewer.sidebar.show_notes()
    assert viewer.sidebar.summary_button.isVisible()
    viewer.sidebar.summary_button.click()
    qtbot.waitUntil(lambda: "Đã ghi tóm tắt" in window.notice.text(), timeout=WAIT_MS)
    assert "tài liệu mật không bao giờ được xuất" in window.notice.text()
    text = "\n".join(p.text for p in docx.Document(target).paragraphs)
    cells = [c.text for t in docx.Document(target).tables for row in t.rows for c in row.cells]
    assert document.title in text and secret.title not in text
    assert "Trang 1" in cells and "Nét vẽ tay" in cells
    assert window.user.full_name in text
