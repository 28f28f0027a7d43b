"""Reading the sitting: which sitting attendance is taken for, who holds a seat, who is in,
the totals and the quorum, and the attendance, sitting and roster entities. No changes here
(they are in `attendance.py`), so the snapshot can read them without the handlers."""
from __future__ import annotations

import functools
from typing import Any, Optional

from sqlalchemy import bindparam, func, or_, select
from sqlalchemy.orm import Session

from app import rules
from app.models import (
    AttendanceRecord, AttendanceStatus, Body, MeetingSession, SessionRole, SessionRoleGrant,
    Sitting, Term, TermMember, User,
)
from app.models.base import iso_utc, utcnow


def attendance_sitting(db: Session, session_id: int) -> Optional[Sitting]:
    """The sitting attendance is taken for now: the open one, else the next not yet closed."""
    sittings = db.scalars(select(Sitting).where(Sitting.session_id == session_id,
                                                Sitting.closed_at.is_(None))
                          .order_by(Sitting.position)).all()
    opened = [s for s in sittings if s.opened_at is not None]
    return opened[-1] if opened else (sittings[0] if sittings else None)


def _seated(today):  # a date, or a bound parameter for one
    return or_(TermMember.left_on.is_(None), TermMember.left_on > today)


def term_counts(db: Session, session: MeetingSession) -> tuple[int, int]:
    """(the total number of delegates of the term: its seats, the base of every share; the
    seats filled today). A delegate elected to a vacated seat fills that seat and adds none."""
    total = db.scalar(select(func.count()).select_from(TermMember)
                      .where(TermMember.term_id == session.term_id,
                             TermMember.replaces_id.is_(None))) or 0
    seated = db.scalar(select(func.count()).select_from(TermMember)
                       .where(TermMember.term_id == session.term_id,
                              _seated(utcnow().date()))) or 0
    return total, min(seated, total)


def is_seated(db: Session, session: MeetingSession, user_id: int) -> bool:
    return db.scalar(select(TermMember.id).where(
        TermMember.term_id == session.term_id, TermMember.user_id == user_id,
        _seated(utcnow().date()))) is not None


def seated_and_present(db: Session, session: MeetingSession, user_id: int,
                       sitting: Optional[Sitting]) -> tuple[bool, bool]:
    """Does the user hold a seat of the term today; is the user marked present for this
    sitting (for the whole session: no sittings)? One prebuilt statement (every ballot asks)."""
    values = {"term": session.term_id, "user": user_id, "today": utcnow().date(),
              "session": session.id}
    if sitting is not None:
        values["sitting"] = sitting.id
    row = db.execute(_entitlement(sitting is not None), values).one()
    return bool(row.seated), bool(row.present)


@functools.cache
def _entitlement(per_sitting: bool):
    """SELECT EXISTS(a seat today), EXISTS(marked present), with bound parameters: built and
    compiled once per shape, not once per ballot."""
    user = bindparam("user")
    seated = select(TermMember.id).where(
        TermMember.term_id == bindparam("term"), TermMember.user_id == user,
        _seated(bindparam("today"))).exists()
    present = select(AttendanceRecord.id).where(
        AttendanceRecord.session_id == bindparam("session"), AttendanceRecord.user_id == user,
        AttendanceRecord.sitting_id == bindparam("sitting") if per_sitting
        else AttendanceRecord.sitting_id.is_(None),
        AttendanceRecord.status == AttendanceStatus.PRESENT).exists()
    return select(seated.label("seated"), present.label("present"))


def present_ids(db: Session, session_id: int, sitting: Optional[Sitting]) -> set[int]:
    """The delegates marked present for this sitting (for the whole session: no sittings)."""
    where = AttendanceRecord.sitting_id == sitting.id if sitting is not None \
        else AttendanceRecord.sitting_id.is_(None)
    return set(db.scalars(select(AttendanceRecord.user_id).where(
        AttendanceRecord.session_id == session_id, where,
        AttendanceRecord.status == AttendanceStatus.PRESENT)))


def seated_delegate_ids(db: Session, session: MeetingSession) -> set[int]:
    """The delegates of the session who hold a seat of its term today."""
    return set(db.scalars(select(SessionRoleGrant.user_id).join(
        TermMember, (TermMember.user_id == SessionRoleGrant.user_id)
        & (TermMember.term_id == session.term_id)).where(
        SessionRoleGrant.session_id == session.id, SessionRoleGrant.role == SessionRole.DELEGATE,
        _seated(utcnow().date()))))


def delegate_ids(db: Session, session_id: int) -> set[int]:
    return set(db.scalars(select(SessionRoleGrant.user_id).where(
        SessionRoleGrant.session_id == session_id,
        SessionRoleGrant.role == SessionRole.DELEGATE)))


def attendance_key(sitting_id: Optional[int], user_id: int) -> str:
    return f"{sitting_id or 0}:{user_id}"


def attendance_dict(record: AttendanceRecord, full_name: str) -> dict[str, Any]:
    return {"sitting_id": record.sitting_id, "user_id": record.user_id, "full_name": full_name,
            "status": record.status.value, "reason": record.reason,
            "recorded_at": iso_utc(record.recorded_at),
            "by_self": record.recorded_by_id == record.user_id}


def sitting_dict(sitting: Sitting) -> dict[str, Any]:
    return {"id": sitting.id, "position": sitting.position, "title": sitting.title,
            "starts_at": iso_utc(sitting.starts_at), "ends_at": iso_utc(sitting.ends_at),
            "opened_at": iso_utc(sitting.opened_at), "closed_at": iso_utc(sitting.closed_at)}


def roster_dict(db: Session, session: MeetingSession) -> dict[str, Any]:
    """The delegates of the session with their seats, the totals, and the body's rules."""
    body = db.scalar(select(Body).join(Term, Term.body_id == Body.id)
                     .where(Term.id == session.term_id))
    total, seated = term_counts(db, session)
    seats = {user_id: left_on for user_id, left_on in db.execute(
        select(TermMember.user_id, TermMember.left_on).where(TermMember.term_id == session.term_id))}
    today = utcnow().date()
    delegates = []
    for grant, user in db.execute(
            select(SessionRoleGrant, User).join(User, User.id == SessionRoleGrant.user_id)
            .where(SessionRoleGrant.session_id == session.id,
                   SessionRoleGrant.role == SessionRole.DELEGATE).order_by(User.full_name)):
        seated_now = grant.user_id in seats and (seats[grant.user_id] is None
                                                 or seats[grant.user_id] > today)
        delegates.append({"user_id": user.id, "full_name": user.full_name,
                          "title": user.title or "", "seat": grant.seat, "seated": seated_now})
    return {"total_delegates": total, "seated_delegates": seated, "delegates": delegates,
            "quorum_needed": rules.quorum_needed(total),
            "rules": {"speech_limit_s": body.speech_limit_s,
                      "question_limit_s": body.question_limit_s,
                      "ballot_changeable": body.ballot_changeable,
                      "vote_needs_check_in": body.vote_needs_check_in,
                      "vote_labels": list(body.vote_labels)}}


def attendance_rows(db: Session, session_id: int) -> list[tuple[str, dict]]:
    return [(attendance_key(r.sitting_id, r.user_id), attendance_dict(r, name)) for r, name in
            db.execute(select(AttendanceRecord, User.full_name)
                       .join(User, User.id == AttendanceRecord.user_id)
                       .where(AttendanceRecord.session_id == session_id))]
