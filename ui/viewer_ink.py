"""Writing on the page: the viewer's ink tools, its strokes, undo and redo.

A stroke the reader draws becomes an `annotation.put` (kind "ink", private) the moment the pen
lifts: `put(uuid, document_id, page, data)`, which the window queues in the sync engine's outbox,
so it works offline and reaches the reader's other tablets. Until the engine's view includes it,
the stroke is kept here, so it never blinks out. The eraser deletes the reader's own strokes
(`deleted(uuid)`); strokes others shared with the session are shown, never erased. Undo and redo
replay those changes (a stroke undone is deleted; a deletion undone puts the same stroke back).
"""
from __future__ import annotations

import uuid as uuidlib
from typing import TYPE_CHECKING, Iterable

from PySide6.QtCore import QObject, QStandardPaths, Signal
from PySide6.QtWidgets import QFileDialog

from documents.annotated_copy import ExportRefused, NoteMark, write_annotated_copy_in_process

from ui.ink import InkStroke, stroke_data, stroke_from_data
from ui.page_canvas import ERASER, PEN, READ
from ui import texts
from ui.session_state import AnnotationInfo
from ui.workers import TaskRunner

if TYPE_CHECKING:
    from ui.document_viewer import DocumentViewer

HISTORY = 200


class ViewerInk(QObject):
    put = Signal(str, int, int, object)  # uuid, document id, page (from 0), data
    deleted = Signal(str)
    notice = Signal(str, str)  # (kind "info" | "error", sentence) for the window's notice bar

    def __init__(self, viewer: "DocumentViewer") -> None:
        super().__init__(viewer)
        self.viewer, self.bar, self.canvas = viewer, viewer.ink_bar, viewer.canvas
        self.user_id = 0
        self._annotations: dict[str, AnnotationInfo] = {}
        self._local: dict[str, tuple[int, int, dict]] = {}  # put, not in the view yet
        self._erased: set[str] = set()  # deleted, still in the view
        self._undo: list[tuple[str, str, int, int, dict]] = []  # (action, uuid, doc, page, data)
        self._redo: list[tuple[str, str, int, int, dict]] = []
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
        self._runner = TaskRunner(self, max_threads=1)
        self.canvas.stroke_finished.connect(self._on_stroke)
        self.canvas.erase_requested.connect(self._on_erase)
        viewer.page_shown.connect(lambda _page: self.refresh())

    # -- modes ----------------------------------------------------------------------------
    def start(self) -> None:
        document = self.viewer.document
        self.bar.save_button.setVisible(document is not None
                                        and document.confidentiality != "confidential")
        self.bar.show()
        self.canvas.set_ink_mode(self._tool, self._color, self._width)

    def stop(self) -> None:
        self.bar.hide()
        self.canvas.set_ink_mode(READ)

    def _set_tool(self, tool: str) -> None:
        self._tool = ERASER if tool == "eraser" else PEN
        self.canvas.set_ink_mode(self._tool, self._color, self._width)

    def _set(self, color: str | None = None, width: float | None = None) -> None:
        self._color, self._width = color or self._color, width or self._width
        self._tool = PEN
        self.bar.pen_button.setChecked(True)
        self.canvas.set_ink_mode(PEN, self._color, self._width)

    # -- what is on the page --------------------------------------------------------------
    def set_annotations(self, annotations: Iterable[AnnotationInfo]) -> None:
        self._annotations = {a.uuid: a for a in annotations if a.kind == "ink"}
        for uuid in [u for u in self._local if u in self._annotations]:
            del self._local[uuid]
        self._erased &= set(self._annotations)
        self.refresh()

    def page_strokes(self, document_id: int, page: int) -> list[InkStroke]:
        strokes = []
        for a in self._annotations.values():
            if a.document_id == document_id and a.page_index == page and a.uuid not in \
                    self._erased and a.uuid not in self._local:  # a local one is newer
                stroke = stroke_from_data(a.uuid, page, a.data, a.pending)
                if stroke is not None:
                    strokes.append(stroke)
        for uuid, (doc, at, data) in self._local.items():
            if doc == document_id and at == page:
                strokes.append(stroke_from_data(uuid, page, data, True))
        return [s for s in strokes if s is not None]

    def refresh(self) -> None:
        document = self.viewer.document
        if document is None or not self.viewer.page_count:
            self.canvas.set_strokes([])
            return
        self.canvas.set_strokes(self.page_strokes(document.id, self.viewer.current_page))

    # -- changes --------------------------------------------------------------------------
    def _on_stroke(self, points: list[tuple[float, float, float]]) -> None:
        document = self.viewer.document
        if document is None:
            return
        key = str(uuidlib.uuid4())
        data = stroke_data(self._color, self._width, points)
        self._record(("put", key, document.id, self.viewer.current_page, data))
        self._apply_put(key, document.id, self.viewer.current_page, data)

    def _on_erase(self, key: str) -> None:
        entry = self._entry(key)
        if entry is None:
            return  # someone else's shared stroke: shown, not erased by me
        self._record(("delete", key, *entry))
        self._apply_delete(key)

    def _entry(self, key: str) -> tuple[int, int, dict] | None:
        if key in self._local:
            return self._local[key]
        annotation = self._annotations.get(key)
        if annotation is None or annotation.user_id != self.user_id or key in self._erased:
            return None
        return annotation.document_id, annotation.page_index, annotation.data

    def _apply_put(self, key: str, document_id: int, page: int, data: dict) -> None:
        self._local[key] = (document_id, page, data)
        self._erased.discard(key)
        self.put.emit(key, document_id, page, data)
        self.refresh()

    def _apply_delete(self, key: str) -> None:
        self._local.pop(key, None)
        if key in self._annotations:
            self._erased.add(key)
        self.deleted.emit(key)
        self.refresh()

    def _record(self, action: tuple) -> None:
        self._undo = (self._undo + [action])[-HISTORY:]
        self._redo.clear()
        self._update_bar()

    def undo(self) -> None:
        if not self._undo:
            return
        action, key, document_id, page, data = self._undo.pop()
        self._redo.append((action, key, document_id, page, data))
        if action == "put":
            self._apply_delete(key)
        else:
            self._apply_put(key, document_id, page, data)
        self._update_bar()

    def redo(self) -> None:
        if not self._redo:
            return
        action, key, document_id, page, data = self._redo.pop()
        self._undo.append((action, key, document_id, page, data))
        if action == "put":
            self._apply_put(key, document_id, page, data)
        else:
            self._apply_delete(key)
        self._update_bar()

    def _update_bar(self) -> None:
        self.bar.set_history(bool(self._undo), bool(self._redo))

    # -- a copy with my notes -------------------------------------------------------------
    def my_marks(self, document_id: int) -> list[NoteMark]:
        marks = [NoteMark(a.page_index, a.kind, a.data, a.text)
                 for a in self._annotations.values()
                 if a.document_id == document_id and a.user_id == self.user_id
                 and a.uuid not in self._erased and a.uuid not in self._local]
        marks += [NoteMark(page, "ink", data) for doc, page, data in self._local.values()
                  if doc == document_id]
        return marks

    def save_copy(self, target: str | None = None) -> None:
        """Ask where (unless `target`), then write the copy in the background."""
        document, source = self.viewer.document, self.viewer.document_path()
        if document is None or source is None:
            return
        if document.confidentiality == "confidential":
            self.notice.emit("error", self.tr("A confidential document cannot be saved or "
                                              "exported."))
            return
        if target is None:
            folder = QStandardPaths.writableLocation(
                QStandardPaths.StandardLocation.DocumentsLocation)
            name = self.tr("%1 - my notes").replace("%1", document.title[:80])
            suggested = f"{folder}/{name.replace('/', '-')}.pdf"
            target, _filter = QFileDialog.getSaveFileName(
                self.viewer, self.tr("Save a copy with my notes"), suggested,
                self.tr("PDF documents (*.pdf)"))
            if not target:
                return
        marks = self.my_marks(document.id)
        self.bar.save_button.setEnabled(False)
        self.notice.emit("info", self.tr("Saving the copy…"))
        self._runner.submit(write_annotated_copy_in_process, source, target, marks,
                            self.author, on_result=lambda count: self._saved(target, count),
                            on_error=self._not_saved)

    def _saved(self, target: str, count: int) -> None:
        self.bar.save_button.setEnabled(True)
        self.notice.emit("info", self.tr("Copy saved with %1 note(s): %2")
                         .replace("%1", str(count)).replace("%2", target))

    def _not_saved(self, error: BaseException) -> None:
        self.bar.save_button.setEnabled(True)
        code = getattr(error, "code", None)
        if isinstance(error, ExportRefused):
            message = self.tr("A confidential document cannot be saved or exported.")
        elif code:
            message = texts.document_error_message(code)
        else:
            message = self.tr("The copy could not be saved: %1").replace("%1", str(error))
        self.notice.emit("error", message)
