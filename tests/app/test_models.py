"""The domain model on both databases: nesting, versions, roles, constraints."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.db import make_engine, upgrade
from app.models import (
    AgendaItem, AgendaItemKind, Body, BodyKind, BodyLevel, Confidentiality, Document,
    DocumentKind, DocumentVersion, MeetingSession, SessionRole, SessionRoleGrant, StoredFile,
    Term, User,
)
from app.services.files import FileStore


@pytest.fixture
def db(db_url):
    upgrade(db_url)
    engine = make_engine(db_url)
    with Session(engine) as session:
        yield session
    engine.dispose()


def _session(db: Session) -> MeetingSession:
    body = Body(name="Hội đồng nhân dân xã Ea Kao", short_name="HĐND xã Ea Kao",
                kind=BodyKind.COUNCIL, level=BodyLevel.COMMUNE, place_name="Ea Kao",
                document_code="HĐND")
    term = Term(body=body, name="khóa I", starts_on=dt.date(2026, 3, 15))
    session = MeetingSession(term=term, title="Kỳ họp thứ Nhất",
                             starts_at=dt.datetime(2026, 12, 1, 7, 30, tzinfo=dt.timezone.utc))
    db.add(session)
    db.flush()
    return session


def test_body_gets_default_vote_labels_and_keeps_vietnamese_text(db):
    session = _session(db)
    db.commit()
    db.expire_all()
    body = db.scalars(select(Body)).one()
    assert body.vote_labels == ["Tán thành", "Không tán thành", "Không biểu quyết"]
    assert db.get(MeetingSession, session.id).term.body.short_name == "HĐND xã Ea Kao"


def test_agenda_items_nest_and_keep_their_order(db):
    session = _session(db)
    top = AgendaItem(session=session, position=2, label="2", title="Báo cáo của các cơ quan tư pháp",
                     kind=AgendaItemKind.REPORT)
    first = AgendaItem(session=session, position=1, label="1", title="Khai mạc",
                       kind=AgendaItemKind.PROCEDURE)
    for pos in (2, 1):
        AgendaItem(session=session, parent=top, position=pos, label=f"2.{pos}",
                   title=f"Báo cáo {pos}", kind=AgendaItemKind.REPORT)
    db.add_all([top, first])
    db.commit()
    db.expire_all()
    reloaded = db.get(MeetingSession, session.id)
    roots = [i for i in reloaded.agenda_items if i.parent_id is None]
    assert [i.label for i in roots] == ["1", "2"]
    assert [c.label for c in roots[1].children] == ["2.1", "2.2"]


def test_documents_are_versioned_and_content_addressed(db, tmp_path):
    session = _session(db)
    store = FileStore(tmp_path / "files")
    v1_path, v2_path = tmp_path / "v1.pdf", tmp_path / "v2.pdf"
    v1_path.write_bytes(b"%PDF-1.7 first")
    v2_path.write_bytes(b"%PDF-1.7 second")
    f1 = store.put_file(db, v1_path)
    again = store.put_file(db, v1_path)
    f2 = store.put_file(db, v2_path)
    assert f1 is again and f1.sha256 != f2.sha256
    assert store.path_for(f1.sha256).read_bytes() == b"%PDF-1.7 first"
    document = Document(session_id=session.id, title="Tờ trình dự toán", kind=DocumentKind.SUBMISSION,
                        confidentiality=Confidentiality.CONFIDENTIAL)
    document.versions = [DocumentVersion(version=1, file_sha256=f1.sha256, filename="v1.pdf"),
                         DocumentVersion(version=2, file_sha256=f2.sha256, filename="v2.pdf")]
    db.add(document)
    db.commit()
    db.expire_all()
    reloaded = db.get(Document, document.id)
    assert reloaded.current_version.file.sha256 == f2.sha256
    assert db.scalar(select(StoredFile).where(StoredFile.sha256 == f1.sha256)).size == 14
    db.add(DocumentVersion(document_id=document.id, version=2, file_sha256=f1.sha256, filename="x"))
    with pytest.raises(IntegrityError):
        db.flush()


def test_a_user_holds_each_role_once_per_session(db):
    session = _session(db)
    user = User(username="daibieu01", full_name="Y Biêr Niê", password_hash="x")
    db.add(user)
    db.flush()
    db.add_all([SessionRoleGrant(session_id=session.id, user_id=user.id, role=SessionRole.DELEGATE),
                SessionRoleGrant(session_id=session.id, user_id=user.id, role=SessionRole.CHAIR)])
    db.flush()
    db.add(SessionRoleGrant(session_id=session.id, user_id=user.id, role=SessionRole.CHAIR))
    with pytest.raises(IntegrityError):
        db.flush()


def test_deleting_a_session_removes_its_agenda(db):
    session = _session(db)
    db.add(AgendaItem(session=session, position=1, label="1", title="Khai mạc",
                      kind=AgendaItemKind.PROCEDURE))
    db.commit()
    db.delete(session)
    db.commit()
    assert db.scalars(select(AgendaItem)).all() == []
