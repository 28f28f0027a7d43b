"""The summary of my notes of a session as DOCX (documents/notes_summary.py): built from the
session's state on the UI thread (agenda order, my notes on each document's current version),
written on a worker thread, never with a word of a confidential document in it."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Iterable

from PySide6.QtCore import QObject, QStandardPaths, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from documents.notes_summary import (
    DocumentNotes, ItemNotes, NoteEntry, NotesSummary, write_notes_summary,
)
from sync.client import AgendaItemInfo
from ui.my_notes import quote_of
from ui.session_state import AnnotationInfo, SessionState
from ui.workers import TaskRunner


def notes_summary(state: SessionState, user_id: int, owner: str,
                  now: dt.datetime | None = None) -> tuple[NotesSummary, int]:
    """The summary, and how many notes were left out for being on confidential documents."""
    mine: dict[int, list[AnnotationInfo]] = {}
    for a in state.annotations:
        if a.user_id == user_id:
            mine.setdefault(a.document_id, []).append(a)
    left_out = 0
    items = []
    for item in _walk(state.items):
        documents = []
        for document in item.documents:
            notes = [a for a in mine.get(document.id, ())
                     if a.version in (None, document.version)]
            if document.restricted:
                left_out += len(notes)
                continue
            entries = tuple(NoteEntry(a.page_index + 1, _kind(a), quote_of(a.data), a.text)
                            for a in notes)
            if entries:
                documents.append(DocumentNotes(document.title, document.number,
                                               document.version, entries))
        if documents:
            items.append(ItemNotes(item.title, item.label, tuple(documents)))
    session = state.session
    summary = NotesSummary(session.body_name if session else "", session.title if session else "",
                           owner, now or dt.datetime.now().astimezone(), tuple(items))
    return summary, left_out


def _walk(items: Iterable[AgendaItemInfo]) -> Iterable[AgendaItemInfo]:
    for item in items:
        yield item
        yield from _walk(item.children)


def _kind(annotation: AnnotationInfo) -> str:
    data = annotation.data if isinstance(annotation.data, dict) else {}
    return str(data.get("style") or annotation.kind)  # a mark's style: underline, strike-out


class NotesExport(QObject):
    """`notice(kind, text)` says what happened ("info" or "error")."""

    notice = Signal(str, str)

    def __init__(self, parent: QWidget, user_id: int, owner: str) -> None:
        super().__init__(parent)
        self._parent, self.user_id, self.owner = parent, user_id, owner
        self._runner = TaskRunner(self, max_threads=1)
        self.state: SessionState | None = None

    def set_state(self, state: SessionState) -> None:
        self.state = state

    def export(self, target: str | None = None) -> None:
        """Ask where (unless `target`), then write the DOCX in the background."""
        state = self.state
        if state is None or state.session is None:
            return
        if target is None:
            folder = QStandardPaths.writableLocation(
                QStandardPaths.StandardLocation.DocumentsLocation)
            name = self.tr("My notes - %1").replace("%1", state.session.title[:80])
            target, _filter = QFileDialog.getSaveFileName(
                self._parent, self.tr("Summary of my notes"),
                f"{folder}/{name.replace('/', '-')}.docx", self.tr("Word documents (*.docx)"))
            if not target:
                return
        summary, left_out = notes_summary(state, self.user_id, self.owner)
        count = sum(len(d.notes) for item in summary.items for d in item.documents)
        self.notice.emit("info", self.tr("Writing the summary of my notes…"))
        self._runner.submit(write_notes_summary, summary, Path(target),
                            on_result=lambda _none: self._written(target, count, left_out),
                            on_error=self._failed)

    def shutdown(self) -> None:
        self._runner.shutdown(5000)

    def _written(self, target: str, count: int, left_out: int) -> None:
        text = self.tr("Summary written with %1 note(s): %2").replace("%1", str(count)) \
            .replace("%2", target)
        if left_out:
            text += " " + self.tr("Notes on confidential documents are never exported.")
        self.notice.emit("info", text)

    def _failed(self, error: BaseException) -> None:
        reason = getattr(error, "strerror", None) or str(error)
        self.notice.emit("error", self.tr("The summary could not be written: %1")
                         .replace("%1", reason))
