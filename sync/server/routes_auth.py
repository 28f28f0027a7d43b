"""Login, logout, who am I."""
from __future__ import annotations

import asyncio

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool

from app.db import begin_write
from app.services import auth, limits
from sync.server.deps import Context, CurrentUser, Db, Token
from sync.server.errors import ApiProblem
from sync.server.schemas import LoginRequest, LoginResponse, UserOut

router = APIRouter(prefix="/auth", tags=["auth"])
LOGIN_WAIT_S = 10.0


def user_out(user) -> UserOut:
    return UserOut(id=user.id, username=user.username, full_name=user.full_name,
                   title=user.title or "", is_admin=user.is_admin)


def _too_many(wait: int) -> ApiProblem:
    return ApiProblem(429, "rate_limited", "too many login attempts: wait a minute",
                      {"Retry-After": str(wait)})


@router.post("/login", response_model=LoginResponse)
async def login(body: LoginRequest, request: Request, context: Context) -> LoginResponse:
    """At most a few password checks run at once (`Settings.login_concurrency`): Argon2 takes
    ~250 ms of CPU each, and the limits below are checked inside that gate, so a burst of
    guesses in flight cannot slip past them. A login waiting longer than 10 s is refused."""
    address = request.client.host if request.client else "?"
    gate = context.login_gate
    try:
        await asyncio.wait_for(gate.acquire(), LOGIN_WAIT_S)
    except asyncio.TimeoutError:
        raise _too_many(5) from None
    try:
        return await run_in_threadpool(_login, context, body, address)
    finally:
        gate.release()


def _login(context, body: LoginRequest, address: str) -> LoginResponse:
    """Limits first, counted in the database for every server process: failed attempts per
    user name, and per client address (one password tried across many users is stopped too).
    Then the password check with no transaction open (Argon2 must not hold the write lock of
    the room); then the token, in a short write transaction."""
    settings = context.settings
    username = body.username.strip()
    per_user = limits.Limit(settings.login_attempts_per_minute)
    per_address = limits.Limit(settings.login_failures_per_address_per_minute)
    address_key, user_key = f"login-address:{address}", f"login-user:{username.lower()}"
    with context.sessions() as db:
        wait = limits.retry_after(db, address_key, per_address) or \
            limits.retry_after(db, user_key, per_user)
        user = auth.find_user(db, username) if wait is None else None
    if wait is not None:
        raise _too_many(wait)
    try:
        user = auth.check_password(context.passwords, user, body.password)
    except auth.AuthenticationFailed:
        with context.sessions() as db:
            begin_write(db)
            limits.hit(db, address_key, per_address)
            limits.hit(db, user_key, per_user)
            db.commit()
        raise ApiProblem(401, "invalid_credentials", "wrong user name or password") from None
    with context.sessions() as db:
        begin_write(db)
        issued = auth.issue_token(db, user, lifetime_s=settings.token_lifetime_s,
                                  device=body.device)
        db.commit()
    return LoginResponse(token=issued.token, expires_at=issued.expires_at.isoformat(),
                         user=user_out(issued.user))


@router.post("/logout", status_code=204)
def logout(db: Db, token: Token, _user: CurrentUser) -> None:
    begin_write(db)
    auth.revoke(db, token)
    db.commit()


@router.get("/me", response_model=UserOut)
def me(user: CurrentUser) -> UserOut:
    return user_out(user)
