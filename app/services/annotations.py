"""Annotations as synced data beside the PDFs (never written into them)."""
from __future__ import annotations

from typing import Any, Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Annotation, Document, DocumentVersion, User
from app.models.base import iso_utc
from app import protocol as p
from app.services import access


def annotation_dict(annotation: Annotation, document_id: int, version: int) -> dict[str, Any]:
    return {"uuid": annotation.uuid, "user_id": annotation.user_id, "document_id": document_id,
            "version": version, "page_index": annotation.page_index, "kind": annotation.kind,
            "data": annotation.data, "text": annotation.text, "shared": annotation.shared,
            "updated_at": iso_utc(annotation.updated_at),
            "carried_to": annotation.carried_to}


def audience(annotation: Annotation, document: Document) -> str:
    return access.AUDIENCE_OF[document.confidentiality] if annotation.shared \
        else p.user_audience(annotation.user_id)


def visible_annotations(db: Session, user: User, session_id: int) -> Iterable[tuple[str, dict]]:
    roles = access.roles_in_session(db, user, session_id)
    rows = db.execute(
        select(Annotation, Document, DocumentVersion.version)
        .join(DocumentVersion, DocumentVersion.id == Annotation.document_version_id)
        .join(Document, Document.id == DocumentVersion.document_id)
        .where(Document.session_id == session_id, Annotation.deleted.is_(False))
    )
    for annotation, document, version in rows:
        mine = annotation.user_id == user.id
        if mine or (annotation.shared and access.can_read_document(user, document, roles)):
            yield annotation.uuid, annotation_dict(annotation, document.id, version)
