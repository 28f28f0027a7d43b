"""What the tablet shows before the server confirms: each queued mutation's predicted effect
on the replica's entities, from the same typed arguments the server parses
(`app.protocol.mutations`). The server's events replace the prediction once they arrive; a
rejected mutation simply stops being predicted (rolled back)."""
from __future__ import annotations

import datetime as dt
from typing import Any, Callable

from app import protocol as p
from app.protocol import mutations as m

State = dict[tuple[str, str], dict]


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat()


def predict(state: State, change: m.MutationArgs, user: dict) -> None:
    """Apply the expected effect of one change to `state` in place (best effort: anything
    the server may refuse is still shown until the refusal arrives)."""
    fn = _PREDICTORS.get(type(change))
    if fn is not None:
        fn(state, change, user)


def touched(change: m.MutationArgs) -> tuple[str, str] | None:
    """The (entity, key) a change alters, to mark it "not yet confirmed" on screen."""
    key = change.key()
    return (change.entity, key) if change.entity and key is not None else None


def _live(state: State) -> dict:
    return dict(state.get((p.ENTITY_LIVE, p.LIVE_KEY))
                or {"current_agenda_item_id": None, "presenter": None})


def _set_current(state: State, change: m.SetCurrentItem, user: dict) -> None:
    live = _live(state)
    live["current_agenda_item_id"] = change.agenda_item_id
    state[(p.ENTITY_LIVE, p.LIVE_KEY)] = live


def _set_presenter(state: State, change: m.SetPresenter, user: dict) -> None:
    live = _live(state)
    live["presenter"] = None if change.document_id is None else {
        "user_id": user["id"], "full_name": user["full_name"],
        "document_id": change.document_id, "page": change.page}
    state[(p.ENTITY_LIVE, p.LIVE_KEY)] = live


def _put_annotation(state: State, change: m.AnnotationPut, user: dict) -> None:
    key = change.key()
    known = state.get((p.ENTITY_ANNOTATION, key)) or {}  # a note rewritten stays where it is
    state[(p.ENTITY_ANNOTATION, key)] = {
        "uuid": key, "user_id": user["id"], "document_id": change.document_id,
        "version": known.get("version", change.version), "page_index": change.page_index,
        "kind": change.kind, "data": change.data, "text": change.text, "shared": change.shared,
        "carried_to": known.get("carried_to"), "updated_at": _now()}


def _put_note(state: State, change: m.NotePut, user: dict) -> None:
    key = change.key()
    state[(p.ENTITY_NOTE, key)] = {"uuid": key, "agenda_item_id": change.agenda_item_id,
                                   "text": change.text, "updated_at": _now()}


def _delete(state: State, change: m.MutationArgs, user: dict) -> None:
    state.pop((change.entity, change.key()), None)


def _request(state: State, change: m.SpeakerRequest, user: dict) -> None:
    key = change.key()
    state[(p.ENTITY_SPEAKER, key)] = {
        "uuid": key, "user_id": user["id"], "full_name": user["full_name"],
        "agenda_item_id": change.agenda_item_id, "kind": change.kind,
        "status": "waiting", "topic": change.topic, "requested_at": _now()}


def _speaker_status(state: State, change: m.MutationArgs, user: dict) -> None:
    key = (p.ENTITY_SPEAKER, change.key())
    status = "withdrawn" if isinstance(change, m.SpeakerWithdraw) else change.status
    if key in state:
        state[key] = dict(state[key], status=status)


def _speaker(state: State, change: m.MutationArgs, **values) -> None:
    key = (p.ENTITY_SPEAKER, change.key())
    if key in state:
        state[key] = dict(state[key], **values)


def _grant(state: State, change: m.SpeakerGrant, user: dict) -> None:
    for key, data in list(state.items()):
        if key[0] == p.ENTITY_SPEAKER and data.get("status") == "speaking":
            state[key] = dict(data, status="done", ended_at=_now())
    _speaker(state, change, status="speaking", started_at=_now(), ended_at=None,
             **({"time_limit_s": change.time_limit_s} if change.time_limit_s else {}))


def _move(state: State, change: m.SpeakerMove, user: dict) -> None:
    waiting = sorted((data.get("position") or 0, key) for key, data in state.items()
                     if key[0] == p.ENTITY_SPEAKER and data.get("status") == "waiting"
                     and key[1] != change.key())
    queue = [key for _pos, key in waiting]
    queue.insert(min(change.position, len(queue)), (p.ENTITY_SPEAKER, change.key()))
    for place, key in enumerate(queue, start=1):
        if key in state:
            state[key] = dict(state[key], position=place)


def _attendance_sitting(state: State, sitting_id: int | None) -> int | None:
    if sitting_id is not None:
        return sitting_id
    sittings = sorted((d.get("position") or 0, d) for (e, _k), d in state.items()
                      if e == p.ENTITY_SITTING and not d.get("closed_at"))
    opened = [d for _pos, d in sittings if d.get("opened_at")]
    chosen = opened[-1] if opened else (sittings[0][1] if sittings else None)
    return chosen["id"] if chosen else None


def _attend(state: State, change: m.MutationArgs, user: dict) -> None:
    sitting_id = _attendance_sitting(state, change.sitting_id)
    user_id = getattr(change, "user_id", None) or user["id"]
    key = (p.ENTITY_ATTENDANCE, f"{sitting_id or 0}:{user_id}")
    known = state.get(key) or {"sitting_id": sitting_id, "user_id": user_id,
                               "full_name": user["full_name"] if user_id == user["id"] else ""}
    status = getattr(change, "status", "present")
    state[key] = dict(known, status=status, reason=getattr(change, "reason", ""),
                      recorded_at=_now(), by_self=user_id == user["id"])


def _sitting(state: State, change: m.SittingOpen, user: dict) -> None:
    key = (p.ENTITY_SITTING, change.key())
    if key in state:
        now, data = _now(), state[key]
        closing = isinstance(change, m.SittingClose)
        state[key] = dict(data, opened_at=data.get("opened_at") or now,
                          closed_at=now if closing else data.get("closed_at"))


_PREDICTORS: dict[type, Callable[[State, Any, dict], None]] = {
    m.SetCurrentItem: _set_current,
    m.SetPresenter: _set_presenter,
    m.AnnotationPut: _put_annotation,
    m.AnnotationDelete: _delete,
    m.NotePut: _put_note,
    m.NoteDelete: _delete,
    m.SpeakerRequest: _request,
    m.SpeakerWithdraw: _speaker_status,
    m.SpeakerSetStatus: _speaker_status,
    m.SpeakerGrant: _grant,
    m.SpeakerEnd: lambda state, change, user: _speaker(state, change, status="done", ended_at=_now()),
    m.SpeakerRemove: lambda state, change, user: _speaker(state, change, status="removed"),
    m.SpeakerSetLimit: lambda state, change, user: _speaker(
        state, change, time_limit_s=change.time_limit_s),
    m.SpeakerMove: _move,
    m.AttendanceCheckIn: _attend,
    m.AttendanceSet: _attend,
    m.SittingOpen: _sitting,
    m.SittingClose: _sitting,
}
