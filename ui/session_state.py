"""What the window shows of one session, read from the sync engine's replica (or, without an
engine, from the server's REST answers): the agenda tree with its documents, the live state,
the speaker requests and the user's notes. Plain values, built on a worker thread; no Qt.

`read_session_state(engine, session_id)` runs on the engine worker (`ui.sync_bridge`):
`engine.view()` is the confirmed state plus the changes still in the outbox, and the outbox
tells which entities are shown before the server confirmed them ("chờ gửi").
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any, Iterable, Optional

from sync.client import (
    AgendaItemInfo, DocumentInfo, SessionSummary, VoteResultInfo, earlier_versions,
)
from ui.sitting_state import SittingState, sitting_from_view

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PresenterInfo:
    user_id: int
    full_name: str
    document_id: int
    page: int  # counts from 0


@dataclass(frozen=True)
class LiveInfo:
    current_item_id: Optional[int] = None
    presenter: Optional[PresenterInfo] = None


@dataclass(frozen=True)
class SpeakerInfo:
    uuid: str
    user_id: int
    full_name: str
    agenda_item_id: Optional[int]
    kind: str  # speech | question
    status: str  # waiting | speaking | done | withdrawn | removed
    topic: str
    requested_at: str
    pending: bool = False  # queued on this tablet, not yet confirmed by the server
    position: int = 0  # order in the queue
    time_limit_s: Optional[int] = None
    started_at: Optional[str] = None
    spoken_s: int = 0


@dataclass(frozen=True)
class NoteInfo:
    uuid: str
    agenda_item_id: Optional[int]
    text: str
    updated_at: str
    pending: bool = False


@dataclass(frozen=True)
class AnnotationInfo:
    uuid: str
    user_id: int
    document_id: int
    page_index: int
    kind: str  # ink | highlight | note
    data: Any
    text: str
    shared: bool
    pending: bool = False
    version: Optional[int] = None  # the document version it was made on (None: not confirmed)
    carried_to: Optional[str] = None  # its copy on the next version (unset: not carried there)


@dataclass(frozen=True)
class SessionState:
    session_id: int
    loaded: bool = False  # False: the replica has no snapshot of the session yet
    live_sync: bool = False  # True when it comes from the sync engine (live state, speakers)
    session: Optional[SessionSummary] = None
    items: tuple[AgendaItemInfo, ...] = ()  # the top-level items, each with its children
    votes: tuple[VoteResultInfo, ...] = ()
    live: LiveInfo = field(default_factory=LiveInfo)
    live_pending: bool = False  # a change of the live state is still in the outbox
    speakers: tuple[SpeakerInfo, ...] = ()
    notes: tuple[NoteInfo, ...] = ()
    annotations: tuple[AnnotationInfo, ...] = ()  # mine, and those shared with the session
    sitting: SittingState = field(default_factory=SittingState)
    serial: int = 0  # the engine call that read it (ui.sync_bridge.SyncBridge.serial)

    def documents(self) -> dict[int, DocumentInfo]:
        found: dict[int, DocumentInfo] = {}

        def walk(items: Iterable[AgendaItemInfo]) -> None:
            for item in items:
                found.update((d.id, d) for d in item.documents)
                walk(item.children)

        walk(self.items)
        return found

    def item(self, item_id: Optional[int]) -> Optional[AgendaItemInfo]:
        def walk(items: Iterable[AgendaItemInfo]) -> Optional[AgendaItemInfo]:
            for item in items:
                if item.id == item_id:
                    return item
                found = walk(item.children)
                if found is not None:
                    return found
            return None

        return walk(self.items) if item_id is not None else None

    def speakers_of(self, item_id: Optional[int]) -> list[SpeakerInfo]:
        """The item's requests to speak (withdrawn ones left out): who speaks now, then those
        waiting in the order they asked, then those who have spoken."""
        order = {"speaking": 0, "waiting": 1, "done": 2}
        rows = [s for s in self.speakers if s.agenda_item_id == item_id and s.status in order]
        return sorted(rows, key=lambda s: (order[s.status], s.requested_at or "", s.uuid))

    def waiting_counts(self) -> dict[int, int]:
        counts: dict[int, int] = {}
        for speaker in self.speakers:
            if speaker.status == "waiting" and speaker.agenda_item_id is not None:
                counts[speaker.agenda_item_id] = counts.get(speaker.agenda_item_id, 0) + 1
        return counts

    def note_of(self, item_id: Optional[int]) -> Optional[NoteInfo]:
        """The user's latest note on the item."""
        notes = [n for n in self.notes if n.agenda_item_id == item_id]
        return max(notes, key=lambda n: n.updated_at or "") if notes else None


# -- from the replica ----------------------------------------------------------------------
def read_session_state(engine, session_id: int) -> SessionState:
    """On the engine worker: the session as this tablet should show it."""
    return state_from_view(session_id, engine.view(session_id), engine.pending_keys(session_id),
                           clock_offset_s=engine.votes.clock_offset_s)


def _int(value: Any) -> Optional[int]:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _document(d: dict) -> DocumentInfo:
    return DocumentInfo(id=int(d["id"]), title=str(d.get("title") or ""),
                        number=str(d.get("number") or ""), kind=str(d.get("kind") or "other"),
                        # unknown: treated as the most restricted (watermark, no index, no export)
                        confidentiality=str(d.get("confidentiality") or "confidential"),
                        version=int(d.get("version") or 1), sha256=str(d["sha256"]),
                        size=int(d.get("size") or 0), page_count=int(d.get("page_count") or 0),
                        filename=str(d.get("filename") or ""),
                        earlier=tuple(earlier_versions(d.get("earlier"))))


def _session(d: dict) -> SessionSummary:
    return SessionSummary(id=int(d["id"]), title=str(d.get("title") or ""),
                          body_name=str(d.get("body_name") or ""),
                          term_name=str(d.get("term_name") or ""),
                          status=str(d.get("status") or ""), location=str(d.get("location") or ""),
                          starts_at=str(d.get("starts_at") or ""), ends_at=d.get("ends_at"),
                          my_roles=tuple(d.get("my_roles") or ()))


def _tree(items: list[dict],
          documents: dict[int, list[DocumentInfo]]) -> tuple[AgendaItemInfo, ...]:
    children: dict[Optional[int], list[dict]] = {}
    known = {int(i["id"]) for i in items}
    for item in items:
        parent = _int(item.get("parent_id"))
        children.setdefault(parent if parent in known else None, []).append(item)

    def build(parent: Optional[int], seen: frozenset) -> tuple[AgendaItemInfo, ...]:
        rows = sorted(children.get(parent, []), key=lambda i: (i.get("position") or 0, i["id"]))
        return tuple(
            AgendaItemInfo(id=int(i["id"]), parent_id=parent, position=int(i.get("position") or 0),
                           label=str(i.get("label") or ""), title=str(i.get("title") or ""),
                           kind=str(i.get("kind") or ""), presenter=str(i.get("presenter") or ""),
                           description=str(i.get("description") or ""),
                           documents=tuple(documents.get(int(i["id"]), ())),
                           children=build(int(i["id"]), seen | {int(i["id"])}))
            for i in rows if int(i["id"]) not in seen)

    return build(None, frozenset())


def state_from_view(session_id: int, view: dict[tuple[str, str], dict],
                    pending: set[tuple[str, str]] = frozenset(),
                    clock_offset_s: float = 0.0) -> SessionState:
    """A SessionState from `engine.view()`. An entity of an unexpected shape is left out
    (and logged) rather than spoiling the whole screen."""
    by_kind: dict[str, list[tuple[str, dict]]] = {}
    for (entity, key), data in view.items():
        by_kind.setdefault(entity, []).append((key, data))

    def each(entity: str, convert):
        out = []
        for key, data in by_kind.get(entity, []):
            try:
                out.append(convert(key, data))
            except (KeyError, TypeError, ValueError) as exc:
                log.warning("skipping a malformed %s entity %s: %r", entity, key, exc)
        return out

    session = next(iter(each("session", lambda _k, d: _session(d))), None)
    placed: dict[int, list[tuple[int, int, DocumentInfo]]] = {}
    for item_id, position, document in each("document", lambda _k, d: (
            _int(d.get("agenda_item_id")), _int(d.get("position")) or 0, _document(d))):
        placed.setdefault(item_id, []).append((position, document.id, document))
    documents = {item_id: [doc for _p, _id, doc in sorted(docs, key=lambda t: t[:2])]
                 for item_id, docs in placed.items()}
    items = each("agenda_item", lambda _k, d: dict(d, id=int(d["id"])))
    live = LiveInfo()
    live_data = next((d for _k, d in by_kind.get("live", []) if isinstance(d, dict)), None)
    if live_data:
        presenter = live_data.get("presenter")
        presenter_info = None
        if isinstance(presenter, dict) and _int(presenter.get("document_id")) is not None:
            presenter_info = PresenterInfo(int(presenter.get("user_id") or 0),
                                           str(presenter.get("full_name") or ""),
                                           int(presenter["document_id"]),
                                           max(0, int(presenter.get("page") or 0)))
        live = LiveInfo(_int(live_data.get("current_agenda_item_id")), presenter_info)
    speakers = each("speaker_request", lambda k, d: SpeakerInfo(
        str(d.get("uuid") or k), int(d.get("user_id") or 0), str(d.get("full_name") or ""),
        _int(d.get("agenda_item_id")), str(d.get("kind") or "speech"),
        str(d.get("status") or "waiting"), str(d.get("topic") or ""),
        str(d.get("requested_at") or ""), ("speaker_request", k) in pending,
        int(d.get("position") or 0), _int(d.get("time_limit_s")), d.get("started_at") or None,
        int(d.get("spoken_s") or 0)))
    notes = each("note", lambda k, d: NoteInfo(
        str(d.get("uuid") or k), _int(d.get("agenda_item_id")), str(d.get("text") or ""),
        str(d.get("updated_at") or ""), ("note", k) in pending))
    annotations = each("annotation", lambda k, d: AnnotationInfo(
        str(d.get("uuid") or k), int(d.get("user_id") or 0), int(d["document_id"]),
        max(0, int(d.get("page_index") or 0)), str(d.get("kind") or ""), d.get("data"),
        str(d.get("text") or ""), bool(d.get("shared")), ("annotation", k) in pending,
        _int(d.get("version")), d["carried_to"] if isinstance(d.get("carried_to"), str) else None))
    sitting = sitting_from_view(view, clock_offset_s)
    return SessionState(session_id=session_id, loaded=session is not None, live_sync=True,
                        session=session, items=_tree(items, documents), live=live,
                        live_pending=("live", "state") in pending, speakers=tuple(speakers),
                        notes=tuple(notes), annotations=tuple(annotations), sitting=sitting,
                        votes=tuple(VoteResultInfo(v.id, v.agenda_item_id, v.title, v.vote_type,
                                                   v.status, v.passed, v.announcement)
                                    for v in sitting.votes if v.status == "closed"))


def state_from_rest(session_id: int, items: Iterable[AgendaItemInfo],
                    votes: Iterable[VoteResultInfo] = ()) -> SessionState:
    """Without a sync engine: the agenda and votes as the REST API gave them."""
    return SessionState(session_id=session_id, loaded=True, live_sync=False,
                        items=tuple(items), votes=tuple(votes))
