"""The strip above the page about versions: reading an earlier version of a document (only to
see the notes left there: writing goes on the current one), a newer version published while
this one is open, or my notes that could not be placed on the version on screen.

When a document is replaced, the server carries each note over where its words are found in
the new text (app/services/versions.py); the others stay on the old version and are listed in
the sidebar's notes as not placed ("chưa đặt lại được"). From here one tap shows them there.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget


class VersionBar(QWidget):
    def __init__(self, viewer) -> None:  # the DocumentViewer that owns it
        super().__init__()
        self.viewer = viewer
        self.setObjectName("versionBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.label = QLabel()
        self.label.setObjectName("versionText")
        self.label.setWordWrap(True)
        self.button = QPushButton()
        self.button.setObjectName("versionAction")
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.clicked.connect(self._on_action)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 6, 16, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignVCenter)
        self._target = None  # (DocumentInfo, page) the button opens
        self.hide()

    def showing_earlier(self) -> bool:
        """The document on screen is an earlier version (opened so, or replaced meanwhile)."""
        shown = self.viewer.document
        current = self.viewer.ink.current(shown.id) if shown is not None else None
        return shown is not None and bool(shown.superseded_by or (
            current is not None and current.version > shown.version))

    def refresh(self, notes: list | None = None) -> None:
        """Say what applies to the document on screen (called when it or the notes change;
        `notes`: `ViewerInk.my_notes()` when the caller has it already)."""
        shown = self.viewer.document
        current = self.viewer.ink.current(shown.id) if shown is not None else None
        self._target = None
        if shown is None:
            text = ""
        elif current is not None and current.version > shown.version:
            text = (self.tr("You are reading version %1, replaced by version %2. Notes are "
                            "written on the current version.") if shown.superseded_by else
                    self.tr("Version %2 of this document has been published (you are reading "
                            "version %1).")).replace("%1", str(shown.version)) \
                .replace("%2", str(current.version))
            self._target = (current, None)
            self.button.setText(self.tr("Open the current version"))
        else:
            left = self.viewer.ink.not_placed(shown.id, notes)
            text = self.tr("Notes of yours not placed on this version: %1. Their words were "
                           "not found in the new text.").replace("%1", str(len(left))) \
                if left else ""
            if left:
                self._target = left[0]  # the newest version that holds some
                self.button.setText(self.tr("See them on version %1")
                                    .replace("%1", str(left[0][0].version)))
        self.label.setText(text)
        self.button.setVisible(self._target is not None)
        self.setVisible(bool(text))
        # notes go on the current version: none written on an older one's pages
        self.viewer.toolbar.set_writable(not self.showing_earlier())

    def _on_action(self) -> None:
        if self._target is None:
            return
        document, page = self._target
        self.viewer.document_requested.emit(
            document, self.viewer.current_page if page is None else page)
