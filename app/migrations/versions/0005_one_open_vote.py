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
    op.create_index('uq_votes_one_open_per_session', 'votes', ['session_id'], unique=True,
                    sqlite_where=OPEN, postgresql_where=OPEN)


def downgrade() -> None:
    op.drop_index('uq_votes_one_open_per_session', table_name='votes')
