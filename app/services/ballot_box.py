"""The secret ballot box: each vote's key, kept outside the database; ballots sealed under it
while the vote is open (AES-GCM from `cryptography`, nothing hand-made); tracking codes.

A sealed ballot is the choice as JSON, padded to one length for the whole vote (its size
tells nothing), encrypted with a fresh 96-bit nonce and the vote's id as associated data (a
sealed row moved to another vote does not open). The voter's reference is an HMAC of the
user id under the same key: only the key finds a voter's own ballot again. At the close the
key opens every sealed ballot once, then it is destroyed (docs/ARCHITECTURE.md, "Secret
ballots", says what a database administrator can and cannot learn)."""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import threading
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from app.fileio import fsync_directory

NONCE_BYTES = 12


class KeyMissing(Exception):
    """The key of an open secret vote is not in the key directory (a server whose data
    directory was not shared or was lost): its ballots cannot be counted."""


class VoteKeys:
    """The keys of the open secret votes, one file each under `directory` (the server's data
    directory, which every server process shares), written and fsync'd before the opening
    commits, removed after the close commits."""

    def __init__(self, directory: Path):
        self.directory = Path(directory)
        self._cache: dict[str, bytes] = {}
        self._lock = threading.Lock()

    def _path(self, epoch: str, vote_id: int) -> Path:
        return self.directory / f"{epoch}-{vote_id}.key"

    def create(self, epoch: str, vote_id: int) -> bytes:
        key = AESGCM.generate_key(bit_length=256)
        self.directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        path = self._path(epoch, vote_id)
        partial = path.with_suffix(".part")
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, key)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(partial, path)
        fsync_directory(self.directory)
        with self._lock:
            self._cache[path.name] = key
        return key

    def load(self, epoch: str, vote_id: int) -> bytes:
        path = self._path(epoch, vote_id)
        with self._lock:
            key = self._cache.get(path.name)
        if key is None:
            try:
                key = path.read_bytes()
            except FileNotFoundError:
                raise KeyMissing(f"vote {vote_id}: its key is not in {self.directory}") from None
            if len(key) != 32:
                raise KeyMissing(f"vote {vote_id}: its key file is damaged")
            with self._lock:
                self._cache[path.name] = key
        return key

    def destroy(self, epoch: str, vote_id: int) -> None:
        path = self._path(epoch, vote_id)
        with self._lock:
            self._cache.pop(path.name, None)
        try:
            with open(path, "r+b") as handle:  # overwrite first (no promise on every disk)
                handle.write(b"\0" * 32)
                handle.flush()
                os.fsync(handle.fileno())
            path.unlink()
        except FileNotFoundError:
            return
        fsync_directory(self.directory)

    def known(self, epoch: str) -> set[int]:
        """The votes of this database whose key is on disk or in this process's memory."""
        found = set()
        prefix = f"{epoch}-"
        names = [p.name for p in self.directory.glob(f"{prefix}*.key")] \
            if self.directory.is_dir() else []
        with self._lock:
            names += list(self._cache)
        for name in names:
            try:
                found.add(int(name[len(prefix):-len(".key")]))
            except ValueError:
                continue
        return found


def padded_length(subjects: int) -> int:
    """One plaintext length for every ballot of a vote (room for the longest choice)."""
    return 96 + 96 * max(subjects, 0)


def seal(key: bytes, vote_id: int, choice: dict[str, Any], length: int) -> bytes:
    text = json.dumps(choice, separators=(",", ":"), ensure_ascii=True).encode("ascii")
    if len(text) > length:
        raise ValueError("the ballot is longer than its vote allows")
    nonce = secrets.token_bytes(NONCE_BYTES)
    return nonce + AESGCM(key).encrypt(nonce, text.ljust(length, b" "), _aad(vote_id))


def unseal(key: bytes, vote_id: int, sealed: bytes) -> dict[str, Any]:
    nonce, body = sealed[:NONCE_BYTES], sealed[NONCE_BYTES:]
    return json.loads(AESGCM(key).decrypt(nonce, body, _aad(vote_id)))


def voter_ref(key: bytes, user_id: int) -> str:
    return hmac.new(key, f"voter:{user_id}".encode("ascii"), hashlib.sha256).hexdigest()


def new_tracker() -> str:
    """A tracking code: 80 random bits as four groups of base32 ("K7Q2-9FXM-…")."""
    text = base64.b32encode(secrets.token_bytes(10)).decode("ascii")
    return "-".join(text[i:i + 4] for i in range(0, 16, 4))


def random_id() -> int:
    """A row id that says nothing about when the row was written."""
    return secrets.randbelow(2 ** 31 - 2) + 1


def _aad(vote_id: int) -> bytes:
    return f"phonghop-ballot:{vote_id}".encode("ascii")
