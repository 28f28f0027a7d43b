"""Confidential documents at rest: sealed with AES-256-GCM, unreadable without the key, every
alteration detected, resumable after an interruption, wiped without a trace of a sealed byte."""
from __future__ import annotations

import hashlib
import os
import random
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from documents.sealed_files import (
    CHUNK, HEADER_SIZE, TAG, SealedError, SealedWriter, read_sealed, sealed_size, wipe_files,
)

KEY = bytes(range(32))
RECORD = CHUNK + TAG


def _data(size: int, seed: int = 1) -> bytes:
    return random.Random(seed).randbytes(size)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _seal(path: Path, data: bytes, key: bytes = KEY, pieces: list[int] | None = None) -> Path:
    with SealedWriter(path, _sha(data), key) as writer:
        at = 0
        for size in pieces or [len(data)]:
            writer.write(data[at:at + size])
            at += size
        writer.write(data[at:])
        return writer.finish()


@pytest.fixture(scope="module")
def sealed(tmp_path_factory):
    """2.5 MiB in three chunks (1 MiB, 1 MiB, 0.5 MiB), written in odd-sized pieces."""
    data = _data(CHUNK * 5 // 2)
    path = _seal(tmp_path_factory.mktemp("sealed") / "doc.sealed", data,
                 pieces=[1, 4095, 777_777, 1_048_576, 3, 300_001])
    return path, data


def test_a_round_trip_in_odd_sized_pieces(sealed):
    path, data = sealed
    assert read_sealed(path, KEY, _sha(data)) == data
    assert read_sealed(path, KEY) == data
    assert path.stat().st_size == sealed_size(len(data)) == HEADER_SIZE + len(data) + 3 * TAG
    assert not path.with_name(path.name + ".part").exists()


@pytest.mark.parametrize("size", [0, CHUNK, 2 * CHUNK, CHUNK - 1, CHUNK + 1])
def test_sizes_at_chunk_boundaries_and_the_empty_file(tmp_path, size):
    data = _data(size)
    path = _seal(tmp_path / "d.sealed", data, pieces=[CHUNK // 3] * 3)
    assert read_sealed(path, KEY, _sha(data)) == data
    assert path.stat().st_size == sealed_size(size)  # a multiple of CHUNK ends with an empty chunk


def test_unreadable_without_the_key(sealed, tmp_path):
    path, data = sealed
    with pytest.raises(SealedError):
        read_sealed(path, bytes(32))
    # random plaintext: no 16-byte window of it anywhere in the file
    small = _data(200_000, seed=7)
    disk = _seal(tmp_path / "s.sealed", small).read_bytes()
    windows = {small[i:i + 16] for i in range(len(small) - 15)}
    assert not any(disk[i:i + 16] in windows for i in range(len(disk) - 15))
    # repetitive plaintext (the case that betrays weak modes): none of its windows appears
    text = ("Tài liệu MẬT - Hội đồng nhân dân tỉnh. " * 70_000).encode()
    disk = _seal(tmp_path / "r.sealed", text).read_bytes()
    period = len("Tài liệu MẬT - Hội đồng nhân dân tỉnh. ".encode())
    assert not any(text[i:i + 16] in disk for i in range(period))


def _tampered(tmp_path, original: Path, change) -> Path:
    data = bytearray(original.read_bytes())
    data = change(data)
    target = tmp_path / "t.sealed"
    target.write_bytes(bytes(data))
    return target


def _flip(at: int):
    def change(data):
        data[at] ^= 0x01
        return data
    return change


LAST = HEADER_SIZE + 2 * RECORD
FLIPS = (list(range(HEADER_SIZE))                          # every header byte
         + [HEADER_SIZE, HEADER_SIZE + 12345, HEADER_SIZE + CHUNK - 1]  # chunk 0 body
         + [HEADER_SIZE + CHUNK + i for i in (0, 7, 15)]  # chunk 0 tag
         + [HEADER_SIZE + RECORD + 999, LAST, LAST + CHUNK // 2 + 3, LAST + CHUNK // 2 + 15])


def test_any_flipped_byte_is_detected(sealed, tmp_path):
    path, data = sealed
    for at in FLIPS:
        target = _tampered(tmp_path, path, _flip(at))
        with pytest.raises(SealedError):
            read_sealed(target, KEY)
        with pytest.raises(SealedError):
            read_sealed(target, KEY, _sha(data))


@pytest.mark.parametrize("change", [
    lambda d: d[:HEADER_SIZE + RECORD],          # truncated at a chunk boundary
    lambda d: d[:LAST],                          # the last chunk dropped
    lambda d: d[:HEADER_SIZE],                   # only the header
    lambda d: d[:HEADER_SIZE - 1],               # not even that
    lambda d: d[:-1],                            # short by a byte
    lambda d: d[:HEADER_SIZE] + d[HEADER_SIZE + RECORD:LAST] + d[HEADER_SIZE:HEADER_SIZE + RECORD]
    + d[LAST:],                                  # chunks 0 and 1 swapped
    lambda d: d[:HEADER_SIZE] + d[HEADER_SIZE + RECORD:],  # the first chunk dropped
    lambda d: d + b"\x00",                       # a byte appended
    lambda d: d + d[-TAG:],                      # a tag appended
    lambda d: d + os.urandom(RECORD),            # a whole record appended
], ids=["cut-at-boundary", "drop-last", "header-only", "short-header", "short-byte", "swap",
        "drop-first", "append-byte", "append-tag", "append-record"])
def test_truncation_reordering_and_appending_are_detected(sealed, tmp_path, change):
    path, _ = sealed
    with pytest.raises(SealedError):
        read_sealed(_tampered(tmp_path, path, change), KEY)


def test_chunks_cannot_move_between_files_with_the_same_key(sealed, tmp_path):
    path, data = sealed
    same_doc = _seal(tmp_path / "again.sealed", data).read_bytes()  # same plaintext, new prefix
    other_doc = _seal(tmp_path / "other.sealed", _data(len(data), seed=2)).read_bytes()
    for donor in (same_doc, other_doc):
        for start, end in ((HEADER_SIZE, HEADER_SIZE + RECORD), (LAST, len(donor)), (0, HEADER_SIZE)):
            target = _tampered(tmp_path, path, lambda d: d[:start] + donor[start:end] + d[end:])
            with pytest.raises(SealedError):
                read_sealed(target, KEY)
    with pytest.raises(SealedError):  # a whole other document under this one's name
        read_sealed(tmp_path / "other.sealed", KEY, _sha(data))


def test_a_hash_mismatch_at_finish_leaves_no_file(tmp_path):
    data = _data(CHUNK + 10)
    final = tmp_path / "d.sealed"
    writer = SealedWriter(final, _sha(data), KEY)
    writer.write(data[:-1] + b"X")
    with pytest.raises(SealedError):
        writer.finish()
    assert list(tmp_path.iterdir()) == []


def test_resume_keeps_whole_chunks_and_drops_a_torn_tail(tmp_path):
    data = _data(CHUNK * 23 // 10)
    final = tmp_path / "d.sealed"
    part = tmp_path / "d.sealed.part"
    writer = SealedWriter(final, _sha(data), KEY)
    writer.write(data[:CHUNK * 23 // 10 - 5])
    writer.abort()  # keeps the partial file
    assert part.stat().st_size == HEADER_SIZE + 2 * RECORD
    with open(part, "ab") as f:  # a torn tail: garbage, and longer than a record
        f.write(os.urandom(RECORD + 99))
    with SealedWriter(final, _sha(data), KEY) as writer:
        assert writer.have() == 2 * CHUNK
        assert part.stat().st_size == HEADER_SIZE + 2 * RECORD  # the tail is gone
        writer.write(data[writer.have():])
        writer.finish()
    assert read_sealed(final, KEY, _sha(data)) == data and not part.exists()


def test_resume_after_a_crash_between_the_last_chunk_and_the_rename(tmp_path):
    data = _data(CHUNK + 500)
    final = tmp_path / "d.sealed"
    _seal(final, data)
    os.replace(final, tmp_path / "d.sealed.part")  # whole, but never renamed
    with SealedWriter(final, _sha(data), KEY) as writer:
        assert writer.have() == CHUNK  # the last chunk is sealed again, from the same bytes
        writer.write(data[CHUNK:])
        writer.finish()
    assert read_sealed(final, KEY) == data


def test_an_exception_in_the_context_keeps_the_partial_file(tmp_path):
    data = _data(CHUNK * 3 // 2)
    final = tmp_path / "d.sealed"
    with pytest.raises(ConnectionError):
        with SealedWriter(final, _sha(data), KEY) as writer:
            writer.write(data[:CHUNK + 1])
            raise ConnectionError("the network went away")
    assert not final.exists()
    with pytest.raises(ValueError):  # closed: a late finish() must not discard the partial file
        writer.finish()
    assert SealedWriter(final, _sha(data), KEY).have() == CHUNK


def test_a_partial_file_with_another_key_or_document_starts_fresh(tmp_path):
    data = _data(CHUNK * 23 // 10)
    final = tmp_path / "d.sealed"
    writer = SealedWriter(final, _sha(data), KEY)
    writer.write(data[:2 * CHUNK])
    writer.abort()
    assert SealedWriter(final, _sha(data[:5]), KEY).have() == 0  # another document
    writer = SealedWriter(final, _sha(data), KEY)
    writer.write(data[:2 * CHUNK])
    writer.abort()
    new_key = os.urandom(32)
    with SealedWriter(final, _sha(data), new_key) as writer:
        assert writer.have() == 0
        writer.write(data)
        writer.finish()
    assert read_sealed(final, new_key) == data
    with pytest.raises(SealedError):
        read_sealed(final, KEY)


def test_restart_when_the_server_ignores_range(tmp_path):
    data = _data(CHUNK * 3 // 2)
    final = tmp_path / "d.sealed"
    writer = SealedWriter(final, _sha(data), KEY)
    writer.write(data[:CHUNK + 7])
    writer.abort()
    with SealedWriter(final, _sha(data), KEY) as writer:
        assert writer.have() == CHUNK
        writer.restart()  # a 200 answer: the whole body again
        assert writer.have() == 0
        writer.write(data)
        writer.finish()
    assert read_sealed(final, KEY) == data


def test_wipe_removes_every_sealed_byte_and_nothing_else(tmp_path):
    root = tmp_path / "files"
    (root / "session-7").mkdir(parents=True)
    a = _seal(root / "a.sealed", _data(1000))
    b = _seal(root / "session-7" / "b.sealed", _data(CHUNK + 1))
    writer = SealedWriter(root / "c.sealed", _sha(b"x"), KEY)
    writer.write(_data(CHUNK))
    writer.abort()
    (root / "public.pdf").write_bytes(b"%PDF public")
    (root / "public.pdf.part").write_bytes(b"%PDF")
    sealed_bytes = a.stat().st_size + b.stat().st_size + (root / "c.sealed.part").stat().st_size
    assert wipe_files(root) == sealed_bytes
    left = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    assert left == ["public.pdf", "public.pdf.part"]
    assert wipe_files(root) == 0


def test_wipe_by_name(tmp_path):
    keep = _seal(tmp_path / "keep.sealed", _data(10))
    gone = _seal(tmp_path / "gone.sealed", _data(20))
    (tmp_path / "gone.sealed.part").write_bytes(b"12345")
    expected = gone.stat().st_size + 5
    assert wipe_files(tmp_path, ["gone.sealed", "never.sealed"]) == expected
    assert keep.exists() and not gone.exists() and not (tmp_path / "gone.sealed.part").exists()
    for bad in ("../keep.sealed", "/etc/passwd.sealed", "public.pdf"):
        with pytest.raises(ValueError):
            wipe_files(tmp_path, [bad])


@settings(max_examples=25, deadline=None)
@given(size=st.integers(0, 3 * CHUNK), cuts=st.lists(st.floats(0, 1), max_size=8),
       seed=st.integers(0, 2 ** 32))
def test_any_size_and_any_split_round_trips(size, cuts, seed):
    data = _data(size, seed)
    points = sorted(int(c * size) for c in cuts)
    pieces = [b - a for a, b in zip([0] + points, points)]
    with tempfile.TemporaryDirectory() as d:
        path = _seal(Path(d) / "p.sealed", data, pieces=pieces)
        assert path.stat().st_size == sealed_size(size)
        assert read_sealed(path, KEY, _sha(data)) == data
