"""Attendance (điểm danh) and sittings opened and closed: the changes. What is read (seats,
presence, totals, the entities) is in `sitting_views.py`."""
from __future__ import annotations

from typing import Optional

from sqlalchemy import select

from app import protocol as p
from app.models import AttendanceRecord, AttendanceStatus, Sitting, User
from app.models.base import utcnow
from app.protocol import mutations as m
from app.services.mutations import MutationContext, Rejected, handler
from app.services.sitting_views import (
    attendance_dict, attendance_key, attendance_sitting, delegate_ids, sitting_dict,
)


# ---- changing --------------------------------------------------------------------------------

def _sitting(ctx: MutationContext, sitting_id: Optional[int]) -> Optional[Sitting]:
    if sitting_id is None:
        sitting = attendance_sitting(ctx.db, ctx.session.id)
        if sitting is None and ctx.db.scalar(select(Sitting.id).where(
                Sitting.session_id == ctx.session.id)) is not None:
            raise Rejected("sitting_ended", "every sitting of this session has ended")
        return sitting
    sitting = ctx.db.get(Sitting, sitting_id)
    if sitting is None or sitting.session_id != ctx.session.id:
        raise Rejected("sitting_not_found", "no such sitting in this session")
    return sitting


def _record(ctx: MutationContext, sitting: Optional[Sitting], user_id: int,
            status: AttendanceStatus, reason: str) -> dict:
    if sitting is not None and sitting.closed_at is not None:
        raise Rejected("sitting_ended", "this sitting has ended: its attendance is kept as it was")
    sitting_id = sitting.id if sitting is not None else None
    record = ctx.db.scalar(select(AttendanceRecord).where(
        AttendanceRecord.session_id == ctx.session.id, AttendanceRecord.user_id == user_id,
        AttendanceRecord.sitting_id == sitting_id if sitting_id is not None
        else AttendanceRecord.sitting_id.is_(None)))
    if record is not None and record.status is status and record.reason == reason:
        return attendance_dict(record, ctx.db.get(User, user_id).full_name)  # no change
    if record is None:
        record = AttendanceRecord(session_id=ctx.session.id, sitting_id=sitting_id, user_id=user_id)
        ctx.db.add(record)
    record.status, record.reason = status, reason
    record.recorded_at, record.recorded_by_id = utcnow(), ctx.user.id
    ctx.db.flush()
    state = attendance_dict(record, ctx.db.get(User, user_id).full_name)
    ctx.emit("attendance." + ("check_in" if user_id == ctx.user.id else "set"), p.ENTITY_ATTENDANCE,
             attendance_key(sitting_id, user_id), "upsert", state, p.AUDIENCE_MEMBERS)
    ctx.audit("attendance.recorded", {"sitting_id": sitting_id, "user_id": user_id,
                                      "status": status.value, "reason": reason})
    return state


@handler(m.AttendanceCheckIn)
def check_in(ctx: MutationContext, args: m.AttendanceCheckIn) -> dict:
    return _record(ctx, _sitting(ctx, args.sitting_id), ctx.user.id, AttendanceStatus.PRESENT, "")


@handler(m.AttendanceSet)
def set_attendance(ctx: MutationContext, args: m.AttendanceSet) -> dict:
    if args.user_id not in delegate_ids(ctx.db, ctx.session.id):
        raise Rejected("not_a_delegate", "this person is not a delegate of the session")
    status = AttendanceStatus(args.status)
    reason = args.reason.strip()
    if status is AttendanceStatus.EXCUSED and not reason:
        raise Rejected("reason_required", "an excused absence needs its reason")
    return _record(ctx, _sitting(ctx, args.sitting_id), args.user_id, status,
                   reason if status is AttendanceStatus.EXCUSED else "")


def _change_sitting(ctx: MutationContext, sitting_id: int, opening: bool) -> dict:
    sitting = _sitting(ctx, sitting_id)
    if sitting.closed_at is not None:
        raise Rejected("sitting_ended", "this sitting has ended")
    if opening:
        sitting.opened_at = sitting.opened_at or utcnow()
    else:
        sitting.opened_at = sitting.opened_at or utcnow()
        sitting.closed_at = utcnow()
    ctx.db.flush()
    state = sitting_dict(sitting)
    ctx.emit("sitting." + ("open" if opening else "close"), p.ENTITY_SITTING, sitting.id,
             "upsert", state, p.AUDIENCE_ALL)
    ctx.audit("sitting.opened" if opening else "sitting.closed", {"sitting_id": sitting.id})
    return state


@handler(m.SittingOpen)
def open_sitting(ctx: MutationContext, args: m.SittingOpen) -> dict:
    return _change_sitting(ctx, args.sitting_id, opening=True)


@handler(m.SittingClose)
def close_sitting(ctx: MutationContext, args: m.SittingClose) -> dict:
    return _change_sitting(ctx, args.sitting_id, opening=False)
