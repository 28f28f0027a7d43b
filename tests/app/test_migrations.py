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
