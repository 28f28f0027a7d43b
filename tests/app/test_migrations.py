"""The schema comes from Alembic migrations, identical to the model, on SQLite and PostgreSQL."""
from __future__ import annotations

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.exc import DBAPIError

from app.db import alembic_config, current_revision, head_revision, make_engine, upgrade
from app.models import Base
from app.services.audit import record_event


def test_upgrade_creates_every_table_of_the_model(db_url):
    upgrade(db_url)
    engine = make_engine(db_url)
    try:
        tables = set(inspect(engine).get_table_names())
        assert set(Base.metadata.tables) <= tables
        assert "alembic_version" in tables
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()


def test_migrations_match_the_model_exactly(db_url):
    """A model change without a migration (or the reverse) fails here."""
    upgrade(db_url)
    engine = make_engine(db_url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            diff = compare_metadata(context, Base.metadata)
        assert diff == []
    finally:
        engine.dispose()


def test_downgrade_to_base_removes_everything(db_url):
    upgrade(db_url)
    command.downgrade(alembic_config(db_url), "base")
    engine = make_engine(db_url)
    try:
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    finally:
        engine.dispose()


def test_audit_events_are_append_only_in_the_database(db_url):
    upgrade(db_url)
    engine = make_engine(db_url)
    from sqlalchemy.orm import Session

    try:
        with Session(engine) as db:
            record_event(db, "test.event", payload={"n": 1})
            db.commit()
        for statement in ("UPDATE audit_events SET action = 'forged'", "DELETE FROM audit_events"):
            with engine.connect() as conn:
                with pytest.raises(DBAPIError, match="append-only"):
                    conn.execute(text(statement))
        with engine.connect() as conn:
            assert conn.execute(text("SELECT action FROM audit_events")).scalars().all() == ["test.event"]
    finally:
        engine.dispose()


def test_two_open_votes_left_by_the_old_race_stop_the_upgrade_with_a_clear_message(db_url):
    """Revision 0005 makes "one open vote per session" an index. A database where the race it
    closes left two open votes is not upgraded half-way: one clear line says what to do."""
    import datetime as dt

    from sqlalchemy.orm import Session

    from app.models import Body, BodyKind, BodyLevel, MeetingSession, Term, Vote, VoteType
    from app.models import ThresholdRule
    from phonghop.database import CliError, migrate

    upgrade(db_url)
    engine = make_engine(db_url)
    try:
        with Session(engine) as db:
            body = Body(name="Hội đồng nhân dân xã Ea Kao", short_name="HĐND xã Ea Kao",
                        kind=BodyKind.COUNCIL, level=BodyLevel.COMMUNE, place_name="Ea Kao",
                        document_code="HĐND")
            session = MeetingSession(term=Term(body=body, name="khóa I",
                                               starts_on=dt.date(2026, 3, 15)),
                                     title="Kỳ họp thứ Nhất",
                                     starts_at=dt.datetime(2026, 12, 1, tzinfo=dt.timezone.utc))
            db.add(session)
            db.flush()
            session_id = session.id
            db.add_all([Vote(session_id=session_id, title=f"Biểu quyết {n}",
                             vote_type=VoteType.OPEN,
                             threshold_rule=ThresholdRule.MORE_THAN_HALF_TOTAL) for n in (1, 2)])
            db.commit()
        command.downgrade(alembic_config(db_url), "0004")
        with engine.begin() as conn:
            conn.execute(text("UPDATE votes SET status = 'open'"))
        with pytest.raises(CliError) as refused:
            migrate(db_url)
        assert str(refused.value).startswith(
            f"cannot upgrade: session {session_id} (2 open votes); from now on a session has "
            "at most one open vote.")
        assert current_revision(engine) == "0004"  # nothing half-done
        with engine.begin() as conn:
            conn.execute(text("UPDATE votes SET status = 'cancelled' WHERE title = 'Biểu quyết 2'"))
        migrate(db_url)
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()
