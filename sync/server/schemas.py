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


class HealthOut(BaseModel):
    status: str
    version: str
    schema_revision: Optional[str]
