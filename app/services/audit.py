"""Append-only audit events. Session-scoped events get the next per-session `seq`, taken under
the session's counter lock (two writers never take the same number)."""
from __future__ import annotations

from typing import Any, Optional

from sqlalchemy.orm import Session

from app.models import AuditEvent
from app.services.counters import next_number


def record_event(db: Session, action: str, *, actor_id: Optional[int] = None,
                 session_id: Optional[int] = None, payload: dict[str, Any] | None = None
                 ) -> AuditEvent:
    seq = next_number(db, session_id, "last_audit_seq") if session_id is not None else None
    event = AuditEvent(action=action, actor_id=actor_id, session_id=session_id, seq=seq,
                       payload=payload or {})
    db.add(event)
    return event
