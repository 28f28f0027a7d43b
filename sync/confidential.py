"""Confidential documents ("Mật") on the tablet: sealed on disk, their keys in memory only.

Each followed session's confidential documents are downloaded sealed (sync/downloads.py) under
the key the server hands this user for that session (`GET /sessions/{id}/document-key`), held
here and nowhere else: after a restart they stay locked until the server hands the key again.
Every sealed byte of a session is wiped when the session is closed (its entity says so, or the
server refuses the key for that reason), when the session is no longer the user's, when the
key changed (an admin's wipe: `phonghop devices wipe USER`), and every sealed byte of the
device when the server refuses the user's token (tokens revoked, at the next contact or at
start-up). Guests never get a key: the server refuses it and never lists such documents.
"""
from __future__ import annotations

import base64
import binascii
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, NamedTuple, Optional

from app import protocol as p
from sync.client import OPEN_LEVELS
from sync.transport import ServerTrouble

if TYPE_CHECKING:
    from sync.engine import SyncEngine

log = logging.getLogger("phonghop.confidential")
CLOSED = "closed"
WIPED = "sealed_wiped"  # in `changed(session_id, entities)`: its confidential copies are gone


class SealedSource(NamedTuple):
    """A confidential document's sealed file and the key that opens it (in memory)."""
    path: Path
    key: bytes
    sha256: str


def is_confidential(document: dict) -> bool:
    """A document entity's data: confidential, or of an unknown level (the same rule as
    `DocumentInfo.restricted`)."""
    return document.get("confidentiality") not in OPEN_LEVELS


class Confidential:
    def __init__(self, engine: "SyncEngine"):
        self.engine = engine
        self.keys: dict[int, bytes] = {}
        self.refused: set[int] = set()  # sessions whose key the server refused this run

    # -- what is wanted --------------------------------------------------------------------
    def documents(self, sessions: Iterable[int] | None = None, earlier: bool = False
                  ) -> list[tuple[int, str, int]]:
        """(session id, sha256, size) of the confidential documents of the followed sessions
        (with `earlier`, their earlier versions too)."""
        engine = self.engine
        found = []
        for session_id in engine.followed if sessions is None else sessions:
            for (entity, _key), data in engine.replica.entities(session_id).items():
                if entity != p.ENTITY_DOCUMENT or not is_confidential(data):
                    continue
                versions = [data] + (list(data.get("earlier") or []) if earlier else [])
                for version in versions:
                    if isinstance(version, dict) and isinstance(version.get("sha256"), str):
                        found.append((session_id, version["sha256"],
                                      int(version.get("size") or 0)))
        return found

    def closed(self, session_id: int) -> bool:
        session = self.engine.replica.entities(session_id).get((p.ENTITY_SESSION, str(session_id)))
        return bool(session) and session.get("status") == CLOSED

    # -- keys ------------------------------------------------------------------------------
    async def key_for(self, session_id: int) -> Optional[bytes]:
        """The session's key (asked of the server once per run), or None when refused."""
        if session_id in self.keys:
            return self.keys[session_id]
        if session_id in self.refused:
            return None
        status, body = await self.engine.transport.get_answer(
            f"/sessions/{session_id}/document-key")
        if status == 409:  # the session was closed
            self.wipe(session_id)
            self.refused.add(session_id)
            return None
        if status in (403, 404):  # not a reader of its confidential documents (a guest)
            log.info("no document key for session %s (HTTP %s)", session_id, status)
            self.refused.add(session_id)
            return None
        key = _key_of(body) if status == 200 else None
        if key is None:  # asked again later (the caller's retry)
            raise ServerTrouble(f"document key of session {session_id}: HTTP {status}")
        replica, name = self.engine.replica, f"document_key_id:{session_id}"
        if replica.meta(name) not in (None, body["key_id"]):  # sealed under another key
            self.wipe(session_id)
        replica.set_meta(name, body["key_id"])  # names the key, never gives it away
        self.keys[session_id] = key
        self.engine.notify_changed(None, {"file"})  # a sealed copy already here opens now
        return key

    # -- opening ---------------------------------------------------------------------------
    def source(self, sha256: str) -> Optional[SealedSource]:
        """The sealed copy of a confidential document and its key, when both are here."""
        files = self.engine.files
        for session_id, sha, _size in self.documents(earlier=True):
            key = self.keys.get(session_id)  # the engine's loop may wipe it meanwhile
            if sha == sha256 and key is not None and not self.closed(session_id) \
                    and files.has_sealed(session_id, sha):
                return SealedSource(files.sealed_path(session_id, sha), key, sha)
        return None

    # -- wiping ----------------------------------------------------------------------------
    def wipe(self, session_id: int | None = None) -> int:
        """Every sealed byte of a session (of the device: None) removed, its key forgotten."""
        had = bool(self.keys) if session_id is None else session_id in self.keys
        if session_id is None:
            self.keys.clear()
        else:
            self.keys.pop(session_id, None)
        removed = self.engine.files.wipe_sealed(session_id)
        if removed:
            log.warning("wiped %d bytes of confidential documents (session %s)", removed,
                        "all" if session_id is None else session_id)
        if removed or had:
            self.engine.notify_changed(session_id, {WIPED})  # a viewer showing one closes it
        return removed

    def discard(self, sha256: str) -> None:
        """A sealed copy its key does not open (damaged): removed, so that it comes again."""
        for session_id, sha, _size in self.documents(earlier=True):
            if sha == sha256:
                self.engine.files.sealed_path(session_id, sha).unlink(missing_ok=True)

    def wipe_closed(self) -> None:
        for session_id in list(self.engine.followed):
            if self.closed(session_id):
                self.wipe(session_id)


def _key_of(body) -> Optional[bytes]:
    try:
        key = base64.urlsafe_b64decode(body["key"])
    except (TypeError, KeyError, ValueError, binascii.Error):
        return None
    return key if len(key) == 32 and isinstance(body.get("key_id"), str) else None
