"""Nobody knocks the room over: bodies capped while they stream and after the token check,
WebSocket messages refused by the server itself, login limits shared by every server process,
and per-user limits and quotas on changes (issue 6, points 11, 12 and 14)."""
from __future__ import annotations

import json
import socket
import time
import uuid

import httpx
import pytest
from sqlalchemy import func, select

from app.config import PasswordPolicy, Settings
from app.models import AppliedMutation, RateBucket, SyncClient
from app.services import limits
from sync.server.context import ServerContext
from sync.server.runner import BackgroundServer
from tests.sync.conftest import PASSWORD
from tests.sync.test_server_api import login
from tests.sync.test_sync_server import note, push


def _raw_request(url: str, head: str, body: bytes = b"", wait_s: float = 3.0) -> bytes:
    """Send `head` (and `body`), then read what the server says within `wait_s`."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=wait_s) as sock:
        sock.sendall(head.encode() + body)
        try:
            return sock.recv(65536)
        except socket.timeout:
            return b""


def test_a_push_is_refused_for_a_bad_token_before_its_body_is_read(world):
    """Old code read (and parsed) the whole body first: a client announcing 900 kB and
    sending none of it kept the request waiting. Now the token is checked first."""
    head = ("POST /api/v1/mutations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            "Authorization: Bearer forged\r\nContent-Length: 900000\r\n\r\n")
    answer = _raw_request(world.url, head)
    assert answer.startswith(b"HTTP/1.1 401"), answer[:200]


def test_a_body_over_the_cap_is_refused_while_it_streams(world):
    token = login(world, "delegate").headers["Authorization"]

    def chunks():  # no Content-Length: the server must count as the bytes come
        for _ in range(40):
            yield b" " * 65536

    response = httpx.post(world.url + "/api/v1/mutations", content=chunks(),
                          headers={"Authorization": token, "Content-Type": "application/json"})
    assert response.status_code == 413 and response.json()["error"]["code"] == "too_large"
    declared = httpx.post(world.url + "/api/v1/auth/login", content=b"{" + b" " * 100_000 + b"}",
                          headers={"Content-Type": "application/json"})
    assert declared.status_code == 413  # every route has a cap, not only the push


def test_a_websocket_frame_over_the_limit_is_refused_from_its_header(world):
    """uvicorn itself refuses a frame that announces more than 64 KiB (old: it buffered up to
    16 MiB before our check), so the server closes 1009 without waiting for the payload."""
    token = login(world, "delegate").headers["Authorization"]
    host, port = world.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=5) as sock:
        sock.sendall((f"GET /api/v1/ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
                      "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                      f"Sec-WebSocket-Version: 13\r\nAuthorization: {token}\r\n\r\n").encode())
        handshake = sock.recv(4096)
        assert b" 101 " in handshake.split(b"\r\n")[0]
        length = 15 * 1024 * 1024  # announced; only 100 kB follow
        sock.sendall(bytes([0x81, 0x80 | 127]) + length.to_bytes(8, "big") + b"\0\0\0\0"
                     + b"x" * 100_000)
        deadline, received = time.monotonic() + 3, b""
        while time.monotonic() < deadline and b"\x88" not in received:
            try:
                received += sock.recv(65536)
            except socket.timeout:
                break
    close = received[received.index(b"\x88"):]
    assert int.from_bytes(close[2:4], "big") == 1009


def test_mutation_names_are_capped_and_no_refusal_stores_a_huge_name(world):
    delegate = login(world, "delegate")
    response = delegate.post("/mutations", json={"client_id": "tablet-name1", "mutations": [
        {"id": 1, "name": "x" * 6_000_000, "args": {}}]})
    assert response.status_code in (413, 422)
    response = delegate.post("/mutations", json={"client_id": "tablet-name1", "mutations": [
        {"id": 1, "name": "x" * 61, "args": {}}]})
    assert response.status_code == 422 and "name" in response.json()["error"]["message"]
    answer = push(delegate, "tablet-name1", (1, "y" * 60, {}))["answers"][0]
    assert answer["status"] == "rejected" and answer["error"]["code"] == "unknown_mutation"
    with world.context.sessions() as db:
        stored = db.scalar(select(AppliedMutation).where(AppliedMutation.client_id == "tablet-name1"))
        assert len(json.dumps(stored.result)) < 500


def test_a_bad_mutation_in_a_push_is_refused_alone(world):
    answers = push(login(world, "delegate"), "tablet-mixed",
                   (1, "note.put", note(world, "một")),
                   (2, "note.put", {"session_id": world.session_id, "uuid": "không phải uuid"}),
                   (3, "note.put", {"session_id": 10 ** 30, "uuid": str(uuid.uuid4()), "text": ""}),
                   (4, "note.put", note(world, "bốn")))["answers"]
    assert [a["status"] for a in answers] == ["applied", "rejected", "rejected", "applied"]
    assert "uuid" in answers[1]["error"]["message"]
    assert "session_id" in answers[2]["error"]["message"]


@pytest.fixture
def strict_world(world):
    """The test world with small limits (the same server, its settings replaced). Limits
    count in fixed minutes: start well inside one, so that no count restarts mid-test."""
    while time.time() % 60 > 45:
        time.sleep(0.5)
    world.context.settings = Settings(
        database_url=world.context.settings.database_url, data_dir=world.context.settings.data_dir,
        password_policy=PasswordPolicy.fast_for_tests(), login_attempts_per_minute=50,
        login_failures_per_address_per_minute=4, changes_per_minute=5, notes_per_session=3,
        new_clients_per_hour=3, shared_changes_per_minute=2, live_check_s=0.25)
    return world


def test_changes_are_rate_limited_per_user_without_losing_any(strict_world):
    world = strict_world
    delegate = login(world, "delegate")
    key = str(uuid.uuid4())  # one note typed on and on: every save is a change
    mutations = [(i, "note.put", note(world, f"ghi chú {i}", key)) for i in range(1, 8)]
    answers = push(delegate, "tablet-rate1", *mutations)["answers"]
    assert [a["status"] for a in answers] == ["applied"] * 5 + ["rate_limited"]
    assert 1 <= answers[5]["retry_after"] <= 60
    with world.context.sessions() as db:  # the limited one was not consumed: it is sent again
        assert db.scalar(select(SyncClient.last_mutation_id)
                         .where(SyncClient.client_id == "tablet-rate1")) == 5


def test_notes_have_a_quota_per_user_and_session(strict_world):
    world = strict_world
    answers = push(login(world, "delegate"), "tablet-quota",
                   *[(i, "note.put", note(world)) for i in range(1, 5)])["answers"]
    assert [a["status"] for a in answers] == ["applied"] * 3 + ["rejected"]
    assert answers[3]["error"]["code"] == "quota_exceeded"


def test_a_user_may_start_only_so_many_client_ids(strict_world):
    world = strict_world
    delegate = login(world, "delegate")
    statuses = [push(delegate, f"tablet-many-{n}", (1, "note.delete", {
        "session_id": world.session_id, "uuid": str(uuid.uuid4())}))["answers"][0]["status"]
        for n in range(5)]
    assert statuses == ["applied"] * 3 + ["rate_limited"] * 2


def test_only_roles_that_should_share_may_share_annotations(strict_world):
    world = strict_world
    shared = {"session_id": world.session_id, "document_id": world.docs["public"]["id"],
              "page_index": 0, "kind": "highlight", "data": {}, "shared": True}
    guest = push(login(world, "guest"), "tablet-share1",
                 (1, "annotation.put", dict(shared, uuid=str(uuid.uuid4()))))["answers"][0]
    assert guest["status"] == "rejected" and guest["error"]["code"] == "forbidden"
    private = push(login(world, "guest"), "tablet-share1", (2, "annotation.put", dict(
        shared, uuid=str(uuid.uuid4()), shared=False)))["answers"][0]
    assert private["status"] == "applied"  # a guest may still annotate for themselves
    delegate = push(login(world, "delegate"), "tablet-share2",
                    *[(i, "annotation.put", dict(shared, uuid=str(uuid.uuid4())))
                      for i in range(1, 4)])["answers"]
    assert [a["status"] for a in delegate] == ["applied", "applied", "rate_limited"]


def test_one_password_tried_across_users_is_stopped_per_address(strict_world):
    world = strict_world
    codes = [httpx.post(world.url + "/api/v1/auth/login",
                        json={"username": name, "password": "123456789"}).status_code
             for name in ("delegate", "chair", "secretary", "guest", "admin", "outsider")]
    assert codes == [401] * 4 + [429] * 2
    assert httpx.post(world.url + "/api/v1/auth/login",  # even the right password waits
                      json={"username": "chair", "password": PASSWORD}).status_code == 429


def test_the_login_limit_is_shared_by_every_server_process(world, tmp_path):
    """Two processes on one database: the attempts through both count together."""
    while time.time() % 60 > 45:  # within one counting minute
        time.sleep(0.5)
    other = ServerContext.from_settings(Settings(
        database_url=world.context.settings.database_url, data_dir=tmp_path / "other",
        password_policy=PasswordPolicy.fast_for_tests(), login_attempts_per_minute=5))
    with BackgroundServer(other) as second:
        codes = [httpx.post(url + "/api/v1/auth/login",
                            json={"username": "delegate", "password": "x"}).status_code
                 for url in (world.url, second.url) * 3]
    other.engine.dispose()
    assert codes[:5] == [401] * 5 and codes[5] == 429


def test_old_rate_windows_are_pruned(world):
    with world.context.sessions() as db:
        old = time.time() - 2 * limits.KEEP_S
        for key in ("login-user:a", "changes:1"):
            limits.hit(db, key, limits.Limit(10), now=old)
        limits.hit(db, "changes:2", limits.Limit(10))
        db.commit()
        assert limits.prune(db) == 2
        db.commit()
        assert db.scalar(select(func.count()).select_from(RateBucket)) == 1


def test_text_that_cannot_be_stored_is_refused_not_a_server_error(world):
    """A NUL character (PostgreSQL's text refuses it) or an unpaired surrogate (not Unicode)
    in any field: a clear refusal, never a 500, on both databases."""
    nul = httpx.post(world.url + "/api/v1/auth/login",
                     json={"username": "dele\u0000gate", "password": PASSWORD})
    assert nul.status_code == 422 and nul.json()["error"]["code"] == "validation_error"
    lone = httpx.post(world.url + "/api/v1/auth/login", headers={"Content-Type": "application/json"},
                      content=b'{"username": "delegate", "password": "x", "device": "\\ud800"}')
    assert lone.status_code == 422
    delegate = login(world, "delegate")
    body = ('{"client_id": "tablet-text1", "mutations": ['
            '{"id": 1, "name": "note.put", "args": {"session_id": %d, "uuid": "%s", "text": "a\\u0000b"}},'
            '{"id": 2, "name": "note.put", "args": {"session_id": %d, "uuid": "%s", "text": "\\udc00"}},'
            '{"id": 3, "name": "note.put", "args": {"session_id": %d, "uuid": "%s", "text": "ổn"}}]}'
            % (world.session_id, uuid.uuid4(), world.session_id, uuid.uuid4(), world.session_id,
               uuid.uuid4()))
    answers = delegate.post("/mutations", content=body.encode(),
                            headers={"Content-Type": "application/json"}).json()["answers"]
    assert [a["status"] for a in answers] == ["rejected", "rejected", "applied"]
    assert "NUL" in answers[0]["error"]["message"] and "surrogate" in answers[1]["error"]["message"]
    odd_client = delegate.post("/mutations", json={"client_id": "tablet\u0000-x1", "mutations": [
        {"id": 1, "name": "note.put", "args": {}}]})
    assert odd_client.status_code == 422 and "client_id" in odd_client.json()["error"]["message"]


def test_a_users_notes_and_annotations_have_a_byte_quota_per_session(world):
    from dataclasses import replace

    world.context.settings = replace(world.context.settings, storage_per_session_bytes=2_000)
    delegate = login(world, "delegate")
    key = str(uuid.uuid4())
    mark = {"session_id": world.session_id, "uuid": str(uuid.uuid4()), "page_index": 0,
            "document_id": world.docs["public"]["id"], "kind": "ink",
            "data": {"points": "0.5,0.5;" * 100}}  # ~800 bytes
    answers = push(delegate, "tablet-bytes", (1, "note.put", note(world, "ô" * 900, key)),
                   (2, "annotation.put", mark),
                   (3, "note.put", note(world, "ơ" * 900)),  # a third item: over the quota
                   (4, "note.put", note(world, "ngắn", key)))["answers"]  # shrinking: fine
    assert [a["status"] for a in answers] == ["applied", "applied", "rejected", "applied"]
    assert answers[2]["error"]["code"] == "quota_exceeded"


def test_guesses_in_flight_together_cannot_slip_past_the_address_limit(strict_world):
    """Twenty wrong passwords sent at once from one address, where 4 failures a minute are
    allowed: at most a gate's worth (4 checks at once) more get through to a password check."""
    from concurrent.futures import ThreadPoolExecutor

    world = strict_world

    def guess(n: int) -> int:
        return httpx.post(world.url + "/api/v1/auth/login", timeout=30,
                          json={"username": f"user{n}", "password": "123456789"}).status_code

    with ThreadPoolExecutor(max_workers=20) as pool:
        codes = list(pool.map(guess, range(20)))
    assert codes.count(401) <= 4 + 4 and codes.count(429) >= 12
