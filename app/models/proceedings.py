"""What happens in the room: attendance, speaker requests, annotations (votes: voting.py)."""
from __future__ import annotations

import datetime as dt
from typing import Optional

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, CreatedAt, enum_type, utcnow
from app.models.enums import AttendanceStatus, SpeakerRequestKind, SpeakerRequestStatus
from app.models.organisation import User


class AttendanceRecord(Base):
    """A delegate's attendance at one sitting (or the session as a whole when sitting_id is NULL)."""

    __tablename__ = "attendance"
    __table_args__ = (UniqueConstraint("session_id", "sitting_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("meeting_sessions.id", ondelete="CASCADE"), index=True
    )
    sitting_id: Mapped[Optional[int]] = mapped_column(ForeignKey("sittings.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    status: Mapped[AttendanceStatus] = mapped_column(enum_type(AttendanceStatus))
    reason: Mapped[str] = mapped_column(String(300), default="")
    recorded_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    recorded_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    user: Mapped[User] = relationship(foreign_keys=[user_id])


class SpeakerRequest(CreatedAt, Base):
    __tablename__ = "speaker_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[Optional[str]] = mapped_column(String(36), unique=True)  # client-made, offline
    session_id: Mapped[int] = mapped_column(
        ForeignKey("meeting_sessions.id", ondelete="CASCADE"), index=True
    )
    agenda_item_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="SET NULL")
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[SpeakerRequestKind] = mapped_column(enum_type(SpeakerRequestKind))
    status: Mapped[SpeakerRequestStatus] = mapped_column(
        enum_type(SpeakerRequestStatus), default=SpeakerRequestStatus.WAITING
    )
    topic: Mapped[str] = mapped_column(String(500), default="")
    position: Mapped[int] = mapped_column(default=0, server_default="0")  # order in the queue
    time_limit_s: Mapped[Optional[int]]  # set when the floor is given (the body's, or the chair's)
    spoken_s: Mapped[int] = mapped_column(default=0, server_default="0")  # for the minutes
    started_at: Mapped[Optional[dt.datetime]]
    ended_at: Mapped[Optional[dt.datetime]]


class Annotation(CreatedAt, Base):
    """A delegate's ink, highlight or note on a document page, in page-relative coordinates
    (0..1 of the page's width and height), stored beside the PDF, never inside it."""

    __tablename__ = "annotations"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)  # client-made id, for offline sync
    document_version_id: Mapped[int] = mapped_column(
        ForeignKey("document_versions.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    page_index: Mapped[int]
    kind: Mapped[str] = mapped_column(String(20))  # ink | highlight | note
    data: Mapped[dict]  # points, rectangles, colour, text
    text: Mapped[str] = mapped_column(Text, default="")
    shared: Mapped[bool] = mapped_column(default=False)  # private unless shared
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    deleted: Mapped[bool] = mapped_column(default=False)
    # Set when a new version of the document was published and this annotation's anchor was
    # found in it: the uuid of its copy there. Unset on an older version means "not placed".
    carried_to: Mapped[Optional[str]] = mapped_column(String(36))
