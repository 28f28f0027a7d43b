"""Background download of every document of the followed sessions: what the user asked for
first, then the rest; a file that failed (hash, refused) is tried again after a while; the
cache stays under its limit without ever evicting a followed session's documents."""
from __future__ import annotations

import asyncio
import logging
import time
from typing import TYPE_CHECKING

import httpx

from app import protocol as p
from sync.downloads import IntegrityError
from sync.transport import Gone

if TYPE_CHECKING:
    from sync.engine import SyncEngine

log = logging.getLogger("phonghop.prefetch")
FAILED_FILE_RETRY_S = 60.0  # a document that failed (hash, refused) is tried again after this


class Prefetcher:
    def __init__(self, engine: "SyncEngine"):
        self.engine = engine
        self.wanted_now = asyncio.Event()
        self.priority: list[str] = []
        self.failed: dict[str, float] = {}  # sha256 -> when to try it again
        self.counts = (0, 0)  # files here, files wanted

    def want(self, sha256: str) -> None:
        """Asked for by the user: first in line, now (on the engine's loop)."""
        self.failed.pop(sha256, None)
        if sha256 not in self.priority:
            self.priority.insert(0, sha256)
        self.wanted_now.set()

    async def run(self) -> None:
        files = self.engine.files
        self.wanted_now.set()
        while True:
            await self.wanted_now.wait()
            self.wanted_now.clear()
            wanted = list(dict.fromkeys(self.wanted_files()))
            now = time.monotonic()
            candidates = [sha for sha in dict.fromkeys(self.priority + wanted)
                          if self.failed.get(sha, 0) <= now]
            for sha in candidates:
                if await asyncio.to_thread(files.has, sha):  # verified off the loop
                    continue
                await self._count(wanted)
                try:
                    await files.download(self.engine.transport.stream, sha)
                except (IntegrityError, Gone, httpx.HTTPStatusError) as exc:
                    log.warning("document %s… not downloaded: %s", sha[:12], exc)
                    self.failed[sha] = time.monotonic() + FAILED_FILE_RETRY_S
                    continue
                except OSError as exc:  # the device's disk: full, read-only, gone
                    log.warning("document %s… cannot be stored: %s", sha[:12], exc)
                    if not self.failed:
                        self.engine.tell("notice", "disk", None, 1)
                    self.failed[sha] = time.monotonic() + FAILED_FILE_RETRY_S
                    continue
                if sha in self.priority:
                    self.priority.remove(sha)
                self.engine.notify_changed(None, {"file"})
            await self._count(wanted)
            files.evict(keep=wanted)

    async def _count(self, wanted: list[str]) -> None:
        files = self.engine.files
        here = await asyncio.to_thread(lambda: sum(1 for sha in wanted if files.has(sha)))
        self.counts = (here, len(wanted))
        self.engine.emit_status()

    def wanted_files(self, sessions: list[int] | None = None) -> list[str]:
        """The documents of the followed sessions (or of `sessions`)."""
        engine = self.engine
        shas = []
        for session_id in engine.followed if sessions is None else sessions:
            for (entity, _key), data in engine.replica.entities(session_id).items():
                if entity == p.ENTITY_DOCUMENT and data.get("sha256"):
                    shas.append(data["sha256"])
        return shas

    def forget_unreachable(self, before: set[str]) -> None:
        """After a session was purged or re-read with fewer rights: delete the files that were
        there for it and are no longer wanted by any followed session."""
        keep = set(self.wanted_files())
        for sha in before - keep:
            self.engine.files.discard(sha)
            if sha in self.priority:
                self.priority.remove(sha)
