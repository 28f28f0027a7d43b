"""Several server processes on one PostgreSQL: a change through instance A reaches a client of
instance B through LISTEN/NOTIFY, and a lost notification is recovered from the event log."""
from __future__ import annotations

import contextlib
import json
import uuid

import httpx
import pytest

from app.config import PasswordPolicy, Settings
from app.db import upgrade
from app.services import events
from sync.server.context import ServerContext
from sync.server.runner import BackgroundServer
from tests.sync.conftest import PASSWORD, build_world
from tests.sync.engine_helpers import ws_connect


def _context(url, tmp_path) -> ServerContext:
    # No periodic catch-up during these tests: what arrives came through LISTEN/NOTIFY.
    return ServerContext.from_settings(Settings(database_url=url, data_dir=tmp_path / "data",
                                                password_policy=PasswordPolicy.fast_for_tests(),
                                                live_check_s=3600))


@pytest.fixture
def two_instances(pg_url, tmp_path):
    upgrade(pg_url)
    first = _context(pg_url, tmp_path)
    world = build_world(first, tmp_path)
    second = _context(pg_url, tmp_path)
    with BackgroundServer(first) as a, BackgroundServer(second) as b:
        world.second_context = second
        yield world, a.url, b.url


def _token(url: str, username: str) -> str:
    return httpx.post(url + "/api/v1/auth/login",
                      json={"username": username, "password": PASSWORD}).json()["token"]


@contextlib.contextmanager
def _subscribed(url: str, token: str, session_id: int):
    with ws_connect(url, token) as ws:
        assert json.loads(ws.recv(timeout=5))["type"] == "hello"
        ws.send(json.dumps({"type": "subscribe", "session_id": session_id}))
        assert json.loads(ws.recv(timeout=5))["type"] == "subscribed"
        yield ws


def test_a_change_through_one_instance_reaches_a_client_of_the_other(two_instances):
    world, url_a, url_b = two_instances
    with _subscribed(url_b, _token(url_b, "delegate"), world.session_id) as ws:
        chair = _token(url_a, "chair")
        response = httpx.post(url_a + "/api/v1/mutations", headers={"Authorization": f"Bearer {chair}"},
                              json={"client_id": "chair-tablet", "mutations": [
                                  {"id": 1, "name": "speaker.set_status", "args": {}},
                                  {"id": 2, "name": "live.set_current_item",
                                   "args": {"session_id": world.session_id, "agenda_item_id": None}}]})
        assert [a["status"] for a in response.json()["answers"]] == ["rejected", "applied"]
        message = json.loads(ws.recv(timeout=5))
        assert message["type"] == "event" and message["seq"] == 1
        assert message["event"]["kind"] == "live.current_item"


def test_an_event_whose_notification_was_lost_arrives_with_the_next_one(two_instances):
    """Event 1 is written straight to the database, as if its NOTIFY were lost. Instance B
    learns of event 2 and loads everything since its last from the log: 1 then 2, in order."""
    world, url_a, url_b = two_instances
    with _subscribed(url_b, _token(url_b, "delegate"), world.session_id) as ws:
        with world.context.sessions() as db:
            events.append(db, world.session_id, "live.current_item", "live", "state", "upsert",
                          {"current_agenda_item_id": None, "presenter": None}, "all")
            db.commit()
        note = {"session_id": world.session_id, "uuid": str(uuid.uuid4()), "text": "x"}
        token = _token(url_a, "delegate")
        httpx.post(url_a + "/api/v1/mutations", headers={"Authorization": f"Bearer {token}"},
                   json={"client_id": "delegate-tab", "mutations": [
                       {"id": 1, "name": "note.put", "args": note}]})
        first, second = (json.loads(ws.recv(timeout=5)) for _ in range(2))
        assert (first["seq"], first["event"]["kind"]) == (1, "live.current_item")
        assert (second["seq"], second["event"]["kind"]) == (2, "note.put")


def test_an_instance_fans_out_its_own_changes_without_reading_them_back(two_instances,
                                                                         monkeypatch):
    """Its own NOTIFY reaches an instance at the commit, before the writing thread hands it the
    events: it ignores it (the events come with the hand-over) instead of reading the log. The
    other instance reads them from the log, as it must."""
    world, url_a, url_b = two_instances
    loads = {"a": 0, "b": 0}
    for name, context in (("a", world.context), ("b", world.second_context)):
        hub, real = context.hub, context.hub._load

        def counting(session_id, after, upto, _name=name, _real=real):
            loads[_name] += 1
            return _real(session_id, after, upto)

        monkeypatch.setattr(hub, "_load", counting)
    with _subscribed(url_a, _token(url_a, "delegate"), world.session_id) as on_a, \
            _subscribed(url_b, _token(url_b, "delegate"), world.session_id) as on_b:
        chair = _token(url_a, "chair")
        for n in range(1, 6):
            httpx.post(url_a + "/api/v1/mutations", headers={"Authorization": f"Bearer {chair}"},
                       json={"client_id": "chair-tablet", "mutations": [
                           {"id": n, "name": "live.set_current_item",
                            "args": {"session_id": world.session_id, "agenda_item_id": None}}]})
            for ws in (on_a, on_b):
                message = json.loads(ws.recv(timeout=5))
                assert (message["type"], message["seq"]) == ("event", n)
    assert loads["a"] == 0
    assert loads["b"] >= 1
