"""TLS: the server serves HTTPS and WSS with a given certificate; the client trusts it through
a CA file, refuses it with the system store, and plain HTTP to the TLS port fails. The command
line checks the certificate and key before starting and says in one line what is wrong."""
from __future__ import annotations

import json
import ssl
import subprocess
import sys
import time

import httpx
import pytest
from websockets.sync.client import connect

from app.config import PasswordPolicy, Settings
from app.db import upgrade
from sync.client import ApiClient, ConnectionFailed
from sync.server.context import ServerContext
from sync.server.runner import BackgroundServer, free_port
from tests.sync.certs import Pki, make_pki
from tests.sync.conftest import PASSWORD, build_world
from tests.test_cli import phonghop


@pytest.fixture(scope="module")
def pki(tmp_path_factory) -> Pki:
    return make_pki(tmp_path_factory.mktemp("pki"))


@pytest.fixture
def tls_world(sqlite_url, tmp_path, pki):
    upgrade(sqlite_url)
    settings = Settings(database_url=sqlite_url, data_dir=tmp_path / "data",
                        password_policy=PasswordPolicy.fast_for_tests())
    context = ServerContext.from_settings(settings)
    world = build_world(context, tmp_path)
    with BackgroundServer(context, tls=(pki.cert_file, pki.key_file)) as server:
        world.url = server.url
        yield world
    context.engine.dispose()


def test_the_client_logs_in_over_https_trusting_the_ca_file(tls_world, pki, tmp_path):
    assert tls_world.url.startswith("https://127.0.0.1:")
    client = ApiClient(tls_world.url, verify=str(pki.ca_file))
    try:
        assert client.login("delegate", PASSWORD).username == "delegate"
        assert [s.id for s in client.sessions()] == [tls_world.session_id]
        sha256 = tls_world.docs["public"]["sha256"]
        assert client.download_file(sha256, tmp_path / "cache").read_bytes().startswith(b"%PDF")
        token = client.token
    finally:
        client.close()
    socket_url = tls_world.url.replace("https://", "wss://") + "/api/v1/ws"
    with connect(socket_url, ssl=ssl.create_default_context(cafile=str(pki.ca_file)),
                 additional_headers={"Authorization": f"Bearer {token}"}) as ws:
        assert json.loads(ws.recv(timeout=5))["type"] == "hello"


def test_the_system_store_does_not_trust_a_private_ca(tls_world):
    client = ApiClient(tls_world.url)
    try:
        with pytest.raises(ConnectionFailed) as failure:
            client.login("delegate", PASSWORD)
    finally:
        client.close()
    # Its own code: the fix is installing the CA (or --ca-file), not checking the network.
    assert failure.value.code == "tls"
    assert "CERTIFICATE_VERIFY_FAILED" in str(failure.value)


def test_plain_http_to_the_tls_port_fails(tls_world):
    client = ApiClient(tls_world.url.replace("https://", "http://"))
    try:
        with pytest.raises(ConnectionFailed) as failure:
            client.login("delegate", PASSWORD)
    finally:
        client.close()
    assert failure.value.code == "unreachable"


def _one_line_error(*args: str) -> str:
    result = phonghop(*args)
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 1 and len(lines) == 1, result.stderr
    assert lines[0].startswith("phonghop: ") and "Traceback" not in result.stderr
    return lines[0]


def test_the_server_command_refuses_unusable_tls_files_in_one_line(pki, tmp_path):
    db = f"sqlite:///{tmp_path / 'never-created.db'}"  # TLS is checked before the database
    not_pem = tmp_path / "notes.txt"
    not_pem.write_text("not a certificate")
    cases = {
        ("--tls-cert", str(pki.cert_file)): "give both or neither",
        ("--tls-key", str(pki.key_file)): "give both or neither",
        ("--tls-cert", str(pki.cert_file), "--tls-key", str(tmp_path / "missing.key")):
            "does not exist",
        ("--tls-cert", str(tmp_path), "--tls-key", str(pki.key_file)): "is a directory",
        ("--tls-cert", str(pki.cert_file), "--tls-key", str(pki.other_key_file)):
            "does not belong to the certificate",
        ("--tls-cert", str(not_pem), "--tls-key", str(pki.key_file)): "expected PEM files",
    }
    for options, expected in cases.items():
        assert expected in _one_line_error("server", "--db", db, *options), options
    assert not (tmp_path / "never-created.db").exists()


def test_the_server_command_serves_https(pki, sqlite_url, tmp_path):
    assert phonghop("server", "init", "--db", sqlite_url, "--admin", "quantri",
                    env={"PHONGHOP_ADMIN_PASSWORD": "mot-mat-khau-dai"}).returncode == 0
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "phonghop", "server", "--db", sqlite_url,
                                "--port", str(port), "--data-dir", str(tmp_path / "data"),
                                "--tls-cert", str(pki.cert_file), "--tls-key", str(pki.key_file)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    trust = ssl.create_default_context(cafile=str(pki.ca_file))
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                response = httpx.get(f"https://localhost:{port}/api/v1/health", verify=trust)
                break
            except httpx.ConnectError:
                assert process.poll() is None and time.monotonic() < deadline, \
                    process.stderr.read()
                time.sleep(0.1)
        assert response.status_code == 200 and response.json()["status"] == "ok"
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_the_client_command_passes_a_checked_ca_file_on(pki, tmp_path, monkeypatch, capsys):
    import ui.app
    from phonghop import cli

    seen: list[list[str]] = []
    monkeypatch.setattr(ui.app, "main", lambda argv: seen.append(argv) or 0)
    assert cli.main(["client", "--server", "https://hop.example.vn",
                     "--ca-file", str(pki.ca_file)]) == 0
    assert cli.main(["client", "--server", "https://hop.example.vn"]) == 0
    assert seen == [["--server", "https://hop.example.vn", "--ca-file", str(pki.ca_file)],
                    ["--server", "https://hop.example.vn"]]
    not_pem = tmp_path / "ca.txt"
    not_pem.write_text("no certificate here")
    for bad, expected in ((not_pem, "holds no PEM certificate"),
                          (tmp_path / "missing.pem", "does not exist")):
        capsys.readouterr()
        assert cli.main(["client", "--ca-file", str(bad)]) == 1
        error = capsys.readouterr().err.strip().splitlines()
        assert len(error) == 1 and expected in error[0], error
    assert len(seen) == 2
