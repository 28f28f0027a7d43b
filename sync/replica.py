"""The tablet's local replica: one SQLite file per user and server, holding the sessions it
follows (entities + cursor), the outbox of changes not yet confirmed, and the file cache index.
Thread-safe (one lock); the outbox survives restarts."""
from __future__ import annotations

import json
import sqlite3
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Optional

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS cursors (session_id INTEGER PRIMARY KEY, seq INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS entities (
    session_id INTEGER NOT NULL, entity TEXT NOT NULL, key TEXT NOT NULL, data TEXT NOT NULL,
    PRIMARY KEY (session_id, entity, key));
CREATE TABLE IF NOT EXISTS outbox (
    mutation_id INTEGER PRIMARY KEY, name TEXT NOT NULL, args TEXT NOT NULL,
    session_id INTEGER, state TEXT NOT NULL DEFAULT 'pending', confirm TEXT,
    created_at REAL NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT);
CREATE TABLE IF NOT EXISTS files (
    sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, last_used REAL NOT NULL);
"""


@dataclass(frozen=True)
class OutboxEntry:
    mutation_id: int
    name: str
    args: dict
    session_id: Optional[int]
    state: str  # pending | sent (applied by the server, its events not yet pulled)
    confirm: dict  # session id (str) -> seq that must be applied before forgetting the entry
    attempts: int


class Replica:
    def __init__(self, path: Path | str):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")  # an acknowledged local change survives power loss
        self._db.executescript(SCHEMA)
        self._lock = threading.RLock()

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _tx(self):
        return _Transaction(self._db, self._lock)

    # -- identity ------------------------------------------------------------------------
    def meta(self, key: str, default: Any = None) -> Any:
        with self._lock:
            row = self._db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return json.loads(row[0]) if row else default

    def set_meta(self, key: str, value: Any) -> None:
        with self._tx() as db:
            db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, json.dumps(value)))

    def client_id(self) -> str:
        with self._lock:
            value = self.meta("client_id")
            if value is None:
                value = self.new_client_id()
            return value

    def new_client_id(self) -> str:
        """Take a new identity towards the server (this replica was copied or restored, or
        the server lost what it knew of us). Mutation ids keep counting from where they are:
        the server starts a new client id at the first id it receives."""
        value = f"tablet-{uuid.uuid4().hex}"
        self.set_meta("client_id", value)
        return value

    # -- outbox --------------------------------------------------------------------------
    def enqueue(self, name: str, args: dict) -> int:
        """Store a change durably; returns its mutation id (1, 2, 3... per replica)."""
        with self._tx() as db:
            last = self.meta("last_mutation_id", 0)
            mutation_id = last + 1
            db.execute("INSERT OR REPLACE INTO meta VALUES ('last_mutation_id', ?)", (str(mutation_id),))
            db.execute("INSERT INTO outbox (mutation_id, name, args, session_id, created_at) "
                       "VALUES (?, ?, ?, ?, ?)",
                       (mutation_id, name, json.dumps(args, ensure_ascii=False),
                        args.get("session_id"), time.time()))
        return mutation_id

    def outbox(self, state: Optional[str] = None) -> list[OutboxEntry]:
        query = "SELECT mutation_id, name, args, session_id, state, confirm, attempts FROM outbox"
        params: tuple = ()
        if state:
            query, params = query + " WHERE state=?", (state,)
        with self._lock:
            rows = self._db.execute(query + " ORDER BY mutation_id", params).fetchall()
        return [OutboxEntry(r[0], r[1], json.loads(r[2]), r[3], r[4], json.loads(r[5] or "{}"), r[6])
                for r in rows]

    def pending_count(self) -> int:
        with self._lock:
            return self._db.execute("SELECT count(*) FROM outbox").fetchone()[0]

    def mark_sent(self, mutation_id: int, confirm: dict[int, int]) -> None:
        with self._tx() as db:
            if confirm:
                db.execute("UPDATE outbox SET state='sent', confirm=? WHERE mutation_id=?",
                           (json.dumps({str(k): v for k, v in confirm.items()}), mutation_id))
            else:
                db.execute("DELETE FROM outbox WHERE mutation_id=?", (mutation_id,))
        self.forget_confirmed()

    def resend_sent(self, from_id: int = 0) -> int:
        """Entries the server applied but whose events never arrived go back to pending: after
        a restore of the server they may be lost there (a replay of what it kept is harmless).
        `from_id`: only those from this id on (the server said it knows those below).
        Returns how many changes are now waiting to be sent."""
        with self._tx() as db:
            db.execute("UPDATE outbox SET state='pending', confirm=NULL "
                       "WHERE state='sent' AND mutation_id >= ?", (from_id,))
            return db.execute("SELECT count(*) FROM outbox").fetchone()[0]

    def forget_session(self, session_id: int) -> int:
        """The user may no longer see this session: forget its entities, cursor and changes
        (they can never be applied). Returns how many unsent changes went."""
        with self._tx() as db:
            dropped = db.execute("SELECT count(*) FROM outbox WHERE session_id=? AND state='pending'",
                                 (session_id,)).fetchone()[0]
            db.execute("DELETE FROM outbox WHERE session_id=?", (session_id,))
            db.execute("DELETE FROM entities WHERE session_id=?", (session_id,))
            db.execute("DELETE FROM cursors WHERE session_id=?", (session_id,))
        return dropped

    def reset_cursor(self, session_id: int) -> None:
        """Take a fresh snapshot of this session next time (its entities stay until then)."""
        with self._tx() as db:
            db.execute("DELETE FROM cursors WHERE session_id=?", (session_id,))

    def forget_sent(self, session_id: int) -> None:
        with self._tx() as db:
            db.execute("DELETE FROM outbox WHERE state='sent' AND session_id=?", (session_id,))

    def remove(self, mutation_id: int) -> None:
        with self._tx() as db:
            db.execute("DELETE FROM outbox WHERE mutation_id=?", (mutation_id,))

    def note_attempt(self, mutation_id: int, error: str) -> None:
        with self._tx() as db:
            db.execute("UPDATE outbox SET attempts=attempts+1, last_error=? WHERE mutation_id=?",
                       (error[:500], mutation_id))

    def forget_confirmed(self) -> None:
        """Drop sent entries whose events this replica has applied."""
        with self._tx() as db:
            for entry in self.outbox("sent"):
                if all(self.cursor(int(s)) >= seq for s, seq in entry.confirm.items()):
                    db.execute("DELETE FROM outbox WHERE mutation_id=?", (entry.mutation_id,))

    # -- session state -------------------------------------------------------------------
    def cursor(self, session_id: int) -> int:
        with self._lock:
            row = self._db.execute("SELECT seq FROM cursors WHERE session_id=?", (session_id,)).fetchone()
        return row[0] if row else -1  # -1: never loaded

    def load_snapshot(self, session_id: int, cursor: int, entities: Iterable[dict]) -> None:
        with self._tx() as db:
            db.execute("DELETE FROM entities WHERE session_id=?", (session_id,))
            db.executemany("INSERT INTO entities VALUES (?, ?, ?, ?)",
                           [(session_id, e["entity"], str(e["key"]),
                             json.dumps(e["data"], ensure_ascii=False)) for e in entities])
            db.execute("INSERT OR REPLACE INTO cursors VALUES (?, ?)", (session_id, cursor))
        self.forget_confirmed()

    def apply_events(self, session_id: int, events: Iterable[dict], cursor: int) -> set[str]:
        """Apply events (already in order, after this replica's cursor) and move the cursor;
        returns the entity types that changed."""
        changed: set[str] = set()
        with self._tx() as db:
            for event in events:
                changed.add(event["entity"])
                if event["op"] == "delete":
                    db.execute("DELETE FROM entities WHERE session_id=? AND entity=? AND key=?",
                               (session_id, event["entity"], str(event["key"])))
                else:
                    db.execute("INSERT OR REPLACE INTO entities VALUES (?, ?, ?, ?)",
                               (session_id, event["entity"], str(event["key"]),
                                json.dumps(event["data"], ensure_ascii=False)))
            db.execute("INSERT OR REPLACE INTO cursors VALUES (?, ?)", (session_id, cursor))
        self.forget_confirmed()
        return changed

    def put_entity(self, session_id: int, entity: str, key: str, data: dict) -> None:
        """Store a fact the server told this tablet in an answer, not in an event (the user's
        own ballot: recorded, its tracking code). The next snapshot holds it too."""
        with self._tx() as db:
            db.execute("INSERT OR REPLACE INTO entities VALUES (?, ?, ?, ?)",
                       (session_id, entity, str(key), json.dumps(data, ensure_ascii=False)))

    def entities(self, session_id: int) -> dict[tuple[str, str], dict]:
        """The confirmed state: (entity, key) -> data."""
        with self._lock:
            rows = self._db.execute("SELECT entity, key, data FROM entities WHERE session_id=?",
                                    (session_id,)).fetchall()
        return {(e, k): json.loads(d) for e, k, d in rows}

    def sessions(self) -> list[int]:
        with self._lock:
            return [r[0] for r in self._db.execute("SELECT session_id FROM cursors")]

    # -- file cache index ----------------------------------------------------------------
    def file_size(self, sha256: str) -> int | None:
        """The size recorded when the file was verified and stored."""
        with self._lock:
            row = self._db.execute("SELECT size FROM files WHERE sha256=?", (sha256,)).fetchone()
        return row[0] if row else None

    def touch_file(self, sha256: str, size: int) -> None:
        with self._tx() as db:
            db.execute("INSERT OR REPLACE INTO files VALUES (?, ?, ?)", (sha256, size, time.time()))

    def forget_file(self, sha256: str) -> None:
        with self._tx() as db:
            db.execute("DELETE FROM files WHERE sha256=?", (sha256,))

    def files_by_age(self) -> list[tuple[str, int]]:
        with self._lock:
            return self._db.execute("SELECT sha256, size FROM files ORDER BY last_used").fetchall()


class _Transaction:
    def __init__(self, db: sqlite3.Connection, lock: threading.RLock):
        self.db, self.lock = db, lock
        self.nested = False

    def __enter__(self) -> sqlite3.Connection:
        self.lock.acquire()
        try:
            self.nested = self.db.in_transaction
            if not self.nested:
                self.db.execute("BEGIN IMMEDIATE")
        except BaseException:
            self.lock.release()
            raise
        return self.db

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if not self.nested:
                try:
                    self.db.execute("ROLLBACK" if exc_type else "COMMIT")
                except BaseException:
                    if self.db.in_transaction:  # never leave a transaction open behind us
                        self.db.execute("ROLLBACK")
                    raise
        finally:
            self.lock.release()
