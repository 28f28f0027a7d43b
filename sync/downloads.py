"""Document distribution on the tablet: content-addressed files, resumable with HTTP Range,
verified by SHA-256 before they are stored and again (size and hash, once per run) before they
are used, written durably (fsync before the rename), kept in a size-limited cache (least
recently used leaves first; files of the followed sessions stay)."""
from __future__ import annotations

import asyncio
import os
import threading
from pathlib import Path
from typing import Awaitable, Callable, Iterable

from app.fileio import fsync_directory, sha256_of
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

