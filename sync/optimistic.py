"""What the tablet shows before the server confirms: each queued mutation's predicted effect
on the replica's entities. The server's events replace the prediction once they arrive; a
rejected mutation simply stops being predicted (rolled back)."""
from __future__ import annotations

import datetime as dt
from typing import Any

from sync import protocol as p

State = dict[tuple[str, str], dict]


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat()


def predict(state: State, name: str, args: dict, user: dict) -> None:
    """Apply the expected effect of one mutation to `state` in place (best effort: anything
    the server may refuse is still shown until the refusal arrives)."""
    fn = _PREDICTORS.get(name)
    if fn is not None:
        fn(state, args, user)


def _live(state: State) -> dict:
    return dict(state.get((p.ENTITY_LIVE, p.LIVE_KEY))
                or {"current_agenda_item_id": None, "presenter": None})


def _set_current(state: State, args: dict, user: dict) -> None:
    live = _live(state)
    live["current_agenda_item_id"] = args.get("agenda_item_id")
    state[(p.ENTITY_LIVE, p.LIVE_KEY)] = live


def _set_presenter(state: State, args: dict, user: dict) -> None:
    live = _live(state)
    live["presenter"] = None if args.get("document_id") is None else {
        "user_id": user["id"], "full_name": user["full_name"],
        "document_id": args["document_id"], "page": args.get("page", 0)}
    state[(p.ENTITY_LIVE, p.LIVE_KEY)] = live


def _put_annotation(state: State, args: dict, user: dict) -> None:
    key = str(args.get("uuid"))
    state[(p.ENTITY_ANNOTATION, key)] = {
        "uuid": key, "user_id": user["id"], "document_id": args.get("document_id"),
        "version": None, "page_index": args.get("page_index"), "kind": args.get("kind"),
        "data": args.get("data", {}), "text": args.get("text", ""),
        "shared": bool(args.get("shared", False)), "updated_at": _now()}


def _put_note(state: State, args: dict, user: dict) -> None:
    key = str(args.get("uuid"))
    state[(p.ENTITY_NOTE, key)] = {"uuid": key, "agenda_item_id": args.get("agenda_item_id"),
                                   "text": args.get("text", ""), "updated_at": _now()}


def _delete(entity: str):
    def apply(state: State, args: dict, user: dict) -> None:
        state.pop((entity, str(args.get("uuid"))), None)

    return apply


def _request(state: State, args: dict, user: dict) -> None:
    key = str(args.get("uuid"))
    state[(p.ENTITY_SPEAKER, key)] = {
        "uuid": key, "user_id": user["id"], "full_name": user["full_name"],
        "agenda_item_id": args.get("agenda_item_id"), "kind": args.get("kind", "speech"),
        "status": "waiting", "topic": args.get("topic", ""), "requested_at": _now()}


def _speaker_status(status: str | None):
    def apply(state: State, args: dict, user: dict) -> None:
        key = (p.ENTITY_SPEAKER, str(args.get("uuid")))
        if key in state:
            state[key] = dict(state[key], status=status or args.get("status"))

    return apply


_PREDICTORS: dict[str, Any] = {
    "live.set_current_item": _set_current,
    "live.set_presenter": _set_presenter,
    "annotation.put": _put_annotation,
    "annotation.delete": _delete(p.ENTITY_ANNOTATION),
    "note.put": _put_note,
    "note.delete": _delete(p.ENTITY_NOTE),
    "speaker.request": _request,
    "speaker.withdraw": _speaker_status("withdrawn"),
    "speaker.set_status": _speaker_status(None),
}


_TOUCHES = {
    "live.set_current_item": p.ENTITY_LIVE, "live.set_presenter": p.ENTITY_LIVE,
    "annotation.put": p.ENTITY_ANNOTATION, "annotation.delete": p.ENTITY_ANNOTATION,
    "note.put": p.ENTITY_NOTE, "note.delete": p.ENTITY_NOTE,
    "speaker.request": p.ENTITY_SPEAKER, "speaker.withdraw": p.ENTITY_SPEAKER,
    "speaker.set_status": p.ENTITY_SPEAKER,
}


def touched(name: str, args: dict) -> tuple[str, str] | None:
    """The (entity, key) a mutation changes, to mark it "not yet confirmed" on screen."""
    entity = _TOUCHES.get(name)
    if entity is None:
        return None
    return (entity, p.LIVE_KEY if entity == p.ENTITY_LIVE else str(args.get("uuid")))
