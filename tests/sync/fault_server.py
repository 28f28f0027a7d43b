"""`python -m tests.sync.fault_server server --db URL …`: the real `phonghop server`, with two
faults a test can provoke (and nothing else changed):

- the file named by $PHONGHOP_FAULT_FILE, when it exists, kills the process with SIGKILL right
  after the next mutation's commit, before its answer is sent (the file is removed first);
- SQLite never checkpoints its WAL on its own: every commit since the start is in the WAL
  when the process is killed, as after a power cut."""
from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.orm import Session

import app.db
from app.models import AppliedMutation

ARMED = Path(os.environ.get("PHONGHOP_FAULT_FILE", "/nonexistent/phonghop-fault"))


@event.listens_for(Session, "do_orm_execute")
def _mark_mutation(state) -> None:
    statement = state.statement
    if getattr(statement, "is_insert", False) and \
            getattr(statement, "table", None) is AppliedMutation.__table__:
        state.session.info["mutation"] = True


@event.listens_for(Session, "after_commit")
def _kill_after_commit(session) -> None:
    if session.in_nested_transaction():  # a savepoint's release: the commit is yet to come
        return
    if session.info.pop("mutation", False) and ARMED.exists():
        ARMED.unlink()
        os.kill(os.getpid(), signal.SIGKILL)


_pragmas = app.db._sqlite_pragmas


def _without_checkpoints(dbapi_connection, record) -> None:
    _pragmas(dbapi_connection, record)
    dbapi_connection.execute("PRAGMA wal_autocheckpoint=0")


app.db._sqlite_pragmas = _without_checkpoints

if __name__ == "__main__":
    from phonghop.cli import main

    sys.exit(main(sys.argv[1:]))
