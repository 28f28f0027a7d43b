"""User accounts."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import User
from app.services.passwords import Passwords


class UserExists(Exception):
    pass


def create_user(db: Session, passwords: Passwords, username: str, password: str, full_name: str,
                *, title: str | None = None, is_admin: bool = False) -> User:
    username = username.strip()
    if not username:
        raise ValueError("the user name is empty")
    if len(password) < 8:
        raise ValueError("the password must have at least 8 characters")
    if db.scalar(select(User.id).where(User.username == username)) is not None:
        raise UserExists(username)
    user = User(username=username, full_name=full_name, title=title,
                password_hash=passwords.hash(password), is_admin=is_admin)
    db.add(user)
    db.flush()
    return user
