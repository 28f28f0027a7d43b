"""Writing on the page: the viewer's ink tools, its strokes, undo and redo.

A stroke the reader draws becomes an `annotation.put` (kind "ink", private) the moment the pen
lifts: `put(uuid, Entry)`, which the window queues in the sync engine's outbox,
so it works offline and reaches the reader's other tablets. Until the engine's view includes it,
the stroke is kept here, so it never blinks out. The eraser deletes the reader's own strokes
(`deleted(uuid)`); strokes others shared with the session are shown, never erased. Undo and redo
replay those changes (a stroke undone is deleted; a deletion undone puts the same stroke back).
"""
from __future__ import annotations

import uuid as uuidlib
from typing import Iterable

from PySide6.QtCore import QObject, Signal

from documents.annotated_copy import NoteMark
from documents.page_find import nearest_word, select_words
from ui.ink import (
    PEN_COLOURS, TEXT_STYLES, InkStroke, TextMark, mark_data, mark_from_data, stroke_data,
    stroke_from_data,
)
from ui.my_notes import Entry, my_notes
from ui.page_notes import NOTE_KINDS, PageNote, note_from_data
from ui.page_surface import ERASER, NOTE, PEN, READ, SELECT, TEXT, TEXTBOX
from ui.search_service import NOT_INDEXED
from ui.session_state import AnnotationInfo
from ui.viewer_export import ViewerExport

HISTORY = 200


class ViewerInk(QObject):
    put = Signal(str, object)  # uuid, Entry (document id, page from 0, kind, data, text, shared)
    deleted = Signal(str)
    notice = Signal(str, str)  # (kind "info" | "error", sentence) for the window's notice bar
    notes_changed = Signal()  # my notes of the session changed (the sidebar's list)

    def __init__(self, viewer) -> None:  # the DocumentViewer that owns it (not imported: it
        # imports this module)
        super().__init__(viewer)
        self.viewer, self.bar, self.canvas = viewer, viewer.ink_bar, viewer.canvas
        self.user_id = 0
        self._annotations: dict[str, AnnotationInfo] = {}
        self._local: dict[str, Entry] = {}  # queued here, not in the view yet
        self._erased: set[str] = set()  # deleted, still in the view
        self._undo: list[tuple] = []  # (uuid, before, after): Entry, or None when absent
        self._redo: list[tuple] = []
        self._style = "highlight"
        self._contents: dict[tuple[str, int], object] = {}  # (sha, page) -> PageContent | None
        self._anchor: int | None = None  # the first word of a selection being made
        self._selection = None
        self._history_of: tuple | None = None
        self._documents: dict[int, object] = {}  # id -> DocumentInfo, of the session
        self._color, self._width, self._tool = self.canvas.page_label.pen_color, \
            self.canvas.page_label.pen_width, PEN
        self.bar.tool_changed.connect(self._set_tool)
        self.bar.color_changed.connect(lambda color: self._set(color=color))
        self.bar.width_changed.connect(lambda width: self._set(width=width))
        self.bar.undo_requested.connect(self.undo)
        self.bar.redo_requested.connect(self.redo)
        self.bar.done.connect(lambda: self.viewer.toolbar.pen_button.setChecked(False))
        self.bar.save_copy_requested.connect(self.save_copy)
        self.author = ""
        self.export = ViewerExport(self)
        self.canvas.stroke_finished.connect(self._on_stroke)
        self.canvas.erase_requested.connect(self._on_erase)
        self.canvas.select_moved.connect(self._on_select)
        self.canvas.select_finished.connect(self._on_selected)
        viewer.page_shown.connect(lambda _page: self.refresh())

    # -- modes ----------------------------------------------------------------------------
    def start(self) -> None:
        document = self.viewer.document
        public = document is not None and not document.restricted
        self.bar.save_button.setVisible(public)
        for button in (self.bar.highlight_button, self.bar.underline_button,
                       self.bar.strikeout_button):  # their words come from the search index
            button.setEnabled(public)
        if not public and self._tool == TEXT:
            self._tool = PEN
            self.bar.pen_button.setChecked(True)
        self.bar.show()
        self.canvas.set_ink_mode(self._tool, self._color, self._width)

    def stop(self) -> None:
        self.bar.hide()
        self.canvas.set_ink_mode(READ)

    def _set_tool(self, tool: str) -> None:
        if tool in TEXT_STYLES:
            self._tool, self._style = TEXT, tool
            if tool == "highlight" and self._color == PEN_COLOURS[0]:
                self._color = PEN_COLOURS[3]  # a highlighter is yellow unless chosen otherwise
                self.bar.show_style(self._color, self._width)
            self._fetch_content()
        else:
            self._tool = {"eraser": ERASER, "note": NOTE, "textbox": TEXTBOX,
                          "select": SELECT}.get(tool, PEN)
        self.canvas.set_ink_mode(self._tool, self._color, self._width)

    def colour(self) -> str:
        return self._color

    def _set(self, color: str | None = None, width: float | None = None) -> None:
        """A colour keeps the tool (pen, a text mark, a text box); a width is the pen's."""
        self._color, self._width = color or self._color, width or self._width
        if width is not None or self._tool in (ERASER, NOTE, SELECT):
            self._tool = PEN
            self.bar.pen_button.setChecked(True)
        self.canvas.set_ink_mode(self._tool, self._color, self._width)

    # -- what is on the page --------------------------------------------------------------
    def set_annotations(self, annotations: Iterable[AnnotationInfo]) -> None:
        self._annotations = {a.uuid: a for a in annotations
                             if a.kind in ("ink", "highlight", *NOTE_KINDS)}
        for uuid, entry in list(self._local.items()):  # the view has caught up with it
            shown = self._annotations.get(uuid)
            if shown is not None and (shown.pending or (
                    shown.data, shown.text, shown.shared, shown.page_index) ==
                    (entry.data, entry.text, entry.shared, entry.page)):
                del self._local[uuid]
        self._erased &= set(self._annotations)
        self.refresh()
        self.notes_changed.emit()

    def page_items(self, document_id: int, page: int
                   ) -> tuple[list[InkStroke], list[TextMark], list[PageNote]]:
        """The strokes, text marks and notes on one page: from the view, and those of this
        tablet not in it yet (a local one is newer than what the view holds)."""
        found: list[tuple[str, Entry, bool, bool]] = [
            (a.uuid, Entry(a.document_id, a.page_index, a.kind, a.data, a.text, a.shared),
             a.pending, a.user_id == self.user_id)
            for a in self._annotations.values()
            if a.document_id == document_id and a.page_index == page
            and self._on_this_version(a)
            and a.uuid not in self._erased and a.uuid not in self._local]
        found += [(uuid, entry, True, True) for uuid, entry in self._local.items()
                  if entry.document_id == document_id and entry.page == page]
        strokes, marks, notes = [], [], []
        for uuid, entry, pending, mine in found:
            if entry.kind == "ink":
                strokes.append(stroke_from_data(uuid, page, entry.data, pending))
            elif entry.kind in NOTE_KINDS:
                notes.append(note_from_data(uuid, page, entry.kind, entry.data, entry.text,
                                            entry.shared, mine, pending))
            else:
                marks.append(mark_from_data(uuid, page, entry.data, pending))
        return ([s for s in strokes if s is not None], [m for m in marks if m is not None],
                [n for n in notes if n is not None])

    def _on_this_version(self, annotation: AnnotationInfo) -> bool:
        """Made on the version on screen (None: just made here, not confirmed yet)."""
        document = self.viewer.document
        return annotation.version is None or document is None or \
            annotation.version == document.version

    def set_documents(self, documents: Iterable) -> None:
        """The session's documents (DocumentInfo): the list of my notes names them."""
        self._documents = {d.id: d for d in documents}
        self.notes_changed.emit()

    def my_notes(self) -> list[tuple[object, list[tuple[int, str, str]]]]:
        """My notes of the session (see `ui.my_notes.my_notes`)."""
        return my_notes(self._annotations.values(), self._documents, self.user_id,
                        self._erased, self._local)

    def not_placed(self, document_id: int, notes: list | None = None
                   ) -> list[tuple[object, int]]:
        """My notes on `document_id` that stayed on an earlier version: (that version's
        DocumentInfo, page), newest version first. `notes`: `my_notes()`, if at hand."""
        return [(document, page) for document, entries in (notes or self.my_notes())
                if document.id == document_id and document.superseded_by
                for page, _kind, _quote in entries]

    def current(self, document_id: int):
        """The session's DocumentInfo of `document_id` (its current version), or None."""
        return self._documents.get(document_id)

    def page_strokes(self, document_id: int, page: int) -> list[InkStroke]:
        return self.page_items(document_id, page)[0]

    def refresh(self) -> None:
        document = self.viewer.document
        key = None if document is None else (document.id, document.version)
        if key != self._history_of:  # undo and redo belong to one document
            self._history_of = key
            self._undo, self._redo = [], []
            self._update_bar()
        if document is None or not self.viewer.page_count:
            self.canvas.set_strokes([])
            return
        self.canvas.set_strokes(*self.page_items(document.id, self.viewer.current_page))
        if self._tool == TEXT:
            self._fetch_content()

    # -- selecting words ------------------------------------------------------------------
    def _fetch_content(self) -> None:
        document, service = self.viewer.document, self.viewer.finder.service
        if document is None or service is None or not self.viewer.page_count:
            return
        key = (document.sha256, self.viewer.current_page)
        if key in self._contents:
            return
        self._contents[key] = None  # asked for
        if service.status(document) == NOT_INDEXED:
            service.index_now(document)
        service.page_content(document.sha256, key[1],
                             lambda content: self._contents.__setitem__(key, content))

    def _content(self):
        document = self.viewer.document
        if document is None:
            return None
        return self._contents.get((document.sha256, self.viewer.current_page))

    def _on_select(self, x: float, y: float, first: bool) -> None:
        if self.viewer.document is None:
            return
        content = self._content()
        width, height = self.viewer.page_size_pt()
        if content is None or not width:
            if first:
                self._contents.pop((self.viewer.document.sha256, self.viewer.current_page),
                                   None)  # ask again: it may have been indexed since
                self._fetch_content()
                self.notice.emit("error", self.tr(
                    "The words of this page are not ready yet (a scan has none): try again "
                    "in a moment."))
            return
        word = nearest_word(content, x * width, y * height)
        if word is None:
            return
        if first or self._anchor is None:
            self._anchor = word
        self._selection = select_words(content, self._anchor, word)
        boxes = [] if self._selection is None else [
            (x0 / width, y0 / height, x1 / width, y1 / height)
            for x0, y0, x1, y1 in self._selection.boxes]
        self.canvas.set_selection(boxes, self._color, self._style)

    def _on_selected(self) -> None:
        selection, self._selection, self._anchor = self._selection, None, None
        self.canvas.set_selection([])
        document = self.viewer.document
        width, height = self.viewer.page_size_pt()
        if selection is None or document is None or not width:
            return
        boxes = [(x0 / width, y0 / height, x1 / width, y1 / height)
                 for x0, y0, x1, y1 in selection.boxes]
        data = mark_data(self._style, self._color, boxes, selection.exact, selection.prefix,
                         selection.suffix)
        self.change(str(uuidlib.uuid4()), Entry(document.id, self.viewer.current_page,
                                                "highlight", data, version=document.version))

    # -- changes --------------------------------------------------------------------------
    def _on_stroke(self, points: list[tuple[float, float, float]]) -> None:
        document = self.viewer.document
        if document is None:
            return
        data = stroke_data(self._color, self._width, points)
        self.change(str(uuidlib.uuid4()), Entry(document.id, self.viewer.current_page, "ink",
                                                data, version=document.version))

    def _on_erase(self, key: str) -> None:
        if self.entry(key) is not None:  # not someone else's shared note: shown, not erased
            self.change(key, None)

    def entry(self, key: str) -> Entry | None:
        """One of my notes as it stands (None: gone, or someone else's)."""
        if key in self._local:
            return self._local[key]
        annotation = self._annotations.get(key)
        if annotation is None or annotation.user_id != self.user_id or key in self._erased:
            return None
        return Entry(annotation.document_id, annotation.page_index, annotation.kind,
                     annotation.data, annotation.text, annotation.shared, annotation.version)

    def change(self, key: str, after: Entry | None) -> None:
        """Write, rewrite (None: delete) one of my notes, as a step undo can take back."""
        self._undo = (self._undo + [(key, self.entry(key), after)])[-HISTORY:]
        self._redo.clear()
        self._update_bar()
        self._apply(key, after)

    def _apply(self, key: str, entry: Entry | None) -> None:
        if entry is None:
            self._local.pop(key, None)
            if key in self._annotations:
                self._erased.add(key)
            self.deleted.emit(key)
        else:
            self._local[key] = entry
            self._erased.discard(key)
            self.put.emit(key, entry)
        self.refresh()
        self.notes_changed.emit()

    def cancel_input(self) -> None:
        self._selection, self._anchor = None, None

    def drop(self, key: str) -> None:
        """A change that could not be queued: off the page and out of the history."""
        self._local.pop(key, None)
        self._undo = [a for a in self._undo if a[0] != key]
        self._redo = [a for a in self._redo if a[0] != key]
        self._update_bar()
        self.refresh()
        self.notes_changed.emit()

    def undo(self) -> None:
        if not self._undo or not self.bar.isVisible():  # only while writing, on this document
            return
        key, before, after = self._undo.pop()
        self._redo.append((key, before, after))
        self._apply(key, before)
        self._update_bar()

    def redo(self) -> None:
        if not self._redo or not self.bar.isVisible():
            return
        key, before, after = self._redo.pop()
        self._undo.append((key, before, after))
        self._apply(key, after)
        self._update_bar()

    def _update_bar(self) -> None:
        self.bar.set_history(bool(self._undo), bool(self._redo))

    # -- a copy with my notes (ui/viewer_export.py) ---------------------------------------
    def my_marks(self, document_id: int) -> list[NoteMark]:
        """My notes on the version on screen of a document, for the copy."""
        marks = [NoteMark(a.page_index, a.kind, a.data, a.text)
                 for a in self._annotations.values()
                 if a.document_id == document_id and a.user_id == self.user_id
                 and self._on_this_version(a)
                 and a.uuid not in self._erased and a.uuid not in self._local]
        marks += [NoteMark(e.page, e.kind, e.data, e.text) for e in self._local.values()
                  if e.document_id == document_id]
        return marks

    def save_copy(self, target: str | None = None) -> None:
        self.export.save_copy(target)

    def shutdown(self) -> None:
        self.export.shutdown()
