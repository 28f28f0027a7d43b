"""Seed a realistic demo into an empty database (HĐND tỉnh Đắk Lắk, khóa XI)."""
from __future__ import annotations

import datetime as dt
import random
import tempfile
from pathlib import Path
from typing import Callable, Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.demo.people import CONSTITUENCIES, delegate_names
from app.demo.program import EARLIER, EARLIER_RESULTS, UPCOMING, DocDef, ItemDef
from app.models import (
    AgendaItem, AgendaItemKind, AttendanceRecord, AttendanceStatus, Ballot, Body, BodyKind,
    BodyLevel, Confidentiality, Document, DocumentKind, DocumentVersion, MeetingSession,
    SessionRole, SessionRoleGrant, SessionStatus, Sitting, Term, TermMember, ThresholdRule, User,
    Vote, VoteOption, VoteParticipation, VoteStatus, VoteType,
)
from app.models.voting import PublishedTracker
from app.services import ballot_box, tally
from app.services.audit import record_event
from app.services.files import FileStore
from app.services.passwords import Passwords

DEMO_PASSWORD = "phonghop-demo"
# The demo user each role logs in as.
DEMO_USERS = {"delegate": "daibieu02", "chair": "chutoa", "secretary": "thuky",
              "clerk": "vanthu", "guest": "khachmoi", "admin": "admin"}
VN = dt.timezone(dt.timedelta(hours=7))
Progress = Callable[[str, int, int], None]


def is_seeded(db: Session) -> bool:
    return (db.scalar(select(func.count(Body.id))) or 0) > 0


def seed_demo(db: Session, files: FileStore, passwords: Passwords,
              progress: Progress | None = None) -> None:
    """Create the demo in `db` (which must be empty); the caller commits."""
    from app.demo.pdf.build import DemoDocSpec, build_demo_pdf

    report = progress or (lambda _step, _done, _total: None)
    body = Body(name="Hội đồng nhân dân tỉnh Đắk Lắk", short_name="HĐND tỉnh Đắk Lắk",
                kind=BodyKind.COUNCIL, level=BodyLevel.PROVINCE, place_name="Đắk Lắk",
                document_code="HĐND")
    term = Term(body=body, name="khóa XI", starts_on=dt.date(2026, 3, 15),
                ends_on=dt.date(2031, 3, 14))
    db.add_all([body, term])
    # One hash for every demo account: they share the published demo password.
    password_hash = passwords.hash(DEMO_PASSWORD)
    delegates = _delegates(db, term, password_hash)
    staff = _staff(db, password_hash)

    upcoming = MeetingSession(term=term, number=4, title="Kỳ họp thứ Tư (kỳ họp thường lệ cuối năm 2026)",
                              status=SessionStatus.PUBLISHED, location=_HALL,
                              starts_at=dt.datetime(2026, 12, 8, 7, 30, tzinfo=VN),
                              ends_at=dt.datetime(2026, 12, 10, 17, 0, tzinfo=VN))
    earlier = MeetingSession(term=term, number=3, title="Kỳ họp thứ Ba (kỳ họp chuyên đề)",
                             status=SessionStatus.CLOSED, location=_HALL,
                             starts_at=dt.datetime(2026, 9, 25, 7, 30, tzinfo=VN),
                             ends_at=dt.datetime(2026, 9, 25, 11, 30, tzinfo=VN))
    db.add_all([upcoming, earlier])
    for day in range(3):
        for half, (h, label) in enumerate(((7, "sáng"), (13, "chiều"))):
            start = dt.datetime(2026, 12, 8 + day, h, 30, tzinfo=VN)
            upcoming.sittings.append(Sitting(position=day * 2 + half + 1, starts_at=start,
                                             title=f"Phiên {label} ngày {start:%d/%m/%Y}"))
    earlier.sittings.append(Sitting(position=1, title="Phiên họp ngày 25/09/2026",
                                    starts_at=earlier.starts_at, ends_at=earlier.ends_at))
    for session in (upcoming, earlier):
        _grant_roles(session, delegates, staff)
    db.flush()

    all_docs = list(_walk_documents(UPCOMING)) + list(_walk_documents(EARLIER))
    built: dict[str, tuple[str, int]] = {}
    with tempfile.TemporaryDirectory(prefix="phonghop-demo-") as tmp:
        for index, doc in enumerate(all_docs):
            report("documents", index, len(all_docs))
            path = Path(tmp) / f"{doc.key}.pdf"
            pages = build_demo_pdf(DemoDocSpec(
                key=doc.key, kind=doc.kind, title=doc.title, issuer=doc.issuer,
                number=doc.number, place_date=_place_date(doc), pages=doc.pages,
                confidential=doc.confidentiality == "confidential", seed=index + 1), path)
            built[doc.key] = (files.put_file(db, path).sha256, pages)
        report("documents", len(all_docs), len(all_docs))
    _add_agenda(db, upcoming, UPCOMING, built, staff["thuky"])
    items = _add_agenda(db, earlier, EARLIER, built, staff["thuky"])
    db.flush()
    _record_earlier_results(db, earlier, items, delegates, body)
    record_event(db, "demo.seeded", actor_id=staff["admin"].id,
                 payload={"sessions": [upcoming.id, earlier.id], "documents": len(all_docs)})
    db.flush()


_HALL = "Hội trường Trung tâm Hội nghị tỉnh, phường Buôn Ma Thuột, tỉnh Đắk Lắk"


def _place_date(doc: DocDef) -> str:
    day = 10 + sum(map(ord, doc.key)) % 18
    month = 9 if doc.kind == "resolution" else 11
    return f"Đắk Lắk, ngày {day:02d} tháng {month:02d} năm 2026"


def _delegates(db: Session, term: Term, password_hash: str) -> list[User]:
    users = []
    for index, (name, title) in enumerate(delegate_names(52)):
        username = "chutoa" if index == 0 else f"daibieu{index + 1:02d}"
        user = User(username=username, full_name=name, title=title, password_hash=password_hash)
        term.members.append(TermMember(user=user, position=title,
                                       constituency=CONSTITUENCIES[index % len(CONSTITUENCIES)],
                                       seated_on=term.starts_on))
        users.append(user)
    db.add_all(users)
    return users


def _staff(db: Session, password_hash: str) -> dict[str, User]:
    people = {
        "thuky": ("Trần Thị Minh Thư", "Chánh Văn phòng Đoàn ĐBQH và HĐND tỉnh", False),
        "vanthu": ("Lê Thị Hồng Nhung", "Văn thư, lưu trữ Văn phòng HĐND tỉnh", False),
        "khachmoi": ("Phạm Quốc Bảo", "Phóng viên Báo Đắk Lắk", False),
        "admin": ("Quản trị hệ thống", "Trung tâm Chuyển đổi số tỉnh", True),
    }
    staff = {u: User(username=u, full_name=n, title=t, password_hash=password_hash, is_admin=a)
             for u, (n, t, a) in people.items()}
    db.add_all(staff.values())
    return staff


def _grant_roles(session: MeetingSession, delegates: list[User], staff: dict[str, User]) -> None:
    for seat, user in enumerate(delegates, start=1):
        session.role_grants.append(SessionRoleGrant(user=user, role=SessionRole.DELEGATE,
                                                    seat=f"{seat:02d}"))
    session.role_grants.append(SessionRoleGrant(user=delegates[0], role=SessionRole.CHAIR))
    for username, role in (("thuky", SessionRole.SECRETARY), ("vanthu", SessionRole.CLERK),
                           ("khachmoi", SessionRole.GUEST)):
        session.role_grants.append(SessionRoleGrant(user=staff[username], role=role))


def _walk(items: Iterable[ItemDef]) -> Iterable[ItemDef]:
    for item in items:
        yield item
        yield from _walk(item.children)


def _walk_documents(items: Iterable[ItemDef]) -> Iterable[DocDef]:
    for item in _walk(items):
        yield from item.documents


def _add_agenda(db: Session, session: MeetingSession, defs: Iterable[ItemDef],
                built: dict[str, tuple[str, int]], uploader: User,
                parent: AgendaItem | None = None) -> dict[str, AgendaItem]:
    items: dict[str, AgendaItem] = {}
    for position, definition in enumerate(defs, start=1):
        item = AgendaItem(session=session, parent=parent, position=position,
                          label=definition.label, title=definition.title,
                          kind=AgendaItemKind(definition.kind), presenter=definition.presenter,
                          planned_minutes=definition.minutes,
                          threshold_rule=ThresholdRule(definition.threshold)
                          if definition.threshold else None)
        db.add(item)
        items[definition.label] = item
        for doc_position, doc in enumerate(definition.documents, start=1):
            sha, pages = built[doc.key]
            document = Document(session_id=session.id, agenda_item=item, position=doc_position,
                                title=doc.title, number=doc.number, kind=DocumentKind(doc.kind),
                                confidentiality=Confidentiality(doc.confidentiality))
            document.versions.append(DocumentVersion(version=1, file_sha256=sha,
                                                      filename=f"{doc.key}.pdf", page_count=pages,
                                                      uploaded_by_id=uploader.id))
            db.add(document)
        items.update(_add_agenda(db, session, definition.children, built, uploader, item))
    return items


def _record_earlier_results(db: Session, session: MeetingSession, items: dict[str, AgendaItem],
                            delegates: list[User], body: Body) -> None:
    total = len(delegates)
    excused = {delegates[i].id for i in (7, 19, 33)}  # vắng có lý do
    absent = {delegates[44].id}
    sitting = session.sittings[0]
    present = []
    for user in delegates:
        status = (AttendanceStatus.EXCUSED if user.id in excused else
                  AttendanceStatus.ABSENT if user.id in absent else AttendanceStatus.PRESENT)
        db.add(AttendanceRecord(session_id=session.id, sitting_id=sitting.id, user_id=user.id,
                                status=status, reason="Đi công tác" if status is
                                AttendanceStatus.EXCUSED else "", recorded_at=session.starts_at))
        if status is AttendanceStatus.PRESENT:
            present.append(user)
    labels = tuple(body.vote_labels)
    for label, (yes, no, abstain) in EARLIER_RESULTS.items():
        item = items[label]
        rule = item.threshold_rule or ThresholdRule.MORE_THAN_HALF_TOTAL
        vote_type = VoteType.SECRET if item.kind is AgendaItemKind.ELECTION else VoteType.OPEN
        vote = Vote(session_id=session.id, agenda_item_id=item.id,
                    title=f"Biểu quyết: {item.title}", vote_type=vote_type, threshold_rule=rule,
                    status=VoteStatus.OPEN, eligible_count=total, seated_count=total,
                    present_count=len(present), opened_at=session.starts_at)
        vote.options = [VoteOption(position=i, key=k, label=labels[i], is_approval=(k == "yes"))
                        for i, k in enumerate(("yes", "no", "abstain"))]
        db.add(vote)
        db.flush()
        _record_ballots(db, vote, present, [("yes", yes), ("no", no), ("abstain", abstain)],
                        session.starts_at)


def _record_ballots(db: Session, vote: Vote, present: list[User],
                    counts: list[tuple[str, int]], moment: dt.datetime) -> None:
    """The ballots of an earlier vote, stored as the server stores them at a close: a secret
    vote's ballots with no voter, in a random order with random ids, its codes published."""
    choices = [key for key, count in counts for _ in range(count)]
    voters = present[:len(choices)]
    secret = vote.vote_type.is_secret
    options = {o.key: o.id for o in vote.options}
    trackers = []
    for voter in voters:
        tracker = ballot_box.new_tracker() if secret else None
        trackers.append(tracker)
        db.add(VoteParticipation(vote_id=vote.id, user_id=voter.id, tracker=tracker))
    if secret:
        random.SystemRandom().shuffle(choices)
        for key in choices:
            db.add(Ballot(id=ballot_box.random_id(), vote_id=vote.id, option_id=options[key]))
        db.add_all(PublishedTracker(vote_id=vote.id, tracker=t) for t in sorted(trackers))
    else:
        for voter, key in zip(voters, choices):
            db.add(Ballot(vote_id=vote.id, option_id=options[key], voter_id=voter.id,
                          cast_at=moment))
    result = tally.result_of(vote, [{"o": key} for key in choices], len(voters))
    if secret:
        result["trackers"] = sorted(trackers)
    vote.status, vote.closed_at = VoteStatus.CLOSED, moment
    vote.passed, vote.announcement, vote.result = result["passed"], result["sentence"], result
