"""running the sitting: the body's rules, sittings opened and closed, the speaker queue, votes
with their frozen counts and results, sealed secret ballots and the published ballot box

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

MOMENT = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table('bodies', schema=None) as batch_op:
        batch_op.add_column(sa.Column('speech_limit_s', sa.Integer(), server_default='420', nullable=False))
        batch_op.add_column(sa.Column('question_limit_s', sa.Integer(), server_default='180', nullable=False))
        batch_op.add_column(sa.Column('ballot_changeable', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('vote_needs_check_in', sa.Boolean(), server_default=sa.true(), nullable=False))
    with op.batch_alter_table('sittings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('opened_at', MOMENT, nullable=True))
        batch_op.add_column(sa.Column('closed_at', MOMENT, nullable=True))
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.add_column(sa.Column('recorded_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_attendance_recorded_by_id_users'), 'users',
                                    ['recorded_by_id'], ['id'], ondelete='SET NULL')
    with op.batch_alter_table('speaker_requests', schema=None) as batch_op:
        batch_op.add_column(sa.Column('position', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('spoken_s', sa.Integer(), server_default='0', nullable=False))
    with op.batch_alter_table('votes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('seats', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('countdown_s', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('ballot_changeable', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('needs_check_in', sa.Boolean(), server_default=sa.true(), nullable=False))
        batch_op.add_column(sa.Column('created_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('seated_count', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('present_count', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('closes_at', MOMENT, nullable=True))
        batch_op.add_column(sa.Column('result', sa.JSON(), server_default='{}', nullable=False))
        batch_op.create_foreign_key(batch_op.f('fk_votes_created_by_id_users'), 'users',
                                    ['created_by_id'], ['id'], ondelete='SET NULL')
    with op.batch_alter_table('vote_options', schema=None) as batch_op:
        batch_op.add_column(sa.Column('detail', sa.String(length=300), server_default='', nullable=False))
    with op.batch_alter_table('vote_participations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('tracker', sa.String(length=40), nullable=True))
    with op.batch_alter_table('ballots', schema=None) as batch_op:
        batch_op.add_column(sa.Column('choices', sa.JSON(), nullable=True))
        batch_op.alter_column('option_id', existing_type=sa.Integer(), nullable=True)
    op.create_table('sealed_ballots',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('vote_id', sa.Integer(), nullable=False),
    sa.Column('voter_ref', sa.String(length=64), nullable=False),
    sa.Column('sealed', sa.LargeBinary(), nullable=False),
    sa.Column('tracker', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['vote_id'], ['votes.id'], name=op.f('fk_sealed_ballots_vote_id_votes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sealed_ballots')),
    sa.UniqueConstraint('vote_id', 'voter_ref', name=op.f('uq_sealed_ballots_vote_id_voter_ref'))
    )
    with op.batch_alter_table('sealed_ballots', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sealed_ballots_vote_id'), ['vote_id'], unique=False)
    op.create_table('published_trackers',
    sa.Column('vote_id', sa.Integer(), nullable=False),
    sa.Column('tracker', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['vote_id'], ['votes.id'], name=op.f('fk_published_trackers_vote_id_votes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('vote_id', 'tracker', name=op.f('pk_published_trackers'))
    )


def downgrade() -> None:
    op.drop_table('published_trackers')
    with op.batch_alter_table('sealed_ballots', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sealed_ballots_vote_id'))
    op.drop_table('sealed_ballots')
    with op.batch_alter_table('ballots', schema=None) as batch_op:
        batch_op.alter_column('option_id', existing_type=sa.Integer(), nullable=False)
        batch_op.drop_column('choices')
    with op.batch_alter_table('vote_participations', schema=None) as batch_op:
        batch_op.drop_column('tracker')
    with op.batch_alter_table('vote_options', schema=None) as batch_op:
        batch_op.drop_column('detail')
    with op.batch_alter_table('votes', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_votes_created_by_id_users'), type_='foreignkey')
        for column in ('result', 'closes_at', 'present_count', 'seated_count', 'created_by_id',
                       'needs_check_in', 'ballot_changeable', 'countdown_s', 'seats'):
            batch_op.drop_column(column)
    with op.batch_alter_table('speaker_requests', schema=None) as batch_op:
        batch_op.drop_column('spoken_s')
        batch_op.drop_column('position')
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_attendance_recorded_by_id_users'), type_='foreignkey')
        batch_op.drop_column('recorded_by_id')
    with op.batch_alter_table('sittings', schema=None) as batch_op:
        batch_op.drop_column('closed_at')
        batch_op.drop_column('opened_at')
    with op.batch_alter_table('bodies', schema=None) as batch_op:
        for column in ('vote_needs_check_in', 'ballot_changeable', 'question_limit_s',
                       'speech_limit_s'):
            batch_op.drop_column(column)
