"""Shared fixtures: databases on SQLite and PostgreSQL, a seeded demo, a live server."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests import pg  # noqa: E402


@pytest.fixture(scope="session")
def pg_admin_url():
    url, cluster = pg.server_url()
    yield url
    if cluster is not None:
        cluster.stop()


@pytest.fixture
def pg_url(pg_admin_url):
    url = pg.create_database(pg_admin_url)
    yield url
    pg.drop_database(pg_admin_url, url)


@pytest.fixture
def sqlite_url(tmp_path):
    return f"sqlite:///{tmp_path / 'phonghop.db'}"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """An empty database of each kind (the test migrates it itself)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'phonghop.db'}"
    else:
        yield request.getfixturevalue("pg_url")


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    """A demo data directory seeded once per test run; copy it before changing it."""
    from phonghop.demo import ensure_demo_database

    data_dir = tmp_path_factory.mktemp("demo-template")
    ensure_demo_database(data_dir)
    return data_dir


@pytest.fixture
def demo_dir(demo_template, tmp_path) -> Path:
    target = tmp_path / "demo"
    shutil.copytree(demo_template, target)
    return target
