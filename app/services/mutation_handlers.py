"""What each client mutation does and which events it appends. Arguments arrive parsed
(`app.protocol.mutations`) and the role checks are done (`access.mutation_refusal`): a
handler checks the change's own data (the item is in this session, the note is the user's)."""
from __future__ import annotations

from sqlalchemy import Text, cast, func, select

from app import protocol as p
from app.models import AgendaItem, Annotation, Document, DocumentVersion, LiveState, PersonalNote
from app.models.base import utcnow
from app.protocol import mutations as m
from app.services import access, annotations, events, limits
from app.services.mutations import MutationContext, Rejected, count_of, handler


def agenda_item(ctx: MutationContext, item_id: int | None) -> int | None:
    if item_id is None:
        return None
    item = ctx.db.get(AgendaItem, item_id)
    if item is None or item.session_id != ctx.session.id:
        raise Rejected("invalid", "the agenda item is not in this session")
    return item_id


def _live(ctx: MutationContext) -> LiveState:
    state = ctx.db.get(LiveState, ctx.session.id)
    if state is None:
        state = LiveState(session_id=ctx.session.id)
        ctx.db.add(state)
    state.updated_at = utcnow()
    return state


def _emit_live(ctx: MutationContext, state: LiveState, kind: str) -> dict:
    data = events.live_state_dict(ctx.db, state)  # the object itself: no read back
    ctx.emit(kind, p.ENTITY_LIVE, p.LIVE_KEY, "upsert", data, p.AUDIENCE_ALL)
    return data


def _check_storage(ctx: MutationContext, adding: int) -> None:
    """A user's notes and annotations in one session stay under a byte quota: nobody fills
    the server's disk (or every tablet's, with shared annotations)."""
    db, user_id, session_id = ctx.db, ctx.user.id, ctx.session.id
    notes = db.scalar(select(func.coalesce(func.sum(func.length(PersonalNote.text)), 0))
                      .where(PersonalNote.user_id == user_id, PersonalNote.session_id == session_id))
    marks = db.scalar(
        select(func.coalesce(func.sum(func.length(Annotation.text)
                                      + func.length(cast(Annotation.data, Text))), 0))
        .join(DocumentVersion, DocumentVersion.id == Annotation.document_version_id)
        .join(Document, Document.id == DocumentVersion.document_id)
        .where(Annotation.user_id == user_id, Document.session_id == session_id,
               Annotation.deleted.is_(False)))
    if (notes or 0) + (marks or 0) + adding > ctx.settings.storage_per_session_bytes:
        raise Rejected("quota_exceeded", "your notes and annotations in this session are full")


@handler(m.SetCurrentItem)
def set_current_item(ctx: MutationContext, args: m.SetCurrentItem) -> dict:
    item_id = agenda_item(ctx, args.agenda_item_id)  # first: its read would flush the state
    state = _live(ctx)
    state.current_agenda_item_id = item_id
    return _emit_live(ctx, state, "live.current_item")


@handler(m.SetPresenter)
def set_presenter(ctx: MutationContext, args: m.SetPresenter) -> dict:
    state = _live(ctx)
    if args.document_id is None:
        state.presenter_user_id = state.presenter_document_id = state.presenter_page = None
    else:
        document = ctx.db.get(Document, args.document_id)
        if document is None or document.session_id != ctx.session.id:
            raise Rejected("invalid", "the document is not in this session")
        state.presenter_user_id, state.presenter_document_id = ctx.user.id, document.id
        state.presenter_page = args.page
    return _emit_live(ctx, state, "live.presenter")


def _annotation_document(ctx: MutationContext, annotation: Annotation) -> Document:
    version = ctx.db.get(DocumentVersion, annotation.document_version_id)
    return ctx.db.get(Document, version.document_id)


@handler(m.AnnotationPut)
def put_annotation(ctx: MutationContext, args: m.AnnotationPut) -> dict:
    key = str(args.uuid)
    document = ctx.db.get(Document, args.document_id)
    if document is None or document.session_id != ctx.session.id or document.current_version is None:
        raise Rejected("invalid", "the document is not in this session")
    if not access.can_read_document(ctx.user, document, ctx.roles):
        raise Rejected("forbidden", "you may not read this document")
    version = document.current_version
    annotation = ctx.db.scalar(select(Annotation).where(Annotation.uuid == key))
    was_shared = bool(annotation is not None and annotation.shared and not annotation.deleted)
    refusal = access.closed_refusal(ctx.session, shared=was_shared or args.shared)
    if refusal is not None:
        raise Rejected(*refusal)
    if args.shared or was_shared:  # it reaches every tablet of the session
        ctx.limit(f"shared:{ctx.user.id}", limits.Limit(ctx.settings.shared_changes_per_minute))
    before = 0 if annotation is None or annotation.deleted else \
        p.encoded_size(annotation.data) + len(annotation.text or "")
    _check_storage(ctx, p.encoded_size(args.data) + len(args.text) - before)
    if annotation is None:
        if count_of(ctx.db, Annotation, Annotation.user_id == ctx.user.id,
                    Annotation.document_version_id == version.id,
                    Annotation.deleted.is_(False)) >= ctx.settings.annotations_per_document:
            raise Rejected("quota_exceeded", "too many annotations on this document")
        annotation = Annotation(uuid=key, user_id=ctx.user.id, document_version_id=version.id)
        ctx.db.add(annotation)
    elif not access.owns(ctx.user, annotation.user_id):
        raise Rejected("forbidden", "this annotation belongs to someone else")
    elif _annotation_document(ctx, annotation).id != document.id:
        raise Rejected("invalid", "an annotation stays on its document")
    annotation.page_index, annotation.kind = args.page_index, args.kind
    annotation.data, annotation.text, annotation.shared = args.data, args.text, args.shared
    annotation.deleted = False
    annotation.updated_at = utcnow()
    ctx.db.flush()
    own = version if annotation.document_version_id == version.id else \
        ctx.db.get(DocumentVersion, annotation.document_version_id)  # a note on an older one
    state = annotations.annotation_dict(annotation, document.id, own.version)
    if was_shared and not annotation.shared:  # others must forget it
        ctx.emit("annotation.unshared", p.ENTITY_ANNOTATION, key, "delete", None,
                 access.AUDIENCE_OF[document.confidentiality])
    ctx.emit("annotation.put", p.ENTITY_ANNOTATION, key, "upsert", state,
             annotations.audience(annotation, document))
    return state


@handler(m.AnnotationDelete)
def delete_annotation(ctx: MutationContext, args: m.AnnotationDelete) -> dict:
    key = str(args.uuid)
    annotation = ctx.db.scalar(select(Annotation).where(Annotation.uuid == key))
    if annotation is None or annotation.deleted:
        return {"uuid": key, "deleted": True}  # deleting twice is not an error
    if not access.owns(ctx.user, annotation.user_id):
        raise Rejected("forbidden", "this annotation belongs to someone else")
    document = _annotation_document(ctx, annotation)
    if document.session_id != ctx.session.id:
        raise Rejected("invalid", "the annotation is not in this session")
    refusal = access.closed_refusal(ctx.session, shared=bool(annotation.shared))
    if refusal is not None:
        raise Rejected(*refusal)
    annotation.deleted, annotation.updated_at = True, utcnow()
    ctx.emit("annotation.delete", p.ENTITY_ANNOTATION, key, "delete", None,
             annotations.audience(annotation, document))
    return {"uuid": key, "deleted": True}


@handler(m.NotePut)
def put_note(ctx: MutationContext, args: m.NotePut) -> dict:
    key = str(args.uuid)
    note = ctx.db.scalar(select(PersonalNote).where(PersonalNote.uuid == key))
    if note is None:
        if count_of(ctx.db, PersonalNote, PersonalNote.user_id == ctx.user.id,
                    PersonalNote.session_id == ctx.session.id) >= ctx.settings.notes_per_session:
            raise Rejected("quota_exceeded", "too many notes in this session")
        note = PersonalNote(uuid=key, session_id=ctx.session.id, user_id=ctx.user.id)
        ctx.db.add(note)
    elif not access.owns(ctx.user, note.user_id) or note.session_id != ctx.session.id:
        raise Rejected("forbidden", "this note belongs to someone else")
    note.agenda_item_id = agenda_item(ctx, args.agenda_item_id)
    _check_storage(ctx, len(args.text) - len(note.text or ""))
    note.text, note.updated_at = args.text, utcnow()
    ctx.db.flush()
    state = events.note_dict(note)
    ctx.emit("note.put", p.ENTITY_NOTE, key, "upsert", state, p.user_audience(ctx.user.id))
    return state


@handler(m.NoteDelete)
def delete_note(ctx: MutationContext, args: m.NoteDelete) -> dict:
    key = str(args.uuid)
    note = ctx.db.scalar(select(PersonalNote).where(PersonalNote.uuid == key))
    if note is not None:
        if not access.owns(ctx.user, note.user_id) or note.session_id != ctx.session.id:
            raise Rejected("forbidden", "this note belongs to someone else")
        ctx.db.delete(note)
        ctx.emit("note.delete", p.ENTITY_NOTE, key, "delete", None, p.user_audience(ctx.user.id))
    return {"uuid": key, "deleted": True}
