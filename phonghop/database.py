"""What the commands share: their error, the settings and the database they work on."""
from __future__ import annotations

import contextlib
from pathlib import Path


class CliError(Exception):
    """A user-facing failure: printed as one line, exit code 1."""


def settings_for(db_url: str | None, data_dir: Path | None):
    from app.config import Settings, default_data_dir, sqlite_url
    from app.db import DatabaseUrlError, normalise_url

    data_dir = (data_dir or default_data_dir()).expanduser()
    url = db_url or sqlite_url(data_dir / "phonghop.db")
    try:
        url = normalise_url(url)
    except DatabaseUrlError as exc:
        raise CliError(str(exc)) from None
    return Settings(database_url=url, data_dir=data_dir)


def migrate(url: str) -> None:
    """Alembic upgrade to head, with database failures turned into one clear line."""
    from sqlalchemy.exc import OperationalError

    from app.db import MigrationRefused, upgrade

    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    try:
        upgrade(url)
    except OperationalError as exc:
        raise CliError(f"cannot use the database: {str(exc.orig).strip().splitlines()[0]}") from None
    except MigrationRefused as exc:
        raise CliError(str(exc)) from None


@contextlib.contextmanager
def admin_session(db_url: str):
    """A database session on an existing, current database for one command, closed after."""
    from sqlalchemy.orm import Session

    from app.db import make_engine

    url = existing_database(settings_for(db_url, None).database_url)
    check_schema(url)
    engine = make_engine(url)
    try:
        with Session(engine) as db:
            yield db
    finally:
        engine.dispose()


def existing_database(url: str) -> str:
    """Never create an empty SQLite file by mistake."""
    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).is_file():
        raise CliError(f"no database at {url.removeprefix('sqlite:///')}")
    return url


def check_schema(url: str) -> None:
    """The database answers and its schema is at Alembic's head, or one clear line."""
    from sqlalchemy.exc import DatabaseError

    from app.db import current_revision, head_revision, make_engine

    engine = make_engine(url)
    try:
        revision = current_revision(engine)
    except DatabaseError as exc:  # unreachable, or not a database at all ("file is not a…")
        raise CliError(f"cannot use the database: {str(exc.orig).strip().splitlines()[0]}") from None
    finally:
        engine.dispose()
    if revision != head_revision():
        raise CliError("the database schema is not up to date: run `phonghop server init` first")
