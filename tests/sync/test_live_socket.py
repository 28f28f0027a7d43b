"""The WebSocket endpoint: authenticated greeting, ping, clear protocol errors."""
from __future__ import annotations

import json

import pytest
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from tests.sync.test_server_api import login


def _ws_url(world, token: str) -> str:
    return world.url.replace("http://", "ws://") + f"/api/v1/ws?token={token}"


def test_hello_and_ping(world):
    token = login(world, "delegate").headers["Authorization"].split()[1]
    with connect(_ws_url(world, token)) as ws:
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
    with pytest.raises(Exception):
        with connect(_ws_url(world, "forged")) as ws:
            ws.recv(timeout=5)


def test_an_oversized_message_closes_only_that_connection(world):
    token = login(world, "delegate").headers["Authorization"].split()[1]
    with connect(_ws_url(world, token)) as ws, connect(_ws_url(world, token)) as other:
        ws.recv(timeout=5)
        other.recv(timeout=5)
        ws.send("x" * (70 * 1024))
        with pytest.raises(ConnectionClosed) as closed:
            ws.recv(timeout=5)
        assert closed.value.rcvd.code == 1009
        other.send(json.dumps({"type": "ping", "id": 1}))
        assert json.loads(other.recv(timeout=5))["type"] == "pong"
