"""a delegate elected to a vacated seat fills it: term_members.replaces_id, so the total
number of delegates stays the number of seats

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('term_members', schema=None) as batch_op:
        batch_op.add_column(sa.Column('replaces_id', sa.Integer(), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_term_members_replaces_id'),
                                          ['replaces_id'])
        batch_op.create_foreign_key(batch_op.f('fk_term_members_replaces_id_term_members'),
                                    'term_members', ['replaces_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('term_members', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_term_members_replaces_id_term_members'),
                                 type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('uq_term_members_replaces_id'), type_='unique')
        batch_op.drop_column('replaces_id')
