""""Save a copy with my notes": the open document with my notes of its version on screen as
standard PDF annotations (documents/annotated_copy.py), written in a process of its own in the
background; never for a confidential document."""
from __future__ import annotations

import threading

from PySide6.QtCore import QCoreApplication, QObject, QStandardPaths
from PySide6.QtWidgets import QFileDialog

from documents.annotated_copy import ExportRefused, write_annotated_copy_in_process
from ui import texts
from ui.workers import TaskRunner


class ViewerExport(QObject):
    def __init__(self, ink) -> None:  # the ViewerInk whose notes it writes
        super().__init__(ink)
        self.ink, self.viewer, self.bar = ink, ink.viewer, ink.bar
        self._runner = TaskRunner(self, max_threads=1)
        self._closing = threading.Event()

    def save_copy(self, target: str | None = None) -> None:
        """Ask where (unless `target`), then write the copy in the background."""
        document, source = self.viewer.document, self.viewer.document_path()
        if document is None or source is None:
            return
        if document.restricted:
            self.ink.notice.emit("error", QCoreApplication.translate(
                "ViewerInk", "A confidential document cannot be saved or exported."))
            return
        if target is None:
            folder = QStandardPaths.writableLocation(
                QStandardPaths.StandardLocation.DocumentsLocation)
            name = QCoreApplication.translate("ViewerInk", "%1 - my notes") \
                .replace("%1", document.title[:80])
            suggested = f"{folder}/{name.replace('/', '-')}.pdf"
            target, _filter = QFileDialog.getSaveFileName(
                self.viewer,
                QCoreApplication.translate("ViewerInk", "Save a copy with my notes"), suggested,
                QCoreApplication.translate("ViewerInk", "PDF documents (*.pdf)"))
            if not target:
                return
        marks = self.ink.my_marks(document.id)
        self.bar.save_button.setEnabled(False)
        self.ink.notice.emit("info",
                             QCoreApplication.translate("ViewerInk", "Saving the copy…"))
        self._runner.submit(write_annotated_copy_in_process, source, target, marks,
                            self.ink.author, False, cancelled=self._closing.is_set,
                            on_result=lambda count: self._saved(target, count),
                            on_error=self._not_saved)

    def shutdown(self) -> None:
        """The window closes: an export still running is stopped, its half file removed."""
        self._closing.set()
        self._runner.shutdown(5000)

    def _saved(self, target: str, count: int) -> None:
        self.bar.save_button.setEnabled(True)
        self.ink.notice.emit("info", QCoreApplication.translate(
            "ViewerInk", "Copy saved with %1 note(s): %2")
                             .replace("%1", str(count)).replace("%2", target))

    def _not_saved(self, error: BaseException) -> None:
        self.bar.save_button.setEnabled(True)
        code = getattr(error, "code", None)
        if isinstance(error, ExportRefused):
            message = QCoreApplication.translate(
                "ViewerInk", "A confidential document cannot be saved or exported.")
        elif code:
            message = texts.document_error_message(code)
        else:
            message = QCoreApplication.translate(
                "ViewerInk", "The copy could not be saved: %1").replace("%1", str(error))
        self.ink.notice.emit("error", message)
