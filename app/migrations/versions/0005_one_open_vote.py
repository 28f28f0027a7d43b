"""one open vote per session, as a partial unique index (the check in vote.open raced across
server processes on PostgreSQL)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

OPEN = sa.text("status = 'open'")


def upgrade() -> None:
    from app.db import MigrationRefused

    doubled = op.get_bind().execute(sa.text(
        "SELECT session_id, COUNT(*) FROM votes WHERE status = 'open' "
        "GROUP BY session_id HAVING COUNT(*) > 1")).all()
    if doubled:  # left by the race this index closes: a person decides which vote stays open
        sessions = ", ".join(f"session {s} ({n} open votes)" for s, n in doubled)
        raise MigrationRefused(
            f"cannot upgrade: {sessions}; from now on a session has at most one open vote. "
            "Close or cancel all but one of them (with the version that opened them), then "
            "upgrade again; this step has changed nothing.")
    op.create_index('uq_votes_one_open_per_session', 'votes', ['session_id'], unique=True,
                    sqlite_where=OPEN, postgresql_where=OPEN)


def downgrade() -> None:
    op.drop_index('uq_votes_one_open_per_session', table_name='votes')
