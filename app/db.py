"""Database engine and session factory; schema upgrades through Alembic."""
from __future__ import annotations

import functools
from pathlib import Path

from sqlalchemy import Engine, bindparam, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


class DatabaseUrlError(ValueError):
    """The --db URL is not one phonghop can use."""


class MigrationRefused(Exception):
    """A migration cannot go on with the data as it is; the message says what to do."""


def normalise_url(url: str) -> str:
    """Accept `postgresql://` (as psql users write it) and use the psycopg 3 driver."""
    try:
        parsed = make_url(url)
    except Exception as exc:  # sqlalchemy.exc.ArgumentError
        raise DatabaseUrlError(f"invalid database URL: {url!r}") from exc
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise DatabaseUrlError(f"unsupported database {parsed.get_backend_name()!r}: use sqlite or postgresql")
    return parsed.render_as_string(hide_password=False)


def make_engine(url: str, **kwargs) -> Engine:
    url = normalise_url(url)
    if url.startswith("sqlite"):
        kwargs.setdefault("connect_args", {"check_same_thread": False, "timeout": 30})
    else:
        kwargs.setdefault("pool_pre_ping", True)
    if url != "sqlite://" and ":memory:" not in url and "poolclass" not in kwargs:
        # The server runs route handlers on up to 40 threads: never make them queue for a
        # connection behind each other.
        kwargs.setdefault("pool_size", 10)
        kwargs.setdefault("max_overflow", 40)
    # Never print SQL parameters in logs or errors: they hold client ids, note texts, tokens.
    kwargs.setdefault("hide_parameters", True)
    engine = create_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_begin(connection) -> None:
    # pysqlite's own transaction handling breaks SAVEPOINT and starts transactions late; we
    # begin them ourselves. A transaction marked by `begin_write` takes the write lock at once
    # (BEGIN IMMEDIATE, waiting up to the busy timeout), so one that reads and then writes
    # never fails with "database is locked" halfway: writers queue. Readers run beside them (WAL).
    mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
    connection.exec_driver_sql(f"BEGIN {mode}")


def begin_write(db: Session) -> None:
    """Call first in a session that will write: on SQLite it takes the write lock at once.
    (On PostgreSQL row locks do this job; the call changes nothing there.)"""
    db.connection(execution_options={"sqlite_begin": "IMMEDIATE"})


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    dbapi_connection.isolation_level = None  # autocommit at the driver; see _sqlite_begin
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    # FULL: a commit that was answered survives a power loss (NORMAL in WAL mode may lose
    # the last transactions, which the tablets were told are stored).
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def alembic_config(url: str):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", normalise_url(url).replace("%", "%%"))
    return cfg


def upgrade(url: str, revision: str = "head") -> None:
    """Bring the schema at `url` to `revision` through the Alembic migrations."""
    from alembic import command

    command.upgrade(alembic_config(url), revision)


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def insert_unless_present(db: Session, model, values: dict) -> bool:
    """INSERT … ON CONFLICT DO NOTHING (SQLite and PostgreSQL): True when the row was added,
    False when a unique key already held it. One statement, no savepoint; built once per
    table, dialect and set of columns (a ballot's path)."""
    statement = _insert_unless_present(db.get_bind().dialect.name, model.__table__,
                                       tuple(sorted(values)))
    return db.execute(statement, {f"v_{k}": v for k, v in values.items()}).first() is not None


@functools.cache
def _insert_unless_present(dialect_name: str, table, columns: tuple[str, ...]):
    if dialect_name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    key = next(iter(table.primary_key.columns))  # (rowcount is -1 on psycopg)
    return (dialect_insert(table).values({c: bindparam(f"v_{c}") for c in columns})
            .on_conflict_do_nothing().returning(key))


def among(db: Session, column, values):
    """`column IN (values)` for a long list: on PostgreSQL one array parameter (`= ANY`), since
    psycopg parses a statement of 500 placeholders anew on every run (its statement cache
    keeps short ones only), which cost the live hub's periodic check 50 ms of the GIL."""
    values = list(values)
    if db.get_bind().dialect.name == "postgresql":
        from sqlalchemy import any_
        from sqlalchemy.dialects.postgresql import ARRAY

        return column == any_(bindparam(None, values, type_=ARRAY(column.type)))
    return column.in_(values)
