"""confidential documents sealed on the tablets: a secret of the database that the keys
are derived from (server_meta "document_key_secret") and users.key_generation, counted up
by a wipe

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04
"""
import secrets

from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('key_generation', sa.Integer(), server_default='0',
                                      nullable=False))
    meta = sa.table('server_meta', sa.column('key', sa.String), sa.column('value', sa.String))
    op.bulk_insert(meta, [{'key': 'document_key_secret', 'value': secrets.token_hex(32)}])


def downgrade() -> None:
    op.execute("DELETE FROM server_meta WHERE key = 'document_key_secret'")
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('key_generation')
