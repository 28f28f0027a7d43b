"""Content-addressed file store: bytes named by their SHA-256, written once, atomically."""
from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

from sqlalchemy.orm import Session

from app.fileio import fsync_directory
from app.models import StoredFile

_CHUNK = 1024 * 1024


class FileStore:
    def __init__(self, root: Path):
        self.root = Path(root)

    def path_for(self, sha256: str) -> Path:
        if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
            raise ValueError("not a SHA-256 hex digest")
        return self.root / sha256[:2] / sha256

    def put_file(self, db: Session, source: Path, media_type: str = "application/pdf") -> StoredFile:
        """Copy `source` into the store (once) and register it; returns the StoredFile row."""
        self.root.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        fd, tmp_name = tempfile.mkstemp(dir=self.root, prefix=".incoming-")
        try:
            with os.fdopen(fd, "wb") as out, open(source, "rb") as src:
                for chunk in iter(lambda: src.read(_CHUNK), b""):
                    digest.update(chunk)
                    out.write(chunk)
                size = out.tell()
                out.flush()
                os.fsync(out.fileno())  # the bytes are on disk before the name points at them
            sha = digest.hexdigest()
            target = self.path_for(sha)
            if target.exists():
                os.unlink(tmp_name)
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(tmp_name, target)
                fsync_directory(target.parent)
        except BaseException:
            Path(tmp_name).unlink(missing_ok=True)
            raise
        row = db.get(StoredFile, sha)
        if row is None:
            row = StoredFile(sha256=sha, size=size, media_type=media_type)
            db.add(row)
        return row

    def copy_to(self, sha256: str, destination: Path) -> None:
        shutil.copyfile(self.path_for(sha256), destination)

