"""The databases a benchmark's server runs on: SQLite in the work directory, or a throwaway
PostgreSQL database on PHONGHOP_BENCH_PG (default the local server,
postgresql://postgres@127.0.0.1:5432/postgres), dropped afterwards."""
from __future__ import annotations

import contextlib
import os
import uuid
from pathlib import Path

LOCAL_PG = "postgresql://postgres@127.0.0.1:5432/postgres"


@contextlib.contextmanager
def database(kind: str, work: Path):
    """Yield the SQLAlchemy URL of an empty database of `kind` ("sqlite" or "postgresql")."""
    if kind == "sqlite":
        yield f"sqlite:///{work / 'phonghop.sqlite3'}"
        return
    if kind != "postgresql":
        raise ValueError(f"unknown database kind {kind!r}")
    import psycopg

    admin_url = os.environ.get("PHONGHOP_BENCH_PG", LOCAL_PG)
    name = f"phonghop_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    base = admin_url.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1)
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
