"""The live channel: one WebSocket per tablet. Messages are JSON objects with a "type"
(docs/PROTOCOL.md): the client sends ping, subscribe, unsubscribe; the server sends hello,
pong, subscribed, event, error."""
from __future__ import annotations

import asyncio
import json

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from app import protocol as p
from app.models.base import utcnow
from app.services import auth
from app.services.meetings import NotFound, visible_session
from app.services.server_meta import epoch
from sync.server.connection import Connection
from sync.server.deps import authenticate
from sync.server.direct_send import direct_writer

router = APIRouter(tags=["live"])


def _error(code: str, message: str) -> str:
    return json.dumps({"type": "error", "code": code, "message": message})


def _head(context, session_id: int) -> int:
    from app.services import events

    with context.sessions() as db:
        return events.last_seq(db, session_id)


def _epoch(context) -> str:
    with context.sessions() as db:
        return epoch(db)


def _roles(context, user, session_id: int):
    """The user's roles in the session, read afresh (an admin may have been demoted since the
    socket opened); NotFound when the session is not (or no longer) visible."""
    from app.models import User

    with context.sessions() as db:
        current = db.get(User, user.id)
        if current is None or not current.is_active:
            raise NotFound()
        _session, roles = visible_session(db, current, session_id)
        return roles


@router.websocket("/ws")
async def live(websocket: WebSocket) -> None:
    context = websocket.app.state.context
    hub = websocket.app.state.hub
    # The token only in the Authorization header: a URL (?token=) ends up in proxies' logs.
    header = websocket.headers.get("authorization", "")
    token = header[7:] if header.lower().startswith("bearer ") else ""
    try:
        user = await asyncio.to_thread(authenticate, context, token)
        current_epoch = await asyncio.to_thread(_epoch, context)
    except auth.TokenRejected as exc:
        await websocket.close(code=p.CLOSE_POLICY_VIOLATION, reason=exc.code)
        return
    await websocket.accept()
    connection = Connection(websocket, user.id, user.is_admin, auth.token_digest(token),
                            direct=direct_writer(websocket.scope))
    hub.add(connection)
    writer = asyncio.create_task(connection.write_loop())
    connection.send(json.dumps({"type": "hello", "protocol": p.PROTOCOL_VERSION,
                                "epoch": current_epoch, "user_id": user.id,
                                "full_name": user.full_name,
                                "server_time": utcnow().isoformat()}, ensure_ascii=False))
    try:
        while not connection.closed:
            message = await websocket.receive()
            if message["type"] == "websocket.disconnect":
                break
            text = message.get("text")
            if text is None:  # a binary frame: not a message of this protocol
                connection.send(_error("bad_message", "messages are JSON text"))
                continue
            if len(text.encode("utf-8", "surrogatepass")) > p.MAX_WS_MESSAGE_BYTES:
                connection.close(p.CLOSE_TOO_BIG, "message too large")
                break
            await _handle(hub, context, connection, user, text)
    except WebSocketDisconnect:
        pass
    finally:
        hub.remove(connection)
        connection.stop()
        await asyncio.gather(writer, return_exceptions=True)


async def _handle(hub, context, connection: Connection, user, text: str) -> None:
    try:
        message = json.loads(text)
        kind = message["type"]
    except (ValueError, KeyError, TypeError, RecursionError):
        connection.send(_error("bad_message", "expected a JSON object with a 'type'"))
        return
    if kind == "ping":
        connection.send(json.dumps({"type": "pong", "id": message.get("id")}))
    elif kind in ("subscribe", "unsubscribe"):
        session_id = message.get("session_id")
        if not isinstance(session_id, int) or isinstance(session_id, bool) \
                or not 1 <= session_id <= p.MAX_ID:
            connection.send(_error("bad_message", f"session_id must be an integer from 1 to "
                                                  f"{p.MAX_ID}"))
            return
        if kind == "unsubscribe":
            hub.unsubscribe(connection, session_id)
            return
        try:
            roles = await asyncio.to_thread(_roles, context, user, session_id)
        except NotFound:
            connection.send(json.dumps({"type": "error", "code": "not_found",
                                        "session_id": session_id,
                                        "message": f"no session {session_id} for you"}))
            return
        cursor = await hub.subscribe(connection, session_id, roles)
        head = await asyncio.to_thread(_head, context, session_id)
        # cursor: every event after it comes on this socket; head: the log's last event now
        # (the hub may be a little behind it; a tablet compares its own cursor with head).
        connection.send(json.dumps({"type": "subscribed", "session_id": session_id,
                                    "cursor": cursor, "head": max(head, cursor)}))
    else:
        connection.send(_error("unknown_type", f"unknown message type {kind!r}"))
