"""`annotation.put` and `annotation.delete`: a reader's notes beside the PDFs, on the version of
the document they were made on.

A note is stored on the version its change names (`version`; the current one when it names
none): a tablet that drew on version 2 before it heard of version 3 keeps its note on version 2,
where it belongs, listed as not placed, never misplaced on version 3's pages. A change to a note
that was carried over to a newer version (app/services/versions.py) while the tablet did not
know: new words or sharing reach its copies too; a new place (a move) makes it a note of its old
version again, not placed, and its copies are deleted (their place came from the old one); a
deletion deletes it and its copies.
"""
from __future__ import annotations

from sqlalchemy import select

from app import protocol as p
from app.models import Annotation, Document, DocumentVersion
from app.models.base import utcnow
from app.protocol import mutations as m
from app.services import access, annotations, limits
from app.services.mutation_handlers import check_storage
from app.services.mutations import MutationContext, Rejected, count_of, handler


def _version_of(ctx: MutationContext, annotation: Annotation) -> DocumentVersion:
    return ctx.db.get(DocumentVersion, annotation.document_version_id)


def _copies(ctx: MutationContext, annotation: Annotation) -> list[Annotation]:
    """Its copies on the newer versions, oldest first."""
    found, seen, key = [], {annotation.uuid}, annotation.carried_to
    while key and key not in seen:
        seen.add(key)
        copy = ctx.db.scalar(select(Annotation).where(Annotation.uuid == key))
        if copy is None:
            break
        found.append(copy)
        key = copy.carried_to
    return found


def _emit(ctx: MutationContext, annotation: Annotation, document: Document,
          was_shared: bool) -> dict:
    state = annotations.annotation_dict(annotation, document.id,
                                        _version_of(ctx, annotation).version)
    if was_shared and not annotation.shared:  # others must forget it
        ctx.emit("annotation.unshared", p.ENTITY_ANNOTATION, annotation.uuid, "delete", None,
                 access.AUDIENCE_OF[document.confidentiality])
    ctx.emit("annotation.put", p.ENTITY_ANNOTATION, annotation.uuid, "upsert", state,
             annotations.audience(annotation, document))
    return state


def _delete(ctx: MutationContext, annotation: Annotation, document: Document) -> None:
    annotation.deleted, annotation.updated_at = True, utcnow()
    ctx.emit("annotation.delete", p.ENTITY_ANNOTATION, annotation.uuid, "delete", None,
             annotations.audience(annotation, document))


def _target_version(ctx: MutationContext, document: Document, number: int | None
                    ) -> DocumentVersion:
    current = document.current_version
    if number is None or number == current.version:
        return current
    version = next((v for v in document.versions if v.version == number), None)
    if version is None:
        raise Rejected("invalid", "the document has no such version")
    return version


@handler(m.AnnotationPut)
def put_annotation(ctx: MutationContext, args: m.AnnotationPut) -> dict:
    key = str(args.uuid)
    document = ctx.db.get(Document, args.document_id)
    if document is None or document.session_id != ctx.session.id or document.current_version is None:
        raise Rejected("invalid", "the document is not in this session")
    if not access.can_read_document(ctx.user, document, ctx.roles):
        raise Rejected("forbidden", "you may not read this document")
    annotation = ctx.db.scalar(select(Annotation).where(Annotation.uuid == key))
    was_shared = bool(annotation is not None and annotation.shared and not annotation.deleted)
    copies = [] if annotation is None or annotation.deleted or not annotation.carried_to else \
        [c for c in _copies(ctx, annotation) if not c.deleted]
    refusal = access.closed_refusal(
        ctx.session, shared=was_shared or args.shared or any(c.shared for c in copies))
    if refusal is not None:
        raise Rejected(*refusal)
    if args.shared or was_shared or any(c.shared for c in copies):  # every tablet gets it
        ctx.limit(f"shared:{ctx.user.id}", limits.Limit(ctx.settings.shared_changes_per_minute))
    before = 0 if annotation is None or annotation.deleted else \
        p.encoded_size(annotation.data) + len(annotation.text or "")
    check_storage(ctx, p.encoded_size(args.data) + len(args.text) - before)
    if annotation is None:
        version = _target_version(ctx, document, args.version)
        if count_of(ctx.db, Annotation, Annotation.user_id == ctx.user.id,
                    Annotation.document_version_id == version.id,
                    Annotation.deleted.is_(False)) >= ctx.settings.annotations_per_document:
            raise Rejected("quota_exceeded", "too many annotations on this document")
        annotation = Annotation(uuid=key, user_id=ctx.user.id, document_version_id=version.id)
        ctx.db.add(annotation)
    elif not access.owns(ctx.user, annotation.user_id):
        raise Rejected("forbidden", "this annotation belongs to someone else")
    elif _version_of(ctx, annotation).document_id != document.id:
        raise Rejected("invalid", "an annotation stays on its document")
    elif annotation.deleted:
        annotation.carried_to = None  # put back (an undo): on its own version, its copies gone
    moved = annotation.page_index != args.page_index or annotation.data != args.data
    new_words, new_sharing = annotation.text != args.text, annotation.shared != args.shared
    annotation.page_index, annotation.kind = args.page_index, args.kind
    annotation.data, annotation.text, annotation.shared = args.data, args.text, args.shared
    annotation.deleted = False
    annotation.updated_at = utcnow()
    if annotation.carried_to and moved:  # placed anew on its own version: the copies'
        annotation.carried_to = None     # place is stale (or they are all gone)
        for copy in copies:
            _delete(ctx, copy, document)
        copies = []
    ctx.db.flush()
    state = _emit(ctx, annotation, document, was_shared)
    for copy in copies:  # what this change changed (words, sharing) on every version; what it
        if not (new_words or new_sharing):  # left as it was stays as the copy has it now
            break
        copy_was_shared = copy.shared
        if new_words:
            check_storage(ctx, len(args.text) - len(copy.text or ""))
            copy.text = args.text
        if new_sharing:
            copy.shared = args.shared
        copy.updated_at = utcnow()
        _emit(ctx, copy, document, copy_was_shared)
    return state


@handler(m.AnnotationDelete)
def delete_annotation(ctx: MutationContext, args: m.AnnotationDelete) -> dict:
    key = str(args.uuid)
    annotation = ctx.db.scalar(select(Annotation).where(Annotation.uuid == key))
    if annotation is None or annotation.deleted:
        return {"uuid": key, "deleted": True}  # deleting twice is not an error
    if not access.owns(ctx.user, annotation.user_id):
        raise Rejected("forbidden", "this annotation belongs to someone else")
    document = ctx.db.get(Document, _version_of(ctx, annotation).document_id)
    if document.session_id != ctx.session.id:
        raise Rejected("invalid", "the annotation is not in this session")
    chain = [annotation] + [c for c in _copies(ctx, annotation) if not c.deleted]
    refusal = access.closed_refusal(ctx.session, shared=any(row.shared for row in chain))
    if refusal is not None:
        raise Rejected(*refusal)
    for row in chain:
        _delete(ctx, row, document)
    return {"uuid": key, "deleted": True}
