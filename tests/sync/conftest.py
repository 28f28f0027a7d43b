"""A small, hand-made world for API tests, served by a real uvicorn on a free port,
on SQLite and on PostgreSQL."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pymupdf
import pytest

from app.config import PasswordPolicy, Settings
from app.db import upgrade
from app.models import (
    AgendaItem, AgendaItemKind, Body, BodyKind, BodyLevel, Confidentiality, Document,
    DocumentKind, DocumentVersion, MeetingSession, SessionRole, SessionRoleGrant, SessionStatus,
    Term, TermMember,
)
from app.services.users import create_user
from sync.server.context import ServerContext
from sync.server.runner import BackgroundServer

PASSWORD = "mat-khau-8"


@dataclass
class World:
    url: str
    context: ServerContext
    session_id: int = 0
    draft_session_id: int = 0
    docs: dict[str, dict] = field(default_factory=dict)  # confidentiality -> {"id", "sha256"}


def _pdf(path: Path, text: str) -> Path:
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), text)
    doc.save(path)
    return path


def build_world(context: ServerContext, tmp_path: Path) -> World:
    world = World(url="", context=context)
    with context.sessions() as db:
        users = {}
        for name, admin in (("delegate", False), ("chair", False), ("secretary", False),
                            ("guest", False), ("outsider", False), ("admin", True)):
            users[name] = create_user(db, context.passwords, name, PASSWORD, f"Người dùng {name}",
                                      is_admin=admin)
        body = Body(name="Hội đồng nhân dân tỉnh Đắk Lắk", short_name="HĐND tỉnh Đắk Lắk",
                    kind=BodyKind.COUNCIL, level=BodyLevel.PROVINCE, place_name="Đắk Lắk",
                    document_code="HĐND")
        term = Term(body=body, name="khóa XI", starts_on=dt.date(2026, 3, 15))
        start = dt.datetime(2026, 12, 8, 7, 30, tzinfo=dt.timezone.utc)
        published = MeetingSession(term=term, title="Kỳ họp thứ Tư", status=SessionStatus.PUBLISHED,
                                   starts_at=start, location="Hội trường")
        draft = MeetingSession(term=term, title="Kỳ họp chuyên đề (dự thảo)",
                               status=SessionStatus.DRAFT, starts_at=start)
        db.add_all([published, draft])
        db.add(TermMember(term=term, user=users["delegate"]))  # the delegate holds a seat
        db.flush()
        for session in (published, draft):
            for name, role in (("delegate", SessionRole.DELEGATE), ("chair", SessionRole.CHAIR),
                               ("secretary", SessionRole.SECRETARY), ("guest", SessionRole.GUEST)):
                db.add(SessionRoleGrant(session_id=session.id, user_id=users[name].id, role=role))
        parent = AgendaItem(session=published, position=1, label="1", title="Báo cáo",
                            kind=AgendaItemKind.REPORT)
        child = AgendaItem(session=published, parent=parent, position=1, label="1.1",
                           title="Báo cáo kinh tế - xã hội", kind=AgendaItemKind.REPORT)
        db.add_all([parent, child])
        db.flush()
        for position, level in enumerate(Confidentiality, start=1):
            stored = context.files.put_file(db, _pdf(tmp_path / f"{level.value}.pdf", level.value))
            document = Document(session_id=published.id, agenda_item_id=child.id, position=position,
                                title=f"Tài liệu {level.value}", kind=DocumentKind.REPORT,
                                confidentiality=level)
            document.versions.append(DocumentVersion(version=1, file_sha256=stored.sha256,
                                                      filename=f"{level.value}.pdf", page_count=1))
            db.add(document)
            db.flush()
            world.docs[level.value] = {"id": document.id, "sha256": stored.sha256}
        db.commit()
        world.session_id, world.draft_session_id = published.id, draft.id
    return world


@pytest.fixture
def world(db_url, tmp_path):
    upgrade(db_url)
    settings = Settings(database_url=db_url, data_dir=tmp_path / "data",
                        password_policy=PasswordPolicy.fast_for_tests(),
                        login_attempts_per_minute=5,
                        live_check_s=0.25)  # the hub's periodic check, shortened for tests
    context = ServerContext.from_settings(settings)
    world = build_world(context, tmp_path)
    with BackgroundServer(context) as server:
        world.url = server.url
        yield world
    context.engine.dispose()
