"""The tablet's search index of its documents' text: SQLite FTS5 (no Qt here).

One database file per user on the tablet. A document is indexed by content (its SHA-256), so
a new version is a new entry and `keep_only` drops the versions no longer published. The
FTS column holds the text folded by `text_fold.fold` (case, marks and "đ" ignored); the
original page text is kept beside it for the snippets.

Queries are phrases ("nghi quyet ngan" finds "Nghị quyết ngân sách": the words in a row, the
last as a prefix as it is still being typed); when a phrase has fewer hits than asked for, pages
holding all the words apart follow, ranked after them. The query text never reaches FTS5's
syntax: only folded letters and digits, each quoted.

Connections are opened per thread (`sqlite3` objects are not shared across threads); the
indexing process writes, the UI's search thread reads (WAL: readers never wait for a writer).
"""
from __future__ import annotations

import sqlite3
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from documents.page_find import Box, PageContent, hit_boxes
from documents.text_fold import fold, match_spans, tokens, word_spans

SNIPPET_CONTEXT = 60  # characters of the page shown either side of a hit
INDEXED, FAILED = "indexed", "failed"

SCHEMA_VERSION = 1  # an index of another version is dropped and built again
_TABLES = ("pages_fts", "pages", "documents")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    sha256 TEXT PRIMARY KEY,
    page_count INTEGER NOT NULL,
    text_pages INTEGER NOT NULL,  -- pages with any text: 0 for a scan without a text layer
    status TEXT NOT NULL,
    error TEXT,
    indexed_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS pages (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL REFERENCES documents(sha256) ON DELETE CASCADE,
    page INTEGER NOT NULL,
    text TEXT NOT NULL,
    boxes BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS pages_by_document ON pages(sha256, page);
CREATE VIRTUAL TABLE IF NOT EXISTS pages_fts USING fts5(
    folded, tokenize='unicode61 remove_diacritics 0'
);
"""


@dataclass(frozen=True)
class Hit:
    sha256: str
    page: int  # 0-based
    snippet: str
    spans: tuple[tuple[int, int], ...]  # what to highlight in `snippet`
    exact: bool  # the words in a row (a phrase), not only all of them on the page


class TextIndex:
    def __init__(self, path: Path | str) -> None:
        self.path = str(path)
        self._db = sqlite3.connect(self.path, timeout=10)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA foreign_keys=ON")
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version != SCHEMA_VERSION:
            with self._db:
                for table in _TABLES:
                    self._db.execute(f"DROP TABLE IF EXISTS {table}")
            self._db.executescript(_SCHEMA)
            self._db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    def close(self) -> None:
        self._db.close()

    # -- writing ---------------------------------------------------------------------------
    def add_document(self, sha256: str, pages: Sequence[PageContent | str]) -> None:
        """Index a document's pages (replacing what was indexed for it), in one transaction."""
        with self._db:
            self._delete(sha256)
            self._db.execute("INSERT INTO documents VALUES (?, ?, 0, ?, NULL, ?)",
                             (sha256, len(pages), INDEXED, time.time()))
            first = self._db.execute("SELECT coalesce(max(id), 0) + 1 FROM pages").fetchone()[0]
            rows = []
            for page, content in enumerate(pages):
                if isinstance(content, str):
                    content = PageContent(content)
                text = unicodedata.normalize("NFC", content.text)  # offsets as folded
                rows.append((first + page, sha256, page, text, content.boxes))
            self._db.executemany("INSERT INTO pages (id, sha256, page, text, boxes) "
                                 "VALUES (?, ?, ?, ?, ?)", rows)
            self._db.executemany("INSERT INTO pages_fts (rowid, folded) VALUES (?, ?)",
                                 [(row[0], fold(row[3])) for row in rows])
            self._db.execute("UPDATE documents SET text_pages = ? WHERE sha256 = ?",
                             (sum(1 for row in rows if row[3].strip()), sha256))

    def mark_failed(self, sha256: str, error: str) -> None:
        """A document that could not be read: not tried again until it changes."""
        with self._db:
            self._delete(sha256)
            self._db.execute("INSERT INTO documents VALUES (?, 0, 0, ?, ?, ?)",
                             (sha256, FAILED, error, time.time()))

    def remove(self, sha256: str) -> None:
        with self._db:
            self._delete(sha256)

    def keep_only(self, sha256s: Iterable[str]) -> list[str]:
        """Drop every document not in `sha256s` (a replaced version, a withdrawn or
        confidential document); returns what was dropped."""
        keep = set(sha256s)
        stale = [sha for sha in self.documents() if sha not in keep]
        with self._db:
            for sha in stale:
                self._delete(sha)
        return stale

    def _delete(self, sha256: str) -> None:
        self._db.execute("DELETE FROM pages_fts WHERE rowid IN "
                         "(SELECT id FROM pages WHERE sha256 = ?)", (sha256,))
        self._db.execute("DELETE FROM pages WHERE sha256 = ?", (sha256,))
        self._db.execute("DELETE FROM documents WHERE sha256 = ?", (sha256,))

    # -- reading ---------------------------------------------------------------------------
    def documents(self) -> dict[str, str]:
        """sha256 → status, for every document the index knows."""
        return dict(self._db.execute("SELECT sha256, status FROM documents"))

    def status(self, sha256: str) -> str | None:
        row = self._db.execute("SELECT status FROM documents WHERE sha256 = ?",
                               (sha256,)).fetchone()
        return row[0] if row else None

    def error(self, sha256: str) -> str | None:
        """Why a failed document failed (a DocumentError code)."""
        row = self._db.execute("SELECT error FROM documents WHERE sha256 = ?",
                               (sha256,)).fetchone()
        return row[0] if row else None

    def text_pages(self, sha256: str) -> int:
        """How many pages of an indexed document have text (0: a scan, nothing to find)."""
        row = self._db.execute("SELECT text_pages FROM documents WHERE sha256 = ?",
                               (sha256,)).fetchone()
        return row[0] if row else 0

    def search(self, query: str, sha256s: Iterable[str] | None = None,
               limit: int = 50) -> list[Hit]:
        """The best pages for `query`, among `sha256s` (all documents when None)."""
        words = tokens(query)
        if not words or limit <= 0:
            return []
        scope = None if sha256s is None else sorted(set(sha256s))
        hits = self._hits(_phrase(words), words, scope, limit, exact=True)
        if len(hits) < limit and len(words) > 1:
            seen = {(hit.sha256, hit.page) for hit in hits}
            for hit in self._hits(_all_words(words), words, scope, limit, exact=False):
                if (hit.sha256, hit.page) not in seen and len(hits) < limit:
                    hits.append(hit)
        return hits

    def pages_with_hits(self, sha256: str, query: str) -> list[tuple[int, int]]:
        """`(page, number of hits)` for each page of one document holding the phrase, in page
        order: what find-in-document steps through."""
        words = tokens(query)
        if not words:
            return []
        rows = self._db.execute(
            "SELECT p.page, p.text FROM pages_fts JOIN pages p ON p.id = pages_fts.rowid "
            "WHERE pages_fts MATCH ? AND p.sha256 = ? ORDER BY p.page",
            (_phrase(words), sha256))
        result = []
        for page, text in rows:
            count = len(match_spans(text, words))
            if count:
                result.append((page, count))
        return result

    def page_hits(self, sha256: str, page: int, query: str) -> list[tuple[Box, ...]]:
        """The boxes of each hit of `query` on one page, in points of the displayed page."""
        content = self.page_content(sha256, page)
        return [] if content is None else hit_boxes(content, tokens(query))

    def page_content(self, sha256: str, page: int) -> PageContent | None:
        """A page's text and word boxes (what selecting words for a highlight works on)."""
        row = self._db.execute("SELECT text, boxes FROM pages "
                               "WHERE sha256 = ? AND page = ?", (sha256, page)).fetchone()
        return None if row is None else PageContent(*row)

    def _hits(self, expression: str, words: list[str], scope: list[str] | None, limit: int,
              exact: bool) -> list[Hit]:
        sql = ("SELECT p.sha256, p.page, p.text FROM pages_fts "
               "JOIN pages p ON p.id = pages_fts.rowid WHERE pages_fts MATCH ?")
        params: list[object] = [expression]
        if scope is not None:
            sql += f" AND p.sha256 IN ({','.join('?' * len(scope))})"
            params += scope
        # room for a page FTS5 matched whose exact match then finds nothing (a character
        # whose lower case is two characters, folded slightly differently for the snippet)
        sql += " ORDER BY bm25(pages_fts) LIMIT ?"
        params.append(limit + 10)
        hits: list[Hit] = []
        for sha, page, text in self._db.execute(sql, params):
            snippet, spans = _snippet(text, words, exact)
            if spans or not exact:
                hits.append(Hit(sha, page, snippet, spans, exact))
            if len(hits) == limit:
                break
        return hits


def _phrase(words: list[str]) -> str:
    return '"' + " ".join(words) + '"*'


def _all_words(words: list[str]) -> str:
    return " ".join(f'"{word}"' for word in words[:-1]) + f' "{words[-1]}"*'


def _snippet(text: str, words: list[str], exact: bool) -> tuple[str, tuple[tuple[int, int], ...]]:
    """About 2 × SNIPPET_CONTEXT characters of `text` around its first hit, white space
    collapsed, and the hits inside it."""
    if exact:
        spans = match_spans(text, words)
    else:
        spans = word_spans(text, words)
    if not spans:
        return " ".join(text[:2 * SNIPPET_CONTEXT].split()), ()
    first_start = spans[0][0]
    start = max(0, first_start - SNIPPET_CONTEXT)
    end = min(len(text), spans[0][1] + SNIPPET_CONTEXT)
    if start > 0:  # begin on a word
        space = text.find(" ", start, first_start)
        start = space + 1 if space >= 0 else start
    window = text[start:end]
    # collapse white space, keeping a map from window offsets to snippet offsets
    out: list[str] = []
    where: list[int] = []
    previous_space = False
    for char in window:
        where.append(len(out))
        if char.isspace():
            if not previous_space and out:
                out.append(" ")
            previous_space = True
        else:
            out.append(char)
            previous_space = False
    where.append(len(out))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    shift = len(prefix)
    inside = tuple((where[s - start] + shift, where[e - start] + shift) for s, e in spans
                   if s >= start and e <= end)
    return prefix + "".join(out).rstrip() + suffix, inside
