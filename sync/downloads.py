"""Document distribution on the tablet: content-addressed files, resumable with HTTP Range,
verified by SHA-256 before they are stored and again (size and hash, once per run) before they
are used, written durably (fsync before the rename), kept in a size-limited cache (least
recently used leaves first; files of the followed sessions stay).

A confidential document is never written in clear: it is sealed as it arrives
(documents/sealed_files.py) under its session's key, in `sealed/<session id>/<sha256>.sealed`,
one folder per session because the key is per session and user. Its hash is checked when it is
sealed and again by the render process, which alone decrypts it, in memory."""
from __future__ import annotations

import asyncio
import os
import shutil
import threading
from pathlib import Path
from typing import Awaitable, Callable, Iterable

from app.fileio import fsync_directory, sha256_of
from documents.sealed_files import SUFFIX as SEALED, SealedError, SealedWriter, wipe_files
from sync.replica import Replica

CHUNK = 256 * 1024


class IntegrityError(Exception):
    """The downloaded bytes do not hash to the expected SHA-256 (they are discarded)."""


class FileCache:
    def __init__(self, root: Path, replica: Replica, limit_bytes: int):
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self.replica = replica
        self.limit_bytes = limit_bytes
        self._verified: dict[str, tuple[int, int]] = {}  # sha -> (size, mtime_ns) seen whole
        self._lock = threading.Lock()

    def path(self, sha256: str) -> Path:
        return self.root / f"{sha256}.pdf"

    def has(self, sha256: str) -> bool:
        """A whole, verified copy is here. A file that is short, long or altered (a power cut
        during an older write, a disk error) is removed, so that it is fetched again."""
        path = self.path(sha256)
        try:
            stat = path.stat()
        except OSError:
            return False
        seen = (stat.st_size, stat.st_mtime_ns)
        with self._lock:
            if self._verified.get(sha256) == seen:
                return True
        recorded = self.replica.file_size(sha256)
        if (recorded is not None and recorded != stat.st_size) or sha256_of(path) != sha256:
            self.discard(sha256)
            return False
        with self._lock:
            self._verified[sha256] = seen
        if recorded is None:
            self.replica.touch_file(sha256, stat.st_size)
        return True

    def use(self, sha256: str) -> Path | None:
        """The verified copy (marked as just used), or None."""
        if not self.has(sha256):
            return None
        path = self.path(sha256)
        self.replica.touch_file(sha256, path.stat().st_size)
        return path

    def discard(self, sha256: str) -> None:
        with self._lock:
            self._verified.pop(sha256, None)
        self.path(sha256).unlink(missing_ok=True)
        self.replica.forget_file(sha256)

    async def download(self, http_get: Callable[..., Awaitable], sha256: str,
                       progress: Callable[[int, int], None] | None = None) -> Path:
        """Fetch /files/<sha256>, resuming a partial download with Range; verify; store."""
        partial = self.root / f"{sha256}.part"
        have = partial.stat().st_size if partial.exists() else 0
        headers = {"Range": f"bytes={have}-"} if have else {}
        async with http_get(f"/files/{sha256}", headers=headers) as response:
            if response.status_code == 416:  # the partial file is longer than the document
                partial.unlink(missing_ok=True)
                raise IntegrityError("a partial file longer than the document; starting again")
            response.raise_for_status()
            mode = "ab" if response.status_code == 206 else "wb"
            if mode == "wb":
                have = 0
            total = have + int(response.headers.get("content-length") or 0)
            with open(partial, mode) as out:
                async for chunk in response.aiter_bytes(CHUNK):
                    out.write(chunk)
                    have += len(chunk)
                    if progress:
                        progress(have, total)
                out.flush()
                os.fsync(out.fileno())  # on disk before the name says it is whole
        if await asyncio.to_thread(sha256_of, partial) != sha256:  # not on the engine's loop
            partial.unlink(missing_ok=True)
            raise IntegrityError(f"{sha256[:12]}… does not match its hash")
        target = self.path(sha256)
        os.replace(partial, target)
        fsync_directory(self.root)
        stat = target.stat()
        self.replica.touch_file(sha256, stat.st_size)
        with self._lock:
            self._verified[sha256] = (stat.st_size, stat.st_mtime_ns)
        return target

    def evict(self, keep: Iterable[str]) -> list[str]:
        """Remove least recently used files, never those in `keep`, until under the limit."""
        keep = set(keep)
        files = self.replica.files_by_age()
        total = sum(size for _sha, size in files)
        removed = []
        for sha, size in files:
            if total <= self.limit_bytes:
                break
            if sha in keep:
                continue
            self.discard(sha)
            total -= size
            removed.append(sha)
        return removed

    # -- confidential documents, sealed -------------------------------------------------------
    def sealed_path(self, session_id: int, sha256: str) -> Path:
        return self.root / "sealed" / str(int(session_id)) / f"{sha256}{SEALED}"

    def has_sealed(self, session_id: int, sha256: str) -> bool:
        return self.sealed_path(session_id, sha256).is_file()

    async def download_sealed(self, http_get: Callable[..., Awaitable], session_id: int,
                              sha256: str, key: bytes, size: int = 0) -> Path:
        """Fetch /files/<sha256> and seal it as it comes, resuming whole sealed chunks with
        Range; the hash of the clear bytes is checked before the file gets its name."""
        target = self.sealed_path(session_id, sha256)
        target.parent.mkdir(parents=True, exist_ok=True)
        writer = await asyncio.to_thread(SealedWriter, target, sha256, key)
        try:
            have = writer.have()
            if not (size and have >= size):  # all but an empty last chunk: only the seal
                headers = {"Range": f"bytes={have}-"} if have else {}
                async with http_get(f"/files/{sha256}", headers=headers) as response:
                    if response.status_code == 416:
                        writer.restart()
                        raise IntegrityError("a partial file longer than the document")
                    response.raise_for_status()
                    if response.status_code == 200 and have:
                        writer.restart()  # the server sent it all again
                    async for chunk in response.aiter_bytes(CHUNK):
                        writer.write(chunk)
            try:
                path = await asyncio.to_thread(writer.finish)
            except SealedError as exc:
                raise IntegrityError(f"{sha256[:12]}… does not match its hash: {exc}") from None
        finally:
            writer.abort(keep_partial=True)  # nothing once finished; else resumed next time
        fsync_directory(target.parent.parent)
        return path

    def sealed_sessions(self) -> set[int]:
        """The sessions with sealed files here."""
        folder = self.root / "sealed"
        return {int(p.name) for p in folder.iterdir() if p.name.isdigit()} \
            if folder.is_dir() else set()

    def wipe_sealed(self, session_id: int | None = None) -> int:
        """Remove every sealed byte of a session (all sessions: None); the bytes removed."""
        folder = self.root / "sealed" / (str(int(session_id)) if session_id is not None else "")
        if not folder.is_dir():
            return 0
        removed = wipe_files(folder)
        shutil.rmtree(folder, ignore_errors=True)  # the folders, now empty
        return removed
