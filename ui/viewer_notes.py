"""Sticky notes, text boxes, and selecting any note to move, share or delete it. A part of the
viewer beside its ink (`ui/viewer_ink.py`, which keeps every note and its undo history): a note
placed, moved, rewritten, shared or deleted here is one step of that history and one
`annotation.put` or `annotation.delete`, queued like a stroke, so it works offline.

Private by default: sharing a note shows it to everyone of the session who may read the
document (the server decides who, docs/PROTOCOL.md); another participant's shared note is
shown and read, never changed, here."""
from __future__ import annotations

import uuid as uuidlib

from PySide6.QtCore import QObject

from ui.my_notes import Entry
from ui.note_editor import NoteEditor
from ui.page_notes import NOTE_COLOUR, NOTE_ICON_PT, moved_data, movable, note_data


class ViewerNotes(QObject):
    def __init__(self, viewer) -> None:  # the DocumentViewer that owns it
        super().__init__(viewer)
        self.viewer, self.ink, self.bar = viewer, viewer.ink, viewer.ink_bar
        self.editor: NoteEditor | None = None
        surface = viewer.canvas.page_label
        surface.place_requested.connect(self._place)
        surface.note_opened.connect(self.open_note)
        surface.item_selected.connect(self._on_selected)
        surface.item_moved.connect(self._move)
        self.bar.share_button.toggled.connect(self._share)
        self.bar.delete_button.clicked.connect(self.delete_selected)
        self.ink.notes_changed.connect(self._update_bar)
        self._update_bar()

    @property
    def selected(self) -> str:
        return self.viewer.canvas.page_label.selected

    # -- new notes ------------------------------------------------------------------------
    def _place(self, mode: str, x: float, y: float) -> None:
        document = self.viewer.document
        if document is None:
            return
        kind = "note" if mode == "note" else "text"
        page = self.viewer.current_page
        width, _height = self.viewer.page_size_pt()
        if kind == "note" and width:  # the icon's centre where the finger was
            x -= NOTE_ICON_PT / 2 / width
            y -= NOTE_ICON_PT / 2 / max(self.viewer.page_size_pt()[1], 1.0)
        colour = NOTE_COLOUR if kind == "note" else self.ink.colour()
        data = note_data(kind, x, y, colour)

        def save(text: str, shared: bool) -> None:
            self.ink.change(str(uuidlib.uuid4()), Entry(document.id, page, kind, data, text,
                                                        shared, document.version))

        self._edit(kind, "", False, save)

    # -- reading and editing one --------------------------------------------------------------
    def open_note(self, key: str) -> None:
        """A sticky note or a text box tapped: mine to edit, someone else's to read."""
        note = self.viewer.canvas.page_label.item(key)
        if note is None:
            return
        entry = self.ink.entry(key)
        if entry is None or self.viewer.version_bar.showing_earlier():  # someone else's, or on an earlier version: to read
            self._edit(note.kind, note.text, entry is None or entry.shared, None,
                       theirs=entry is None)
            return

        def save(text: str, shared: bool) -> None:  # the note as it is now (moved meanwhile?)
            current = self.ink.entry(key) or entry
            self.ink.change(key, current._replace(text=text, shared=shared))

        self._edit(entry.kind, entry.text, entry.shared, save,
                   lambda: self.ink.change(key, None))

    def _edit(self, kind: str, text: str, shared: bool, on_save, on_delete=None,
              theirs: bool = False) -> None:
        if self.editor is not None:
            self.editor.close()
        self.editor = NoteEditor(self.viewer, kind, text, shared, editable=on_save is not None,
                                 existing=on_delete is not None, theirs=theirs)
        if on_save is not None:
            self.editor.saved.connect(on_save)
        if on_delete is not None:
            self.editor.delete_requested.connect(on_delete)
        self.editor.open()

    # -- the selected note ------------------------------------------------------------------
    def _move(self, key: str, dx: float, dy: float) -> None:
        entry = self.ink.entry(key)
        item = self.viewer.canvas.page_label.item(key)
        if entry is None or item is None or not movable(item):
            return
        self.ink.change(key, entry._replace(data=moved_data(entry.kind, entry.data, dx, dy)))

    def _share(self, shared: bool) -> None:
        entry = self.ink.entry(self.selected) if self.selected else None
        if entry is not None and entry.shared != shared:
            self.ink.change(self.selected, entry._replace(shared=shared))

    def delete_selected(self) -> None:
        key = self.selected
        if key and self.ink.entry(key) is not None:
            self.ink.change(key, None)
            self.viewer.canvas.page_label.set_selected("")
            self._update_bar()

    def _on_selected(self, key: str) -> None:
        if key:
            self.viewer.canvas.setFocus()  # the Delete key acts on it
        self._update_bar()

    def _update_bar(self) -> None:
        """Share and delete act on a selected note of mine."""
        entry = self.ink.entry(self.selected) if self.selected else None
        self.bar.set_selection(entry is not None, bool(entry and entry.shared))
