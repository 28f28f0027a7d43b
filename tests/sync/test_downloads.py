"""Document distribution: resumable (HTTP Range), verified, size-limited cache."""
from __future__ import annotations

import asyncio
import hashlib

import pytest

from sync.downloads import FileCache, IntegrityError
from sync.replica import Replica
from sync.transport import Transport
from tests.sync.engine_helpers import token_for


def _run(world, fn):
    async def go():
        token, _ = token_for(world.url, "delegate")
        transport = Transport(world.url, token)
        try:
            return await fn(transport)
        finally:
            await transport.close()

    return asyncio.run(go())


def test_a_partial_download_resumes_with_range_and_is_verified(world, tmp_path):
    sha = world.docs["internal"]["sha256"]
    whole = world.context.files.path_for(sha).read_bytes()
    cache = FileCache(tmp_path / "files", Replica(tmp_path / "r.sqlite"), 10 ** 9)
    (tmp_path / "files" / f"{sha}.part").write_bytes(whole[:700])
    seen = []
    path = _run(world, lambda t: cache.download(t.stream, sha, lambda done, total: seen.append((done, total))))
    assert path.read_bytes() == whole
    assert seen[0][0] > 700 and seen[-1] == (len(whole), len(whole))  # continued, not restarted
    assert not (tmp_path / "files" / f"{sha}.part").exists()


def test_a_corrupt_partial_file_is_caught_by_the_hash(world, tmp_path):
    sha = world.docs["internal"]["sha256"]
    cache = FileCache(tmp_path / "files", Replica(tmp_path / "r.sqlite"), 10 ** 9)
    (tmp_path / "files" / f"{sha}.part").write_bytes(b"garbage!" * 50)
    with pytest.raises(IntegrityError):
        _run(world, lambda t: cache.download(t.stream, sha))
    assert not cache.has(sha) and not (tmp_path / "files" / f"{sha}.part").exists()
    path = _run(world, lambda t: cache.download(t.stream, sha))  # the next try starts afresh
    assert hashlib.sha256(path.read_bytes()).hexdigest() == sha


def test_the_cache_keeps_under_its_limit_and_keeps_what_is_needed(world, tmp_path):
    replica = Replica(tmp_path / "r.sqlite")
    shas = [world.docs[level]["sha256"] for level in ("public", "internal", "confidential")]
    cache = FileCache(tmp_path / "files", replica, 10 ** 9)
    for sha in shas:
        _run(world, lambda t, sha=sha: cache.download(t.stream, sha))
    sizes = {sha: cache.path(sha).stat().st_size for sha in shas}
    cache.use(shas[0])  # recently used: the oldest is now shas[1]
    cache.limit_bytes = sizes[shas[0]] + sizes[shas[2]]
    removed = cache.evict(keep=[shas[2]])
    assert removed == [shas[1]]
    assert cache.has(shas[0]) and cache.has(shas[2]) and not cache.has(shas[1])
    cache.limit_bytes = 0
    assert cache.evict(keep=[shas[2]]) == [shas[0]] and cache.has(shas[2])
