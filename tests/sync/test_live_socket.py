"""The WebSocket endpoint: authenticated greeting, ping, clear protocol errors."""
from __future__ import annotations

import json

import pytest
from websockets.exceptions import ConnectionClosed, InvalidStatus
from sqlalchemy import select
from websockets.sync.client import connect

from app.models import AgendaItem

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


def test_events_reach_idle_sockets_by_the_direct_write_and_in_order(world):
    """The hub writes straight to a socket with nothing queued (sync/server/direct_send.py):
    under our uvicorn configuration that path is really taken (a silent fall-back to the
    slower queue would go unseen otherwise), and a quick burst of events arrives in order."""
    hub = world.context.hub
    chair = login(world, "chair")
    token = login(world, "delegate").headers["Authorization"].split()[1]
    with ws_connect(world.url, token) as ws:
        json.loads(ws.recv(timeout=5))  # hello
        ws.send(json.dumps({"type": "subscribe", "session_id": world.session_id}))
        assert json.loads(ws.recv(timeout=5))["type"] == "subscribed"
        connections = list(hub.connections)  # this test's socket alone
        assert len(connections) == 1 and connections[0].direct is not None
        written: list[bool] = []
        direct = connections[0].direct

        def counting(data: bytes) -> bool:
            written.append(direct(data))
            return written[-1]

        connections[0].direct = counting
        with world.context.sessions() as db:
            items = list(db.scalars(select(AgendaItem.id).where(
                AgendaItem.session_id == world.session_id)))
        body = {"client_id": "tablet-direct-1", "mutations": [
            {"id": n, "name": "live.set_current_item",
             "args": {"session_id": world.session_id, "agenda_item_id": items[n % len(items)]}}
            for n in range(1, 21)]}
        answers = chair.post("/mutations", json=body).json()["answers"]
        assert [a["status"] for a in answers] == ["applied"] * 20
        seqs = [json.loads(ws.recv(timeout=5))["seq"] for _ in range(20)]
        assert seqs == sorted(seqs) and len(set(seqs)) == 20
        assert all(c.queued_bytes == 0 for c in connections)
        assert written.count(True) >= 10  # most of the burst went by the direct write


def test_small_events_go_out_plain_and_large_ones_deflated_on_one_socket(world):
    """With permessage-deflate agreed, a message under 1 KB is sent uncompressed (RFC 7692
    allows it per message; sync/server/direct_send.py) and a larger one compressed, and the
    tablet reads every one of them right, in order, whatever came before."""
    import uuid

    from websockets.frames import Opcode

    delegate = login(world, "delegate")
    token = delegate.headers["Authorization"].split()[1]
    with ws_connect(world.url, token) as ws:
        (deflate,) = [e for e in ws.protocol.extensions if e.name == "permessage-deflate"]
        compressed: list[bool] = []
        decode = deflate.decode

        def recording(frame, **kwargs):  # on the client's reading thread
            if frame.opcode is Opcode.TEXT:
                compressed.append(frame.rsv1)
            return decode(frame, **kwargs)

        deflate.decode = recording
        json.loads(ws.recv(timeout=5))  # hello
        ws.send(json.dumps({"type": "subscribe", "session_id": world.session_id}))
        assert json.loads(ws.recv(timeout=5))["type"] == "subscribed"
        texts = ["Ghi chú ngắn.", "Nghị quyết về ngân sách địa phương. " * 100, "Ghi chú ngắn nữa.",
                 "Dự thảo lần hai. " * 200, "Hết."]
        body = {"client_id": "tablet-deflate-1", "mutations": [
            {"id": n, "name": "note.put", "args": {"session_id": world.session_id,
                                                   "uuid": str(uuid.uuid4()), "text": text}}
            for n, text in enumerate(texts, start=1)]}
        answers = delegate.post("/mutations", json=body).json()["answers"]
        assert [a["status"] for a in answers] == ["applied"] * len(texts)
        got = [json.loads(ws.recv(timeout=5))["event"]["data"]["text"] for _ in texts]
    assert got == texts
    assert compressed[-len(texts):] == [False, True, False, True, False]
