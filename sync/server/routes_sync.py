"""Sync over HTTP: a replica's snapshot, events since a cursor, and the mutation push."""
from __future__ import annotations

import asyncio
import json
import logging
from fastapi import APIRouter, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from app import protocol as p
from app.db import begin_write
from app.services import auth, limits
from app.protocol import mutations as m
from app.services import events, handlers  # noqa: F401  (registers every handler)
from app.services.mutations import (
    ClientMismatch, Diverged, OutOfOrder, RateLimited, apply_one, validate_batch,
)
from sync.server.deps import (
    Context, CurrentUser, Db, IdPath, Token, authenticate, token_problem,
)
from sync.server.errors import ApiProblem
from sync.server.publish import announce, hand_over
from sync.server.schemas import EventPageOut, MutationPushOut, SnapshotOut, mutation_push_schema

router = APIRouter(tags=["sync"])
log = logging.getLogger("phonghop.sync")


@router.get("/sessions/{session_id}/snapshot", response_model=SnapshotOut)
def get_snapshot(session_id: IdPath, db: Db, user: CurrentUser, context: Context) -> dict:
    """Everything the user's replica of the session holds, valid at `cursor`. Rate limited
    per user: a snapshot is the heaviest read there is."""
    with context.sessions() as counting:
        begin_write(counting)
        wait = limits.hit(counting, f"snapshots:{user.id}",
                          limits.Limit(context.settings.snapshots_per_minute))
        counting.commit()
    if wait is not None:
        raise ApiProblem(429, "rate_limited", "too many snapshots: wait a little",
                         {"Retry-After": str(wait)})
    return events.snapshot(db, user, session_id)


@router.get("/sessions/{session_id}/events", response_model=EventPageOut)
def get_events(session_id: IdPath, db: Db, user: CurrentUser,
               since: int = Query(0, ge=0, le=p.MAX_ID),
               limit: int = Query(p.PULL_PAGE, ge=1, le=p.PULL_PAGE)) -> Response:
    """Events after `since` the user may see; continue from `cursor` while `more`.
    (Built as text: `response_model` documents it, FastAPI does not re-validate it.)"""
    return Response(events.pull_json(db, user, session_id, since, limit),
                    media_type="application/json")


@router.post("/mutations", response_model=MutationPushOut, response_model_exclude_none=True,
             openapi_extra=mutation_push_schema())
async def push_mutations(request: Request, token: Token, context: Context) -> dict:
    """Apply a client's mutations in order, each in its own committed transaction. Answers
    come back in order; processing stops at the first one that could not be applied now.
    The token is checked before the body is read (unless this process found it valid a
    moment ago: `RecentTokens`), and again beside the change; the body is capped while it
    streams (`BodyLimit`); no database session lives for the whole request (each step takes
    a connection and gives it back, so many tablets pushing at once cannot exhaust the pool)."""
    digest = auth.token_digest(token)
    recent = context.recent_tokens
    if recent is None or not recent.seen(digest):
        try:
            await run_in_threadpool(authenticate, context, token)
        except auth.TokenRejected as exc:
            raise token_problem(exc) from None
        if recent is not None:
            recent.add(digest)
    raw = await request.body()
    try:
        client_id, mutations = validate_batch(json.loads(raw, parse_constant=_not_json))
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise ApiProblem(422, "validation_error", str(exc)[:300]) from None
    lane = getattr(context, "lane", None)
    try:
        if lane is not None and len(mutations) == 1 and _urgent(mutations[0]):
            return await _apply_urgent(context, token, client_id, mutations[0])
        return await run_in_threadpool(_authenticated_apply_all, context, token, client_id,
                                       mutations)
    except auth.TokenRejected as exc:  # revoked or expired since it was last seen
        if recent is not None:
            recent.forget(digest)
        raise token_problem(exc) from None


def _authenticated_apply_all(context, token: str, client_id: str, mutations: list[dict]) -> dict:
    return _apply_all(context, None, client_id, mutations, token)


def _urgent(mutation: dict) -> bool:
    spec = m.MUTATIONS.get(mutation.get("name"))
    return spec is not None and spec.online_only


def _not_json(constant: str):
    raise ValueError(f"{constant} is not a JSON number")  # Python's json takes NaN, Infinity


def _apply_all(context, user, client_id: str, mutations: list[dict], token: str = "") -> dict:
    """Each mutation in its own transaction; without `user`, the token is checked in the
    first one (one connection and one transaction fewer than a check of its own)."""
    answers = []
    for mutation in mutations:
        emitted: list[dict] = []
        stop = None
        with context.sessions() as db:
            try:
                begin_write(db)
                if user is None:
                    user = auth.user_for_token(db, token)
                answer = apply_one(db, user, client_id, mutation, context.settings, emitted)
                announce(db, emitted, getattr(context, "hub", None))
                db.commit()
            except auth.TokenRejected:
                db.rollback()
                raise
            except Exception as exc:  # noqa: BLE001 - each kind has its answer
                db.rollback()
                stop = stop_answer(mutation, exc)
        if stop is not None:
            answers.append(stop)
            break
        answers.append(answer)
        hand_over(getattr(context, "hub", None), emitted)
    return {"client_id": client_id, "answers": answers}


def stop_answer(mutation: dict, exc: BaseException) -> dict:
    """The answer of a change that was not applied now (or ApiProblem for a stolen id)."""
    if isinstance(exc, ClientMismatch):
        raise ApiProblem(403, "client_mismatch", "this client id belongs to another user")
    if isinstance(exc, OutOfOrder):
        return {"id": mutation["id"], "status": "out_of_order", "expected": exc.expected}
    if isinstance(exc, Diverged):
        return {"id": mutation["id"], "status": "client_diverged",
                "error": {"code": "client_diverged",
                          "message": "this id was used by another change: take a new "
                                     "client id and send your changes again"}}
    if isinstance(exc, RateLimited):
        return {"id": mutation["id"], "status": "rate_limited", "retry_after": exc.retry_after}
    log.error("mutation %s of a client failed", mutation.get("id"), exc_info=exc)
    return {"id": mutation["id"], "status": "error",
            "error": {"code": "server_error", "message": "internal error"}}


async def _apply_urgent(context, token: str, client_id: str, mutation: dict) -> dict:
    """A ballot (or a vote's opening or closing) through the lane: authenticated and applied
    with the others waiting, answered after their one commit."""
    job = await asyncio.wrap_future(context.lane.submit(None, client_id, mutation, token=token))
    if isinstance(job.error, auth.TokenRejected):
        raise job.error
    answer = job.answer if job.error is None else stop_answer(mutation, job.error)
    return {"client_id": client_id, "answers": [answer]}
