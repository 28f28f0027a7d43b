"""Bodies (HĐND/UBND), their terms and members, and user accounts."""
from __future__ import annotations

import datetime as dt
from typing import Optional

from sqlalchemy import ForeignKey, String, UniqueConstraint, false, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, CreatedAt, enum_type
from app.models.enums import BodyKind, BodyLevel


class Body(CreatedAt, Base):
    """The HĐND or UBND of one province or commune."""

    __tablename__ = "bodies"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))  # "Hội đồng nhân dân tỉnh Đắk Lắk"
    short_name: Mapped[str] = mapped_column(String(80))  # "HĐND tỉnh Đắk Lắk"
    kind: Mapped[BodyKind] = mapped_column(enum_type(BodyKind))
    level: Mapped[BodyLevel] = mapped_column(enum_type(BodyLevel))
    place_name: Mapped[str] = mapped_column(String(80))  # used in "Đắk Lắk, ngày ..."
    document_code: Mapped[str] = mapped_column(String(20))  # "HĐND" in "Số: 12/BB-HĐND"
    # The body's names for yes / no / abstain, e.g. ["Tán thành", "Không tán thành", "Không biểu quyết"].
    vote_labels: Mapped[list] = mapped_column(default=lambda: list(DEFAULT_VOTE_LABELS))
    # The body's rules of procedure (quy chế): speaking time, whether a ballot may be changed
    # before the close, whether only delegates who checked in may vote.
    speech_limit_s: Mapped[int] = mapped_column(default=420, server_default="420")
    question_limit_s: Mapped[int] = mapped_column(default=180, server_default="180")
    ballot_changeable: Mapped[bool] = mapped_column(default=False, server_default=false())
    vote_needs_check_in: Mapped[bool] = mapped_column(default=True, server_default=true())

    terms: Mapped[list[Term]] = relationship(back_populates="body", order_by="Term.starts_on")


DEFAULT_VOTE_LABELS = ("Tán thành", "Không tán thành", "Không biểu quyết")


class Term(CreatedAt, Base):
    """A term of office ("khóa XI"); sessions and delegates belong to a term."""

    __tablename__ = "terms"

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("bodies.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(40))  # "khóa X"
    starts_on: Mapped[dt.date]
    ends_on: Mapped[Optional[dt.date]]

    body: Mapped[Body] = relationship(back_populates="terms")
    members: Mapped[list[TermMember]] = relationship(back_populates="term")


class TermMember(Base):
    """A delegate's seat in a term. The count of seats is the 'total number of delegates'
    that vote thresholds and announcements are computed against.

    A delegate elected later to a vacated seat (bầu bổ sung) gets a row of their own that
    `replaces` the row of the one who left: the seat is the same, so the total stays the
    number of rows that replace nobody."""

    __tablename__ = "term_members"
    __table_args__ = (UniqueConstraint("term_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    term_id: Mapped[int] = mapped_column(ForeignKey("terms.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    position: Mapped[Optional[str]] = mapped_column(String(200))  # "Phó Chủ tịch HĐND tỉnh"
    constituency: Mapped[Optional[str]] = mapped_column(String(200))
    seated_on: Mapped[Optional[dt.date]]
    left_on: Mapped[Optional[dt.date]]  # seat vacated (recall, resignation, death)
    replaces_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("term_members.id"),
        unique=True)  # the vacated seat this one fills; a seat is filled once

    term: Mapped[Term] = relationship(back_populates="members")
    user: Mapped[User] = relationship()
    replaces: Mapped[Optional["TermMember"]] = relationship(remote_side=[id])


class User(CreatedAt, Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    title: Mapped[Optional[str]] = mapped_column(String(200))  # job title shown under the name
    password_hash: Mapped[str] = mapped_column(String(255))
    is_admin: Mapped[bool] = mapped_column(default=False)
    is_active: Mapped[bool] = mapped_column(default=True)
    # Part of the keys that seal this user's confidential documents on the tablets
    # (app/services/document_keys.py): a wipe counts it up, and every old copy is unreadable.
    key_generation: Mapped[int] = mapped_column(default=0, server_default="0")
