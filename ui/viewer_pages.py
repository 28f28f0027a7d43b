"""The viewer's pages other than the document itself: nothing chosen yet, loading (with
progress), and a failure (with the reason and "Try again"). Each centres its widgets."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from ui import icons


def centered_page(*widgets: QWidget) -> QWidget:
    """A page with `widgets` in a column, centred. Labels take the whole width (and centre
    their text): a word-wrapped label given an alignment in a layout gets a wrong height and
    is cut."""
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(48, 40, 48, 40)
    layout.setSpacing(12)
    layout.addStretch(1)
    for widget in widgets:
        if isinstance(widget, QLabel):
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(widget)
        else:
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
    layout.addStretch(2)
    return page


class ViewerPages(QObject):
    """`placeholder_page`, `loading_page` and `error_page`, with the widgets the viewer
    updates (`loading_label`, `progress_bar`, `error_label`, `retry_button`, …)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.placeholder_icon = QLabel()
        self.placeholder_icon.setPixmap(icons.pdf_pixmap(72))
        self.placeholder = QLabel(self.tr("Select a document in the session agenda to read it."))
        self.placeholder.setObjectName("placeholderMessage")
        self.placeholder.setWordWrap(True)
        self.loading_label = QLabel(self.tr("Loading the document…"))
        self.loading_label.setObjectName("loadingMessage")
        self.progress_bar = QProgressBar()
        self.progress_bar.setFixedWidth(320)
        self.progress_bar.setRange(0, 100)
        self.error_title = QLabel(self.tr("The document cannot be opened"))
        self.error_title.setObjectName("errorTitle")
        self.error_label = QLabel()
        self.error_label.setObjectName("viewerError")
        self.error_label.setWordWrap(True)
        self.retry_button = QPushButton(self.tr("Try again"))
        self.placeholder_page = centered_page(self.placeholder_icon, self.placeholder)
        self.loading_page = centered_page(self.loading_label, self.progress_bar)
        self.error_page = centered_page(self.error_title, self.error_label, self.retry_button)

    def show_progress(self, done: int, total: int) -> None:
        self.progress_bar.setRange(0, 100)
        if total > 0:
            self.progress_bar.setValue(min(100, int(done * 100 / total)))

    def show_waiting(self, offline: bool, sealed: bool) -> None:
        """The engine has not got the file yet: it fetches it first (online), or later."""
        self.progress_bar.setRange(0, 0)  # busy
        translate = QCoreApplication.translate
        self.loading_label.setText(
            translate("DocumentViewer", "A confidential document opens only while this device "
                                        "can reach the server: its key is never stored here.")
            if offline and sealed else
            translate("DocumentViewer", "This document is not on this device yet. It will open "
                                        "as soon as the connection to the server is back.")
            if offline else translate("DocumentViewer", "Loading the document…"))
