"""Confidential ("Mật") documents at rest on the tablet: sealed with AES-256-GCM under a key per
session and user that the server hands out and the tablet keeps only in memory. Without the key a
sealed file is noise; a wipe (session closed or archived, tokens revoked, admin's wipe) unlinks the
files. On flash storage overwriting before unlinking does not reach the old cells (wear levelling),
so it is not attempted: the protection is that the key never touches the disk.

File format (all integers big-endian):

    header  = b"PHSEAL1\\n" | version (1 byte, = 1) | chunk size (4 bytes) | nonce prefix (8 random
              bytes, fresh per file) | SHA-256 of the whole plaintext (32 raw bytes)      -> 53 bytes
    chunk i = AESGCM(key).encrypt(nonce = prefix | i (4 bytes), plaintext_i,
                                  aad = header | i (4 bytes) | last (1 byte: 0 or 1))
              -> len(plaintext_i) + 16 bytes (the tag is the last 16)

Every chunk but the last holds exactly `chunk size` plaintext bytes; the last holds the remainder,
0 <= n < chunk size, so a size that is a multiple of the chunk size (and the empty file) ends with an
empty last chunk. The layout is thus fixed by the plaintext size, and the reader knows a record is
the last from its length alone. Because the header, the index and the "last" flag are in every tag,
changing the header, reordering, dropping, truncating at a boundary, appending, or moving chunks
between files (another prefix, another header) fails authentication.

The writer streams (bytes arrive from an HTTP response) and resumes: the whole, authenticated,
non-last chunks of an interrupted `.part` are kept, so `have()` is a multiple of the chunk size.
"""
from __future__ import annotations

import hashlib
import os
import struct
from pathlib import Path
from typing import Iterable

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from documents.fileio import fsync_directory

CHUNK = 1024 * 1024
MAGIC = b"PHSEAL1\n"
VERSION = 1
SUFFIX = ".sealed"
TAG = 16
_HEAD = struct.Struct(">8sBI8s32s")
HEADER_SIZE = _HEAD.size  # 53


class SealedError(Exception):
    """A sealed file cannot be trusted: wrong key, altered or truncated, or the hash differs."""


def sealed_size(plain_size: int, chunk: int = CHUNK) -> int:
    """Bytes on disk for a plaintext of `plain_size` bytes (for the cache's size accounting)."""
    return HEADER_SIZE + plain_size + TAG * (plain_size // chunk + 1)


def _cipher(key: bytes) -> AESGCM:
    if len(key) != 32:
        raise ValueError("the key must be 32 bytes (AES-256)")
    return AESGCM(key)


def _nonce(prefix: bytes, index: int) -> bytes:
    if index >= 2 ** 32:
        raise SealedError("too many chunks for this format")
    return prefix + index.to_bytes(4, "big")


def _aad(header: bytes, index: int, last: bool) -> bytes:
    return header + index.to_bytes(4, "big") + (b"\x01" if last else b"\x00")


def _parse_header(header: bytes) -> tuple[int, bytes, bytes]:
    if len(header) != HEADER_SIZE:
        raise SealedError("truncated header")
    magic, version, chunk, prefix, digest = _HEAD.unpack(header)
    if magic != MAGIC or version != VERSION:
        raise SealedError("not a sealed file (magic or version)")
    if not 1024 <= chunk <= 64 * 1024 * 1024:  # bounds what a forged header can make us allocate
        raise SealedError("implausible chunk size")
    return chunk, prefix, digest


class SealedWriter:
    """Streams a document into `<final>.part`, sealed chunk by chunk; `finish()` checks the hash
    and renames it to `final`. Use as a context manager: an exception keeps the partial file."""

    def __init__(self, path_final: Path, sha256_hex: str, key: bytes, *, chunk: int = CHUNK):
        self.final = Path(path_final)
        self.part = self.final.with_name(self.final.name + ".part")
        self._aead = _cipher(key)
        self._digest = bytes.fromhex(sha256_hex)
        if len(self._digest) != 32:
            raise ValueError("sha256_hex must be 64 hex digits")
        if not 1024 <= chunk <= 64 * 1024 * 1024:
            raise ValueError("chunk size out of range")
        self._chunk = chunk
        self._buffer = bytearray()
        self._file = None
        if not self._resume():
            self.restart()

    def _resume(self) -> bool:
        """Keep the authenticated whole chunks of an earlier run; False when nothing is usable
        (no `.part`, another document, chunk size or key). A torn tail is truncated away."""
        try:
            f = open(self.part, "r+b")
        except OSError:
            return False
        try:
            header = f.read(HEADER_SIZE)
            chunk, prefix, digest = _parse_header(header)
            if chunk != self._chunk or digest != self._digest:
                raise SealedError("another document")
        except SealedError:
            f.close()
            return False
        self._header, self._prefix, self._hash, self._index = header, prefix, hashlib.sha256(), 0
        while len(record := f.read(chunk + TAG)) == chunk + TAG:
            try:
                plain = self._aead.decrypt(_nonce(prefix, self._index), record,
                                           _aad(header, self._index, False))
            except InvalidTag:
                break  # a torn or foreign tail: everything from here is written again
            self._hash.update(plain)
            self._index += 1
        if self._index == 0:  # nothing proven with this key: a fresh file, a fresh prefix
            f.close()
            return False
        f.seek(HEADER_SIZE + self._index * (chunk + TAG))
        f.truncate()
        self._file = f
        return True

    def restart(self) -> None:
        """Start over (also for the caller when the server answers 200 instead of 206)."""
        if self._file is not None:
            self._file.close()
        self._prefix, self._hash, self._index = os.urandom(8), hashlib.sha256(), 0
        self._header = _HEAD.pack(MAGIC, VERSION, self._chunk, self._prefix, self._digest)
        self._buffer.clear()
        self._file = open(self.part, "wb")
        self._file.write(self._header)

    def have(self) -> int:
        """Plaintext bytes safely stored by earlier runs: send `Range: bytes=<have>-`."""
        return self._index * self._chunk

    def _seal(self, plain, last: bool) -> None:
        if self._file is None:
            raise ValueError("the writer is closed")
        nonce = _nonce(self._prefix, self._index)
        self._file.write(self._aead.encrypt(nonce, plain, _aad(self._header, self._index, last)))
        self._index += 1

    def write(self, data: bytes) -> None:
        """Plaintext from offset have() on; whole chunks are sealed as soon as they are here."""
        self._buffer += data
        whole = len(self._buffer) - len(self._buffer) % self._chunk
        with memoryview(self._buffer) as view:  # no copies of a large write
            for at in range(0, whole, self._chunk):
                self._hash.update(view[at:at + self._chunk])
                self._seal(view[at:at + self._chunk], False)
        del self._buffer[:whole]

    def finish(self) -> Path:
        """Seal the last chunk (< chunk size, possibly empty), verify the SHA-256 of all the
        plaintext (earlier runs' chunks included), make it durable, give it its final name.
        The last chunk is sealed only once the hash is right, so a resumed run never seals
        other bytes under a nonce already used for a complete chunk."""
        if self._file is None:
            raise ValueError("the writer is closed")
        self._hash.update(self._buffer)
        if self._hash.digest() != self._digest:
            self.abort(keep_partial=False)
            raise SealedError("the document does not match its SHA-256")
        self._seal(bytes(self._buffer), True)
        self._buffer.clear()
        self._file.flush()
        os.fsync(self._file.fileno())  # on disk before the name says it is whole
        self._file.close()
        self._file = None
        os.replace(self.part, self.final)
        fsync_directory(self.final.parent)
        return self.final

    def abort(self, keep_partial: bool = True) -> None:
        """Stop; the partial file stays for a later resume unless keep_partial is False."""
        if self._file is not None:
            self._file.close()
            self._file = None
        self._buffer.clear()
        if not keep_partial:
            self.part.unlink(missing_ok=True)

    def __enter__(self) -> SealedWriter:
        return self

    def __exit__(self, *exc) -> None:
        self.abort(keep_partial=True)  # a no-op after finish()


def read_sealed(path: Path, key: bytes, sha256_hex: str | None = None) -> bytes:
    """The whole plaintext, every chunk authenticated and the hash checked; never partial data."""
    aead, parts, index = _cipher(key), [], 0
    try:
        with open(path, "rb") as f:
            header = f.read(HEADER_SIZE)
            chunk, prefix, digest = _parse_header(header)
            if sha256_hex is not None and digest != bytes.fromhex(sha256_hex):
                raise SealedError("the file holds another document")
            while True:
                record = f.read(chunk + TAG)
                last = len(record) < chunk + TAG
                if len(record) < TAG:
                    raise SealedError("truncated: the last chunk is missing")
                try:
                    parts.append(aead.decrypt(_nonce(prefix, index), record,
                                              _aad(header, index, last)))
                except InvalidTag:
                    raise SealedError(f"chunk {index} fails authentication (wrong key or "
                                      "altered file)") from None
                index += 1
                if last:
                    if f.read(1):  # a short read is the end of a regular file; make sure
                        raise SealedError("bytes after the last chunk")
                    break
    except OSError as e:
        raise SealedError(f"cannot read the sealed file: {e}") from e
    plain = b"".join(parts)
    if hashlib.sha256(plain).digest() != digest:
        raise SealedError("the document does not match its SHA-256")
    return plain


def wipe_files(root: Path, names: Iterable[str] | None = None) -> int:
    """Unlink sealed files and their `.part`: the given names (relative to root, ending in
    `.sealed`), or every `*.sealed` / `*.sealed.part` under root. Returns the bytes removed.
    No overwriting (useless on flash, see the module docstring); directories are fsynced."""
    root = Path(root)
    if names is None:
        targets = [Path(d) / n for d, _dirs, files in os.walk(root) for n in files
                   if n.endswith(SUFFIX) or n.endswith(SUFFIX + ".part")]
    else:
        targets = []
        for name in names:
            if not name.endswith(SUFFIX) or Path(name).is_absolute() or ".." in Path(name).parts:
                raise ValueError(f"not a sealed file name under root: {name!r}")
            targets += [root / name, root / (name + ".part")]
    removed, dirs = 0, set()
    for target in targets:
        try:
            size = target.lstat().st_size
            target.unlink()
        except FileNotFoundError:
            continue
        removed += size
        dirs.add(target.parent)
    for d in dirs:
        fsync_directory(d)
    return removed
