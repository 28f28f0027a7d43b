"""Facts about the database itself: its epoch (docs/PROTOCOL.md, "Epochs")."""
from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import ServerMeta


def epoch(db: Session) -> str:
    """The database's epoch: made with the database (by its migration), made anew by a
    restore. Read only; "" for a database made some other way (tablets then ignore it)."""
    return db.scalar(select(ServerMeta.value).where(ServerMeta.key == "epoch")) or ""


def renew_epoch(db: Session) -> str:
    """After a restore: tablets that saw the old epoch take fresh snapshots and re-send what
    they have not seen confirmed. The caller commits."""
    value = uuid.uuid4().hex
    row = db.get(ServerMeta, "epoch")
    if row is None:
        db.add(ServerMeta(key="epoch", value=value))
    else:
        row.value = value
    db.flush()
    return value
