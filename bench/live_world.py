"""The world the sync benchmarks run in: one council session with 500 delegates and a chair
(the live fan-out, the votes: every delegate seated and checked in), and a second session whose
log already holds 10,000 events (the catch-up).

Passwords are hashed with the test policy so that 501 accounts take a second, not two minutes;
the server verifies each hash with the parameters stored in it, so logins are cheap too."""
from __future__ import annotations

import datetime as dt
import os
import uuid
from dataclasses import dataclass, field

from sqlalchemy import insert, update
from sqlalchemy.orm import Session

from app.config import PasswordPolicy
from app.db import make_engine, upgrade
from app.models import (
    AgendaItem, AgendaItemKind, AttendanceRecord, AttendanceStatus, Body, BodyKind, BodyLevel,
    MeetingSession, SessionCursor, SessionRole, SessionRoleGrant, SessionStatus, SyncEvent, Term,
    TermMember,
)
from app.services import events
from app.services.passwords import Passwords
from app.services.users import create_user
from app import protocol as p

PASSWORD = "bench-mat-khau"
AGENDA_ITEMS = 12


@dataclass
class LiveWorld:
    url: str
    live_session_id: int = 0
    catchup_session_id: int = 0
    agenda_item_ids: list[int] = field(default_factory=list)
    delegates: list[str] = field(default_factory=list)  # user names
    chair: str = "chu-toa"
    catchup_events: int = 0


def build(url: str, delegates: int, catchup_events: int) -> LiveWorld:
    """Create the schema and the world in the (empty) database at `url`."""
    upgrade(url)
    world = LiveWorld(url=url)
    engine = make_engine(url)
    passwords = Passwords(PasswordPolicy.fast_for_tests())
    try:
        with Session(engine) as db:
            users = [create_user(db, passwords, f"dai-bieu-{i:03d}", PASSWORD,
                                 f"Đại biểu số {i:03d}") for i in range(1, delegates + 1)]
            chair = create_user(db, passwords, world.chair, PASSWORD, "Chủ tọa kỳ họp")
            world.delegates = [u.username for u in users]
            body = Body(name="Hội đồng nhân dân tỉnh Đắk Lắk", short_name="HĐND tỉnh Đắk Lắk",
                        kind=BodyKind.COUNCIL, level=BodyLevel.PROVINCE, place_name="Đắk Lắk",
                        document_code="HĐND")
            term = Term(body=body, name="khóa XI", starts_on=dt.date(2026, 3, 15))
            start = dt.datetime(2026, 12, 8, 7, 30, tzinfo=dt.timezone.utc)
            live = MeetingSession(term=term, title="Kỳ họp thứ Tư (đo hiệu năng)",
                                  status=SessionStatus.PUBLISHED, starts_at=start,
                                  location="Hội trường")
            catchup = MeetingSession(term=term, title="Kỳ họp thứ Năm (đo đồng bộ lại)",
                                     status=SessionStatus.PUBLISHED, starts_at=start,
                                     location="Hội trường")
            db.add_all([live, catchup])
            db.flush()
            for session in (live, catchup):
                db.add(SessionRoleGrant(session_id=session.id, user_id=chair.id,
                                        role=SessionRole.CHAIR))
                db.add_all(SessionRoleGrant(session_id=session.id, user_id=u.id,
                                            role=SessionRole.DELEGATE, seat=str(n))
                           for n, u in enumerate(users, start=1))
            # every delegate holds a seat of the term and has checked in to the live session
            db.add_all(TermMember(term=term, user_id=u.id) for u in users)
            db.add_all(AttendanceRecord(session_id=live.id, user_id=u.id,
                                        status=AttendanceStatus.PRESENT, recorded_by_id=u.id)
                       for u in users)
            items = [AgendaItem(session=live, position=n, label=str(n),
                                title=f"Tờ trình số {n} về dự toán ngân sách địa phương",
                                kind=AgendaItemKind.REPORT) for n in range(1, AGENDA_ITEMS + 1)]
            db.add_all(items)
            db.flush()
            world.agenda_item_ids = [i.id for i in items]
            world.live_session_id, world.catchup_session_id = live.id, catchup.id
            world.catchup_events = _fill_log(db, catchup.id, [u.id for u in users], catchup_events)
            db.commit()
        _settle(engine)
    finally:
        engine.dispose()
    return world


def _settle(engine) -> None:
    """Write the set-up's bulk load out before anything is timed: a server's steady state,
    not the first durable commit paying to flush megabytes of set-up (SQLite's WAL is
    checkpointed into the database, and the system's dirty pages are written)."""
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    os.sync()


def _fill_log(db: Session, session_id: int, user_ids: list[int], count: int) -> int:
    """`count` events shaped like the real ones (shared ink, private notes, speaker requests,
    the chair's live state), inserted in one statement; the session's cursor follows."""
    now = dt.datetime.now(dt.timezone.utc)
    rows = []
    for seq in range(1, count + 1):
        owner = user_ids[seq % len(user_ids)]
        kind, entity, key, data, audience = _event_shape(seq, owner, now)
        rows.append({"session_id": session_id, "seq": seq, "kind": kind, "entity": entity,
                     "entity_key": key, "op": "upsert", "data": data, "audience": audience,
                     "client_id": f"tablet-{owner:06d}", "mutation_id": seq, "created_at": now})
    if rows:
        db.execute(insert(SyncEvent), rows)
        db.execute(insert(SessionCursor).values(session_id=session_id, last_seq=0))
        db.execute(update(SessionCursor).where(SessionCursor.session_id == session_id)
                   .values(last_seq=count))
    assert events.last_seq(db, session_id) == count
    return count


def _event_shape(seq: int, owner: int, now: dt.datetime) -> tuple[str, str, str, dict, str]:
    key = str(uuid.UUID(int=seq))
    mix = seq % 10
    if mix < 4:  # a shared ink stroke: the largest events
        points = [[round(0.1 + 0.003 * k, 4), round(0.2 + 0.002 * k, 4)] for k in range(24)]
        data = {"uuid": key, "user_id": owner, "document_id": 1, "version": 1,
                "page_index": seq % 40, "kind": "ink", "data": {"points": points, "width": 2},
                "text": "", "shared": True, "updated_at": now.isoformat()}
        return "annotation.put", p.ENTITY_ANNOTATION, key, data, p.AUDIENCE_MEMBERS
    if mix < 6:  # a private note of some delegate: hidden from everyone else
        data = {"uuid": key, "agenda_item_id": None,
                "text": "Cần hỏi thêm về tiến độ giải ngân vốn đầu tư công", "updated_at":
                now.isoformat()}
        return "note.put", p.ENTITY_NOTE, key, data, p.user_audience(owner)
    if mix < 8:  # a request to speak
        data = {"uuid": key, "user_id": owner, "full_name": f"Đại biểu số {owner:03d}",
                "agenda_item_id": None, "kind": "speak", "status": "pending",
                "topic": "Chất vấn về giá đất", "requested_at": now.isoformat()}
        return "speaker.requested", p.ENTITY_SPEAKER, key, data, p.AUDIENCE_ALL
    data = {"current_agenda_item_id": seq % AGENDA_ITEMS + 1, "presenter": None}
    return "live.current_item", p.ENTITY_LIVE, p.LIVE_KEY, data, p.AUDIENCE_ALL
