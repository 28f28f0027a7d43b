"""Append-only audit events. Session-scoped events get the next per-session `seq`."""
from __future__ import annotations

from typing import Any, Optional

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import AuditEvent


def record_event(db: Session, action: str, *, actor_id: Optional[int] = None,
                 session_id: Optional[int] = None, payload: dict[str, Any] | None = None
                 ) -> AuditEvent:
    seq = None
    if session_id is not None:
        db.flush()
        last = db.scalar(select(func.max(AuditEvent.seq)).where(AuditEvent.session_id == session_id))
        seq = (last or 0) + 1
    event = AuditEvent(action=action, actor_id=actor_id, session_id=session_id, seq=seq,
                       payload=payload or {})
    db.add(event)
    return event
