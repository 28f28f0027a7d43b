"""Append-only audit events. Session-scoped events get the next per-session `seq`, taken under
the session's counter lock (two writers never take the same number)."""
from __future__ import annotations

from typing import Any, Optional

from sqlalchemy import insert
from sqlalchemy.orm import Session

from app.models import AuditEvent
from app.models.base import utcnow
from app.services.counters import next_number


def record_event(db: Session, action: str, *, actor_id: Optional[int] = None,
                 session_id: Optional[int] = None, payload: dict[str, Any] | None = None) -> None:
    """Append one event, at once (a plain insert: a ballot's audit entry costs no flush of the
    ORM's unit of work)."""
    seq = next_number(db, session_id, "last_audit_seq") if session_id is not None else None
    db.execute(_INSERT, {"action": action, "actor_id": actor_id, "session_id": session_id,
                         "seq": seq, "payload": payload or {}, "created_at": utcnow()})


_INSERT = insert(AuditEvent.__table__)
