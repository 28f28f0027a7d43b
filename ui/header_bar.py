"""The band at the top of the main window: the product, the body, and who is logged in with
which role(s) in the selected session."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from sync.client import SessionSummary, UserInfo
from ui import icons, texts


class HeaderBar(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("headerBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._user_title = ""
        logo = QLabel()
        logo.setPixmap(icons.app_pixmap(36))
        self.product_label = QLabel(self.tr("PAPERLESS MEETING ROOM"))
        self.product_label.setObjectName("productName")
        self.body_label = QLabel()
        self.body_label.setObjectName("headerBody")
        product = QVBoxLayout()
        product.setSpacing(0)
        product.addWidget(self.product_label)
        product.addWidget(self.body_label)

        self.user_label = QLabel()
        self.user_label.setObjectName("userName")
        self.user_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.role_label = QLabel()
        self.role_label.setObjectName("userRoles")
        self.role_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        user = QVBoxLayout()
        user.setSpacing(0)
        user.addWidget(self.user_label)
        user.addWidget(self.role_label)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 8, 20, 8)
        layout.setSpacing(12)
        layout.addWidget(logo)
        layout.addLayout(product)
        layout.addStretch(1)
        layout.addLayout(user)

    def set_user(self, user: UserInfo) -> None:
        self.user_label.setText(user.full_name or user.username)
        self.user_label.setToolTip(self.tr("Logged in as %1").replace("%1", user.username))
        self._user_title = user.title
        self.set_session(None)

    def set_session(self, session: SessionSummary | None) -> None:
        """Show the body of the session and the user's role(s) in it."""
        self.body_label.setText(session.body_name if session else "")
        parts = [self._user_title] if self._user_title else []
        if session is not None:
            roles = texts.session_roles(session.my_roles)
            parts.append(self.tr("Role: %1").replace("%1", roles) if roles
                         else self.tr("No role in this session"))
        self.role_label.setText(" · ".join(parts))
        self.role_label.setVisible(bool(parts))

    def roles_text(self) -> str:
        return self.role_label.text()
