"""A new version of a document: stored, published to the tablets, and everyone's notes on the
previous version carried over where their anchor is found in the new text (documents/
anchoring.py). A note whose anchor is not found stays on the old version, where its owner's
tablet lists it as not placed ("chưa đặt lại được") and can show it on that version."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import protocol as p
from app.models import Annotation, Document, DocumentVersion
from app.services import access, annotations, audit, events, meetings
from app.services.files import FileStore
from documents.anchoring import VersionText, carry, read_version
from documents.render import DocumentError

_CARRIED = uuid.UUID("5b0f8a52-3f7e-4d35-9a3c-2f1a3c0d7e61")  # names the copies: uuid5


class VersionRefused(Exception):
    """The file cannot become the document's new version (the message says why)."""


@dataclass(frozen=True)
class NewVersion:
    version: int
    sha256: str
    page_count: int
    carried: int  # notes placed on the new version
    not_placed: int  # notes left on the previous one
    rows: list[dict]  # the events written, for the caller to announce after its commit


def add_version(db: Session, files: FileStore, document: Document, source: Path,
                filename: str, note: str = "", uploaded_by_id: int | None = None) -> NewVersion:
    """Store `source` as the next version of `document`, carry the notes over, and append the
    events that bring both to the tablets. The caller commits."""
    try:
        new_text = read_version(source)
    except DocumentError as exc:
        raise VersionRefused(f"{filename}: {exc.message}") from None
    if not new_text.pages:
        raise VersionRefused(f"{filename}: the PDF has no pages")
    previous = document.current_version
    notes = [] if previous is None else _live_notes(db, previous)
    old_text = None
    if notes:  # both texts read before anything is written: no write lock held meanwhile
        try:
            old_text = read_version(files.path_for(previous.file_sha256))
        except (DocumentError, OSError):
            old_text = None  # the old file is unreadable here: nothing can be placed
    stored = files.put_file(db, Path(source))
    if previous is not None and previous.file_sha256 == stored.sha256:
        raise VersionRefused(f"{filename}: this file is already version {previous.version}")
    version = DocumentVersion(version=(previous.version if previous else 0) + 1,
                              file_sha256=stored.sha256, filename=filename[:255],
                              page_count=len(new_text.pages), note=note[:500],
                              uploaded_by_id=uploaded_by_id)
    document.versions.append(version)
    db.flush()
    moved, left = _carry_over(db, notes, old_text, version, new_text)
    rows = _publish(db, document, version, moved)
    audit.record_event(db, "document.version", actor_id=uploaded_by_id,
                       session_id=document.session_id,
                       payload={"document_id": document.id, "version": version.version,
                                "sha256": stored.sha256, "carried": len(moved),
                                "not_placed": len(left)})
    return NewVersion(version.version, stored.sha256, len(new_text.pages), len(moved),
                      len(left), rows)


def _live_notes(db: Session, previous: DocumentVersion) -> list[Annotation]:
    return list(db.scalars(select(Annotation).where(
        Annotation.document_version_id == previous.id, Annotation.deleted.is_(False),
        Annotation.carried_to.is_(None)).order_by(Annotation.id)))


def _carry_over(db: Session, notes: list[Annotation], old_text: VersionText | None,
                version: DocumentVersion, new_text: VersionText
                ) -> tuple[list[tuple[Annotation, Annotation]], list[Annotation]]:
    if old_text is None:
        return [], notes
    moved, left = [], []
    for old in notes:
        placed = carry(old_text, new_text, old.kind, old.page_index, old.data)
        if placed is None:
            left.append(old)
            continue
        page, data = placed
        copy = Annotation(uuid=str(uuid.uuid5(_CARRIED, f"{old.uuid}:{version.id}")),
                          document_version_id=version.id, user_id=old.user_id,
                          page_index=page, kind=old.kind, data=data, text=old.text,
                          shared=old.shared)
        db.add(copy)
        old.carried_to = copy.uuid
        moved.append((old, copy))
    db.flush()
    return moved, left


def _publish(db: Session, document: Document, version: DocumentVersion,
             moved: list[tuple[Annotation, Annotation]]) -> list[dict]:
    rows = []

    def emit(kind, entity, key, data, audience):
        event = events.append(db, document.session_id, kind, entity, key, "upsert", data,
                              audience)
        rows.append(dict(events.event_dict(event), audience=audience,
                         session_id=document.session_id))

    emit("document.version", p.ENTITY_DOCUMENT, document.id, meetings.document_dict(document),
         access.AUDIENCE_OF[document.confidentiality])
    previous = version.version - 1
    for old, copy in moved:
        emit("annotation.put", p.ENTITY_ANNOTATION, old.uuid,
             annotations.annotation_dict(old, document.id, previous),
             annotations.audience(old, document))
        emit("annotation.put", p.ENTITY_ANNOTATION, copy.uuid,
             annotations.annotation_dict(copy, document.id, version.version),
             annotations.audience(copy, document))
    return rows
