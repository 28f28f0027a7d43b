"""The login dialog: server address, user name, password. The login call runs on a worker
thread; the dialog shows a busy bar meanwhile and any failure as a sentence, never a traceback."""
from __future__ import annotations

import socket
from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QProgressBar, QPushButton, QVBoxLayout,
    QWidget,
)

from sync.client import ApiClient, ApiError, UserInfo
from ui import icons, texts
from ui.workers import TaskHandle, TaskRunner

ClientFactory = Callable[[str], ApiClient]


def device_name() -> str:
    try:
        return f"desktop:{socket.gethostname()}"
    except OSError:
        return "desktop"


class LoginDialog(QDialog):
    """Emits `logged_in(client, user)` and accepts itself once the server said yes.
    `login_failed(message)` reports each failure (the message is also shown in the dialog)."""

    logged_in = Signal(object, object)
    login_failed = Signal(str)

    def __init__(self, server_url: str, runner: TaskRunner,
                 client_factory: ClientFactory = ApiClient, parent: QWidget | None = None):
        super().__init__(parent)
        self._runner = runner
        self._client_factory = client_factory
        self._pending: TaskHandle | None = None
        self.client: ApiClient | None = None
        self.user: UserInfo | None = None

        self.setObjectName("loginDialog")
        self.setWindowTitle(self.tr("Log in – Paperless meeting room"))
        self.setWindowIcon(icons.app_icon())
        self.setMinimumWidth(460)

        logo = QLabel()
        logo.setPixmap(icons.app_pixmap(48))
        heading = QLabel(self.tr("Paperless meeting room"))
        heading.setObjectName("loginHeading")
        subtitle = QLabel(self.tr("Log in to read the session's agenda and documents."))
        subtitle.setObjectName("loginSubtitle")
        subtitle.setWordWrap(True)
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(heading)
        titles.addWidget(subtitle)
        top = QHBoxLayout()
        top.setSpacing(14)
        top.addWidget(logo, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(titles, 1)

        self.server_edit = QLineEdit(server_url)
        self.server_edit.setPlaceholderText(self.tr("e.g. hop.example.vn or 192.168.1.10:8443"))
        self.username_edit = QLineEdit()
        self.username_edit.setPlaceholderText(self.tr("Your user name"))
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText(self.tr("Your password"))
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        form.setHorizontalSpacing(14)
        form.setVerticalSpacing(10)
        form.addRow(self.tr("Server:"), self.server_edit)
        form.addRow(self.tr("User name:"), self.username_edit)
        form.addRow(self.tr("Password:"), self.password_edit)

        self.error_label = QLabel()
        self.error_label.setObjectName("errorMessage")
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.hide()

        self.busy_label = QLabel(self.tr("Logging in…"))
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)  # indeterminate
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setFixedHeight(6)
        busy = QHBoxLayout()
        busy.addWidget(self.busy_label)
        busy.addWidget(self.busy_bar, 1)
        self._busy_widgets = (self.busy_label, self.busy_bar)

        self.quit_button = QPushButton(self.tr("Quit"))
        self.login_button = QPushButton(self.tr("Log in"))
        self.login_button.setObjectName("primaryButton")
        self.login_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.quit_button)
        buttons.addWidget(self.login_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 22)
        layout.setSpacing(16)
        layout.addLayout(top)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addLayout(busy)
        layout.addLayout(buttons)

        self.quit_button.clicked.connect(self.reject)
        self.login_button.clicked.connect(self.start_login)
        self._set_busy(False)
        (self.username_edit if not self.username_edit.text() else self.password_edit).setFocus()

    # -- public -------------------------------------------------------------------------
    def set_credentials(self, username: str | None, password: str | None) -> None:
        if username is not None:
            self.username_edit.setText(username)
        if password is not None:
            self.password_edit.setText(password)

    def is_busy(self) -> bool:
        return self._pending is not None

    def start_login(self) -> None:
        """Check the fields and log in on a worker thread."""
        if self._pending is not None:
            return
        server = self.server_edit.text().strip()
        username = self.username_edit.text().strip()
        password = self.password_edit.text()
        if not server:
            self._fail(self.tr("Please enter the server address."), self.server_edit)
            return
        if not username or not password:
            self._fail(self.tr("Please enter your user name and password."),
                       self.password_edit if username else self.username_edit)
            return
        try:
            client = self._client_factory(server)
        except ApiError as exc:
            self._fail(texts.error_message(exc, server), self.server_edit)
            return
        self.error_label.hide()
        self._set_busy(True)
        self._pending = self._runner.submit(
            client.login, username, password, device_name(),
            on_result=lambda user: self._on_logged_in(client, user),
            on_error=lambda exc: self._on_login_error(client, server, exc),
        )

    # -- outcome ------------------------------------------------------------------------
    def _on_logged_in(self, client: ApiClient, user: UserInfo) -> None:
        self._pending = None
        self._set_busy(False)
        self.client, self.user = client, user
        self.logged_in.emit(client, user)
        self.accept()

    def _on_login_error(self, client: ApiClient, server: str, error: BaseException) -> None:
        self._pending = None
        self._set_busy(False)
        client.close()
        focus = self.password_edit
        if getattr(error, "code", "") in ("unreachable", "timeout", "bad_address", "insecure", "tls"):
            focus = self.server_edit
        self._fail(texts.error_message(error, server), focus)

    def _fail(self, message: str, focus: QWidget | None = None) -> None:
        self.error_label.setText(message)
        self.error_label.show()
        self.adjustSize()  # a longer message makes the dialog taller, never the fields thinner
        if focus is not None:
            focus.setFocus()
            if isinstance(focus, QLineEdit):
                focus.selectAll()
        self.login_failed.emit(message)

    def _set_busy(self, busy: bool) -> None:
        for widget in self._busy_widgets:
            widget.setVisible(busy)
        for widget in (self.server_edit, self.username_edit, self.password_edit, self.login_button):
            widget.setEnabled(not busy)

    def reject(self) -> None:
        if self._pending is not None:
            self._pending.cancel()
            self._pending = None
        super().reject()
