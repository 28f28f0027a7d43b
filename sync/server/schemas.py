"""Request and response bodies of the HTTP API (docs/PROTOCOL.md)."""
from __future__ import annotations

from typing import Any, Optional

from pydantic import BaseModel, Field, field_validator

from app import protocol as p
from app.protocol import mutations as m


NO_NUL = r"^[^\x00]*$"  # PostgreSQL's text holds no NUL character


class LoginRequest(BaseModel):
    username: str = Field(min_length=1, max_length=80, pattern=NO_NUL)
    password: str = Field(min_length=1, max_length=256, pattern=NO_NUL)
    device: str = Field(default="", max_length=200, pattern=NO_NUL)

    @field_validator("username", "password", "device")
    @classmethod
    def _storable(cls, value: str) -> str:
        problem = p.text_problem(value)
        if problem is not None:
            raise ValueError(problem)
        return value


class ErrorDetail(BaseModel):
    code: str
    message: str


class ErrorOut(BaseModel):
    """Every 4xx/5xx answer (docs/PROTOCOL.md, "Errors")."""
    error: ErrorDetail


class UserOut(BaseModel):
    id: int
    username: str
    full_name: str
    title: str
    is_admin: bool


class LoginResponse(BaseModel):
    token: str
    expires_at: str
    user: UserOut


class SessionOut(BaseModel):
    id: int
    title: str
    body_name: str
    term_name: str
    status: str
    location: str
    starts_at: str
    ends_at: Optional[str]
    my_roles: list[str]


class DocumentKeyOut(BaseModel):
    session_id: int
    key: str  # 32 bytes, base64url
    key_id: str


class EarlierVersionOut(BaseModel):
    version: int
    sha256: str
    size: int
    page_count: int


class DocumentOut(BaseModel):
    id: int
    title: str
    number: str
    kind: str
    confidentiality: str
    agenda_item_id: Optional[int]
    position: int = 0
    version: int
    sha256: str
    size: int
    page_count: int
    filename: str
    earlier: list[EarlierVersionOut] = []  # the versions before this one, oldest first


class AgendaItemOut(BaseModel):
    id: int
    parent_id: Optional[int]
    position: int
    label: str
    title: str
    kind: str
    presenter: str
    description: str
    planned_minutes: Optional[int]
    threshold_rule: Optional[str]
    documents: list[DocumentOut]
    children: list["AgendaItemOut"]


class ParticipantOut(BaseModel):
    user_id: int
    full_name: str
    title: str
    role: str
    seat: Optional[str]


class VoteOut(BaseModel):
    id: int
    agenda_item_id: Optional[int]
    title: str
    vote_type: str
    threshold_rule: str
    status: str
    passed: Optional[bool]
    eligible_count: Optional[int]
    announcement: str
    ballots: int = 0


class HealthOut(BaseModel):
    status: str
    version: str
    schema_revision: Optional[str]


class EntityOut(BaseModel):
    entity: str
    key: str
    data: dict


class SnapshotOut(BaseModel):
    session_id: int
    epoch: str
    cursor: int
    entities: list[EntityOut]


class EventOut(BaseModel):
    seq: int
    kind: str
    entity: str
    key: str
    op: str
    data: dict
    origin: Optional[list] = None


class EventPageOut(BaseModel):
    session_id: int
    events: list[EventOut]
    cursor: int
    more: bool


class MutationIn(BaseModel):
    """One change. `args` has the schema of its name: `components.schemas` holds each one
    under the name of its class (e.g. `NotePut` for "note.put"). Ids in a push are
    consecutive; an unknown name is answered `rejected` with `unknown_mutation`."""
    id: int = Field(ge=1, le=2 ** 62)
    name: str = Field(min_length=1, max_length=p.MAX_MUTATION_NAME,
                      description="one of: " + ", ".join(sorted(m.MUTATIONS)))
    args: dict[str, Any] = Field(default_factory=dict)


class MutationPushIn(BaseModel):
    """Documented shape of a push (the route reads the body itself, after the token check)."""
    client_id: str = Field(min_length=8, max_length=64)
    mutations: list[MutationIn] = Field(min_length=1, max_length=p.MAX_MUTATIONS_PER_PUSH)


class MutationAnswerOut(BaseModel):
    id: int
    # applied | rejected | out_of_order | client_diverged | rate_limited | error
    status: str
    result: Optional[dict] = None
    events: Optional[list[list[int]]] = None
    error: Optional[dict] = None
    expected: Optional[int] = None
    retry_after: Optional[int] = None
    replay: Optional[bool] = None


class MutationPushOut(BaseModel):
    client_id: str
    answers: list[MutationAnswerOut]


_REF = "#/components/schemas/{model}"


def mutation_push_schema() -> dict:
    """The push route's request body, for its `openapi_extra`."""
    return {"requestBody": {"required": True, "content": {"application/json": {
        "schema": {"$ref": _REF.format(model="MutationPushIn")}}}}}


def extra_components() -> dict[str, dict]:
    """Schemas the OpenAPI document must define beside FastAPI's own: the push body (read by
    the route itself) and every mutation's arguments."""
    schemas: dict[str, dict] = {}
    for model in (MutationPushIn, *m.MUTATIONS.values()):
        schema = model.model_json_schema(ref_template=_REF)
        schemas.update(schema.pop("$defs", {}))
        schemas[model.__name__] = schema
    return schemas
