"""Sessions (kỳ họp), their sittings, per-session roles and the agenda."""
from __future__ import annotations

import datetime as dt
from typing import Optional

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, CreatedAt, enum_type
from app.models.enums import AgendaItemKind, SessionRole, SessionStatus, ThresholdRule
from app.models.organisation import Term, User


class MeetingSession(CreatedAt, Base):
    """One session ("Kỳ họp thứ Hai") of a body's term."""

    __tablename__ = "meeting_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    term_id: Mapped[int] = mapped_column(ForeignKey("terms.id", ondelete="CASCADE"), index=True)
    number: Mapped[Optional[int]]  # 2 in "Kỳ họp thứ Hai"; None for a thematic session
    title: Mapped[str] = mapped_column(String(300))
    status: Mapped[SessionStatus] = mapped_column(
        enum_type(SessionStatus), default=SessionStatus.DRAFT
    )
    location: Mapped[str] = mapped_column(String(300), default="")
    starts_at: Mapped[dt.datetime]
    ends_at: Mapped[Optional[dt.datetime]]

    term: Mapped[Term] = relationship()
    sittings: Mapped[list[Sitting]] = relationship(
        back_populates="session", order_by="Sitting.position", cascade="all, delete-orphan"
    )
    agenda_items: Mapped[list[AgendaItem]] = relationship(
        back_populates="session", order_by="AgendaItem.position", cascade="all, delete-orphan"
    )
    role_grants: Mapped[list[SessionRoleGrant]] = relationship(
        back_populates="session", cascade="all, delete-orphan"
    )


class Sitting(Base):
    """One sitting (phiên họp) of a session, usually a half day."""

    __tablename__ = "sittings"
    __table_args__ = (UniqueConstraint("session_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("meeting_sessions.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    title: Mapped[str] = mapped_column(String(200))
    starts_at: Mapped[dt.datetime]
    ends_at: Mapped[Optional[dt.datetime]]
    opened_at: Mapped[Optional[dt.datetime]]  # the chair opened it
    closed_at: Mapped[Optional[dt.datetime]]  # ended: its attendance no longer changes

    session: Mapped[MeetingSession] = relationship(back_populates="sittings")


class SessionRoleGrant(CreatedAt, Base):
    """A user's role in one session. A user may hold several (a delegate who is also chair)."""

    __tablename__ = "session_roles"
    __table_args__ = (UniqueConstraint("session_id", "user_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("meeting_sessions.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[SessionRole] = mapped_column(enum_type(SessionRole))
    seat: Mapped[Optional[str]] = mapped_column(String(20))  # seat number in the hall

    session: Mapped[MeetingSession] = relationship(back_populates="role_grants")
    user: Mapped[User] = relationship()


class AgendaItem(CreatedAt, Base):
    """An ordered, nestable item of a session's agenda. `position` orders siblings."""

    __tablename__ = "agenda_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("meeting_sessions.id", ondelete="CASCADE"), index=True
    )
    parent_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="CASCADE"), index=True
    )
    sitting_id: Mapped[Optional[int]] = mapped_column(ForeignKey("sittings.id", ondelete="SET NULL"))
    position: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(20), default="")  # "1", "2.3", "II"
    title: Mapped[str] = mapped_column(String(500))
    kind: Mapped[AgendaItemKind] = mapped_column(enum_type(AgendaItemKind))
    presenter: Mapped[Optional[str]] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    planned_minutes: Mapped[Optional[int]]
    # The rule a vote on this item must meet; the chair may pick another allowed one (recorded on the vote).
    threshold_rule: Mapped[Optional[ThresholdRule]] = mapped_column(enum_type(ThresholdRule))

    session: Mapped[MeetingSession] = relationship(back_populates="agenda_items")
    parent: Mapped[Optional[AgendaItem]] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list[AgendaItem]] = relationship(
        back_populates="parent", order_by="AgendaItem.position"
    )
    documents: Mapped[list["Document"]] = relationship(  # noqa: F821
        back_populates="agenda_item", order_by="Document.position"
    )
