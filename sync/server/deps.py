"""Request dependencies: the database session and the authenticated user.

`authenticate` is the one place a bearer token becomes a user (HTTP routes, the mutation
push and the live socket all use it). It reads in a session of its own that is closed before
the route runs, and the route's `Db` session ends when the route function returns, before the
answer is sent: no request holds a pooled connection while it streams to a slow client."""
from __future__ import annotations

import time
from collections import OrderedDict
from typing import Annotated, Iterator

from fastapi import Depends, Path, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from app import protocol as p
from app.models import User
from app.services import auth
from sync.server.context import ServerContext
from sync.server.errors import ApiProblem

_bearer = HTTPBearer(auto_error=False)


# The dependencies that do no I/O are `async def`: FastAPI runs a plain `def` dependency on the
# thread pool, a hop per dependency per request before the route even starts.
async def get_context(request: Request) -> ServerContext:
    return request.app.state.context


def get_db(context: Annotated[ServerContext, Depends(get_context)]) -> Iterator[Session]:
    with context.sessions() as db:
        try:
            yield db
        except BaseException:
            db.rollback()
            raise


async def get_token(credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> str:
    if credentials is None or not credentials.credentials:
        raise ApiProblem(401, "token_invalid", "log in first: no bearer token",
                         {"WWW-Authenticate": "Bearer"})
    return credentials.credentials


def authenticate(context: ServerContext, token: str) -> User:
    """The user of a token (a detached row), or auth.TokenRejected."""
    with context.sessions() as db:
        return auth.user_for_token(db, token)


class RecentTokens:
    """Digests of the tokens this process found valid in the last `ttl_s` seconds. The push
    route asks it before it reads a body, so a stranger's body is never read and an active
    tablet's push is not delayed by a check of its own (the check that decides runs again
    beside the change, when the body has come: a token revoked meanwhile is still refused).
    Used on the event loop only."""

    def __init__(self, ttl_s: float = 60.0, size: int = 8192):
        self.ttl_s, self.size = ttl_s, size
        self._seen: OrderedDict[str, float] = OrderedDict()

    def seen(self, digest: str) -> bool:
        at = self._seen.get(digest)
        return at is not None and time.monotonic() - at < self.ttl_s

    def add(self, digest: str) -> None:
        self._seen[digest] = time.monotonic()
        self._seen.move_to_end(digest)
        while len(self._seen) > self.size:
            self._seen.popitem(last=False)

    def forget(self, digest: str) -> None:
        self._seen.pop(digest, None)


def token_problem(exc: auth.TokenRejected) -> ApiProblem:
    message = "the token has expired: log in again" if exc.code == "token_expired" \
        else "the token is not valid: log in again"
    return ApiProblem(401, exc.code, message, {"WWW-Authenticate": "Bearer"})


def get_current_user(context: Annotated[ServerContext, Depends(get_context)],
                     token: Annotated[str, Depends(get_token)]) -> User:
    try:
        return authenticate(context, token)
    except auth.TokenRejected as exc:
        raise token_problem(exc) from exc


Context = Annotated[ServerContext, Depends(get_context)]
Db = Annotated[Session, Depends(get_db, scope="function")]
Token = Annotated[str, Depends(get_token)]
CurrentUser = Annotated[User, Depends(get_current_user)]
# A numeric id in a path: ids fit the database's integers (a larger one is a 422, not a 500).
IdPath = Annotated[int, Path(ge=1, le=p.MAX_ID)]
