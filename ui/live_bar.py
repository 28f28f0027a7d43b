"""The strip above the page that says who is presenting which document and page, with the
"follow the presenter" toggle; for the presenter it says that the room sees their page."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from ui import icons
from ui.session_state import PresenterInfo


class LiveBar(QWidget):
    """Emits `follow_toggled(bool)` when the user taps the follow button."""

    follow_toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("liveBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.dot = QLabel()
        self.dot.setPixmap(icons.live_dot_pixmap(12))
        self.label = QLabel()
        self.label.setObjectName("liveText")
        self.label.setWordWrap(True)
        self.follow_button = QPushButton(self.tr("Follow the presenter"))
        self.follow_button.setObjectName("followButton")
        self.follow_button.setCheckable(True)
        self.follow_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.follow_button.setToolTip(self.tr(
            "Show the document and page the presenter shows, as they change. Turning a page "
            "yourself stops following."))
        self.follow_button.clicked.connect(self.follow_toggled)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 6, 16, 6)
        layout.setSpacing(8)
        layout.addWidget(self.dot, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.follow_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.hide()

    def show_presenter(self, presenter: PresenterInfo | None, *, mine: bool, following: bool,
                       document_title: str | None) -> None:
        """`document_title` None: the presenter shows a document this user may not read."""
        if presenter is None:
            self.hide()
            return
        page = str(presenter.page + 1)
        if mine:
            text = self.tr("You are presenting to the room: page %1.").replace("%1", page)
        elif document_title is None:
            text = self.tr("%1 is presenting a document you do not have access to.").replace(
                "%1", presenter.full_name)
        elif following:
            text = self.tr("Following %1: %2, page %3.").replace("%1", presenter.full_name) \
                .replace("%2", document_title).replace("%3", page)
        else:
            text = self.tr("%1 is presenting %2, page %3. You are reading on your own.") \
                .replace("%1", presenter.full_name).replace("%2", document_title) \
                .replace("%3", page)
        self.label.setText(text)
        self.setProperty("mode", "presenting" if mine else "following" if following
                         else "browsing")
        self.style().unpolish(self)
        self.style().polish(self)
        self.follow_button.setVisible(not mine and document_title is not None)
        self.follow_button.setChecked(following)
        self.follow_button.setText(self.tr("Following the presenter") if following
                                   else self.tr("Follow the presenter"))
        self.show()

    def text(self) -> str:
        return "" if self.isHidden() else self.label.text()
