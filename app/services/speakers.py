"""The speaker queue: delegates ask for the floor (a debate or question time, chất vấn); the
chair gives it with a time limit (the body's, or the chair's for this speaker), reorders,
removes, ends. Every tablet counts the speaker's time down from `started_at` and
`time_limit_s`; the seconds actually spoken are kept per request for the minutes."""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import protocol as p
from app.models import (
    Body, SpeakerRequest, SpeakerRequestKind, SpeakerRequestStatus, Term, User,
)
from app.models.base import as_utc, utcnow
from app.protocol import mutations as m
from app.services import events
from app.services.mutation_handlers import agenda_item
from app.services.mutations import MutationContext, Rejected, handler

WAITING, SPEAKING = SpeakerRequestStatus.WAITING, SpeakerRequestStatus.SPEAKING


def _event(ctx: MutationContext, request: SpeakerRequest, kind: str) -> dict:
    ctx.db.flush()
    owner = ctx.db.get(User, request.user_id)
    state = events.speaker_dict(request, owner.full_name)
    ctx.emit(kind, p.ENTITY_SPEAKER, request.uuid, "upsert", state, p.AUDIENCE_ALL)
    return state


def _request(ctx: MutationContext, key: str, *allowed: SpeakerRequestStatus,
             refusal: tuple[str, str] = ("not_waiting", "")) -> SpeakerRequest:
    """The session's request `key`; with `allowed`, refused with `refusal` in any other state."""
    request = ctx.db.scalar(select(SpeakerRequest).where(SpeakerRequest.uuid == key))
    if request is None or request.session_id != ctx.session.id:  # rights are per session
        raise Rejected("not_found", "no such request to speak in this session")
    if allowed and request.status not in allowed:
        raise Rejected(*refusal)
    return request


def _waiting(ctx: MutationContext) -> list[SpeakerRequest]:
    return list(ctx.db.scalars(select(SpeakerRequest).where(
        SpeakerRequest.session_id == ctx.session.id, SpeakerRequest.status == WAITING)
        .order_by(SpeakerRequest.position, SpeakerRequest.created_at, SpeakerRequest.id)))


def _body_limit(ctx: MutationContext, kind: SpeakerRequestKind) -> int:
    body = ctx.db.scalar(select(Body).join(Term, Term.body_id == Body.id)
                         .where(Term.id == ctx.session.term_id))
    return body.question_limit_s if kind is SpeakerRequestKind.QUESTION else body.speech_limit_s


def _finish(ctx: MutationContext, request: SpeakerRequest) -> None:
    now = utcnow()
    request.status, request.ended_at = SpeakerRequestStatus.DONE, now
    if request.started_at is not None:
        request.spoken_s += max(0, int((now - as_utc(request.started_at)).total_seconds()))
    ctx.audit("speaker.ended", {"uuid": request.uuid, "user_id": request.user_id,
                                "spoken_s": request.spoken_s})


@handler(m.SpeakerRequest)
def request_to_speak(ctx: MutationContext, args: m.SpeakerRequest) -> dict:
    key = str(args.uuid)
    if ctx.db.scalar(select(SpeakerRequest.id).where(SpeakerRequest.uuid == key)) is not None:
        raise Rejected("conflict", "this request exists already")
    last = ctx.db.scalar(select(func.max(SpeakerRequest.position)).where(
        SpeakerRequest.session_id == ctx.session.id, SpeakerRequest.status == WAITING))
    request = SpeakerRequest(uuid=key, session_id=ctx.session.id, user_id=ctx.user.id,
                             kind=SpeakerRequestKind(args.kind),
                             agenda_item_id=agenda_item(ctx, args.agenda_item_id),
                             topic=args.topic, position=(last or 0) + 1)
    ctx.db.add(request)
    ctx.audit("speaker.requested", {"uuid": key, "kind": args.kind})
    return _event(ctx, request, "speaker.request")


@handler(m.SpeakerWithdraw)
def withdraw(ctx: MutationContext, args: m.SpeakerWithdraw) -> dict:
    from app.services import access

    request = _request(ctx, str(args.uuid))
    if not access.owns(ctx.user, request.user_id):
        raise Rejected("forbidden", "only the delegate who asked may withdraw")
    if request.status is not WAITING:
        raise Rejected("not_waiting", "the request is no longer waiting")
    request.status = SpeakerRequestStatus.WITHDRAWN
    ctx.audit("speaker.withdrawn", {"uuid": request.uuid})
    return _event(ctx, request, "speaker.withdraw")


@handler(m.SpeakerGrant)
def grant(ctx: MutationContext, args: m.SpeakerGrant) -> dict:
    request = _request(ctx, str(args.uuid), WAITING,
                       refusal=("not_waiting", "only a waiting request is given the floor"))
    for other in ctx.db.scalars(select(SpeakerRequest).where(
            SpeakerRequest.session_id == ctx.session.id, SpeakerRequest.status == SPEAKING)):
        _finish(ctx, other)
        _event(ctx, other, "speaker.end")
    request.status, request.started_at, request.ended_at = SPEAKING, utcnow(), None
    request.time_limit_s = args.time_limit_s or _body_limit(ctx, request.kind)
    ctx.audit("speaker.granted", {"uuid": request.uuid, "user_id": request.user_id,
                                  "time_limit_s": request.time_limit_s})
    return _event(ctx, request, "speaker.grant")


@handler(m.SpeakerEnd)
def end(ctx: MutationContext, args: m.SpeakerEnd) -> dict:
    request = _request(ctx, str(args.uuid), SPEAKING,
                       refusal=("not_speaking", "this delegate does not have the floor"))
    _finish(ctx, request)
    return _event(ctx, request, "speaker.end")


@handler(m.SpeakerMove)
def move(ctx: MutationContext, args: m.SpeakerMove) -> dict:
    request = _request(ctx, str(args.uuid), WAITING,
                       refusal=("not_waiting", "only waiting requests are reordered"))
    queue = [r for r in _waiting(ctx) if r.id != request.id]
    queue.insert(min(args.position, len(queue)), request)
    changed = [r for place, r in enumerate(queue, start=1) if r.position != place]
    for place, r in enumerate(queue, start=1):
        r.position = place
    ctx.audit("speaker.moved", {"uuid": request.uuid, "position": args.position})
    state = None
    for r in changed or [request]:
        data = _event(ctx, r, "speaker.move")
        state = data if r.id == request.id else state
    return state or events.speaker_dict(request, ctx.db.get(User, request.user_id).full_name)


@handler(m.SpeakerRemove)
def remove(ctx: MutationContext, args: m.SpeakerRemove) -> dict:
    request = _request(ctx, str(args.uuid), WAITING, refusal=(
        "not_waiting", "only a waiting request is removed (end a speech instead)"))
    request.status = SpeakerRequestStatus.REMOVED
    ctx.audit("speaker.removed", {"uuid": request.uuid})
    return _event(ctx, request, "speaker.remove")


@handler(m.SpeakerSetLimit)
def set_limit(ctx: MutationContext, args: m.SpeakerSetLimit) -> dict:
    request = _request(ctx, str(args.uuid), WAITING, SPEAKING,
                       refusal=("not_waiting", "the request is over"))
    request.time_limit_s = args.time_limit_s
    ctx.audit("speaker.limit", {"uuid": request.uuid, "time_limit_s": args.time_limit_s})
    return _event(ctx, request, "speaker.set_limit")


@handler(m.SpeakerSetStatus)
def set_status(ctx: MutationContext, args: m.SpeakerSetStatus) -> dict:
    """The older, general form: "speaking" gives the floor, "done" ends it, "removed" or
    "withdrawn" takes a waiting request out of the queue."""
    key = args.uuid
    if args.status == "speaking":
        return grant(ctx, m.SpeakerGrant(session_id=args.session_id, uuid=key))
    if args.status == "done":
        return end(ctx, m.SpeakerEnd(session_id=args.session_id, uuid=key))
    if args.status in ("removed", "withdrawn"):
        return remove(ctx, m.SpeakerRemove(session_id=args.session_id, uuid=key))
    raise Rejected("invalid", "status: a request goes back to waiting only by a new request")


def speaking_totals(db: Session, session_id: int) -> list[dict[str, Any]]:
    """Seconds spoken per delegate and agenda item (for the minutes), longest first."""
    totals: dict[tuple[int, int | None], int] = defaultdict(int)
    names: dict[int, str] = {}
    for request, name in db.execute(
            select(SpeakerRequest, User.full_name).join(User, User.id == SpeakerRequest.user_id)
            .where(SpeakerRequest.session_id == session_id,
                   SpeakerRequest.status == SpeakerRequestStatus.DONE)):
        totals[(request.user_id, request.agenda_item_id)] += request.spoken_s
        names[request.user_id] = name
    return sorted(({"user_id": u, "full_name": names[u], "agenda_item_id": item, "seconds": s}
                   for (u, item), s in totals.items()), key=lambda row: -row["seconds"])
