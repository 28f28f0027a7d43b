"""What happens in the room: attendance, speaker requests, votes and ballots, annotations."""
from __future__ import annotations

import datetime as dt
from typing import Optional

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, CreatedAt, enum_type, utcnow
from app.models.enums import (
    AttendanceStatus,
    SpeakerRequestKind,
    SpeakerRequestStatus,
    ThresholdRule,
    VoteStatus,
    VoteType,
)
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

    user: Mapped[User] = relationship()


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
    time_limit_s: Mapped[Optional[int]]
    started_at: Mapped[Optional[dt.datetime]]
    ended_at: Mapped[Optional[dt.datetime]]


class Vote(CreatedAt, Base):
    """A vote (biểu quyết) on an agenda item. `eligible_count` freezes the total number of
    delegates the result is announced against; `threshold_rule` is the rule actually used."""

    __tablename__ = "votes"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("meeting_sessions.id", ondelete="CASCADE"), index=True
    )
    agenda_item_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[str] = mapped_column(String(500))
    vote_type: Mapped[VoteType] = mapped_column(enum_type(VoteType))
    threshold_rule: Mapped[ThresholdRule] = mapped_column(enum_type(ThresholdRule))
    threshold_note: Mapped[str] = mapped_column(String(300), default="")  # why the chair chose it
    status: Mapped[VoteStatus] = mapped_column(enum_type(VoteStatus), default=VoteStatus.DRAFT)
    eligible_count: Mapped[Optional[int]]
    opened_at: Mapped[Optional[dt.datetime]]
    closed_at: Mapped[Optional[dt.datetime]]
    passed: Mapped[Optional[bool]]
    announcement: Mapped[str] = mapped_column(Text, default="")  # the official sentence

    options: Mapped[list[VoteOption]] = relationship(
        back_populates="vote", order_by="VoteOption.position", cascade="all, delete-orphan"
    )


class VoteOption(Base):
    """An answer of a vote: yes/no/abstain (labels from the body), or a candidate."""

    __tablename__ = "vote_options"
    __table_args__ = (UniqueConstraint("vote_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    vote_id: Mapped[int] = mapped_column(ForeignKey("votes.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    key: Mapped[str] = mapped_column(String(40))  # "yes", "no", "abstain", "candidate:12"
    label: Mapped[str] = mapped_column(String(300))
    is_approval: Mapped[bool] = mapped_column(default=False)  # counts toward the threshold

    vote: Mapped[Vote] = relationship(back_populates="options")


class VoteParticipation(Base):
    """Who has voted: one row per voter and vote, so nobody votes twice. For a secret vote this
    is the ONLY link to the voter; ballots of secret votes carry no voter and no time."""

    __tablename__ = "vote_participations"
    __table_args__ = (UniqueConstraint("vote_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    vote_id: Mapped[int] = mapped_column(ForeignKey("votes.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))


class Ballot(Base):
    """One cast ballot. `voter_id` and `cast_at` are NULL for secret votes."""

    __tablename__ = "ballots"

    id: Mapped[int] = mapped_column(primary_key=True)
    vote_id: Mapped[int] = mapped_column(ForeignKey("votes.id", ondelete="CASCADE"), index=True)
    option_id: Mapped[int] = mapped_column(ForeignKey("vote_options.id", ondelete="CASCADE"))
    voter_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    cast_at: Mapped[Optional[dt.datetime]]


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
