"""The sync log: per-session events, live state, and exactly-once client mutations."""
from __future__ import annotations

import datetime as dt
from typing import Optional

from sqlalchemy import BigInteger, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, utcnow


class SyncEvent(Base):
    """A state change of a session, numbered 1, 2, 3... within the session (`seq`), written
    in the same transaction as the change. `data` is the entity's whole new state, so applying
    an event twice is harmless. `audience` says who may receive it: "all" (every role),
    "members" (every role but guest), "readers" (who may read confidential documents) or
    "user:<id>" (one user: private annotations and notes)."""

    __tablename__ = "sync_events"
    __table_args__ = (UniqueConstraint("session_id", "seq"),)

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("meeting_sessions.id", ondelete="CASCADE"))
    seq: Mapped[int]
    kind: Mapped[str] = mapped_column(String(60))  # "annotation.put", "live.current_item", ...
    entity: Mapped[str] = mapped_column(String(40))  # replica entity type
    entity_key: Mapped[str] = mapped_column(String(80))
    op: Mapped[str] = mapped_column(String(10))  # upsert | delete
    data: Mapped[dict] = mapped_column(default=dict)
    audience: Mapped[str] = mapped_column(String(40), default="all")
    client_id: Mapped[Optional[str]] = mapped_column(String(64))
    mutation_id: Mapped[Optional[int]] = mapped_column(BigInteger)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class SessionCursor(Base):
    """The last event number of a session; incremented under a row lock, so event numbers
    are handed out in commit order without holes."""

    __tablename__ = "session_cursors"

    session_id: Mapped[int] = mapped_column(
        ForeignKey("meeting_sessions.id", ondelete="CASCADE"), primary_key=True
    )
    last_seq: Mapped[int] = mapped_column(default=0)
    last_audit_seq: Mapped[int] = mapped_column(default=0, server_default="0")  # audit_events.seq


class LiveState(Base):
    """What the room sees now: the chair's current agenda item, the presenter's document and page."""

    __tablename__ = "live_states"

    session_id: Mapped[int] = mapped_column(
        ForeignKey("meeting_sessions.id", ondelete="CASCADE"), primary_key=True
    )
    current_agenda_item_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="SET NULL")
    )
    presenter_user_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    presenter_document_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("documents.id", ondelete="SET NULL")
    )
    presenter_page: Mapped[Optional[int]]
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class SyncClient(Base):
    """A client install (one tablet app for one user) and the last mutation applied from it."""

    __tablename__ = "sync_clients"

    client_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    last_mutation_id: Mapped[int] = mapped_column(BigInteger, default=0)
    last_seen_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class AppliedMutation(Base):
    """The answer given to each applied mutation, so that a replay gets the same answer."""

    __tablename__ = "applied_mutations"

    client_id: Mapped[str] = mapped_column(
        ForeignKey("sync_clients.client_id", ondelete="CASCADE"), primary_key=True
    )
    mutation_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    name: Mapped[str] = mapped_column(String(60))
    # SHA-256 of the mutation's name and arguments: a replay must be the same change.
    digest: Mapped[Optional[str]] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(20))  # applied | rejected
    result: Mapped[dict] = mapped_column(default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class PersonalNote(Base):
    """A delegate's own note on a session or agenda item (private)."""

    __tablename__ = "personal_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("meeting_sessions.id", ondelete="CASCADE"),
                                            index=True)
    agenda_item_id: Mapped[Optional[int]] = mapped_column(ForeignKey("agenda_items.id",
                                                                     ondelete="SET NULL"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class RateBucket(Base):
    """How often something happened in one fixed time window (login attempts per user and
    per address, changes per user, new client ids per user): shared by every server process
    through the database, pruned when old."""

    __tablename__ = "rate_buckets"

    key: Mapped[str] = mapped_column(String(120), primary_key=True)  # "login-user:daibieu02"
    window_start: Mapped[int] = mapped_column(BigInteger, primary_key=True)  # unix seconds
    count: Mapped[int] = mapped_column(default=0)


class ServerMeta(Base):
    """Facts about this database itself. `epoch`: a random id made when the database is
    created and made anew by a restore; tablets that see it change re-sync from scratch."""

    __tablename__ = "server_meta"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))
