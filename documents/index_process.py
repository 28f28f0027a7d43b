"""The indexing process: reads documents' text and writes the search index (no Qt here).

Text extraction is MuPDF work that holds the GIL, like rendering, so it runs in its own process
at a lower priority; the UI only receives small messages (see `index_client.py`, its other half)
and searches the database, which this process alone writes.

Messages (tuples over a `multiprocessing` pipe), from the client:
  ("index", sha256, path)     ("cancel", sha256)     ("keep_only", [sha256, ...])
  ("forget", [sha256, ...])   ("stop",)
and to it:
  ("started", sha256)                              (before the file is even opened)
  ("progress", sha256, pages_done, page_count)     (at most every PROGRESS_INTERVAL_S)
  ("indexed", sha256, page_count, pages_without_text)
  ("failed", sha256, code, message)                (a DocumentError code of `render.py`)
  ("kept", [sha256 dropped, ...])
Each page is kept with its words' boxes (`page_find.py`), so the viewer highlights hits
without asking MuPDF. A page whose text cannot be read is indexed empty, so a damaged page never hides the others.
"""
from __future__ import annotations

import collections
import os
import time

import pymupdf

from documents.page_find import PageContent, page_content
from documents.render import CORRUPT, DocumentError, PdfRenderer
from documents.text_index import TextIndex

PROGRESS_INTERVAL_S = 0.1
NICENESS = 10


class _Cancelled(Exception):
    pass


class _Indexer:
    def __init__(self, conn, db_path: str) -> None:
        self.conn = conn
        self.index = TextIndex(db_path)
        self.waiting: collections.deque = collections.deque()

    def run(self) -> None:
        try:
            while True:
                message = self.waiting.popleft() if self.waiting else self.conn.recv()
                kind = message[0]
                if kind == "stop":
                    return
                if kind == "index":
                    self._index(message[1], message[2])
                elif kind == "keep_only":
                    self.conn.send(("kept", self.index.keep_only(message[1])))
                elif kind == "forget":
                    for sha in message[1]:
                        self.index.remove(sha)
                # a "cancel" for a document not being indexed has nothing left to cancel
        except (EOFError, OSError):
            return  # the client is gone
        finally:
            self.index.close()

    def _index(self, sha256: str, path: str) -> None:
        self.conn.send(("started", sha256))
        try:
            with PdfRenderer(path) as renderer:
                texts = self._read_pages(sha256, renderer)
        except _Cancelled:
            return
        except DocumentError as exc:
            self.index.mark_failed(sha256, exc.code)
            self.conn.send(("failed", sha256, exc.code, exc.message))
            return
        except Exception as exc:  # MuPDF can fail in ways nobody listed: one document only
            self.index.mark_failed(sha256, CORRUPT)
            self.conn.send(("failed", sha256, CORRUPT, f"cannot read the text: {exc}"))
            return
        self.index.add_document(sha256, texts)
        empty = sum(1 for content in texts if not content.text.strip())
        self.conn.send(("indexed", sha256, len(texts), empty))

    def _read_pages(self, sha256: str, renderer: PdfRenderer) -> list[PageContent]:
        count = renderer.page_count
        texts: list[str] = []
        last_report = time.monotonic()
        self.conn.send(("progress", sha256, 0, count))
        for page in range(count):
            try:
                texts.append(page_content(renderer.words(page)))
            except DocumentError:
                texts.append(PageContent(""))
            now = time.monotonic()
            if now - last_report >= PROGRESS_INTERVAL_S:
                last_report = now
                self.conn.send(("progress", sha256, page + 1, count))
                self._read_waiting(sha256)
        return texts

    def _read_waiting(self, sha256: str) -> None:
        """Take in what the client sent meanwhile; a cancel or stop of this document ends it."""
        while self.conn.poll():
            message = self.conn.recv()
            if message[0] == "cancel" and message[1] == sha256:
                raise _Cancelled
            if message[0] == "stop":
                self.waiting.appendleft(message)
                raise _Cancelled
            if message[0] == "cancel":
                self.waiting = collections.deque(m for m in self.waiting
                                                 if not (m[0] == "index" and m[1] == message[1]))
            else:
                self.waiting.append(message)


def serve(conn, db_path: str) -> None:
    """The indexing process' entry point: answer `conn` until told to stop or the pipe closes."""
    try:
        os.nice(NICENESS)  # the reader's page turns come first
    except (AttributeError, OSError):
        pass
    pymupdf.TOOLS.mupdf_display_errors(False)
    _Indexer(conn, db_path).run()
