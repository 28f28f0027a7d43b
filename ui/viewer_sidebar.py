"""The viewer's sidebar: page thumbnails, the PDF's outline (its bookmarks), and my notes of
the whole session (per document, with their pages and the words marked).

Thumbnails are rendered only for the rows in view, after every visible and read-ahead page
(`PageRenderQueue.thumbnail`), so a 2,000-page document costs nothing until scrolled through.
A click on a thumbnail or a bookmark asks for that page (`page_requested(index)`); the page on
screen is the selected thumbnail.
"""
from __future__ import annotations

from typing import Callable, Optional

from PySide6.QtCore import QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QHeaderView, QLabel, QListView, QListWidget, QListWidgetItem, QPushButton, QStackedWidget,
    QTabWidget, QTreeWidget,
    QTreeWidgetItem, QVBoxLayout, QWidget,
)

THUMB_WIDTH = 120  # device-independent pixels
MAX_REQUESTS = 24  # thumbnails asked for at once, at the most
SIDEBAR_WIDTH = 190
PageRole = Qt.ItemDataRole.UserRole + 1
HasPictureRole = Qt.ItemDataRole.UserRole + 2  # the thumbnail is drawn
DocumentRole = Qt.ItemDataRole.UserRole + 3


class ViewerSidebar(QTabWidget):
    page_requested = Signal(int)
    note_requested = Signal(object, int)  # DocumentInfo, page: one of my notes, anywhere
    summary_requested = Signal()  # the summary of my notes of the session, as DOCX

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("viewerSidebar")
        self.setFixedWidth(SIDEBAR_WIDTH)
        self.thumbnails = QListWidget()
        self.thumbnails.setObjectName("thumbnailList")
        self.thumbnails.setViewMode(QListView.ViewMode.IconMode)  # the number under the page
        self.thumbnails.setFlow(QListView.Flow.TopToBottom)
        self.thumbnails.setWrapping(False)
        self.thumbnails.setMovement(QListView.Movement.Static)
        self.thumbnails.setIconSize(QSize(THUMB_WIDTH, int(THUMB_WIDTH * 1.42)))
        self.thumbnails.setSpacing(6)
        self.thumbnails.setUniformItemSizes(True)
        self.thumbnails.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.thumbnails.itemClicked.connect(
            lambda item: self.page_requested.emit(item.data(PageRole)))
        self.thumbnails.itemActivated.connect(
            lambda item: self.page_requested.emit(item.data(PageRole)))
        self.thumbnails.verticalScrollBar().valueChanged.connect(lambda _v: self._schedule())
        self.outline = QTreeWidget()
        self.outline.setObjectName("outlineTree")
        self.outline.setHeaderHidden(True)
        self.outline.setWordWrap(True)
        self.outline.setIndentation(12)
        self.outline.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.outline.itemClicked.connect(self._on_bookmark)
        self.outline.itemActivated.connect(self._on_bookmark)
        self.no_outline = QLabel(self.tr("This document has no bookmarks."))
        self.no_outline.setObjectName("noOutline")
        self.no_outline.setWordWrap(True)
        self.no_outline.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._outline_stack = QStackedWidget()
        self._outline_stack.addWidget(self.outline)
        self._outline_stack.addWidget(self.no_outline)
        outline_page = QWidget()
        outline_layout = QVBoxLayout(outline_page)
        outline_layout.setContentsMargins(0, 0, 0, 0)
        outline_layout.addWidget(self._outline_stack)
        self.notes = QTreeWidget()
        self.notes.setObjectName("notesTree")
        self.notes.setHeaderHidden(True)
        self.notes.setIndentation(10)
        self.notes.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.notes.itemClicked.connect(self._on_note)
        self.notes.itemActivated.connect(self._on_note)
        self.addTab(self.thumbnails, self.tr("Pages"))
        self.addTab(outline_page, self.tr("Bookmarks"))
        self.summary_button = QPushButton(self.tr("Summary (DOCX)…"))
        self.summary_button.setObjectName("notesSummaryButton")
        self.summary_button.setToolTip(self.tr(
            "Write my notes of this session, per agenda item and document, with their pages and "
            "the words marked, to a Word document (never those of a confidential document)"))
        self.summary_button.clicked.connect(self.summary_requested)
        self.notes_page = QWidget()
        notes_layout = QVBoxLayout(self.notes_page)
        notes_layout.setContentsMargins(0, 0, 0, 4)
        notes_layout.addWidget(self.notes, 1)
        notes_layout.addWidget(self.summary_button)
        self.addTab(self.notes_page, self.tr("Notes"))
        self.setTabToolTip(2, self.tr("My notes in this session's documents"))
        self._request: Optional[Callable[[int, int, Callable], None]] = None
        self._ratio = 1.0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(60)
        self._timer.timeout.connect(self._request_visible)
        self._generation = 0
        self.hide()

    def set_document(self, page_count: int, outline: list[tuple[int, str, int]],
                     request: Callable[[int, int, Callable], None], ratio: float) -> None:
        """A newly opened document: `request(index, width_px, on_rendered)` renders a
        thumbnail; `ratio` is the screen's device pixel ratio."""
        self._generation += 1
        self._request, self._ratio = request, ratio
        self.thumbnails.clear()
        blank = QPixmap(self.thumbnails.iconSize() * ratio)
        blank.setDevicePixelRatio(ratio)
        blank.fill(QColor("#eceff1"))
        icon = QIcon(blank)
        for index in range(page_count):
            item = QListWidgetItem(icon, str(index + 1))
            item.setData(PageRole, index)
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter)
            item.setToolTip(self.tr("Page %1").replace("%1", str(index + 1)))
            self.thumbnails.addItem(item)
        self._fill_outline(outline)
        self._schedule()

    def clear(self) -> None:
        self._generation += 1
        self._request = None
        self.thumbnails.clear()
        self._fill_outline([])

    def set_current(self, index: int) -> None:
        if 0 <= index < self.thumbnails.count():
            item = self.thumbnails.item(index)
            self.thumbnails.setCurrentItem(item)
            self.thumbnails.scrollToItem(item, QListWidget.ScrollHint.EnsureVisible)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._schedule()

    def _fill_outline(self, outline: list[tuple[int, str, int]]) -> None:
        self.outline.clear()
        parents: list[QTreeWidgetItem] = []
        for level, title, page in outline:
            parents = parents[:max(0, level - 1)]
            item = QTreeWidgetItem([title or self.tr("(untitled)")])
            item.setData(0, PageRole, page)
            item.setToolTip(0, f"{title} — " + self.tr("Page %1").replace("%1", str(page + 1)))
            if parents:
                parents[-1].addChild(item)
            else:
                self.outline.addTopLevelItem(item)
            parents.append(item)
        self.outline.expandToDepth(0)
        self._outline_stack.setCurrentWidget(self.outline if outline else self.no_outline)

    def set_notes(self, notes: list, current_id: int | None) -> None:
        """My notes of the session: [(DocumentInfo, [(page, kind, quote), ...]), ...]; the
        open document's first and expanded; what the reader opened stays open."""
        opened = {self.notes.topLevelItem(i).data(0, DocumentRole).id
                  for i in range(self.notes.topLevelItemCount())
                  if self.notes.topLevelItem(i).isExpanded()
                  and self.notes.topLevelItem(i).data(0, DocumentRole) is not None}
        self.notes.clear()
        if not notes:
            empty = QTreeWidgetItem([self.tr("No notes yet: write on a page with ✎.")])
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.notes.addTopLevelItem(empty)
            return
        ordered = sorted(notes, key=lambda entry: entry[0].id != current_id)
        kinds = {"ink": self.tr("handwriting"), "highlight": self.tr("marked text")}
        for document, entries in ordered:
            title = f"{document.title} ({len(entries)})"
            if document.superseded_by:  # left on the version it was made on
                title = self.tr("Not placed: %1, version %2").replace("%1", title) \
                    .replace("%2", str(document.version))
            top = QTreeWidgetItem([title])
            top.setToolTip(0, self.tr(
                "Notes whose words were not found in the new version. Tap one to see it on "
                "the version it was made on.") if document.superseded_by else document.title)
            top.setData(0, DocumentRole, document)
            top.setData(0, PageRole, entries[0][0])
            for page, kind, quote in entries:
                label = self.tr("p. %1").replace("%1", str(page + 1)) + " · " + (
                    f"“{quote}”" if quote else kinds.get(kind, kind))
                child = QTreeWidgetItem([label])
                child.setToolTip(0, label)
                child.setData(0, DocumentRole, document)
                child.setData(0, PageRole, page)
                top.addChild(child)
            self.notes.addTopLevelItem(top)
            top.setExpanded(document.id == current_id or document.id in opened)

    def show_notes(self) -> None:
        self.setCurrentWidget(self.notes_page)

    def _on_note(self, item: QTreeWidgetItem) -> None:
        document, page = item.data(0, DocumentRole), item.data(0, PageRole)
        if document is not None and page is not None:
            self.note_requested.emit(document, int(page))

    def _on_bookmark(self, item: QTreeWidgetItem) -> None:
        page = item.data(0, PageRole)
        if page is not None:
            self.page_requested.emit(int(page))

    def _schedule(self) -> None:
        if self.isVisible() and self._request is not None:
            self._timer.start()

    def _request_visible(self) -> None:
        """Thumbnails for the rows in view and a few beyond."""
        view = self.thumbnails
        if self._request is None or not view.count():
            return
        area = view.viewport().rect()
        middle = area.center().x()  # the items are centred: a corner is often beside them
        first = next((view.indexAt(QPoint(middle, y)).row() for y in range(1, 80, 8)
                      if view.indexAt(QPoint(middle, y)).row() >= 0), -1)
        last = next((view.indexAt(QPoint(middle, area.bottom() - y)).row()
                     for y in range(1, 80, 8)
                     if view.indexAt(QPoint(middle, area.bottom() - y)).row() >= 0), -1)
        if first < 0:
            return  # nothing in view (yet)
        last = view.count() - 1 if last < 0 else min(view.count() - 1, last + 2)
        last = min(last, first + MAX_REQUESTS - 1)
        width = int(THUMB_WIDTH * self._ratio)
        generation = self._generation
        for row in range(first, last + 1):
            item = view.item(row)
            if item.data(HasPictureRole):
                continue  # has its picture
            self._request(row, width, lambda page, g=generation: self._on_thumbnail(g, page))

    def _on_thumbnail(self, generation: int, page) -> None:
        if generation != self._generation or page.preview:
            return
        item = self.thumbnails.item(page.index)
        if item is None:
            return
        pixmap = QPixmap.fromImage(page.image)
        pixmap.setDevicePixelRatio(self._ratio)
        icon = QIcon(pixmap)
        icon.addPixmap(pixmap, QIcon.Mode.Selected)  # the page stays readable when selected
        item.setIcon(icon)
        item.setData(HasPictureRole, True)
