"""The WebSocket endpoint: authenticated greeting, ping, clear protocol errors."""
from __future__ import annotations

import json

import pytest
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.sync.client import connect

from tests.sync.engine_helpers import ws_connect
from tests.sync.test_server_api import login


def test_hello_and_ping(world):
    token = login(world, "delegate").headers["Authorization"].split()[1]
    with ws_connect(world.url, token) as ws:
        hello = json.loads(ws.recv(timeout=5))
        assert hello["type"] == "hello" and hello["full_name"] == "Người dùng delegate"
        ws.send(json.dumps({"type": "ping", "id": 7}))
        assert json.loads(ws.recv(timeout=5)) == {"type": "pong", "id": 7}
        ws.send("not json")
        error = json.loads(ws.recv(timeout=5))
        assert error["type"] == "error" and error["code"] == "bad_message"
        ws.send(json.dumps({"type": "launch"}))
        assert json.loads(ws.recv(timeout=5))["code"] == "unknown_type"
        ws.send(json.dumps({"type": "ping", "id": 8}))  # the connection carries on
        assert json.loads(ws.recv(timeout=5))["id"] == 8


def test_without_a_valid_token_the_socket_is_refused(world):
    # Closed with 1008 before it is accepted: the handshake itself is answered 403.
    with pytest.raises(InvalidStatus) as refused:
        with ws_connect(world.url, "forged") as ws:
            ws.recv(timeout=5)
    assert refused.value.response.status_code == 403


def test_a_token_in_the_url_is_not_taken(world):
    """A URL ends up in proxies' logs: the socket takes its token from the header only."""
    token = login(world, "delegate").headers["Authorization"].split()[1]
    with pytest.raises(InvalidStatus) as refused:
        with connect(world.url.replace("http://", "ws://") + f"/api/v1/ws?token={token}") as ws:
            ws.recv(timeout=5)
    assert refused.value.response.status_code == 403


def test_an_oversized_message_closes_only_that_connection(world):
    token = login(world, "delegate").headers["Authorization"].split()[1]
    with ws_connect(world.url, token) as ws, ws_connect(world.url, token) as other:
        ws.recv(timeout=5)
        other.recv(timeout=5)
        ws.send("x" * (70 * 1024))
        with pytest.raises(ConnectionClosed) as closed:
            ws.recv(timeout=5)
        assert closed.value.rcvd.code == 1009
        other.send(json.dumps({"type": "ping", "id": 1}))
        assert json.loads(other.recv(timeout=5))["type"] == "pong"


def test_frames_and_ids_that_do_not_fit_are_answered_not_fatal(world):
    token = login(world, "delegate").headers["Authorization"].split()[1]
    with ws_connect(world.url, token) as ws:
        ws.recv(timeout=5)
        ws.send(b"\x00\x01 binary")
        assert json.loads(ws.recv(timeout=5))["code"] == "bad_message"
        for session_id in (2 ** 63, 0, -1, 1e30, "1", True):
            ws.send(json.dumps({"type": "subscribe", "session_id": session_id}))
            assert json.loads(ws.recv(timeout=5))["code"] == "bad_message", session_id
        ws.send(json.dumps({"type": "ping", "id": 9}))  # still the same connection
        assert json.loads(ws.recv(timeout=5)) == {"type": "pong", "id": 9}
