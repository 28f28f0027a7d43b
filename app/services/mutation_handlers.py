"""What each client mutation does, who may do it, and which events it appends."""
from __future__ import annotations

import uuid as uuidlib
from typing import Any

from sqlalchemy import select

from app.models import (
    AgendaItem, Annotation, Document, LiveState, PersonalNote, SessionRole, SpeakerRequest,
    SpeakerRequestKind, SpeakerRequestStatus,
)
from app.models.base import utcnow
from app.services import access, annotations, events
from app.services.meetings import NotFound, visible_session
from app.services.mutations import MutationContext, Rejected, handler
from sync import protocol as p

CHAIRING = frozenset({SessionRole.CHAIR})
PRESENTING = frozenset({SessionRole.CHAIR, SessionRole.SECRETARY})
SPEAKING = frozenset({SessionRole.DELEGATE, SessionRole.CHAIR})


def _session_roles(ctx: MutationContext, args: dict) -> tuple[int, frozenset]:
    session_id = _int(args, "session_id")
    try:
        _session, roles = visible_session(ctx.db, ctx.user, session_id)
    except NotFound:
        raise Rejected("not_found", "no such session") from None
    return session_id, roles


def _require(ctx: MutationContext, roles: frozenset, allowed: frozenset, what: str) -> None:
    if not ctx.user.is_admin and not roles & allowed:
        raise Rejected("forbidden", f"your role in this session does not allow {what}")


def _int(args: dict, name: str, optional: bool = False) -> Any:
    value = args.get(name)
    if value is None and optional:
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        raise Rejected("invalid", f"{name} must be an integer")
    return value


def _text(args: dict, name: str, limit: int, default: str | None = None) -> str:
    value = args.get(name, default)
    if not isinstance(value, str) or len(value) > limit:
        raise Rejected("invalid", f"{name} must be text of at most {limit} characters")
    return value


def _uuid(args: dict) -> str:
    value = args.get("uuid")
    try:
        return str(uuidlib.UUID(str(value)))
    except ValueError:
        raise Rejected("invalid", "uuid must be a UUID") from None


def _agenda_item(ctx: MutationContext, session_id: int, item_id: int | None) -> int | None:
    if item_id is None:
        return None
    item = ctx.db.get(AgendaItem, item_id)
    if item is None or item.session_id != session_id:
        raise Rejected("invalid", "the agenda item is not in this session")
    return item_id


def _live(ctx: MutationContext, session_id: int) -> LiveState:
    state = ctx.db.get(LiveState, session_id)
    if state is None:
        state = LiveState(session_id=session_id)
        ctx.db.add(state)
    state.updated_at = utcnow()
    return state


def _emit_live(ctx: MutationContext, session_id: int, kind: str) -> dict:
    ctx.db.flush()
    data = events.live_dict(ctx.db, session_id)
    ctx.emit(session_id, kind, p.ENTITY_LIVE, p.LIVE_KEY, "upsert", data, p.AUDIENCE_ALL)
    return data


@handler("live.set_current_item")
def set_current_item(ctx: MutationContext, args: dict) -> dict:
    session_id, roles = _session_roles(ctx, args)
    _require(ctx, roles, CHAIRING, "changing the current agenda item")
    item_id = _agenda_item(ctx, session_id, _int(args, "agenda_item_id", optional=True))
    _live(ctx, session_id).current_agenda_item_id = item_id
    return _emit_live(ctx, session_id, "live.current_item")


@handler("live.set_presenter")
def set_presenter(ctx: MutationContext, args: dict) -> dict:
    session_id, roles = _session_roles(ctx, args)
    _require(ctx, roles, PRESENTING, "presenting")
    document_id = _int(args, "document_id", optional=True)
    state = _live(ctx, session_id)
    if document_id is None:
        state.presenter_user_id = state.presenter_document_id = state.presenter_page = None
    else:
        document = ctx.db.get(Document, document_id)
        if document is None or document.session_id != session_id:
            raise Rejected("invalid", "the document is not in this session")
        page = _int(args, "page")
        if page < 0:
            raise Rejected("invalid", "page counts from 0")
        state.presenter_user_id, state.presenter_document_id = ctx.user.id, document_id
        state.presenter_page = page
    return _emit_live(ctx, session_id, "live.presenter")


@handler("annotation.put")
def put_annotation(ctx: MutationContext, args: dict) -> dict:
    session_id, roles = _session_roles(ctx, args)
    key = _uuid(args)
    document = ctx.db.get(Document, _int(args, "document_id"))
    if document is None or document.session_id != session_id or document.current_version is None:
        raise Rejected("invalid", "the document is not in this session")
    if not access.can_read_document(ctx.user, document, roles):
        raise Rejected("forbidden", "you may not read this document")
    version = document.current_version
    data = args.get("data", {})
    if not isinstance(data, dict):
        raise Rejected("invalid", "data must be an object")
    kind = _text(args, "kind", 20)
    if kind not in ("ink", "highlight", "note"):
        raise Rejected("invalid", "kind must be ink, highlight or note")
    annotation = ctx.db.scalar(select(Annotation).where(Annotation.uuid == key))
    if annotation is None:
        annotation = Annotation(uuid=key, user_id=ctx.user.id, document_version_id=version.id)
        ctx.db.add(annotation)
    elif annotation.user_id != ctx.user.id:
        raise Rejected("forbidden", "this annotation belongs to someone else")
    elif annotation_document(ctx, annotation).id != document.id:
        raise Rejected("invalid", "an annotation stays on its document")
    was_shared = bool(annotation.shared)
    annotation.page_index = _int(args, "page_index")
    annotation.kind, annotation.data = kind, data
    annotation.text = _text(args, "text", 20000, "")
    annotation.shared = bool(args.get("shared", False))
    annotation.deleted = False
    annotation.updated_at = utcnow()
    ctx.db.flush()
    state = annotations.annotation_dict(annotation, document.id, version.version)
    if was_shared and not annotation.shared:  # others must forget it
        ctx.emit(session_id, "annotation.unshared", p.ENTITY_ANNOTATION, key, "delete", None,
                 events.AUDIENCE_OF[document.confidentiality])
    ctx.emit(session_id, "annotation.put", p.ENTITY_ANNOTATION, key, "upsert", state,
             annotations.audience(annotation, document))
    return state


@handler("annotation.delete")
def delete_annotation(ctx: MutationContext, args: dict) -> dict:
    session_id, _roles = _session_roles(ctx, args)
    key = _uuid(args)
    annotation = ctx.db.scalar(select(Annotation).where(Annotation.uuid == key))
    if annotation is None or annotation.deleted:
        return {"uuid": key, "deleted": True}  # deleting twice is not an error
    if annotation.user_id != ctx.user.id:
        raise Rejected("forbidden", "this annotation belongs to someone else")
    document = annotation_document(ctx, annotation)
    if document.session_id != session_id:
        raise Rejected("invalid", "the annotation is not in this session")
    annotation.deleted, annotation.updated_at = True, utcnow()
    ctx.emit(session_id, "annotation.delete", p.ENTITY_ANNOTATION, key, "delete", None,
             annotations.audience(annotation, document))
    return {"uuid": key, "deleted": True}


def annotation_document(ctx: MutationContext, annotation: Annotation) -> Document:
    from app.models import DocumentVersion

    version = ctx.db.get(DocumentVersion, annotation.document_version_id)
    return ctx.db.get(Document, version.document_id)


@handler("note.put")
def put_note(ctx: MutationContext, args: dict) -> dict:
    session_id, _roles = _session_roles(ctx, args)
    key = _uuid(args)
    note = ctx.db.scalar(select(PersonalNote).where(PersonalNote.uuid == key))
    if note is None:
        note = PersonalNote(uuid=key, session_id=session_id, user_id=ctx.user.id)
        ctx.db.add(note)
    elif note.user_id != ctx.user.id or note.session_id != session_id:
        raise Rejected("forbidden", "this note belongs to someone else")
    note.agenda_item_id = _agenda_item(ctx, session_id, _int(args, "agenda_item_id", optional=True))
    note.text, note.updated_at = _text(args, "text", 20000), utcnow()
    ctx.db.flush()
    state = events.note_dict(note)
    ctx.emit(session_id, "note.put", p.ENTITY_NOTE, key, "upsert", state,
             p.user_audience(ctx.user.id))
    return state


@handler("note.delete")
def delete_note(ctx: MutationContext, args: dict) -> dict:
    session_id, _roles = _session_roles(ctx, args)
    key = _uuid(args)
    note = ctx.db.scalar(select(PersonalNote).where(PersonalNote.uuid == key))
    if note is not None:
        if note.user_id != ctx.user.id or note.session_id != session_id:
            raise Rejected("forbidden", "this note belongs to someone else")
        ctx.db.delete(note)
        ctx.emit(session_id, "note.delete", p.ENTITY_NOTE, key, "delete", None,
                 p.user_audience(ctx.user.id))
    return {"uuid": key, "deleted": True}


def _speaker_event(ctx: MutationContext, session_id: int, request: SpeakerRequest, kind: str) -> dict:
    ctx.db.flush()
    from app.models import User

    owner = ctx.db.get(User, request.user_id)
    state = events.speaker_dict(request, owner.full_name)
    ctx.emit(session_id, kind, p.ENTITY_SPEAKER, request.uuid, "upsert", state, p.AUDIENCE_ALL)
    return state


@handler("speaker.request")
def request_to_speak(ctx: MutationContext, args: dict) -> dict:
    session_id, roles = _session_roles(ctx, args)
    _require(ctx, roles, SPEAKING, "asking for the floor")
    key = _uuid(args)
    existing = ctx.db.scalar(select(SpeakerRequest).where(SpeakerRequest.uuid == key))
    if existing is not None:
        raise Rejected("conflict", "this request exists already")
    try:
        kind = SpeakerRequestKind(args.get("kind", "speech"))
    except ValueError:
        raise Rejected("invalid", "kind must be speech or question") from None
    request = SpeakerRequest(uuid=key, session_id=session_id, user_id=ctx.user.id, kind=kind,
                             agenda_item_id=_agenda_item(
                                 ctx, session_id, _int(args, "agenda_item_id", optional=True)),
                             topic=_text(args, "topic", 500, ""))
    ctx.db.add(request)
    return _speaker_event(ctx, session_id, request, "speaker.request")


def _speaker_request(ctx: MutationContext, args: dict, session_id: int) -> SpeakerRequest:
    request = ctx.db.scalar(select(SpeakerRequest).where(SpeakerRequest.uuid == _uuid(args)))
    if request is None or request.session_id != session_id:  # rights are per session
        raise Rejected("not_found", "no such request to speak in this session")
    return request


@handler("speaker.withdraw")
def withdraw(ctx: MutationContext, args: dict) -> dict:
    session_id, _roles = _session_roles(ctx, args)
    request = _speaker_request(ctx, args, session_id)
    if request.user_id != ctx.user.id:
        raise Rejected("forbidden", "only the delegate who asked may withdraw")
    if request.status is not SpeakerRequestStatus.WAITING:
        raise Rejected("conflict", "the request is no longer waiting")
    request.status = SpeakerRequestStatus.WITHDRAWN
    return _speaker_event(ctx, session_id, request, "speaker.withdraw")


@handler("speaker.set_status")
def set_speaker_status(ctx: MutationContext, args: dict) -> dict:
    session_id, roles = _session_roles(ctx, args)
    _require(ctx, roles, CHAIRING, "managing the speakers")
    request = _speaker_request(ctx, args, session_id)
    try:
        status = SpeakerRequestStatus(args.get("status"))
    except ValueError:
        raise Rejected("invalid", "unknown status") from None
    request.status = status
    if status is SpeakerRequestStatus.SPEAKING:
        request.started_at = utcnow()
    elif status is SpeakerRequestStatus.DONE:
        request.ended_at = utcnow()
    return _speaker_event(ctx, session_id, request, "speaker.status")
