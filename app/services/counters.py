"""Per-session counters (event numbers, audit numbers) handed out under the row lock of the
session's `session_cursors` row, held until commit: numbers appear in commit order, without
holes and without two writers ever taking the same one."""
from __future__ import annotations

import functools

from sqlalchemy import bindparam, insert, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.models import SessionCursor


@functools.cache
def _next_statement(column: str):
    """UPDATE … SET column = column + 1 … RETURNING, built once: a plain statement on the path
    of every change."""
    table = SessionCursor.__table__
    counter = table.c[column]
    return (update(table).where(table.c.session_id == bindparam("session"))
            .values({counter: counter + 1}).returning(counter))


def next_number(db: Session, session_id: int, column: str) -> int:
    """Add one to `column` ("last_seq" or "last_audit_seq") of the session; returns it."""
    table = SessionCursor.__table__
    for _attempt in range(3):
        number = db.scalar(_next_statement(column), {"session": session_id})
        if number is not None:
            return number
        try:
            with db.begin_nested():
                db.execute(insert(table).values(
                    {"session_id": session_id, "last_seq": 0, "last_audit_seq": 0, column: 1}))
            return 1
        except IntegrityError:  # another writer created the row first: take the update path
            continue
    raise RuntimeError(f"could not allocate a number ({column}) for session {session_id}")
