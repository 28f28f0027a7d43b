"""The record: minutes, the append-only audit log, and login tokens."""
from __future__ import annotations

import datetime as dt
from typing import Optional

from sqlalchemy import BigInteger, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, enum_type, utcnow
from app.models.enums import MinutesStatus


class Minutes(Base):
    """The minutes (biên bản) of a session: drafted by the secretary, signed, archived."""

    __tablename__ = "minutes"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("meeting_sessions.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[str] = mapped_column(String(60), default="")  # "Số: 05/BB-HĐND"
    status: Mapped[MinutesStatus] = mapped_column(enum_type(MinutesStatus), default=MinutesStatus.DRAFT)
    content: Mapped[dict] = mapped_column(default=dict)  # the structured draft
    docx_sha256: Mapped[Optional[str]] = mapped_column(ForeignKey("stored_files.sha256"))
    pdf_sha256: Mapped[Optional[str]] = mapped_column(ForeignKey("stored_files.sha256"))
    signed_pdf_sha256: Mapped[Optional[str]] = mapped_column(ForeignKey("stored_files.sha256"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class AuditEvent(Base):
    """An append-only event. Within a session `seq` numbers events 1, 2, 3...; the database
    refuses UPDATE and DELETE on this table (triggers in the first migration). `hash` chains
    each event to the previous one of its scope (filled by the audit chain, a later issue)."""

    __tablename__ = "audit_events"
    __table_args__ = (UniqueConstraint("session_id", "seq"),)

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    session_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("meeting_sessions.id", ondelete="RESTRICT"), index=True
    )
    seq: Mapped[Optional[int]]
    actor_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"))
    action: Mapped[str] = mapped_column(String(60))  # "session.created", "auth.login", ...
    payload: Mapped[dict] = mapped_column(default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    prev_hash: Mapped[Optional[str]] = mapped_column(String(64))
    hash: Mapped[Optional[str]] = mapped_column(String(64))


class AuthToken(Base):
    """A login token. Only its SHA-256 is stored; it expires and can be revoked (a lost tablet)."""

    __tablename__ = "auth_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    device: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[dt.datetime]
    revoked_at: Mapped[Optional[dt.datetime]]
