"""Login, expiring bearer tokens, revocation."""
from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import AuthToken, User
from app.models.base import as_utc, utcnow
from app.services.audit import record_event
from app.services.passwords import Passwords

MAX_TOKEN_CHARS = 200  # ours are 43; a longer one is refused before it is hashed


class AuthenticationFailed(Exception):
    """Wrong user name or password, or an inactive account (never says which)."""


class TokenRejected(Exception):
    def __init__(self, code: str):  # token_invalid | token_expired
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class IssuedToken:
    token: str
    expires_at: dt.datetime
    user: User


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def find_user(db: Session, username: str) -> User | None:
    return db.scalar(select(User).where(User.username == username.strip()))


def check_password(passwords: Passwords, user: User | None, password: str) -> User:
    """The slow part of a login (Argon2, ~250 ms): run it with no transaction open, so that
    no lock is held while it thinks. Raises AuthenticationFailed."""
    ok = passwords.verify(user.password_hash if user else None, password)
    if not ok or user is None or not user.is_active:
        raise AuthenticationFailed()
    return user


def issue_token(db: Session, user: User, *, lifetime_s: int, device: str = "") -> IssuedToken:
    """A new token for a user whose password was checked; the caller commits."""
    token = secrets.token_urlsafe(32)
    expires_at = utcnow() + dt.timedelta(seconds=lifetime_s)
    db.add(AuthToken(token_sha256=token_digest(token), user_id=user.id, device=device[:200],
                     expires_at=expires_at))
    record_event(db, "auth.login", actor_id=user.id, payload={"device": device[:200]})
    return IssuedToken(token, expires_at, user)


def user_for_token(db: Session, token: str) -> User:
    """The active user of a valid token, or TokenRejected."""
    if not token or len(token) > MAX_TOKEN_CHARS:
        raise TokenRejected("token_invalid")
    # One statement: every request (every ballot of a room voting at once) comes through here.
    row = db.execute(select(User, AuthToken.revoked_at, AuthToken.expires_at)
                     .join(AuthToken, AuthToken.user_id == User.id)
                     .where(AuthToken.token_sha256 == token_digest(token))).first()
    if row is None or row.revoked_at is not None:
        raise TokenRejected("token_invalid")
    if as_utc(row.expires_at) <= utcnow():
        raise TokenRejected("token_expired")
    if not row.User.is_active:
        raise TokenRejected("token_invalid")
    return row.User


def revoke(db: Session, token: str) -> None:
    row = db.scalar(select(AuthToken).where(AuthToken.token_sha256 == token_digest(token)))
    if row is not None and row.revoked_at is None:
        row.revoked_at = utcnow()


def revoke_all_for_user(db: Session, user_id: int) -> int:
    """A lost tablet: every token of the user stops working at once."""
    rows = db.scalars(
        select(AuthToken).where(AuthToken.user_id == user_id, AuthToken.revoked_at.is_(None))
    ).all()
    for row in rows:
        row.revoked_at = utcnow()
    return len(rows)

