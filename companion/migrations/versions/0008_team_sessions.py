"""team sessions (peer consultation), cases, contributions, team products and trajectory schedules

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        'trajectory_sessions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('trajectory_id', sa.Integer(), nullable=False),
        sa.Column('title', sa.String(length=200), nullable=False),
        sa.Column('method', sa.String(length=30), nullable=False),
        sa.Column('planned_on', sa.Date(), nullable=False),
        sa.Column('created_at', TZ, nullable=False),
        sa.Column('updated_at', TZ, nullable=False),
        sa.ForeignKeyConstraint(['trajectory_id'], ['trajectories.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_trajectory_sessions_trajectory_id', 'trajectory_sessions', ['trajectory_id'])
    op.create_table(
        'team_sessions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('team_id', sa.Integer(), nullable=False),
        sa.Column('method', sa.String(length=30), nullable=False),
        sa.Column('mode', sa.String(length=10), nullable=False),
        sa.Column('title', sa.String(length=200), nullable=False),
        sa.Column('language', sa.String(length=5), nullable=False),
        sa.Column('phase', sa.String(length=30), nullable=False),
        sa.Column('phase_started_at', TZ, nullable=False),
        sa.Column('phase_deadline', TZ, nullable=True),
        sa.Column('deadlines', sa.JSON(), nullable=False),
        sa.Column('quorum', sa.Integer(), nullable=False),
        sa.Column('facilitator_id', sa.Integer(), nullable=True),
        sa.Column('case_id', sa.Integer(), nullable=True),
        sa.Column('case_owner_id', sa.Integer(), nullable=True),
        sa.Column('previous_id', sa.Integer(), nullable=True),
        sa.Column('schedule_id', sa.Integer(), nullable=True),
        sa.Column('agreement', sa.Text(), nullable=False),
        sa.Column('agreement_outcome', sa.Text(), nullable=False),
        sa.Column('finished_at', TZ, nullable=True),
        sa.Column('created_at', TZ, nullable=False),
        sa.Column('updated_at', TZ, nullable=False),
        sa.ForeignKeyConstraint(['team_id'], ['teams.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['facilitator_id'], ['people.id'], ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['case_owner_id'], ['people.id'], ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['previous_id'], ['team_sessions.id'], ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['schedule_id'], ['trajectory_sessions.id'], ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_team_sessions_team_id', 'team_sessions', ['team_id'])
    op.create_table(
        'team_cases',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('session_id', sa.Integer(), nullable=False),
        sa.Column('owner_id', sa.Integer(), nullable=False),
        sa.Column('title', sa.String(length=200), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('source_kind', sa.String(length=20), nullable=False),
        sa.Column('source_id', sa.Integer(), nullable=True),
        sa.Column('created_at', TZ, nullable=False),
        sa.ForeignKeyConstraint(['session_id'], ['team_sessions.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['owner_id'], ['people.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_team_cases_session_id', 'team_cases', ['session_id'])
    op.create_index('ix_team_cases_owner_id', 'team_cases', ['owner_id'])
    op.create_table(
        'team_votes',
        sa.Column('session_id', sa.Integer(), nullable=False),
        sa.Column('voter_id', sa.Integer(), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['session_id'], ['team_sessions.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['voter_id'], ['people.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['case_id'], ['team_cases.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('session_id', 'voter_id'),
    )
    op.create_table(
        'team_contributions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('session_id', sa.Integer(), nullable=False),
        sa.Column('author_id', sa.Integer(), nullable=True),
        sa.Column('by_companion', sa.Boolean(), nullable=False),
        sa.Column('phase', sa.String(length=30), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('flags', sa.JSON(), nullable=False),
        sa.Column('refs', sa.JSON(), nullable=False),
        sa.Column('erased', sa.Boolean(), nullable=False),
        sa.Column('created_at', TZ, nullable=False),
        sa.ForeignKeyConstraint(['session_id'], ['team_sessions.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['author_id'], ['people.id'], ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_team_contributions_session_id', 'team_contributions', ['session_id'])
    op.create_index('ix_team_contributions_author_id', 'team_contributions', ['author_id'])
    op.create_table(
        'team_seen',
        sa.Column('session_id', sa.Integer(), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('last_id', sa.Integer(), nullable=False),
        sa.Column('last_phase', sa.String(length=30), nullable=False),
        sa.Column('seen_at', TZ, nullable=False),
        sa.ForeignKeyConstraint(['session_id'], ['team_sessions.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['person_id'], ['people.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('session_id', 'person_id'),
    )
    op.create_table(
        'team_products',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('team_id', sa.Integer(), nullable=False),
        sa.Column('session_id', sa.Integer(), nullable=True),
        sa.Column('kind', sa.String(length=30), nullable=False),
        sa.Column('title', sa.String(length=200), nullable=False),
        sa.Column('payload', sa.JSON(), nullable=False),
        sa.Column('credits', sa.JSON(), nullable=False),
        sa.Column('drafted_by', sa.String(length=120), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.Column('suggestion_id', sa.Integer(), nullable=True),
        sa.Column('status', sa.String(length=20), nullable=False),
        sa.Column('approved_at', TZ, nullable=True),
        sa.Column('created_at', TZ, nullable=False),
        sa.Column('updated_at', TZ, nullable=False),
        sa.ForeignKeyConstraint(['team_id'], ['teams.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['session_id'], ['team_sessions.id'], ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['created_by_id'], ['people.id'], ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['suggestion_id'], ['suggestions.id'], ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_team_products_team_id', 'team_products', ['team_id'])
    op.create_table(
        'team_product_comments',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('product_id', sa.Integer(), nullable=False),
        sa.Column('author_id', sa.Integer(), nullable=True),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('created_at', TZ, nullable=False),
        sa.ForeignKeyConstraint(['product_id'], ['team_products.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['author_id'], ['people.id'], ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_team_product_comments_product_id', 'team_product_comments', ['product_id'])


def downgrade() -> None:
    op.drop_index('ix_team_product_comments_product_id', table_name='team_product_comments')
    op.drop_table('team_product_comments')
    op.drop_index('ix_team_products_team_id', table_name='team_products')
    op.drop_table('team_products')
    op.drop_table('team_seen')
    op.drop_index('ix_team_contributions_author_id', table_name='team_contributions')
    op.drop_index('ix_team_contributions_session_id', table_name='team_contributions')
    op.drop_table('team_contributions')
    op.drop_table('team_votes')
    op.drop_index('ix_team_cases_owner_id', table_name='team_cases')
    op.drop_index('ix_team_cases_session_id', table_name='team_cases')
    op.drop_table('team_cases')
    op.drop_index('ix_team_sessions_team_id', table_name='team_sessions')
    op.drop_table('team_sessions')
    op.drop_index('ix_trajectory_sessions_trajectory_id', table_name='trajectory_sessions')
    op.drop_table('trajectory_sessions')
