"""TLS: the client trusts a server through a CA file (login, session list and the sync engine's
WSS connection), refuses an untrusted certificate with a clear sentence, and takes the CA file
from the command line."""
from __future__ import annotations

import pytest

from app.config import PasswordPolicy, Settings
from app.db import upgrade
from sync.replica import Replica
from sync.server.context import ServerContext
from sync.server.runner import BackgroundServer
from tests.sync.certs import make_pki
from tests.sync.conftest import PASSWORD, build_world
from ui import app as ui_app
from ui.sync_bridge import replica_path


@pytest.fixture
def tls_server(sqlite_url, tmp_path):
    pki = make_pki(tmp_path / "pki")
    upgrade(sqlite_url)
    settings = Settings(database_url=sqlite_url, data_dir=tmp_path / "data",
                        password_policy=PasswordPolicy.fast_for_tests())
    context = ServerContext.from_settings(settings)
    world = build_world(context, tmp_path)
    with BackgroundServer(context, tls=(pki.cert_file, pki.key_file)) as server:
        world.url = server.url
        yield world, pki
    context.engine.dispose()


def test_the_client_trusts_the_ca_file_for_the_api_and_the_sync_engine(qapp, tls_server,
                                                                       tmp_path):
    world, pki = tls_server
    cache = tmp_path / "client"
    code = ui_app.run_client(world.url, username="delegate", password=PASSWORD, offscreen=True,
                             screenshot=str(tmp_path / "shot.png"), cache_dir=str(cache),
                             ca_file=str(pki.ca_file))
    assert code == 0
    assert (tmp_path / "shot.png").exists()
    replica = Replica(replica_path(cache, world.url, "delegate"))
    try:  # the screenshot waited for the engine's snapshot, fetched over HTTPS
        assert replica.cursor(world.session_id) >= 0
        assert ("session", str(world.session_id)) in replica.entities(world.session_id)
    finally:
        replica.close()


def test_an_untrusted_certificate_is_explained(qapp, tls_server, tmp_path, capfd):
    world, _pki = tls_server
    code = ui_app.run_client(world.url, username="delegate", password=PASSWORD, offscreen=True,
                             screenshot=str(tmp_path / "shot.png"),
                             cache_dir=str(tmp_path / "client"))
    assert code == 1
    assert ("Không chụp được màn hình: Không xác minh được chứng chỉ bảo mật của máy chủ. Hãy "
            "kiểm tra tệp chứng chỉ CA đã cấu hình cho ứng dụng (--ca-file).") in \
        capfd.readouterr().err


def test_an_unreadable_ca_file_stops_the_client_with_one_line(qapp, tmp_path, capfd):
    missing = tmp_path / "no-such-ca.pem"
    assert ui_app.run_client("https://127.0.0.1:9", offscreen=True, ca_file=str(missing)) == 2
    err = capfd.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"phonghop: {missing}:")


def test_the_command_line_passes_the_ca_file(monkeypatch):
    seen = {}
    monkeypatch.setattr(ui_app, "run_client",
                        lambda url, **kwargs: seen.update(kwargs, url=url) or 0)
    assert ui_app.main(["--server", "https://hdnd.example.vn", "--ca-file", "/etc/ca.pem"]) == 0
    assert seen["url"] == "https://hdnd.example.vn" and seen["ca_file"] == "/etc/ca.pem"
