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
    ENTITY_ANNOTATION, ENTITY_LIVE, ENTITY_NOTE, ENTITY_SPEAKER, ENTITY_VOTE, LIVE_KEY, MAX_ID,
)

Id = Annotated[StrictInt, Field(ge=1, le=MAX_ID)]
PageIndex = Annotated[StrictInt, Field(ge=0, le=100_000)]  # pages count from 0
NOTE_TEXT_LIMIT = 20_000
TOPIC_LIMIT = 500
# The values of app.models.enums.SpeakerRequestStatus (not imported: the tablet needs no ORM).
SpeakerStatus = Literal["waiting", "speaking", "done", "withdrawn"]


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
    kind: Literal["ink", "highlight", "note"]
    data: dict[str, Any] = Field(default_factory=dict)  # page-relative geometry
    text: Annotated[StrictStr, Field(max_length=NOTE_TEXT_LIMIT)] = ""
    shared: StrictBool = False


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


class BallotCast(MutationArgs):
    name = "ballot.cast"
    entity = ENTITY_VOTE
    online_only = True
    secret_fields = frozenset({"option"})
    vote_id: Id
    option: Annotated[StrictStr, Field(min_length=1, max_length=40)]

    def key(self) -> str:
        return str(self.vote_id)


MUTATIONS: dict[str, type[MutationArgs]] = {cls.name: cls for cls in (
    SetCurrentItem, SetPresenter, AnnotationPut, AnnotationDelete, NotePut, NoteDelete,
    SpeakerRequest, SpeakerWithdraw, SpeakerSetStatus, BallotCast,
)}
ONLINE_ONLY = frozenset(name for name, cls in MUTATIONS.items() if cls.online_only)


def parse(name: str, args: Any) -> MutationArgs:
    """The typed arguments of mutation `name`; raises InvalidArgs (unknown name: KeyError)."""
    cls = MUTATIONS[name]
    try:
        return cls.model_validate(args)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first.get("loc", ())) or "args"
        raise InvalidArgs(f"{where}: {first.get('msg', 'invalid')}") from None


def json_schemas(ref_template: str = "#/components/schemas/{model}") -> dict[str, dict]:
    """Each mutation's argument schema, by model name (for the OpenAPI document)."""
    return {cls.__name__: cls.model_json_schema(ref_template=ref_template)
            for cls in MUTATIONS.values()}
