"""Request dependencies: the database session and the authenticated user."""
from __future__ import annotations

from typing import Annotated, Iterator

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from app.models import User
from app.services import auth
from sync.server.context import ServerContext
from sync.server.errors import ApiProblem

_bearer = HTTPBearer(auto_error=False)


def get_context(request: Request) -> ServerContext:
    return request.app.state.context


def get_db(context: Annotated[ServerContext, Depends(get_context)]) -> Iterator[Session]:
    with context.sessions() as db:
        try:
            yield db
        except BaseException:
            db.rollback()
            raise


def get_token(credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> str:
    if credentials is None or not credentials.credentials:
        raise ApiProblem(401, "token_invalid", "log in first: no bearer token",
                         {"WWW-Authenticate": "Bearer"})
    return credentials.credentials


def get_current_user(db: Annotated[Session, Depends(get_db)],
                     token: Annotated[str, Depends(get_token)]) -> User:
    try:
        return auth.user_for_token(db, token)
    except auth.TokenRejected as exc:
        message = "the token has expired: log in again" if exc.code == "token_expired" \
            else "the token is not valid: log in again"
        raise ApiProblem(401, exc.code, message, {"WWW-Authenticate": "Bearer"}) from exc


Context = Annotated[ServerContext, Depends(get_context)]
Db = Annotated[Session, Depends(get_db)]
Token = Annotated[str, Depends(get_token)]
CurrentUser = Annotated[User, Depends(get_current_user)]
