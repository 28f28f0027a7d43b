"""Rate limits kept in the database, so every server process counts the same attempts:
fixed windows per key ("login-user:<name>", "login-address:<ip>", "changes:<user id>", …),
pruned when old. All calls run in the caller's transaction."""
from __future__ import annotations

import functools
import math
import time
from dataclasses import dataclass

from sqlalchemy import bindparam, delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from app.models import RateBucket

KEEP_S = 3600  # windows older than this are pruned


@dataclass(frozen=True)
class Limit:
    """At most `count` events per `window_s` seconds."""

    count: int
    window_s: int = 60


def _window(limit: Limit, now: float) -> int:
    return int(now // limit.window_s) * limit.window_s


def retry_after(db: Session, key: str, limit: Limit, now: float | None = None,
                amount: int = 1) -> int | None:
    """Seconds until `key` may count `amount` more, or None when it may now."""
    key, now = key[:120], time.time() if now is None else now
    start = _window(limit, now)
    count = db.scalar(select(RateBucket.count).where(RateBucket.key == key,
                                                     RateBucket.window_start == start)) or 0
    if count + amount <= limit.count:
        return None
    return max(1, math.ceil(start + limit.window_s - now))


def hit(db: Session, key: str, limit: Limit, now: float | None = None,
        amount: int = 1) -> int | None:
    """Count `amount` (one event, or its bytes) for `key`, unless that goes over its limit:
    then return the seconds to wait (nothing counted); else None."""
    key, now = key[:120], time.time() if now is None else now
    wait = retry_after(db, key, limit, now, amount)
    if wait is not None:
        return wait
    db.execute(_count_statement(db.get_bind().dialect.name, 1),
               {"key0": key, "start0": _window(limit, now), "count0": amount})
    return None


def count_or_wait(db: Session, key: str, limit: Limit, now: float | None = None,
                  amount: int = 1) -> int | None:
    """Count `amount` for `key` in one statement and return None, or the seconds to wait when
    that went over the limit. Over the limit the count stands in this transaction: only for
    a caller that then rolls back (a change refused for its rate is not applied at all)."""
    return counts_or_wait(db, [(key, limit, amount)], now)


def counts_or_wait(db: Session, counts: list[tuple[str, Limit, int]],
                   now: float | None = None) -> int | None:
    """`count_or_wait` for several different keys (each with its limit and amount) in one
    statement: None when every one stays within its limit, else the longest wait."""
    now = time.time() if now is None else now
    rows: dict[str, tuple[Limit, int, int]] = {}
    for key, limit, amount in counts:  # one row per key (keys are cut to 120 characters)
        known = rows.get(key[:120])
        if known is not None:  # the same key twice: both amounts, under the stricter limit
            limit = min(limit, known[0], key=lambda lim: (lim.count, -lim.window_s))
            amount += known[1]
        rows[key[:120]] = (limit, amount, _window(limit, now))
    values = {}
    for n, (key, (_limit, amount, start)) in enumerate(rows.items()):
        values.update({f"key{n}": key, f"start{n}": start, f"count{n}": amount})
    counted = db.execute(_count_statement(db.get_bind().dialect.name, len(rows)), values).all()
    wait = None
    for key, count in counted:
        limit, _amount, start = rows[key]
        if count > limit.count:
            wait = max(wait or 0, max(1, math.ceil(start + limit.window_s - now)))
    return wait


@functools.cache
def _count_statement(dialect_name: str, keys: int):
    """INSERT … VALUES (…), (…) ON CONFLICT DO UPDATE … RETURNING for `keys` rows, built once
    (with bound parameters, so SQLAlchemy compiles it once too)."""
    dialect = postgresql if dialect_name == "postgresql" else sqlite
    table = RateBucket.__table__  # a plain statement: the ORM would take it for a bulk insert
    statement = dialect.insert(table).values([
        {"key": bindparam(f"key{n}"), "window_start": bindparam(f"start{n}"),
         "count": bindparam(f"count{n}")} for n in range(keys)])
    return (statement.on_conflict_do_update(
        index_elements=[table.c.key, table.c.window_start],
        set_={"count": table.c.count + statement.excluded.count})
        .returning(table.c.key, table.c.count))


def prune(db: Session, now: float | None = None) -> int:
    """Forget windows older than an hour; returns how many rows went."""
    now = time.time() if now is None else now
    result = db.execute(delete(RateBucket).where(RateBucket.window_start < now - KEEP_S))
    return result.rowcount or 0
