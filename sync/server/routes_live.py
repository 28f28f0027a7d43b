"""The WebSocket endpoint for live push. In this version it authenticates, greets and answers
pings; the sync engine (event push, gap detection) builds on it (docs/PROTOCOL.md)."""
from __future__ import annotations

import json

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from app.services import auth

router = APIRouter(tags=["live"])

MAX_MESSAGE_BYTES = 64 * 1024
CLOSE_POLICY_VIOLATION = 1008
CLOSE_TOO_BIG = 1009


def _error(code: str, message: str) -> dict:
    return {"type": "error", "code": code, "message": message}


@router.websocket("/ws")
async def live(websocket: WebSocket) -> None:
    context = websocket.app.state.context
    token = websocket.query_params.get("token") or ""
    header = websocket.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        token = header[7:]
    with context.sessions() as db:
        try:
            user = auth.user_for_token(db, token)
        except auth.TokenRejected as exc:
            await websocket.close(code=CLOSE_POLICY_VIOLATION, reason=exc.code)
            return
        user_id, name = user.id, user.full_name
    await websocket.accept()
    await websocket.send_json({"type": "hello", "protocol": 1, "user_id": user_id,
                               "full_name": name})
    try:
        while True:
            text = await websocket.receive_text()
            if len(text.encode("utf-8")) > MAX_MESSAGE_BYTES:
                await websocket.close(code=CLOSE_TOO_BIG, reason="message too large")
                return
            try:
                message = json.loads(text)
                kind = message["type"]
            except (ValueError, KeyError, TypeError):
                await websocket.send_json(_error("bad_message", "expected a JSON object with a 'type'"))
                continue
            if kind == "ping":
                await websocket.send_json({"type": "pong", "id": message.get("id")})
            else:
                await websocket.send_json(_error("unknown_type", f"unknown message type {kind!r}"))
    except WebSocketDisconnect:
        return
