"""Sync over HTTP: a replica's snapshot, events since a cursor, and the mutation push."""
from __future__ import annotations

import json
import logging

from fastapi import APIRouter, Query, Request, Response
from sqlalchemy import text

from app.db import begin_write
from app.services import auth
from app.services import events, mutation_handlers, voting  # noqa: F401  (register handlers)
from app.services.mutations import ClientMismatch, OutOfOrder, apply_one, validate_batch
from sync import protocol as p
from sync.server.deps import Context, CurrentUser, Db, Token
from sync.server.errors import ApiProblem
from sync.server.hub import NOTIFY_CHANNEL
from sync.server.schemas import EventPageOut, MutationPushIn, MutationPushOut, SnapshotOut

router = APIRouter(tags=["sync"])
log = logging.getLogger("phonghop.sync")
MAX_PUSH_BYTES = p.MAX_MUTATIONS_PER_PUSH * p.MAX_MUTATION_BYTES


@router.get("/sessions/{session_id}/snapshot", response_model=SnapshotOut)
def get_snapshot(session_id: int, db: Db, user: CurrentUser) -> dict:
    """Everything the user's replica of the session holds, valid at `cursor`."""
    return events.snapshot(db, user, session_id)


@router.get("/sessions/{session_id}/events", response_model=EventPageOut)
def get_events(session_id: int, db: Db, user: CurrentUser,
               since: int = Query(0, ge=0), limit: int = Query(p.PULL_PAGE, ge=1, le=p.PULL_PAGE)
               ) -> Response:
    """Events after `since` the user may see; continue from `cursor` while `more`.
    (Built as text: `response_model` documents it, FastAPI does not re-validate it.)"""
    return Response(events.pull_json(db, user, session_id, since, limit),
                    media_type="application/json")


@router.post("/mutations", response_model=MutationPushOut, response_model_exclude_none=True,
             openapi_extra={"requestBody": {"required": True, "content": {"application/json": {
                 "schema": MutationPushIn.model_json_schema(ref_template="#/components/schemas/{model}")}}}})
async def push_mutations(request: Request, token: Token, context: Context) -> dict:
    """Apply a client's mutations in order, each in its own committed transaction. Answers
    come back in order; processing stops at the first out-of-order or failed one.
    (No request-long database session: each step takes a connection and gives it back, so
    many tablets pushing at once cannot exhaust the pool.)"""
    raw = await request.body()
    if len(raw) > MAX_PUSH_BYTES:
        raise ApiProblem(413, "too_large", f"a push may hold at most {MAX_PUSH_BYTES} bytes")
    try:
        client_id, mutations = validate_batch(json.loads(raw))
    except (ValueError, UnicodeDecodeError) as exc:
        raise ApiProblem(422, "validation_error", str(exc)) from None
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(_apply_all, context, token, client_id, mutations)


def _user_for(context, token: str):
    with context.sessions() as db:
        try:
            return auth.user_for_token(db, token)
        except auth.TokenRejected as exc:
            raise ApiProblem(401, exc.code, "log in again", {"WWW-Authenticate": "Bearer"}) from None


def _apply_all(context, token: str, client_id: str, mutations: list[dict]) -> dict:
    user = _user_for(context, token)
    answers = []
    for mutation in mutations:
        with context.sessions() as db:
            try:
                begin_write(db)
                emitted: list[dict] = []
                answer = apply_one(db, user, client_id, mutation, emitted)
                if db.bind.dialect.name == "postgresql":
                    for session_id, seq in _last_per_session(emitted):
                        db.execute(text("SELECT pg_notify(:c, :p)"),
                                   {"c": NOTIFY_CHANNEL, "p": f"{session_id}:{seq}"})
                db.commit()
            except ClientMismatch:
                db.rollback()
                raise ApiProblem(403, "client_mismatch",
                                 "this client id belongs to another user") from None
            except OutOfOrder as exc:
                db.rollback()
                answers.append({"id": mutation["id"], "status": "out_of_order",
                                "expected": exc.expected})
                break
            except Exception:
                db.rollback()
                log.exception("mutation %s of %s failed", mutation.get("name"), client_id)
                answers.append({"id": mutation["id"], "status": "error",
                                "error": {"code": "server_error", "message": "internal error"}})
                break
        answers.append(answer)
        hub = getattr(context, "hub", None)
        for session_id, seq in _last_per_session(emitted):
            if hub is not None:
                hub.notify_threadsafe(session_id, seq,
                                      [r for r in emitted if r["session_id"] == session_id])
    return {"client_id": client_id, "answers": answers}


def _last_per_session(rows: list[dict]) -> list[tuple[int, int]]:
    last: dict[int, int] = {}
    for row in rows:
        last[row["session_id"]] = max(last.get(row["session_id"], 0), row["seq"])
    return list(last.items())
