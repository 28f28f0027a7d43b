"""The per-session event log: append in the caller's transaction, read by cursor, filter by
audience, and a consistent snapshot to start a replica from."""
from __future__ import annotations

import json
from typing import Any, Iterable, Optional

from sqlalchemy import Text, cast, insert, select
from sqlalchemy.orm import Session

from app import protocol as p
from app.models import LiveState, PersonalNote, SessionCursor, SpeakerRequest, SyncEvent, User
from app.models.base import iso_utc
from app.services import access
from app.services.counters import next_number


def next_seq(db: Session, session_id: int) -> int:
    """The next event number of the session, under the cursor row's lock (held to commit)."""
    return next_number(db, session_id, "last_seq")


def last_seq(db: Session, session_id: int) -> int:
    return db.scalar(select(SessionCursor.last_seq).where(SessionCursor.session_id == session_id)) or 0


def append(db: Session, session_id: int, kind: str, entity: str, key: Any, op: str,
           data: dict | None, audience: str, origin: tuple[str, int] | None = None) -> SyncEvent:
    """Append an event; returns it (as a plain object: the row is written by a statement of
    its own, not through the session's unit of work, on the path of every change)."""
    values = dict(session_id=session_id, seq=next_seq(db, session_id), kind=kind,
                  entity=entity, entity_key=str(key), op=op, data=data or {}, audience=audience,
                  client_id=origin[0] if origin else None,
                  mutation_id=origin[1] if origin else None)
    db.execute(insert(SyncEvent.__table__).values(values))
    return SyncEvent(**values)


def event_dict(event: SyncEvent) -> dict[str, Any]:
    return {"seq": event.seq, "kind": event.kind, "entity": event.entity, "key": event.entity_key,
            "op": event.op, "data": event.data,
            "origin": [event.client_id, event.mutation_id] if event.client_id else None}


def events_since(db: Session, session_id: int, since: int, limit: int,
                 upto: Optional[int] = None) -> list[SyncEvent]:
    query = select(SyncEvent).where(SyncEvent.session_id == session_id, SyncEvent.seq > since)
    if upto is not None:
        query = query.where(SyncEvent.seq <= upto)
    return list(db.scalars(query.order_by(SyncEvent.seq).limit(limit)))


PAGE_BYTES = 4 * 1024 * 1024  # an event page holds about this much at most


def pull_json(db: Session, user: User, session_id: int, since: int, limit: int) -> str:
    """Events after `since` that the user may receive, as the JSON text of an event page:
    {"session_id", "events", "cursor", "more"}. `cursor` is the last event looked at, visible
    or not; `more` is true when the page was full (`limit` events, or about 4 MiB). Built
    from plain rows with each event's stored `data` copied verbatim: no ORM objects, no
    decoding and re-encoding of thousands of data documents (a 10,000-event catch-up is
    mostly this), read 200 rows at a time."""
    from app.services.meetings import visible_session

    _session, roles = visible_session(db, user, session_id)
    dumps = json.dumps
    visible, size, cursor, examined, ended = [], 0, max(since, 0), 0, False
    while examined < limit and size <= PAGE_BYTES and not ended:
        batch = min(200, limit - examined)  # never the whole page in memory at once
        rows = db.execute(
            select(SyncEvent.seq, SyncEvent.kind, SyncEvent.entity, SyncEvent.entity_key,
                   SyncEvent.op, cast(SyncEvent.data, Text), SyncEvent.audience,
                   SyncEvent.client_id, SyncEvent.mutation_id)
            .where(SyncEvent.session_id == session_id, SyncEvent.seq > cursor)
            .order_by(SyncEvent.seq).limit(batch)).all()
        ended = len(rows) < batch
        for seq, kind, entity, key, op, data, audience, client_id, mutation_id in rows:
            if size > PAGE_BYTES:  # a page of large events stops early; the next goes on
                ended = False
                break
            cursor, examined = seq, examined + 1
            if access.may_receive(audience, user.id, user.is_admin, roles):
                origin = dumps([client_id, mutation_id]) if client_id else "null"
                text = (f'{{"seq":{seq},"kind":{dumps(kind)},"entity":{dumps(entity)},'
                        f'"key":{dumps(key)},"op":{dumps(op)},"data":{data or "{}"},'
                        f'"origin":{origin}}}')
                visible.append(text)
                size += len(text)
    more = "false" if ended else "true"
    return (f'{{"session_id":{session_id},"events":[{",".join(visible)}],'
            f'"cursor":{cursor},"more":{more}}}')


# ---- snapshot ---------------------------------------------------------------------------------

def live_dict(db: Session, session_id: int) -> dict[str, Any]:
    return live_state_dict(db, db.get(LiveState, session_id))


def live_state_dict(db: Session, state: LiveState | None) -> dict[str, Any]:
    if state is None:
        return {"current_agenda_item_id": None, "presenter": None}
    presenter = None
    if state.presenter_user_id is not None:
        user = db.get(User, state.presenter_user_id)
        presenter = {"user_id": state.presenter_user_id, "full_name": user.full_name if user else "",
                     "document_id": state.presenter_document_id, "page": state.presenter_page}
    return {"current_agenda_item_id": state.current_agenda_item_id, "presenter": presenter}


def speaker_dict(request: SpeakerRequest, full_name: str) -> dict[str, Any]:
    return {"uuid": request.uuid, "user_id": request.user_id, "full_name": full_name,
            "agenda_item_id": request.agenda_item_id, "kind": request.kind.value,
            "status": request.status.value, "topic": request.topic,
            "requested_at": iso_utc(request.created_at), "position": request.position,
            "time_limit_s": request.time_limit_s, "started_at": iso_utc(request.started_at),
            "ended_at": iso_utc(request.ended_at), "spoken_s": request.spoken_s}


def note_dict(note: PersonalNote) -> dict[str, Any]:
    return {"uuid": note.uuid, "agenda_item_id": note.agenda_item_id, "text": note.text,
            "updated_at": iso_utc(note.updated_at)}


def snapshot(db: Session, user: User, session_id: int) -> dict[str, Any]:
    """Everything a replica of this session holds for this user, with the cursor it is valid at.
    The cursor is read first: any change after it also comes as an event, and events carry
    whole entity states, so applying them over the snapshot converges."""
    from app.services import annotations, meetings
    from app.services.server_meta import epoch

    cursor = last_seq(db, session_id)
    session_row = next((s for s in meetings.list_sessions(db, user) if s["id"] == session_id), None)
    if session_row is None:
        raise meetings.NotFound()
    entities: list[dict[str, Any]] = [_entity(p.ENTITY_SESSION, session_id, session_row)]
    for item in _flatten(meetings.agenda_tree(db, user, session_id)):
        documents = item.pop("documents")
        item.pop("children")
        entities.append(_entity(p.ENTITY_AGENDA_ITEM, item["id"], item))
        entities.extend(_entity(p.ENTITY_DOCUMENT, d["id"], d) for d in documents)
    entities.append(_entity(p.ENTITY_LIVE, p.LIVE_KEY, live_dict(db, session_id)))
    for request, name in db.execute(
        select(SpeakerRequest, User.full_name).join(User, User.id == SpeakerRequest.user_id)
        .where(SpeakerRequest.session_id == session_id, SpeakerRequest.uuid.is_not(None))
    ):
        entities.append(_entity(p.ENTITY_SPEAKER, request.uuid, speaker_dict(request, name)))
    for note in db.scalars(select(PersonalNote).where(PersonalNote.session_id == session_id,
                                                      PersonalNote.user_id == user.id)):
        entities.append(_entity(p.ENTITY_NOTE, note.uuid, note_dict(note)))
    for key, data in annotations.visible_annotations(db, user, session_id):
        entities.append(_entity(p.ENTITY_ANNOTATION, key, data))
    for vote in meetings.vote_results(db, user, session_id):
        entities.append(_entity(p.ENTITY_VOTE, vote["id"], vote))
    entities.extend(_entity(p.ENTITY_BALLOT_BOX, box["vote_id"], box)
                    for box in meetings.ballot_boxes(db, session_id))
    entities.extend(_sitting_entities(db, user, session_id))
    return {"session_id": session_id, "epoch": epoch(db), "cursor": cursor, "entities": entities}


def _sitting_entities(db: Session, user: User, session_id: int) -> list[dict[str, Any]]:
    """Sittings, the roster and attendance (for members), the user's own ballots."""
    from app.models import MeetingSession, Sitting
    from app.services import sitting_views, vote_views

    session = db.get(MeetingSession, session_id)
    roles = access.roles_in_session(db, user, session_id)
    found = [_entity(p.ENTITY_SITTING, s.id, sitting_views.sitting_dict(s)) for s in db.scalars(
        select(Sitting).where(Sitting.session_id == session_id).order_by(Sitting.position))]
    if access.may_receive(p.AUDIENCE_MEMBERS, user.id, user.is_admin, roles):
        found.append(_entity(p.ENTITY_ROSTER, p.ROSTER_KEY, sitting_views.roster_dict(db, session)))
        found.extend(_entity(p.ENTITY_ATTENDANCE, key, data)
                     for key, data in sitting_views.attendance_rows(db, session_id))
    found.extend(_entity(p.ENTITY_BALLOT, vote_id, data)
                 for vote_id, data in vote_views.my_ballots(db, user.id, session_id))
    return found


def _entity(entity: str, key: Any, data: dict) -> dict[str, Any]:
    return {"entity": entity, "key": str(key), "data": data}


def _flatten(items: Iterable[dict]) -> Iterable[dict]:
    for item in items:
        children = item["children"]
        yield dict(item)
        yield from _flatten(children)
