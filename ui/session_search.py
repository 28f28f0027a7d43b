"""Search across every document of the session on screen (the centre column's search box).

While a query is typed, the results replace the agenda: each hit gives the document, the page
and a snippet with the words found marked; a click (or Tab to it and Enter) opens the document
on that page with the hit highlighted (`result_chosen(document, page, query)`). Clearing the
box, or Escape, brings the agenda back. Diacritics and case do not matter (the index folds
them); confidential documents are not searched, and the box says so.
"""
from __future__ import annotations

import html
from typing import Optional

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QStackedWidget, QTextBrowser, QVBoxLayout, QWidget

from documents.text_index import Hit
from ui.search_service import SearchService

DEBOUNCE_MS = 250
RESULT_LIMIT = 50
MARK_STYLE = "background-color:#ffe066; font-weight:600;"


class _SearchEdit(QLineEdit):
    escape = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.escape.emit()
            event.accept()
            return
        super().keyPressEvent(event)


def snippet_html(hit: Hit) -> str:
    """The snippet, escaped, with its hits marked."""
    parts, at = [], 0
    for start, end in hit.spans:
        parts.append(html.escape(hit.snippet[at:start]))
        parts.append(f'<span style="{MARK_STYLE}">{html.escape(hit.snippet[start:end])}</span>')
        at = end
    parts.append(html.escape(hit.snippet[at:]))
    return "".join(parts)


class SessionSearch(QWidget):
    """The search box above `content` (the agenda panel), and the results in its place."""

    result_chosen = Signal(object, int, str)  # DocumentInfo, page (from 0), query

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sessionSearch")
        self.service: Optional[SearchService] = None
        self.edit = _SearchEdit()
        self.edit.setObjectName("sessionSearchEdit")
        self.edit.setPlaceholderText(self.tr("Search the session's documents"))
        self.edit.setClearButtonEnabled(True)
        self.edit.setMinimumHeight(40)
        self.status_label = QLabel()
        self.status_label.setObjectName("searchStatus")
        self.status_label.setWordWrap(True)
        self.results = QTextBrowser()
        self.results.setObjectName("searchResults")
        self.results.setOpenLinks(False)
        self.results.anchorClicked.connect(self._on_clicked)
        results_page = QWidget()
        results_layout = QVBoxLayout(results_page)
        results_layout.setContentsMargins(12, 4, 12, 8)
        results_layout.addWidget(self.status_label)
        results_layout.addWidget(self.results, 1)
        self.stack = QStackedWidget()
        self.stack.addWidget(content)
        self.stack.addWidget(results_page)
        self._results_page = results_page
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        edit_box = QWidget()
        edit_layout = QVBoxLayout(edit_box)
        edit_layout.setContentsMargins(12, 8, 12, 4)
        edit_layout.addWidget(self.edit)
        layout.addWidget(edit_box)
        layout.addWidget(self.stack, 1)

        self._hits: list[Hit] = []
        self._query = ""
        self._task = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.search_now)
        self.edit.textChanged.connect(self._on_text)
        self.edit.returnPressed.connect(self.search_now)
        self.edit.escape.connect(self.edit.clear)

    def set_service(self, service: Optional[SearchService]) -> None:
        self.service = service
        if service is not None:
            service.indexed.connect(lambda _sha: self._refresh_if_open())

    def clear(self) -> None:
        """Another session: its documents are searched from scratch."""
        self.edit.clear()
        self.results.clear()

    def hits(self) -> list[Hit]:
        return list(self._hits)

    def _on_text(self, text: str) -> None:
        if not text.strip():
            self._timer.stop()
            self._query, self._hits = "", []
            self.stack.setCurrentIndex(0)
            return
        self._timer.start()

    def search_now(self) -> None:
        self._timer.stop()
        query = self.edit.text().strip()
        if not query or self.service is None:
            return
        self._query = query
        self.stack.setCurrentWidget(self._results_page)
        if self._task is not None:
            self._task.cancel()
        self._task = self.service.search(query, lambda hits: self._show(query, hits),
                                         limit=RESULT_LIMIT)

    def _refresh_if_open(self) -> None:
        """A document finished indexing: its hits join the results on screen."""
        if self._query and self.stack.currentWidget() is self._results_page:
            self.search_now()

    def _show(self, query: str, hits: list[Hit]) -> None:
        if query != self._query:
            return
        self._task = None
        self._hits = hits
        documents = {d.sha256: d for d in (self.service.searchable() if self.service else [])}
        self.status_label.setText(self._status_text(len(hits)))
        rows = []
        for number, hit in enumerate(hits):
            document = documents.get(hit.sha256)
            if document is None:
                continue
            title = html.escape(document.number + " · " + document.title if document.number
                                else document.title)
            page = self.tr("page %1").replace("%1", str(hit.page + 1))
            rows.append(f'<p style="margin:0 0 12px 0"><a href="hit:{number}" '
                        f'style="text-decoration:none"><b>{title}</b> — {html.escape(page)}'
                        f'<br><span style="color:#333">{snippet_html(hit)}</span></a></p>')
        self.results.setHtml("".join(rows))

    def _status_text(self, count: int) -> str:
        pending = self.service.pending() if self.service is not None else 0
        if count >= RESULT_LIMIT:
            parts = [self.tr("The first %1 results").replace("%1", str(count))]
        elif count:
            parts = [self.tr("Results: %1").replace("%1", str(count))]
        else:
            parts = [self.tr("No document of this session contains these words.")]
        if pending:
            parts.append(self.tr("Documents still being prepared for search: %1")
                         .replace("%1", str(pending)))
        return " · ".join(parts)

    def _on_clicked(self, url: QUrl) -> None:
        target = url.toString()
        if not target.startswith("hit:") or self.service is None:
            return
        number = int(target[4:])
        if not 0 <= number < len(self._hits):
            return
        hit = self._hits[number]
        document = next((d for d in self.service.searchable() if d.sha256 == hit.sha256), None)
        if document is not None:
            self.result_chosen.emit(document, hit.page, self._query)
