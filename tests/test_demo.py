"""The demo data: a realistic HĐND tỉnh Đắk Lắk, created by `phonghop demo --seed-only`."""
from __future__ import annotations

import subprocess
import sys

import pymupdf
from sqlalchemy import func, select

from app.config import Settings, sqlite_url
from app.models import (
    AttendanceRecord, AttendanceStatus, Document, DocumentVersion, MeetingSession, SessionRole,
    SessionRoleGrant, SessionStatus, TermMember, Vote,
)
from sync.server.context import ServerContext


def _context(data_dir):
    return ServerContext.from_settings(Settings(database_url=sqlite_url(data_dir / "phonghop.db"),
                                                data_dir=data_dir))


def test_seed_only_creates_the_database_once(tmp_path):
    data_dir = tmp_path / "fresh"
    command = [sys.executable, "-m", "phonghop", "demo", "--data-dir", str(data_dir), "--seed-only"]
    first = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    assert (data_dir / "phonghop.db").is_file()
    second = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert second.returncode == 0 and "Đang tạo dữ liệu mẫu" not in second.stderr
    context = _context(data_dir)
    with context.sessions() as db:
        assert db.scalar(select(func.count(MeetingSession.id))) == 2  # not seeded twice
    context.engine.dispose()


def test_the_demo_is_a_realistic_council(demo_template):
    context = _context(demo_template)
    with context.sessions() as db:
        sessions = {s.status: s for s in db.scalars(select(MeetingSession))}
        upcoming, earlier = sessions[SessionStatus.PUBLISHED], sessions[SessionStatus.CLOSED]
        assert upcoming.title.startswith("Kỳ họp thứ") and upcoming.term.body.name == \
            "Hội đồng nhân dân tỉnh Đắk Lắk"
        top_level = [i for i in upcoming.agenda_items if i.parent_id is None]
        assert 10 <= len(top_level) <= 14
        kinds = {i.kind.value for i in upcoming.agenda_items}
        assert {"report", "draft_resolution", "question_time", "procedure"} <= kinds
        assert any(i.children for i in top_level)  # nested items
        assert top_level[0].documents, "the first agenda item has documents"

        assert db.scalar(select(func.count(TermMember.id))) >= 40
        roles = set(db.scalars(select(SessionRoleGrant.role).where(
            SessionRoleGrant.session_id == upcoming.id)))
        assert {SessionRole.CHAIR, SessionRole.SECRETARY, SessionRole.CLERK, SessionRole.DELEGATE} <= roles

        versions = db.scalars(select(DocumentVersion)).all()
        assert len(versions) >= 20
        pages = sorted(v.page_count for v in versions)
        assert pages[-1] <= 300 and sum(50 <= p <= 300 for p in pages) >= 4
        assert db.scalar(select(func.count(Document.id)).where(
            Document.confidentiality == "confidential")) >= 1
        for version in versions[:3] + versions[-3:]:
            with pymupdf.open(context.files.path_for(version.file_sha256)) as pdf:
                assert pdf.page_count == version.page_count
                assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in pdf[0].get_text()

        attendance = db.scalars(select(AttendanceRecord.status).where(
            AttendanceRecord.session_id == earlier.id)).all()
        assert attendance.count(AttendanceStatus.PRESENT) == 48 and len(attendance) == 52
        votes = db.scalars(select(Vote).where(Vote.session_id == earlier.id)).all()
        assert len(votes) >= 3 and all(v.passed is not None for v in votes)
        assert votes[0].announcement.startswith("Có 48/52 đại biểu tham gia biểu quyết (chiếm 92,31%")
    context.engine.dispose()
