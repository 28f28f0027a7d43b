"""The viewer's keyboard shortcuts, active while the keyboard is anywhere in the viewer (the
page keys themselves are the canvas's and the strip's: ui/page_canvas.py, ui/page_strip.py)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut


def install_shortcuts(viewer) -> None:  # a DocumentViewer
    keys = QKeySequence.StandardKey
    for key, slot in ((keys.ZoomIn, viewer.zoom_in), (keys.ZoomOut, viewer.zoom_out),
                      (keys.Find, lambda: viewer.finder.open()),
                      (keys.FindNext, lambda: viewer.finder.step(1)),
                      (keys.FindPrevious, lambda: viewer.finder.step(-1)),
                      (keys.Undo, lambda: viewer.ink.undo()),
                      (keys.Redo, lambda: viewer.ink.redo()),
                      (keys.Delete, lambda: viewer.notes.delete_selected())):
        shortcut = QShortcut(key, viewer)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)
