"""Login, logout, who am I."""
from __future__ import annotations

from fastapi import APIRouter, Request

from app.db import begin_write
from app.services import auth
from sync.server.deps import Context, CurrentUser, Db, Token
from sync.server.errors import ApiProblem
from sync.server.schemas import LoginRequest, LoginResponse, UserOut

router = APIRouter(prefix="/auth", tags=["auth"])


def user_out(user) -> UserOut:
    return UserOut(id=user.id, username=user.username, full_name=user.full_name,
                   title=user.title or "", is_admin=user.is_admin)


@router.post("/login", response_model=LoginResponse)
def login(body: LoginRequest, request: Request, db: Db, context: Context) -> LoginResponse:
    client = request.client.host if request.client else "?"
    if not context.login_limiter.allow(f"{body.username.strip().lower()}|{client}"):
        raise ApiProblem(429, "rate_limited", "too many login attempts: wait a minute",
                         {"Retry-After": "60"})
    begin_write(db)
    try:
        issued = auth.login(db, context.passwords, body.username, body.password,
                            lifetime_s=context.settings.token_lifetime_s, device=body.device)
    except auth.AuthenticationFailed:
        raise ApiProblem(401, "invalid_credentials", "wrong user name or password") from None
    db.commit()
    return LoginResponse(token=issued.token, expires_at=issued.expires_at.isoformat(),
                         user=user_out(issued.user))


@router.post("/logout", status_code=204)
def logout(db: Db, token: Token, _user: CurrentUser) -> None:
    auth.revoke(db, token)
    db.commit()


@router.get("/me", response_model=UserOut)
def me(user: CurrentUser) -> UserOut:
    return user_out(user)
