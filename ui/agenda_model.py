"""The agenda of one session as a Qt tree model: agenda items (nested), under each item its
documents, then the results of its votes (for a finished session), then its sub-items. The live
state marks the item under discussion and counts the requests to speak waiting on each item."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator, Optional, Sequence

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt

from sync.client import AgendaItemInfo, DocumentInfo, VoteResultInfo
from ui import icons, texts

ITEM, DOCUMENT, VOTE, GROUP = "item", "document", "vote", "group"

KindRole = Qt.ItemDataRole.UserRole + 1  # ITEM | DOCUMENT | VOTE | GROUP
PayloadRole = Qt.ItemDataRole.UserRole + 2  # AgendaItemInfo | DocumentInfo | VoteResultInfo | None
DetailRole = Qt.ItemDataRole.UserRole + 3  # second line: presenter, document kind and pages, ...
ConfidentialRole = Qt.ItemDataRole.UserRole + 4  # bool, documents only
OutcomeRole = Qt.ItemDataRole.UserRole + 5  # votes: "Passed" / "Not passed" (translated) or ""
CurrentRole = Qt.ItemDataRole.UserRole + 6  # items: True for the item under discussion

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(eq=False)
class AgendaNode:
    kind: str
    payload: Any
    parent: Optional["AgendaNode"] = None
    children: list["AgendaNode"] = field(default_factory=list)
    row: int = 0

    def add(self, child: "AgendaNode") -> "AgendaNode":
        child.parent, child.row = self, len(self.children)
        self.children.append(child)
        return child


def _item_node(item: AgendaItemInfo, votes_by_item: dict[int, list[VoteResultInfo]]) -> AgendaNode:
    node = AgendaNode(ITEM, item)
    for document in item.documents:
        node.add(AgendaNode(DOCUMENT, document))
    for vote in votes_by_item.pop(item.id, []):
        node.add(AgendaNode(VOTE, vote))
    for child in sorted(item.children, key=lambda c: c.position):
        node.add(_item_node(child, votes_by_item))
    return node


def build_tree(items: Sequence[AgendaItemInfo], votes: Sequence[VoteResultInfo] = ()) -> AgendaNode:
    """The invisible root of the tree. Votes whose agenda item is unknown go into a last group."""
    votes_by_item: dict[int, list[VoteResultInfo]] = {}
    for vote in votes:
        votes_by_item.setdefault(vote.agenda_item_id or 0, []).append(vote)
    root = AgendaNode(GROUP, None)
    for item in sorted(items, key=lambda i: i.position):
        root.add(_item_node(item, votes_by_item))
    leftovers = [vote for group in votes_by_item.values() for vote in group]
    if leftovers:
        group = root.add(AgendaNode(GROUP, None))
        for vote in leftovers:
            group.add(AgendaNode(VOTE, vote))
    return root


class AgendaModel(QAbstractItemModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._root = AgendaNode(GROUP, None)
        self._current_item_id: int | None = None
        self._waiting: dict[int, int] = {}

    def set_agenda(self, items: Sequence[AgendaItemInfo],
                   votes: Sequence[VoteResultInfo] = ()) -> None:
        self.beginResetModel()
        self._root = build_tree(items, votes)
        self.endResetModel()

    def set_live(self, current_item_id: int | None, waiting: dict[int, int]) -> None:
        """Mark the item under discussion; `waiting`: requests to speak waiting, per item."""
        changed = {current_item_id, self._current_item_id}
        changed |= {i for i in set(waiting) | set(self._waiting)
                    if waiting.get(i) != self._waiting.get(i)}
        self._current_item_id, self._waiting = current_item_id, dict(waiting)
        for item_id in changed - {None}:
            index = self.index_of_item(item_id)
            if index.isValid():
                self.dataChanged.emit(index, index)

    @property
    def current_item_id(self) -> int | None:
        return self._current_item_id

    def clear(self) -> None:
        self.set_agenda([])

    # -- lookups --------------------------------------------------------------------------
    def _walk(self, node: AgendaNode | None = None) -> Iterator[AgendaNode]:
        for child in (node or self._root).children:
            yield child
            yield from self._walk(child)

    def documents(self) -> list[DocumentInfo]:
        return [n.payload for n in self._walk() if n.kind == DOCUMENT]

    def first_item_documents(self) -> list[DocumentInfo]:
        """The documents of the first agenda item: its own, else those of its sub-items."""
        first = next((n for n in self._root.children if n.kind == ITEM), None)
        if first is None:
            return []
        own = [n.payload for n in first.children if n.kind == DOCUMENT]
        return own or [n.payload for n in self._walk(first) if n.kind == DOCUMENT]

    def index_of_document(self, document_id: int) -> QModelIndex:
        for node in self._walk():
            if node.kind == DOCUMENT and node.payload.id == document_id:
                return self.createIndex(node.row, 0, node)
        return QModelIndex()

    def index_of_item(self, item_id: int) -> QModelIndex:
        for node in self._walk():
            if node.kind == ITEM and node.payload.id == item_id:
                return self.createIndex(node.row, 0, node)
        return QModelIndex()

    def item_of(self, index: AnyIndex) -> AgendaItemInfo | None:
        """The agenda item of a row: the item itself, or the item a document or vote is under."""
        node = self._node(index) if index.isValid() else None
        while node is not None and node.kind != ITEM:
            node = node.parent
        return node.payload if node is not None else None

    def vote_count(self) -> int:
        return sum(1 for n in self._walk() if n.kind == VOTE)

    # -- QAbstractItemModel ---------------------------------------------------------------
    def _node(self, index: AnyIndex) -> AgendaNode:
        return index.internalPointer() if index.isValid() else self._root

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:
        if column != 0 or row < 0:
            return QModelIndex()
        node = self._node(parent)
        if row >= len(node.children):
            return QModelIndex()
        return self.createIndex(row, 0, node.children[row])

    def parent(self, index: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        parent = self._node(index).parent
        if parent is None or parent is self._root:
            return QModelIndex()
        return self.createIndex(parent.row, 0, parent)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 1

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self._node(index)
        if role == KindRole:
            return node.kind
        if role == PayloadRole:
            return node.payload
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(node)
        if role == DetailRole:
            return self._detail(node)
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(t for t in (self._display(node), self._detail(node)) if t)
        if role == Qt.ItemDataRole.DecorationRole:
            if node.kind == DOCUMENT:
                return icons.pdf_pixmap(32)
            if node.kind == VOTE:
                return icons.vote_pixmap(32, node.payload.passed)
            return None
        if role == ConfidentialRole:
            return node.kind == DOCUMENT and node.payload.restricted
        if role == OutcomeRole:
            return texts.vote_outcome(node.payload.passed) if node.kind == VOTE else ""
        if role == CurrentRole:
            return node.kind == ITEM and node.payload.id == self._current_item_id
        return None

    def _display(self, node: AgendaNode) -> str:
        if node.kind == ITEM:
            item: AgendaItemInfo = node.payload
            return f"{item.label}. {item.title}" if item.label else item.title
        if node.kind == DOCUMENT:
            return node.payload.title
        if node.kind == VOTE:
            vote: VoteResultInfo = node.payload
            return vote.title or texts.vote_type(vote.vote_type)
        return self.tr("Other vote results")

    def _detail(self, node: AgendaNode) -> str:
        if node.kind == ITEM:
            presenter = node.payload.presenter
            parts = [self.tr("Presented by: %1").replace("%1", presenter)] if presenter else []
            waiting = self._waiting.get(node.payload.id, 0)
            if waiting:
                parts.append(self.tr("%n request(s) to speak", "", waiting))
            return " · ".join(parts)
        if node.kind == DOCUMENT:
            document: DocumentInfo = node.payload
            parts = [texts.document_kind(document.kind)]
            if document.number:
                parts.append(texts.document_number(document.number))
            if document.page_count:
                parts.append(texts.page_count(document.page_count))
            return " · ".join(parts)
        if node.kind == VOTE:
            vote: VoteResultInfo = node.payload
            return vote.announcement or texts.vote_type(vote.vote_type)
        return ""
