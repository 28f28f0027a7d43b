"""Document distribution on the tablet: content-addressed files, resumable with HTTP Range,
verified by SHA-256 before use, kept in a size-limited cache (least recently used leaves first;
files of the followed sessions stay)."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Awaitable, Callable, Iterable

from sync.client import sha256_of
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

    def path(self, sha256: str) -> Path:
        return self.root / f"{sha256}.pdf"

    def has(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def use(self, sha256: str) -> Path | None:
        path = self.path(sha256)
        if not path.is_file():
            return None
        self.replica.touch_file(sha256, path.stat().st_size)
        return path

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
        if sha256_of(partial) != sha256:
            partial.unlink(missing_ok=True)
            raise IntegrityError(f"{sha256[:12]}… does not match its hash")
        target = self.path(sha256)
        os.replace(partial, target)
        self.replica.touch_file(sha256, target.stat().st_size)
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
            self.path(sha).unlink(missing_ok=True)
            self.replica.forget_file(sha)
            total -= size
            removed.append(sha)
        return removed

