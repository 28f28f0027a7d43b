"""Attendance and the speaker queue through the real server: check-in once per sitting, the
secretary's marks, sittings that end, the chair's queue with time limits, the audit log."""
from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import select, update

from app.models import AuditEvent, MeetingSession, SpeakerRequest, Sitting
from app.services.speakers import speaking_totals
from tests.sync.sitting_helpers import applied, refused, seat_delegates
from tests.sync.test_server_api import login


def _add_sittings(world) -> list[int]:
    with world.context.sessions() as db:
        session = db.get(MeetingSession, world.session_id)
        start = dt.datetime(2026, 12, 8, 7, 30, tzinfo=dt.timezone.utc)
        sittings = [Sitting(session_id=session.id, position=n, title=f"Phiên {n}",
                            starts_at=start + dt.timedelta(hours=4 * n)) for n in (1, 2)]
        db.add_all(sittings)
        db.commit()
        return [s.id for s in sittings]


def _entities(client, session_id, entity):
    snapshot = client.get(f"/sessions/{session_id}/snapshot").json()
    return {e["key"]: e["data"] for e in snapshot["entities"] if e["entity"] == entity}


def test_attendance_per_sitting_with_the_secretarys_marks_and_an_ended_sitting(world):
    first, second = _add_sittings(world)
    room = seat_delegates(world, 3)
    chair, secretary = login(world, "chair"), login(world, "secretary")
    checked = applied(room.change(room.delegates[0], "attendance.check_in"))
    assert (checked["sitting_id"], checked["status"], checked["by_self"]) == (first, "present", True)
    again = applied(room.change(room.delegates[0], "attendance.check_in"))  # a double tap
    assert again == checked
    events = room.delegates[0].get(f"/sessions/{room.session_id}/events").json()["events"]
    assert [e["kind"] for e in events if e["entity"] == "attendance"] == ["attendance.check_in"]
    assert refused(room.change(secretary, "attendance.set", user_id=room.user_ids[1],
                               status="excused")) == "reason_required"
    marked = applied(room.change(secretary, "attendance.set", user_id=room.user_ids[1],
                                 status="excused", reason="Đi công tác"))
    assert (marked["status"], marked["reason"], marked["by_self"]) == ("excused", "Đi công tác", False)
    assert refused(room.change(room.delegates[2], "attendance.set", user_id=room.user_ids[2],
                               status="present")) == "officers_only"
    with world.context.sessions() as db:
        from app.models import User

        secretary_id = db.scalar(select(User.id).where(User.username == "secretary"))
    assert refused(room.change(secretary, "attendance.set", user_id=secretary_id,
                               status="present")) == "not_a_delegate"
    assert refused(room.change(secretary, "attendance.check_in")) == "delegates_only"
    # the chair opens and closes the first sitting; its attendance is then kept as it was
    applied(room.change(chair, "sitting.open", sitting_id=first))
    closed = applied(room.change(chair, "sitting.close", sitting_id=first))
    assert closed["closed_at"] is not None
    assert refused(room.change(secretary, "attendance.set", sitting_id=first,
                               user_id=room.user_ids[2], status="present")) == "sitting_ended"
    assert refused(room.change(chair, "sitting.open", sitting_id=first)) == "sitting_ended"
    later = applied(room.change(room.delegates[2], "attendance.check_in"))
    assert later["sitting_id"] == second  # the next sitting not yet closed
    assert refused(room.change(room.delegates[2], "attendance.check_in",
                               sitting_id=999_999)) == "sitting_not_found"
    # the chair's screen: the roster with the totals, everyone's attendance, the sittings
    roster = _entities(chair, room.session_id, "roster")["delegates"]
    assert (roster["total_delegates"], roster["seated_delegates"]) == (3, 3)
    assert sorted(d["user_id"] for d in roster["delegates"]) == sorted(room.user_ids)
    assert roster["rules"]["speech_limit_s"] == 420 and roster["rules"]["vote_needs_check_in"]
    marks = _entities(chair, room.session_id, "attendance")
    assert {(v["user_id"], v["sitting_id"], v["status"]) for v in marks.values()} == {
        (room.user_ids[0], first, "present"), (room.user_ids[1], first, "excused"),
        (room.user_ids[2], second, "present")}
    sittings = _entities(room.delegates[0], room.session_id, "sitting")
    assert sittings[str(first)]["closed_at"] and sittings[str(second)]["opened_at"] is None
    assert _entities(login(world, "guest"), room.session_id, "attendance") == {}  # not for guests


def test_the_speaker_queue_with_time_limits_and_the_time_spoken(world):
    room = seat_delegates(world, 3)
    chair = login(world, "chair")
    keys = [str(uuid.uuid4()) for _ in range(3)]
    for index, (key, kind) in enumerate(zip(keys, ["speech", "question", "speech"])):
        made = applied(room.change(room.delegates[index], "speaker.request", uuid=key, kind=kind))
        assert made["position"] == index + 1 and made["status"] == "waiting"
    moved = applied(room.change(chair, "speaker.move", uuid=keys[2], position=0))
    assert moved["position"] == 1
    queue = _entities(chair, room.session_id, "speaker_request")
    assert [k for k, _v in sorted(queue.items(), key=lambda kv: kv[1]["position"])] == \
        [keys[2], keys[0], keys[1]]
    assert refused(room.change(room.delegates[0], "speaker.grant", uuid=keys[2])) == "chair_only"
    granted = applied(room.change(chair, "speaker.grant", uuid=keys[2]))
    assert granted["status"] == "speaking" and granted["time_limit_s"] == 420  # the body's
    assert granted["started_at"] is not None
    changed = applied(room.change(chair, "speaker.set_limit", uuid=keys[2], time_limit_s=600))
    assert changed["time_limit_s"] == 600
    with world.context.sessions() as db:  # two minutes have passed
        db.execute(update(SpeakerRequest).where(SpeakerRequest.uuid == keys[2]).values(
            started_at=dt.datetime.now(dt.timezone.utc) - dt.timedelta(seconds=120)))
        db.commit()
    question = applied(room.change(chair, "speaker.grant", uuid=keys[1]))  # the next one
    assert question["time_limit_s"] == 180  # question time has its own limit
    queue = _entities(chair, room.session_id, "speaker_request")
    assert queue[keys[2]]["status"] == "done" and 120 <= queue[keys[2]]["spoken_s"] <= 125
    assert refused(room.change(chair, "speaker.end", uuid=keys[2])) == "not_speaking"
    applied(room.change(chair, "speaker.end", uuid=keys[1]))
    removed = applied(room.change(chair, "speaker.remove", uuid=keys[0]))
    assert removed["status"] == "removed"
    assert refused(room.change(room.delegates[0], "speaker.withdraw", uuid=keys[0])) == "not_waiting"
    with world.context.sessions() as db:
        totals = speaking_totals(db, world.session_id)
        assert [(t["user_id"], t["seconds"] >= 120) for t in totals][0] == (room.user_ids[2], True)
        actions = [a for a, in db.execute(select(AuditEvent.action).where(
            AuditEvent.session_id == world.session_id).order_by(AuditEvent.seq))]
    assert actions == ["speaker.requested"] * 3 + [
        "speaker.moved", "speaker.granted", "speaker.limit", "speaker.ended", "speaker.granted",
        "speaker.ended", "speaker.removed"]


def test_every_action_of_a_vote_is_in_the_audit_log_with_who_and_when(world):
    from app.models import User

    room = seat_delegates(world, 2)
    room.check_in_all()
    vote_id = room.create(title="Biểu quyết")
    room.open(vote_id)
    applied(room.cast(0, vote_id, option="no"))
    room.close(vote_id)
    with world.context.sessions() as db:
        names = dict(db.execute(select(User.id, User.username)).all())
        rows = db.execute(select(AuditEvent.action, AuditEvent.actor_id, AuditEvent.created_at,
                                 AuditEvent.payload)
                          .where(AuditEvent.session_id == world.session_id)
                          .order_by(AuditEvent.seq)).all()
    trail = [(action, names.get(actor)) for action, actor, _at, _p in rows]
    assert trail == [("attendance.recorded", "delegate"), ("attendance.recorded", "db000"),
                     ("vote.created", "secretary"), ("vote.opened", "chair"),
                     ("ballot.cast", "delegate"), ("vote.closed", "chair")]
    assert all(at is not None for _a, _b, at, _p in rows)
    assert rows[4][3] == {"vote_id": vote_id, "changed": False, "option": "no"}  # an open vote
    assert rows[5][3]["result"]["counts"][1]["count"] == 1
