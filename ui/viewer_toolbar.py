"""The document viewer's header: the document's title and marks, page navigation and zoom."""
from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QFrame, QHBoxLayout, QLabel, QMenu, QSpinBox, QToolButton, QVBoxLayout, QWidget,
)

from sync.client import DocumentInfo
from ui import texts


def _tool_button(text: str, tooltip: str, object_name: str = "viewerButton") -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setToolTip(tooltip)
    button.setObjectName(object_name)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return button


class ViewerToolbar(QWidget):
    previous_requested = Signal()
    next_requested = Signal()
    page_entered = Signal(int)  # 0-based
    zoom_in_requested = Signal()
    zoom_out_requested = Signal()
    fit_width_toggled = Signal(bool)
    fit_page_requested = Signal()
    continuous_toggled = Signal(bool)  # the pages one under the other, or one at a time
    zoom_requested = Signal(float)  # a zoom from the menu: 1.0 = 100 %
    present_toggled = Signal(bool)
    sidebar_toggled = Signal(bool)
    pen_toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("viewerToolbar")
        self._pages, self._writable = False, True
        self.title_label = QLabel(self.tr("Document"))
        self.title_label.setObjectName("documentTitle")
        self.title_label.setWordWrap(True)
        self.confidential_badge = QLabel(texts.confidential_marker())
        self.confidential_badge.setObjectName("confidentialBadge")
        self.confidential_badge.setToolTip(self.tr("Confidential document: do not share it."))
        self.confidential_badge.hide()
        self.detail_label = QLabel()
        self.detail_label.setObjectName("documentDetail")
        title_row = QHBoxLayout()
        title_row.setSpacing(10)
        title_row.addWidget(self.title_label, 1)
        title_row.addWidget(self.confidential_badge, 0, Qt.AlignmentFlag.AlignTop)

        self.sidebar_button = _tool_button("☰", self.tr("Show the page thumbnails and the "
                                                        "bookmarks"))
        self.sidebar_button.setCheckable(True)
        self.pen_button = _tool_button("✎", self.tr("Write and draw on the page (your notes "
                                                    "stay private)"))
        self.pen_button.setCheckable(True)
        self.previous_button = _tool_button(self.tr("‹ Back"),
                                            self.tr("Previous page (Page Up)"))
        self.next_button = _tool_button(self.tr("Next ›", "next page"), self.tr("Next page (Page Down)"))
        self.page_spin = QSpinBox()
        self.page_spin.setObjectName("pageSpin")
        self.page_spin.setKeyboardTracking(False)
        # No visible arrows: the style sheet gives them zero width (NoButtons plus a style
        # sheet leaves the spin box's text field one pixel wide in Qt 6).
        self.page_spin.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.page_spin.setPrefix(self.tr("Page") + " ")
        self.page_spin.setToolTip(self.tr("Type a page number and press Enter"))
        self.zoom_out_button = _tool_button("−", self.tr("Zoom out"))
        self.zoom_label = self._zoom_menu()
        self.zoom_in_button = _tool_button("+", self.tr("Zoom in"))
        for button in (self.zoom_out_button, self.zoom_in_button):
            button.setFixedWidth(32)
        for button in (self.sidebar_button, self.pen_button):
            button.setFixedWidth(40)
            button.setAccessibleName(button.toolTip())
        self.fit_button = _tool_button(self.tr("Fit width"), self.tr("Fit the page to the width "
                                                                      "of the window"))
        self.fit_button.setCheckable(True)
        self.fit_button.setChecked(True)
        self.present_button = _tool_button(
            self.tr("Present"), self.tr("Show this document and page on every tablet in the "
                                        "room; each page you turn follows"), "presentButton")
        self.present_button.setCheckable(True)
        self.present_button.clicked.connect(self.present_toggled)
        self.present_button.hide()
        self._may_present = False

        separator = QFrame()
        separator.setFrameShape(QFrame.Shape.VLine)
        separator.setObjectName("toolbarSeparator")
        self.controls = QWidget()
        controls = QHBoxLayout(self.controls)
        controls.setContentsMargins(0, 0, 0, 0)
        controls.setSpacing(6)
        for widget in (self.sidebar_button, self.previous_button, self.page_spin,
                       self.next_button):
            controls.addWidget(widget)
        controls.addStretch(1)
        for widget in (self.pen_button, self.zoom_out_button, self.zoom_label,
                       self.zoom_in_button, separator, self.fit_button):
            controls.addWidget(widget)

        title_row.addWidget(self.present_button, 0, Qt.AlignmentFlag.AlignTop)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 10)
        layout.setSpacing(6)
        layout.addLayout(title_row)
        layout.addWidget(self.detail_label)
        layout.addWidget(self.controls)

        self.previous_button.clicked.connect(self.previous_requested)
        self.next_button.clicked.connect(self.next_requested)
        self.zoom_in_button.clicked.connect(self.zoom_in_requested)
        self.zoom_out_button.clicked.connect(self.zoom_out_requested)
        self.fit_button.toggled.connect(self.fit_width_toggled)
        self.sidebar_button.toggled.connect(self.sidebar_toggled)
        self.pen_button.toggled.connect(self.pen_toggled)
        self.page_spin.valueChanged.connect(lambda value: self.page_entered.emit(value - 1))
        self.set_document(None)

    def set_may_present(self, allowed: bool) -> None:
        """Chair and secretary may present the open document."""
        self._may_present = allowed
        self.present_button.setVisible(allowed)

    def set_presenting(self, presenting: bool) -> None:
        with QSignalBlocker(self.present_button):
            self.present_button.setChecked(presenting)
        self.present_button.setText(self.tr("Stop presenting") if presenting
                                    else self.tr("Present"))

    def set_document(self, document: DocumentInfo | None) -> None:
        if document is None:
            self.title_label.setText(self.tr("Document"))
            self.detail_label.clear()
            self.detail_label.hide()
            self.confidential_badge.hide()
            self.set_page(0, 0)
            self.controls.hide()
            return
        self.controls.show()
        self.title_label.setText(document.title)
        parts = [texts.document_kind(document.kind)]
        if document.number:
            parts.append(texts.document_number(document.number))
        if document.version > 1:
            parts.append(self.tr("version %1").replace("%1", str(document.version)))
        self.detail_label.setText(" · ".join(parts))
        self.detail_label.show()
        self.confidential_badge.setVisible(document.restricted)
        self.set_page(0, 0)

    def set_page(self, index: int, count: int) -> None:
        """Show page index+1 of count; with count 0 the navigation is disabled."""
        with QSignalBlocker(self.page_spin):
            self.page_spin.setRange(1, max(1, count))
            self.page_spin.setSuffix(f" / {count}" if count else " / –")
            self.page_spin.setValue(index + 1)
        has_pages = count > 0
        self.page_spin.setEnabled(has_pages)
        self.previous_button.setEnabled(has_pages and index > 0)
        self.next_button.setEnabled(has_pages and index < count - 1)
        for widget in (self.zoom_in_button, self.zoom_out_button, self.fit_button,
                       self.sidebar_button, self.present_button):
            widget.setEnabled(has_pages or widget is self.present_button
                              and self.present_button.isChecked())
        self._pages = has_pages
        self.pen_button.setEnabled(has_pages and self._writable)

    def set_writable(self, writable: bool) -> None:
        """Notes may be written on the document shown (not on an earlier version's pages)."""
        self._writable = writable
        self.pen_button.setEnabled(self._pages and writable)
        if not writable and self.pen_button.isChecked():
            self.pen_button.setChecked(False)

    def _zoom_menu(self) -> QToolButton:
        """The zoom in use; its menu fits the page (all of it in view) or the width, or sets
        a zoom."""
        button = QToolButton()
        button.setObjectName("zoomLabel")
        button.setText("100%")
        button.setToolTip(self.tr("Zoom: fit the whole page, fit the width, or a size"))
        button.setMinimumWidth(52)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        menu = QMenu(button)
        menu.addAction(self.tr("Fit the whole page"), self.fit_page_requested.emit)
        menu.addAction(self.tr("Fit the width"), lambda: self.fit_width_toggled.emit(True))
        menu.addSeparator()
        for percent in (75, 100, 150, 200):
            menu.addAction(f"{percent}%", lambda p=percent: self.zoom_requested.emit(p / 100))
        menu.addSeparator()
        self.continuous_action = menu.addAction(self.tr("Continuous scrolling"))
        self.continuous_action.setCheckable(True)
        self.continuous_action.toggled.connect(self.continuous_toggled)
        button.setMenu(menu)
        return button

    def set_continuous(self, on: bool) -> None:
        with QSignalBlocker(self.continuous_action):
            self.continuous_action.setChecked(on)

    def set_zoom(self, percent: int | None, fit_width: bool) -> None:
        self.zoom_label.setText(f"{percent}%" if percent else "")
        with QSignalBlocker(self.fit_button):
            self.fit_button.setChecked(fit_width)

    def page_text(self) -> str:
        """What the page box shows, e.g. "Trang 1 / 12"."""
        return self.page_spin.text()
