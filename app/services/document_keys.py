"""The keys that seal confidential documents ("Mật") on the tablets.

A tablet keeps a confidential document only encrypted (AES-256-GCM, documents/sealed_files.py)
under a key per session and user that the server hands out and the tablet holds in memory only.
The key is derived (HKDF-SHA256) from a secret of the database (made by its migration), the
session, the user and the user's `key_generation`:
- nothing is stored per key, and every server process derives the same one;
- a wipe (`phonghop devices wipe USER`) counts the generation up and revokes the user's tokens:
  the copies already on tablets can never be read again, and the tablets delete them at their
  next contact with the server;
- a closed session hands out no key any more, so its copies stay sealed for good; the tablets
  delete them when they see the session closed.
"""
from __future__ import annotations

import base64
import hashlib
import secrets

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.models import Confidentiality, ServerMeta, SessionStatus, User
from app.services import access
from app.services.meetings import Forbidden, visible_session

SECRET_KEY = "document_key_secret"
_SALT = b"phonghop confidential documents v1"


class SessionClosed(Exception):
    """A closed session's confidential documents are not opened on tablets any more."""


def _secret(db: Session) -> bytes:
    row = db.get(ServerMeta, SECRET_KEY)
    if row is None:  # a database made without the migrations (create_all): made once, kept
        try:
            db.add(ServerMeta(key=SECRET_KEY, value=secrets.token_hex(32)))
            db.commit()
        except IntegrityError:
            db.rollback()  # another process made it first
        row = db.get(ServerMeta, SECRET_KEY)
    return bytes.fromhex(row.value)


def derive_key(db: Session, session_id: int, user: User) -> bytes:
    info = f"{session_id}:{user.id}:{user.key_generation or 0}".encode()
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=_SALT, info=info).derive(_secret(db))


def key_id(key: bytes) -> str:
    """Names a key without giving it away (the tablet notices a changed key by it)."""
    return hashlib.sha256(b"key id:" + key).hexdigest()[:16]


def session_key(db: Session, user: User, session_id: int) -> dict:
    """{"session_id", "key" (base64url), "key_id"} for a user who may read the session's
    confidential documents; NotFound, Forbidden or SessionClosed otherwise."""
    session, roles = visible_session(db, user, session_id)
    if not (user.is_admin or roles & access.READERS[Confidentiality.CONFIDENTIAL]):
        raise Forbidden()
    if session.status == SessionStatus.CLOSED:
        raise SessionClosed()
    key = derive_key(db, session_id, user)
    return {"session_id": session_id, "key": base64.urlsafe_b64encode(key).decode(),
            "key_id": key_id(key)}


def wipe_user(db: Session, user: User) -> int:
    """Every copy of this user's confidential documents becomes unreadable, and the user is
    logged out everywhere (the tablets then delete them). Returns the tokens revoked. The
    caller commits."""
    from app.services.auth import revoke_all_for_user

    user.key_generation = (user.key_generation or 0) + 1
    db.flush()
    return revoke_all_for_user(db, user.id)
