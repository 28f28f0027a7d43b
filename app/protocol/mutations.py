"""Every client mutation, described once: its name, its typed arguments with their limits,
the replica entity it changes and whether it may wait in a tablet's outbox.

The server parses a push's arguments with `parse` (a refusal names the field), the tablet
builds them as objects (`NotePut(session_id=…, uuid=…, text=…)`) and predicts their effect
from the same objects, and the OpenAPI document publishes their JSON schemas."""
from __future__ import annotations

import uuid as uuidlib
from typing import Annotated, Any, ClassVar, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr, ValidationError

from app.protocol import (
    ENTITY_ANNOTATION, ENTITY_ATTENDANCE, ENTITY_LIVE, ENTITY_NOTE, ENTITY_SITTING, ENTITY_SPEAKER,
    ENTITY_VOTE, LIVE_KEY, MAX_ID,
)

Id = Annotated[StrictInt, Field(ge=1, le=MAX_ID)]
PageIndex = Annotated[StrictInt, Field(ge=0, le=100_000)]  # pages count from 0
NOTE_TEXT_LIMIT = 20_000
TOPIC_LIMIT = 500
# The values of app.models.enums (not imported: the tablet needs no ORM).
SpeakerStatus = Literal["waiting", "speaking", "done", "withdrawn", "removed"]
AttendanceValue = Literal["present", "excused", "absent"]
VoteKind = Literal["open", "named", "secret", "confidence", "election"]
Rule = Literal["more_than_half_total", "two_thirds_total", "more_than_two_thirds_remaining",
               "more_than_half_present"]
Seconds = Annotated[StrictInt, Field(ge=10, le=3600)]  # a speaking time, a vote's countdown
Label = Annotated[StrictStr, Field(min_length=1, max_length=60)]
OptionKey = Annotated[StrictStr, Field(min_length=1, max_length=40)]
MAX_SUBJECTS = 50  # officials on a confidence ballot, candidates on an election ballot


class InvalidArgs(ValueError):
    """The arguments do not fit the mutation; the message names the field."""


class MutationArgs(BaseModel):
    """The arguments every mutation has. Unknown fields are ignored (a newer tablet may send
    more); known ones are checked strictly (no "1" for 1, no true for 1)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    name: ClassVar[str]
    entity: ClassVar[Optional[str]] = None  # the replica entity it changes
    online_only: ClassVar[bool] = False  # needs the server now: never queued in an outbox
    # Fields kept out of the server's record of the change (its digest): a ballot's option.
    secret_fields: ClassVar[frozenset[str]] = frozenset()

    session_id: Id

    def key(self) -> Optional[str]:
        """The key of the entity it changes (with `entity`: what to mark "not yet confirmed")."""
        uuid = getattr(self, "uuid", None)
        return str(uuid) if uuid is not None else None

    def wire(self) -> dict[str, Any]:
        """The JSON object sent as `args`."""
        return self.model_dump(mode="json")


class _Keyed(MutationArgs):
    uuid: uuidlib.UUID  # made by the client; the entity's key


class SetCurrentItem(MutationArgs):
    name = "live.set_current_item"
    entity = ENTITY_LIVE
    agenda_item_id: Optional[Id] = None  # None: no item under discussion

    def key(self) -> str:
        return LIVE_KEY


class SetPresenter(MutationArgs):
    name = "live.set_presenter"
    entity = ENTITY_LIVE
    document_id: Optional[Id] = None  # None: nobody presents
    page: PageIndex = 0

    def key(self) -> str:
        return LIVE_KEY


class AnnotationPut(_Keyed):
    name = "annotation.put"
    entity = ENTITY_ANNOTATION
    document_id: Id
    page_index: PageIndex
    kind: Literal["ink", "highlight", "note", "text"]  # text: a text box
    data: dict[str, Any] = Field(default_factory=dict)  # page-relative geometry
    text: Annotated[StrictStr, Field(max_length=NOTE_TEXT_LIMIT)] = ""
    shared: StrictBool = False
    version: Optional[Id] = None  # the document's version it was made on (None: the current)


class AnnotationDelete(_Keyed):
    name = "annotation.delete"
    entity = ENTITY_ANNOTATION


class NotePut(_Keyed):
    name = "note.put"
    entity = ENTITY_NOTE
    agenda_item_id: Optional[Id] = None
    text: Annotated[StrictStr, Field(max_length=NOTE_TEXT_LIMIT)]


class NoteDelete(_Keyed):
    name = "note.delete"
    entity = ENTITY_NOTE


class SpeakerRequest(_Keyed):
    name = "speaker.request"
    entity = ENTITY_SPEAKER
    agenda_item_id: Optional[Id] = None
    kind: Literal["speech", "question"] = "speech"
    topic: Annotated[StrictStr, Field(max_length=TOPIC_LIMIT)] = ""


class SpeakerWithdraw(_Keyed):
    name = "speaker.withdraw"
    entity = ENTITY_SPEAKER


class SpeakerSetStatus(_Keyed):
    name = "speaker.set_status"
    entity = ENTITY_SPEAKER
    status: SpeakerStatus


class SpeakerGrant(_Keyed):
    """The chair gives the floor (whoever spoke before is done); the time limit is the body's
    for this kind of request unless the chair sets another."""
    name = "speaker.grant"
    entity = ENTITY_SPEAKER
    time_limit_s: Optional[Seconds] = None


class SpeakerEnd(_Keyed):
    name = "speaker.end"
    entity = ENTITY_SPEAKER


class SpeakerMove(_Keyed):
    """Move a waiting request to place `position` (0: first) of the waiting queue."""
    name = "speaker.move"
    entity = ENTITY_SPEAKER
    position: Annotated[StrictInt, Field(ge=0, le=10_000)]


class SpeakerRemove(_Keyed):
    name = "speaker.remove"
    entity = ENTITY_SPEAKER


class SpeakerSetLimit(_Keyed):
    name = "speaker.set_limit"
    entity = ENTITY_SPEAKER
    time_limit_s: Seconds


class SittingOpen(MutationArgs):
    name = "sitting.open"
    entity = ENTITY_SITTING
    sitting_id: Id

    def key(self) -> str:
        return str(self.sitting_id)


class SittingClose(SittingOpen):
    name = "sitting.close"


class AttendanceCheckIn(MutationArgs):
    """A delegate checks in (once per sitting; again is no change). Without `sitting_id`: the
    open sitting, or else the next one not yet closed."""
    name = "attendance.check_in"
    entity = ENTITY_ATTENDANCE
    sitting_id: Optional[Id] = None


class AttendanceSet(MutationArgs):
    """The secretary (or the chair) marks a delegate present, excused (with a reason), absent."""
    name = "attendance.set"
    entity = ENTITY_ATTENDANCE
    sitting_id: Optional[Id] = None
    user_id: Id
    status: AttendanceValue
    reason: Annotated[StrictStr, Field(max_length=300)] = ""


class Subject(BaseModel):
    """An official on a confidence ballot, or a candidate of an election."""
    model_config = ConfigDict(extra="ignore", frozen=True)
    name: Annotated[StrictStr, Field(min_length=1, max_length=200)]
    detail: Annotated[StrictStr, Field(max_length=300)] = ""  # the position held


class VoteCreate(MutationArgs):
    name = "vote.create"
    entity = ENTITY_VOTE
    agenda_item_id: Optional[Id] = None
    title: Annotated[StrictStr, Field(min_length=1, max_length=500)]
    vote_type: VoteKind = "open"
    threshold_rule: Optional[Rule] = None  # None: the agenda item's, or more than half the total
    threshold_note: Annotated[StrictStr, Field(max_length=300)] = ""
    labels: Optional[Annotated[list[Label], Field(min_length=3, max_length=3)]] = None
    subjects: Annotated[list[Subject], Field(max_length=MAX_SUBJECTS)] = Field(default_factory=list)
    seats: Optional[Annotated[StrictInt, Field(ge=1, le=MAX_SUBJECTS)]] = None
    countdown_s: Optional[Seconds] = None


class VoteOpen(MutationArgs):
    name = "vote.open"
    entity = ENTITY_VOTE
    online_only = True  # opening, closing, cancelling happen now or not at all
    vote_id: Id

    def key(self) -> str:
        return str(self.vote_id)


class VoteClose(VoteOpen):
    name = "vote.close"


class VoteCancel(VoteOpen):
    name = "vote.cancel"


class BallotCast(MutationArgs):
    """One delegate's ballot: `option` for a yes/no/abstain vote, `choices` (subject key ->
    answer) for a confidence vote or an election."""
    name = "ballot.cast"
    entity = ENTITY_VOTE
    online_only = True
    secret_fields = frozenset({"option", "choices"})
    vote_id: Id
    option: Optional[OptionKey] = None
    choices: Optional[Annotated[dict[OptionKey, OptionKey],
                                Field(max_length=MAX_SUBJECTS)]] = None

    def key(self) -> str:
        return str(self.vote_id)


MUTATIONS: dict[str, type[MutationArgs]] = {cls.name: cls for cls in (
    SetCurrentItem, SetPresenter, AnnotationPut, AnnotationDelete, NotePut, NoteDelete,
    SpeakerRequest, SpeakerWithdraw, SpeakerSetStatus, SpeakerGrant, SpeakerEnd, SpeakerMove,
    SpeakerRemove, SpeakerSetLimit, SittingOpen, SittingClose, AttendanceCheckIn, AttendanceSet,
    VoteCreate, VoteOpen, VoteClose, VoteCancel, BallotCast,
)}


def entity_of(name: str) -> str:
    """The replica entity a mutation of this name changes (what listeners are told changed)."""
    spec = MUTATIONS.get(name)
    return spec.entity if spec is not None and spec.entity else name.split(".")[0]


def parse(name: str, args: Any) -> MutationArgs:
    """The typed arguments of mutation `name`; raises InvalidArgs (unknown name: KeyError)."""
    cls = MUTATIONS[name]
    try:
        return cls.model_validate(args)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first.get("loc", ())) or "args"
        raise InvalidArgs(f"{where}: {first.get('msg', 'invalid')}") from None
