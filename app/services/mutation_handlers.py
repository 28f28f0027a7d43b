"""What each client mutation does and which events it appends. Arguments arrive parsed
(`app.protocol.mutations`) and the role checks are done (`access.mutation_refusal`): a
handler checks the change's own data (the item is in this session, the note is the user's)."""
from __future__ import annotations

from sqlalchemy import Text, cast, func, select

from app import protocol as p
from app.models import AgendaItem, Annotation, Document, DocumentVersion, LiveState, PersonalNote
from app.models.base import utcnow
from app.protocol import mutations as m
from app.services import access, events
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


def check_storage(ctx: MutationContext, adding: int) -> None:
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
    check_storage(ctx, len(args.text) - len(note.text or ""))
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
