"""hardening: the database's epoch, mutation digests, shared rate buckets, audit numbering

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""
import uuid

from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    meta = op.create_table('server_meta',
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.Column('value', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_server_meta'))
    )
    # A database is born with an epoch of its own (a restore makes a new one).
    op.bulk_insert(meta, [{'key': 'epoch', 'value': uuid.uuid4().hex}])
    op.create_table('rate_buckets',
    sa.Column('key', sa.String(length=120), nullable=False),
    sa.Column('window_start', sa.BigInteger(), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('key', 'window_start', name=op.f('pk_rate_buckets'))
    )
    with op.batch_alter_table('applied_mutations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('digest', sa.String(length=64), nullable=True))
    with op.batch_alter_table('session_cursors', schema=None) as batch_op:
        batch_op.add_column(sa.Column('last_audit_seq', sa.Integer(), server_default='0',
                                      nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('session_cursors', schema=None) as batch_op:
        batch_op.drop_column('last_audit_seq')
    with op.batch_alter_table('applied_mutations', schema=None) as batch_op:
        batch_op.drop_column('digest')
    op.drop_table('rate_buckets')
    op.drop_table('server_meta')
