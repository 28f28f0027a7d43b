"""How committed events leave a transaction, wherever a change is written (the push, the
ballot lane, the votes' clock): the same two steps.

1. `announce(db, rows, hub)` inside the transaction, just before its commit: on PostgreSQL,
   one NOTIFY per session with its last event, delivered by the database only if the commit
   happens, to every server process (`pg_listener`). The payload names the hub that wrote
   it, which ignores its own: the NOTIFY reaches it at the commit, before the writing thread
   can hand the rows over, and acting on it would read back from the log what step 2 is
   about to hand it.
2. `hand_over(hub, rows)` after the commit, from the worker thread that wrote them: this
   process's hub gets the rows themselves and fans them out without reading them back.

If step 2 is missed (the process fails in between), the hub's periodic check finds the
events in the log."""
from __future__ import annotations

from typing import Any

from sqlalchemy import text

NOTIFY_CHANNEL = "phonghop_events"
_NOTIFY = text("SELECT pg_notify(:c, :p)")


def last_per_session(rows: list[dict[str, Any]]) -> dict[int, int]:
    """{session id: its highest event seq among `rows`}."""
    last: dict[int, int] = {}
    for row in rows:
        last[row["session_id"]] = max(last.get(row["session_id"], 0), row["seq"])
    return last


def announce(db, rows: list[dict[str, Any]], hub=None) -> None:
    """Before the commit: tell the other server processes (PostgreSQL only; SQLite has one)."""
    if rows and db.get_bind().dialect.name == "postgresql":
        origin = getattr(hub, "instance", "")
        for session_id, seq in last_per_session(rows).items():
            db.execute(_NOTIFY, {"c": NOTIFY_CHANNEL, "p": f"{session_id}:{seq}:{origin}"})


def announced(payload: str, instance: str) -> tuple[int, int] | None:
    """(session id, seq) of a NOTIFY payload from another hub than `instance`; None for one's
    own or a malformed payload."""
    session_id, _sep, rest = payload.partition(":")
    seq, _sep, origin = rest.partition(":")
    if origin and origin == instance:
        return None
    try:
        return int(session_id), int(seq)
    except ValueError:
        return None


def hand_over(hub, rows: list[dict[str, Any]]) -> None:
    """After the commit, from a worker thread: this process's hub fans the rows out."""
    if hub is None or not rows:
        return
    by_session: dict[int, list[dict[str, Any]]] = {}
    for row in rows:
        by_session.setdefault(row["session_id"], []).append(row)
    for session_id, session_rows in by_session.items():
        hub.notify_threadsafe(session_id, max(r["seq"] for r in session_rows), session_rows)
