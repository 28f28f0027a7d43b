"""The file helpers, where the server's code has always found them (documents/fileio.py)."""
from documents.fileio import fsync_directory, sha256_of

__all__ = ["fsync_directory", "sha256_of"]
