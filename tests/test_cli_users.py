"""`phonghop users revoke-tokens`: a lost tablet's tokens stop working at once, on SQLite and
on PostgreSQL, while the server keeps running; clear one-line errors otherwise."""
from __future__ import annotations

import httpx
import pytest
from sqlalchemy import select

from app.config import PasswordPolicy, Settings
from app.db import upgrade
from app.models import AuditEvent
from app.services.users import create_user
from sync.server.context import ServerContext
from sync.server.runner import BackgroundServer
from tests.test_cli import phonghop

PASSWORD = "mat-khau-8"


@pytest.fixture
def server(db_url, tmp_path):
    upgrade(db_url)
    settings = Settings(database_url=db_url, data_dir=tmp_path / "data",
                        password_policy=PasswordPolicy.fast_for_tests())
    context = ServerContext.from_settings(settings)
    with context.sessions() as db:
        for name in ("daibieu01", "daibieu02"):
            create_user(db, context.passwords, name, PASSWORD, f"Đại biểu {name}")
        db.commit()
    with BackgroundServer(context) as running:
        yield running, context
    context.engine.dispose()


def _login(url: str, username: str, device: str) -> str:
    response = httpx.post(f"{url}/api/v1/auth/login",
                          json={"username": username, "password": PASSWORD, "device": device})
    assert response.status_code == 200, response.text
    return response.json()["token"]


def _me(url: str, token: str) -> httpx.Response:
    return httpx.get(f"{url}/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})


def test_revoking_a_users_tokens_logs_out_every_device(server, db_url):
    running, context = server
    lost_tablet = _login(running.url, "daibieu01", "tablet 17")
    laptop = _login(running.url, "daibieu01", "laptop")
    neighbour = _login(running.url, "daibieu02", "tablet 18")
    assert _me(running.url, lost_tablet).status_code == 200

    result = phonghop("users", "revoke-tokens", "--db", db_url, "daibieu01")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "revoked 2 tokens of 'daibieu01'"

    for token in (lost_tablet, laptop):
        answer = _me(running.url, token)
        assert answer.status_code == 401
        assert answer.json()["error"]["code"] == "token_invalid"
    assert _me(running.url, neighbour).status_code == 200  # other users carry on
    assert _me(running.url, _login(running.url, "daibieu01", "new tablet")).status_code == 200

    again = phonghop("users", "revoke-tokens", "--db", db_url, "daibieu01")
    assert again.returncode == 0 and again.stdout.strip() == "revoked 1 token of 'daibieu01'"
    with context.sessions() as db:
        events = db.scalars(select(AuditEvent).where(AuditEvent.action == "auth.tokens_revoked")
                            .order_by(AuditEvent.id)).all()
        assert [e.payload["count"] for e in events] == [2, 1]


def _one_line_error(*args: str) -> str:
    result = phonghop(*args)
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 1 and len(lines) == 1, result.stderr
    assert lines[0].startswith("phonghop: ") and "Traceback" not in result.stderr
    return lines[0]


def test_an_unknown_user_is_one_line(server, db_url):
    assert _one_line_error("users", "revoke-tokens", "--db", db_url, "nobody") == \
        "phonghop: no user 'nobody'"


def test_a_bad_database_is_one_line(tmp_path):
    missing = tmp_path / "missing.db"
    assert "no database at" in _one_line_error("users", "revoke-tokens", "--db",
                                                f"sqlite:///{missing}", "daibieu01")
    assert not missing.exists()  # never creates an empty database
    empty = tmp_path / "empty.db"
    empty.touch()
    assert "not up to date" in _one_line_error("users", "revoke-tokens", "--db",
                                               f"sqlite:///{empty}", "daibieu01")
    assert "cannot use the database" in _one_line_error(
        "users", "revoke-tokens", "--db", "postgresql://postgres@127.0.0.1:1/none", "daibieu01")
    assert "unsupported database" in _one_line_error(
        "users", "revoke-tokens", "--db", "mysql://x/y", "daibieu01")


def test_usage_errors_exit_2():
    assert phonghop("users").returncode == 2
    assert phonghop("users", "revoke-tokens", "daibieu01").returncode == 2  # --db is required
