"""Per-session counters (event numbers, audit numbers) handed out under the row lock of the
session's `session_cursors` row, held until commit: numbers appear in commit order, without
holes and without two writers ever taking the same one."""
from __future__ import annotations

from sqlalchemy import insert, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.models import SessionCursor


def next_number(db: Session, session_id: int, column: str) -> int:
    """Add one to `column` ("last_seq" or "last_audit_seq") of the session; returns it."""
    counter = getattr(SessionCursor, column)
    for _attempt in range(3):
        number = db.scalar(update(SessionCursor).where(SessionCursor.session_id == session_id)
                           .values({counter: counter + 1}).returning(counter))
        if number is not None:
            return number
        try:
            with db.begin_nested():
                db.execute(insert(SessionCursor).values(
                    {"session_id": session_id, "last_seq": 0, "last_audit_seq": 0, column: 1}))
            return 1
        except IntegrityError:  # another writer created the row first: take the update path
            continue
    raise RuntimeError(f"could not allocate a number ({column}) for session {session_id}")
