"""Declarative base, naming convention and shared column helpers."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, DateTime, MetaData, TypeDecorator, func
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Stable constraint names so that Alembic migrations are identical on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def as_utc(moment: dt.datetime) -> dt.datetime:
    """A stored moment as aware UTC, whatever the database returns (SQLite gives naive UTC,
    PostgreSQL aware in the connection's zone)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone(dt.timezone.utc)


def iso_utc(moment: dt.datetime | None) -> str | None:
    """One spelling of a stored moment, so that snapshots and events compare equal."""
    return None if moment is None else as_utc(moment).isoformat()


class UtcDateTime(TypeDecorator):
    """A moment, stored in UTC on every database. SQLite keeps no offset: an aware value in
    Vietnam time used to be stored as its wall-clock time and read back as if it were UTC
    (7 hours off); now every value is turned into UTC before it is written, and comes back
    aware. A naive value is refused: its zone would be a guess."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("a naive datetime cannot be stored: give it a time zone")
        return value.astimezone(dt.timezone.utc)

    def process_result_value(self, value, dialect):
        return None if value is None else as_utc(value)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {dt.datetime: UtcDateTime(), list: JSON, dict: JSON}


class CreatedAt:
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow, server_default=func.now())


def enum_type(enum_cls: type) -> "Enum":
    """A portable VARCHAR column holding the enum's value (no native PostgreSQL enum types:
    later issues add values without a type migration)."""
    from sqlalchemy import Enum

    return Enum(
        enum_cls,
        native_enum=False,
        create_constraint=False,
        length=32,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )
