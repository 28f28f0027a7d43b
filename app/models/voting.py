"""Votes (biểu quyết), their options, who has voted, the ballots and the secret ballot box.

A secret ballot is kept apart from its voter in two stages (docs/ARCHITECTURE.md, "Secret
ballots"): while the vote is open it is a sealed (encrypted) row whose key lives outside the
database; at the close the sealed rows are opened, counted, written out as plain ballots in a
random order with random ids in the one closing transaction, and deleted with their key."""
from __future__ import annotations

import datetime as dt
from typing import Optional

from sqlalchemy import (
    ForeignKey, Index, LargeBinary, String, Text, UniqueConstraint, false, text, true,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, CreatedAt, enum_type
from app.models.enums import ThresholdRule, VoteStatus, VoteType


class Vote(CreatedAt, Base):
    """A vote on an agenda item. What the result is announced against is frozen at the
    opening (`eligible_count`: the total number of delegates of the term; `seated_count`,
    `present_count`); `threshold_rule` is the rule actually used; `result` holds the count and
    the official sentence once closed."""

    __tablename__ = "votes"
    # One open vote per session, held by the database itself: two chairs' tablets (or two
    # server processes on PostgreSQL) opening at the same moment cannot both succeed.
    __table_args__ = (Index("uq_votes_one_open_per_session", "session_id", unique=True,
                            sqlite_where=text("status = 'open'"),
                            postgresql_where=text("status = 'open'")),)

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
    seats: Mapped[Optional[int]]  # an election: how many are to be elected
    countdown_s: Mapped[Optional[int]]  # closes by itself this long after the opening
    ballot_changeable: Mapped[bool] = mapped_column(default=False, server_default=false())
    needs_check_in: Mapped[bool] = mapped_column(default=True, server_default=true())
    created_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    eligible_count: Mapped[Optional[int]]
    seated_count: Mapped[Optional[int]]
    present_count: Mapped[Optional[int]]  # at the opening; counted again at the close
    opened_at: Mapped[Optional[dt.datetime]]
    closes_at: Mapped[Optional[dt.datetime]]
    closed_at: Mapped[Optional[dt.datetime]]
    passed: Mapped[Optional[bool]]
    announcement: Mapped[str] = mapped_column(Text, default="")  # the official sentence
    result: Mapped[dict] = mapped_column(default=dict, server_default="{}")

    options: Mapped[list[VoteOption]] = relationship(
        back_populates="vote", order_by="VoteOption.position", cascade="all, delete-orphan"
    )


class VoteOption(Base):
    """An answer of a vote (yes/no/abstain, the body's labels), or for a confidence vote or an
    election one official or candidate (`key` "s1", "s2", …, `detail` the position held)."""

    __tablename__ = "vote_options"
    __table_args__ = (UniqueConstraint("vote_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    vote_id: Mapped[int] = mapped_column(ForeignKey("votes.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    key: Mapped[str] = mapped_column(String(40))
    label: Mapped[str] = mapped_column(String(300))
    detail: Mapped[str] = mapped_column(String(300), default="", server_default="")
    is_approval: Mapped[bool] = mapped_column(default=False)  # counts toward the threshold

    vote: Mapped[Vote] = relationship(back_populates="options")


class VoteParticipation(Base):
    """Who has voted: one row per voter and vote, so nobody votes twice. For a secret vote it
    holds the voter's tracking code (which shows that a ballot is in the box, never how it
    was cast) and nothing that leads to the ballot."""

    __tablename__ = "vote_participations"
    __table_args__ = (UniqueConstraint("vote_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    vote_id: Mapped[int] = mapped_column(ForeignKey("votes.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    tracker: Mapped[Optional[str]] = mapped_column(String(40))


class Ballot(Base):
    """One counted ballot: `option_id` for a yes/no/abstain vote, `choices` ({"s1": "high",
    …}) for a confidence vote or an election. `voter_id` and `cast_at` are NULL for secret
    votes, whose ballots are only written at the close, shuffled, with random ids."""

    __tablename__ = "ballots"

    id: Mapped[int] = mapped_column(primary_key=True)
    vote_id: Mapped[int] = mapped_column(ForeignKey("votes.id", ondelete="CASCADE"), index=True)
    option_id: Mapped[Optional[int]] = mapped_column(ForeignKey("vote_options.id", ondelete="CASCADE"))
    choices: Mapped[Optional[dict]]
    voter_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    cast_at: Mapped[Optional[dt.datetime]]


class SealedBallot(Base):
    """A secret ballot while its vote is open: encrypted (AES-GCM) under the vote's key, which
    is kept outside the database and destroyed at the close. `voter_ref` is a keyed hash of the
    voter (only the key finds a voter's own ballot again, to change it where the body allows)."""

    __tablename__ = "sealed_ballots"
    __table_args__ = (UniqueConstraint("vote_id", "voter_ref"),)

    id: Mapped[int] = mapped_column(primary_key=True)  # random
    vote_id: Mapped[int] = mapped_column(ForeignKey("votes.id", ondelete="CASCADE"), index=True)
    voter_ref: Mapped[str] = mapped_column(String(64))
    sealed: Mapped[bytes] = mapped_column(LargeBinary)
    tracker: Mapped[str] = mapped_column(String(40))


class PublishedTracker(Base):
    """The published ballot box of a secret vote: every tracking code, in a random order,
    written at the close; no choice beside any of them."""

    __tablename__ = "published_trackers"

    vote_id: Mapped[int] = mapped_column(ForeignKey("votes.id", ondelete="CASCADE"),
                                         primary_key=True)
    tracker: Mapped[str] = mapped_column(String(40), primary_key=True)
