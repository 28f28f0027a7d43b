"""Request and response bodies of the HTTP API (docs/PROTOCOL.md)."""
from __future__ import annotations

from typing import Optional

from pydantic import BaseModel, Field


class LoginRequest(BaseModel):
    username: str = Field(min_length=1, max_length=80)
    password: str = Field(min_length=1, max_length=256)
    device: str = Field(default="", max_length=200)


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
    id: int = Field(ge=1)
    name: str
    args: dict = Field(default_factory=dict)


class MutationPushIn(BaseModel):
    """Documented shape of a push (the route reads the raw body to bound its size first)."""
    client_id: str = Field(min_length=8, max_length=64)
    mutations: list[MutationIn]


class MutationAnswerOut(BaseModel):
    id: int
    status: str  # applied | rejected | out_of_order | error
    result: Optional[dict] = None
    events: Optional[list[list[int]]] = None
    error: Optional[dict] = None
    expected: Optional[int] = None
    replay: Optional[bool] = None


class MutationPushOut(BaseModel):
    client_id: str
    answers: list[MutationAnswerOut]
