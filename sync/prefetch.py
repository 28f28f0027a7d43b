"""Background download of every document of the followed sessions: what the user asked for
first, then the rest; a file that failed (hash, refused) is tried again after a while; the
cache stays under its limit without ever evicting a followed session's documents. A
confidential document is downloaded sealed under its session's key (sync/confidential.py),
never in clear; a copy in clear left by an older client is deleted."""
from __future__ import annotations

import asyncio
import logging
import time
from typing import TYPE_CHECKING

import httpx

from app import protocol as p
from sync.confidential import is_confidential
from sync.downloads import IntegrityError
from sync.transport import Gone, ServerTrouble

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
            sealed, never_clear, clear = await asyncio.to_thread(self._sealed_wanted, now)
            for sha in candidates:
                if sha in sealed:
                    await self._fetch_sealed(sealed[sha], wanted)
                    continue
                if sha in never_clear or sha not in clear:  # nothing unknown comes in clear
                    continue
                if await asyncio.to_thread(files.has, sha):  # verified off the loop
                    continue
                await self._fetch(lambda: files.download(self.engine.transport.stream, sha), sha,
                                  wanted)
            for sha in [sha for sha in sealed if sha not in candidates]:
                await self._fetch_sealed(sealed[sha], wanted)
            await self._count(wanted)
            files.evict(keep=wanted)

    def _sealed_wanted(self, now: float
                       ) -> tuple[dict[str, tuple[int, str, int]], set[str], set[str]]:
        """{sha256: (session, sha256, size)} of the confidential documents to fetch sealed
        (the current versions, and an earlier one the user asked for), those asked for first;
        and every confidential file, never to be fetched in clear. Copies in clear of them (an
        older client's) are deleted; and the files that may come in clear (every version of
        the other documents). On a worker thread: it touches the disk."""
        confidential = self.engine.confidential
        confidential.wipe_closed()
        clear = set(self.wanted_files(earlier=True))
        every = [entry for entry in confidential.documents(earlier=True)
                 if entry[1] not in clear]
        current = {entry[1] for entry in confidential.documents()}
        for _session, sha, _size in every:
            if self.engine.files.path(sha).exists():
                self.engine.files.discard(sha)
        wanted = sorted((entry for entry in every if not confidential.closed(entry[0])
                         and (entry[1] in current or entry[1] in self.priority)),
                        key=lambda entry: entry[1] not in self.priority)
        sealed = {}
        for session_id, sha, size in wanted:
            if self.failed.get(sha, 0) <= now:
                sealed.setdefault(sha, (session_id, sha, size))
        return sealed, {entry[1] for entry in every}, clear

    async def _fetch_sealed(self, entry: tuple[int, str, int], wanted: list[str]) -> None:
        session_id, sha, size = entry
        files = self.engine.files
        # asked once a run even when the file is here: a closed session or a changed key
        # (an admin's wipe) wipes what is here
        try:
            key = await self.engine.confidential.key_for(session_id)
        except (ServerTrouble, httpx.HTTPError) as exc:  # the key another time, the sync goes on
            log.warning("no key for session %s yet: %s", session_id, exc)
            self.failed[sha] = time.monotonic() + FAILED_FILE_RETRY_S
            asyncio.get_running_loop().call_later(FAILED_FILE_RETRY_S, self.wanted_now.set)
            return
        if key is None or files.has_sealed(session_id, sha):
            return
        await self._fetch(lambda: files.download_sealed(self.engine.transport.stream,
                                                        session_id, sha, key, size), sha, wanted)

    async def _fetch(self, download, sha: str, wanted: list[str]) -> None:
        """`download()`: the coroutine that fetches it."""
        await self._count(wanted)
        try:
            await download()
        except (IntegrityError, Gone, httpx.HTTPStatusError) as exc:
            log.warning("document %s… not downloaded: %s", sha[:12], exc)
            self.failed[sha] = time.monotonic() + FAILED_FILE_RETRY_S
            return
        except OSError as exc:  # the device's disk: full, read-only, gone
            log.warning("document %s… cannot be stored: %s", sha[:12], exc)
            if not self.failed:
                self.engine.tell("notice", "disk", None, 1)
            self.failed[sha] = time.monotonic() + FAILED_FILE_RETRY_S
            return
        if sha in self.priority:
            self.priority.remove(sha)
        self.engine.notify_changed(None, {"file"})

    async def _count(self, wanted: list[str]) -> None:
        files = self.engine.files
        confidential = self.engine.confidential
        sealed = [entry for entry in confidential.documents() if not confidential.closed(
            entry[0]) and entry[0] not in confidential.refused]  # what can come, counted

        def count() -> int:
            return sum(1 for sha in wanted if files.has(sha)) + \
                sum(1 for session, sha, _size in sealed if files.has_sealed(session, sha))

        self.counts = (await asyncio.to_thread(count), len(wanted) + len(sealed))
        self.engine.emit_status()

    def wanted_files(self, sessions: list[int] | None = None, earlier: bool = False
                     ) -> list[str]:
        """The documents of the followed sessions (or of `sessions`) kept in clear: all but
        the confidential ones (with `earlier`, their earlier versions too)."""
        engine = self.engine
        shas = []
        for session_id in engine.followed if sessions is None else sessions:
            for (entity, _key), data in engine.replica.entities(session_id).items():
                if entity == p.ENTITY_DOCUMENT and data.get("sha256") and \
                        not is_confidential(data):
                    shas.append(data["sha256"])
                    if earlier:
                        shas += [v["sha256"] for v in data.get("earlier") or []
                                 if isinstance(v, dict) and isinstance(v.get("sha256"), str)]
        return shas

    def forget_unreachable(self, before: set[str]) -> None:
        """After a session was purged or re-read with fewer rights: delete the files that were
        there for it and are no longer wanted by any followed session."""
        keep = set(self.wanted_files())
        followed = set(self.engine.followed)
        for session_id in self.engine.files.sealed_sessions() - followed:
            self.engine.confidential.wipe(session_id)
        for sha in before - keep:
            self.engine.files.discard(sha)
            if sha in self.priority:
                self.priority.remove(sha)
