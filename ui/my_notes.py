"""My notes of a session, as the viewer's sidebar lists them: per document, those on its
current version, then those left on an earlier version when it was replaced ("chưa đặt lại
được": the server found no place for them in the new text, docs/PROTOCOL.md)."""
from __future__ import annotations

from typing import Any, Iterable, NamedTuple

from sync.client import DocumentInfo
from ui.session_state import AnnotationInfo

Listed = tuple[int, str, str]  # page, kind, quoted words or the note's own ("" for ink)


class Entry(NamedTuple):
    """One of my notes as this tablet last wrote it (the change it queued)."""
    document_id: int
    page: int
    kind: str  # ink | highlight | note | text
    data: Any
    text: str = ""
    shared: bool = False
    version: int | None = None  # the document's version it is on (None: not known yet)


def my_notes(annotations: Iterable[AnnotationInfo], documents: dict[int, DocumentInfo],
             user_id: int, erased: set[str], local: dict[str, Entry]
             ) -> list[tuple[DocumentInfo, list[Listed]]]:
    """[(DocumentInfo, [(page, kind, quote), ...] by page), ...] in the order of `documents`;
    for notes not placed, the DocumentInfo is their version's (`superseded_by` set).
    `local`: this tablet's notes not in the view yet."""
    found: dict[tuple[int, int], list[Listed]] = {}
    for a in annotations:
        document = documents.get(a.document_id)
        if document is None or a.user_id != user_id or a.uuid in erased or a.uuid in local:
            continue
        if a.version in (None, document.version):
            key = (a.document_id, document.version)
        elif a.carried_to is None and document.at_version(a.version) is not None:
            key = (a.document_id, a.version)
        else:
            continue  # carried over: its copy is listed
        found.setdefault(key, []).append((a.page_index, a.kind, quote_of(a.data) or a.text))
    for entry in local.values():
        if entry.document_id in documents:
            found.setdefault((entry.document_id, documents[entry.document_id].version), []) \
                .append((entry.page, entry.kind, quote_of(entry.data) or entry.text))
    notes = []
    for (doc, version), entries in sorted(found.items(), key=lambda kv: -kv[0][1]):
        document = documents[doc]
        shown = document if version == document.version else document.at_version(version)
        notes.append((shown, sorted(entries)))
    order = {doc: i for i, doc in enumerate(documents)}
    return sorted(notes, key=lambda entry: order[entry[0].id])  # stable: newest version first


def quote_of(data) -> str:
    """The words a text mark covers ("" for ink)."""
    quote = data.get("quote") if isinstance(data, dict) else None
    exact = quote.get("exact") if isinstance(quote, dict) else None
    return exact if isinstance(exact, str) else ""
