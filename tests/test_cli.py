"""The command line: `server init` on both databases, `server` refusing an old schema,
clear one-line errors with a non-zero exit code."""
from __future__ import annotations

import os
import subprocess
import sys

import httpx
import pytest
from sqlalchemy import inspect, select

from app.db import current_revision, head_revision, make_engine


def phonghop(*args: str, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "phonghop", *args], capture_output=True, text=True,
                          env=full_env, stdin=subprocess.DEVNULL, timeout=timeout)


def test_server_init_creates_the_schema_through_alembic_and_an_admin(db_url):
    result = phonghop("server", "init", "--db", db_url, "--admin", "quantri",
                      env={"PHONGHOP_ADMIN_PASSWORD": "mot-mat-khau-dai"})
    assert result.returncode == 0, result.stderr
    engine = make_engine(db_url)
    try:
        assert current_revision(engine) == head_revision()
        assert "agenda_items" in inspect(engine).get_table_names()
        from sqlalchemy.orm import Session

        from app.models import User
        from app.services.passwords import Passwords

        with Session(engine) as db:
            admin = db.scalars(select(User).where(User.username == "quantri")).one()
            assert admin.is_admin and admin.password_hash.startswith("$argon2id$")
            assert Passwords().verify(admin.password_hash, "mot-mat-khau-dai")
    finally:
        engine.dispose()
    again = phonghop("server", "init", "--db", db_url, "--admin", "quantri",
                     env={"PHONGHOP_ADMIN_PASSWORD": "mot-mat-khau-dai"})
    assert again.returncode == 1 and "exists already" in again.stderr


def test_server_init_without_a_password_and_no_terminal_says_what_to_do(sqlite_url):
    env = {k: v for k, v in os.environ.items() if k != "PHONGHOP_ADMIN_PASSWORD"}
    result = subprocess.run([sys.executable, "-m", "phonghop", "server", "init", "--db", sqlite_url,
                             "--admin", "a"], capture_output=True, text=True, env=env,
                            stdin=subprocess.DEVNULL, timeout=60)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "phonghop: set PHONGHOP_ADMIN_PASSWORD or run on a terminal to type the password"]


def test_errors_are_one_line_without_traceback(tmp_path):
    cases = [
        ("server", "init", "--db", "mysql://x/y", "--admin", "a"),
        ("server", "init", "--db", "postgresql://postgres@127.0.0.1:1/none", "--admin", "a"),
        ("server", "--db", f"sqlite:///{tmp_path / 'empty.db'}"),
        ("devices", "wipe", "--db", f"sqlite:///{tmp_path / 'not-a-db.sqlite'}", "daibieu01"),
    ]
    (tmp_path / "not-a-db.sqlite").write_text("một tệp văn bản, không phải cơ sở dữ liệu")
    for args in cases:
        result = phonghop(*args, env={"PHONGHOP_ADMIN_PASSWORD": "mot-mat-khau-dai"})
        assert result.returncode == 1, (args, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("phonghop: "), (args, result.stderr)
        assert "Traceback" not in result.stderr
    assert "not up to date" in phonghop(*cases[2]).stderr
    assert "file is not a database" in phonghop(*cases[3]).stderr


def test_usage_errors_exit_2():
    assert phonghop("demo", "--role", "king").returncode == 2
    assert phonghop().returncode == 2


def test_the_server_command_serves_an_initialised_database(sqlite_url, tmp_path):
    from sync.server.runner import free_port

    assert phonghop("server", "init", "--db", sqlite_url, "--admin", "quantri",
                     env={"PHONGHOP_ADMIN_PASSWORD": "mot-mat-khau-dai"}).returncode == 0
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "phonghop", "server", "--db", sqlite_url,
                                "--port", str(port), "--data-dir", str(tmp_path / "data")],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        import time

        deadline = time.monotonic() + 30
        while True:
            try:
                response = httpx.post(f"http://127.0.0.1:{port}/api/v1/auth/login",
                                      json={"username": "quantri", "password": "mot-mat-khau-dai"})
                break
            except httpx.TransportError:
                assert process.poll() is None and time.monotonic() < deadline, process.stderr.read()
                time.sleep(0.1)
        assert response.status_code == 200 and response.json()["user"]["is_admin"]
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_plain_http_is_served_only_to_this_machine_unless_insecure_is_asked_for(sqlite_url):
    assert phonghop("server", "init", "--db", sqlite_url, "--admin", "quantri",
                    env={"PHONGHOP_ADMIN_PASSWORD": "mot-mat-khau-dai"}).returncode == 0
    refused = phonghop("server", "--db", sqlite_url, "--host", "0.0.0.0")
    assert refused.returncode == 1 and "plain HTTP" in refused.stderr
    assert "--insecure" in refused.stderr and len(refused.stderr.strip().splitlines()) == 1


def test_the_client_refuses_an_unencrypted_address_of_another_machine():
    refused = phonghop("client", "--server", "http://hop.example.vn")
    assert refused.returncode == 1 and "not encrypted" in refused.stderr


def test_the_client_address_defaults_to_https():
    from sync.client import ConnectionFailed, server_address

    assert server_address("hop.example.vn") == "https://hop.example.vn"
    assert server_address(" hop.example.vn:8443/ ") == "https://hop.example.vn:8443"
    assert server_address("http://127.0.0.1:8765") == "http://127.0.0.1:8765"
    assert server_address("http://localhost:8765") == "http://localhost:8765"
    assert server_address("http://[::1]:8765") == "http://[::1]:8765"
    assert server_address("http://10.0.0.5", insecure=True) == "http://10.0.0.5"
    for bad, code in (("http://hop.example.vn", "insecure"), ("ftp://hop.example.vn", "bad_address"),
                      ("https://", "bad_address"), ("https://hop:port", "bad_address")):
        with pytest.raises(ConnectionFailed) as failure:
            server_address(bad)
        assert failure.value.code == code, bad


def test_new_epoch_after_a_restore(sqlite_url, tmp_path):
    from app.db import make_engine, make_session_factory
    from app.services.server_meta import epoch

    assert phonghop("server", "new-epoch", "--db", f"sqlite:///{tmp_path / 'none.db'}").returncode == 1
    assert not (tmp_path / "none.db").exists()  # never creates an empty database
    assert phonghop("server", "init", "--db", sqlite_url, "--admin", "quantri",
                    env={"PHONGHOP_ADMIN_PASSWORD": "mot-mat-khau-dai"}).returncode == 0
    engine = make_engine(sqlite_url)
    with make_session_factory(engine)() as db:
        before = epoch(db)
    result = phonghop("server", "new-epoch", "--db", sqlite_url)
    with make_session_factory(engine)() as db:
        after = epoch(db)
    engine.dispose()
    assert result.returncode == 0 and after != before and after in result.stdout
