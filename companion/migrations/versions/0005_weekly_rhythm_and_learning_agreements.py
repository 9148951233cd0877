"""weekly rhythm and learning agreements

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # --- weekly rhythm and learning agreement (issue 6, D1) ---
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.add_column(sa.Column('timezone', sa.String(length=64), nullable=False,
                                      server_default='Europe/Amsterdam'))
    op.create_table('learning_agreements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('org_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('current_version', sa.Integer(), nullable=False),
    sa.Column('agreed_version', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['org_id'], ['organisations.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('person_id')
    )
    with op.batch_alter_table('learning_agreements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_learning_agreements_org_id'), ['org_id'], unique=False)

    op.create_table('rhythm_preferences',
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('plan_weekday', sa.Integer(), nullable=False),
    sa.Column('plan_time', sa.String(length=5), nullable=False),
    sa.Column('reflect_weekday', sa.Integer(), nullable=False),
    sa.Column('reflect_time', sa.String(length=5), nullable=False),
    sa.Column('calendar_token_hash', sa.String(length=64), nullable=True),
    sa.Column('calendar_token_created_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('person_id'),
    sa.UniqueConstraint('calendar_token_hash')
    )
    op.create_table('week_cycles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('iso_year', sa.Integer(), nullable=False),
    sa.Column('iso_week', sa.Integer(), nullable=False),
    sa.Column('focus', sa.Text(), nullable=False),
    sa.Column('experiment', sa.Text(), nullable=False),
    sa.Column('plan_source', sa.String(length=20), nullable=False),
    sa.Column('planned_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('experiment_outcome', sa.String(length=20), nullable=True),
    sa.Column('happened', sa.Text(), nullable=False),
    sa.Column('learned', sa.Text(), nullable=False),
    sa.Column('next_step', sa.Text(), nullable=False),
    sa.Column('reflected_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('person_id', 'iso_year', 'iso_week')
    )
    with op.batch_alter_table('week_cycles', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_week_cycles_person_id'), ['person_id'], unique=False)

    op.create_table('agreement_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('agreement_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('goals', sa.Text(), nullable=False),
    sa.Column('rhythm', sa.Text(), nullable=False),
    sa.Column('time_minutes_per_week', sa.Integer(), nullable=False),
    sa.Column('support', sa.Text(), nullable=False),
    sa.Column('resources', sa.Text(), nullable=False),
    sa.Column('review_date', sa.Date(), nullable=True),
    sa.Column('change_note', sa.Text(), nullable=False),
    sa.Column('changed_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('professional_agreed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('organisation_agreed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('organisation_agreed_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['agreement_id'], ['learning_agreements.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['changed_by_id'], ['people.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organisation_agreed_by_id'], ['people.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('agreement_id', 'number')
    )
    with op.batch_alter_table('agreement_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreement_versions_agreement_id'), ['agreement_id'], unique=False)

    op.create_table('quick_captures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('week_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('situation_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['situation_id'], ['work_situations.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['week_id'], ['week_cycles.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('quick_captures', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quick_captures_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_quick_captures_week_id'), ['week_id'], unique=False)
    # --- end of D1's part; accounts, surveys (issue 6, D2) follow below ---
    # --- accounts and pulse survey (issue 6, D2) ---
    op.create_table('survey_responses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('org_id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=True),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('satisfaction', sa.Integer(), nullable=False),
    sa.Column('applied', sa.Integer(), nullable=False),
    sa.Column('fits_week', sa.Integer(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['org_id'], ['organisations.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('person_id', 'period_start')
    )
    with op.batch_alter_table('survey_responses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_survey_responses_org_id'), ['org_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_survey_responses_person_id'), ['person_id'], unique=False)
    op.create_table('accounts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('org_id', sa.Integer(), nullable=False),
    sa.Column('agreement_id', sa.Integer(), nullable=True),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('language', sa.String(length=5), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('facts', sa.JSON(), nullable=False),
    sa.Column('commitments', sa.JSON(), nullable=False),
    sa.Column('sections', sa.JSON(), nullable=False),
    sa.Column('shared', sa.JSON(), nullable=False),
    sa.Column('suggestion_id', sa.Integer(), nullable=True),
    sa.Column('drafted_by', sa.String(length=120), nullable=False),
    sa.Column('approved_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['agreement_id'], ['learning_agreements.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['org_id'], ['organisations.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['owner_id'], ['people.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['suggestion_id'], ['suggestions.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('accounts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_accounts_org_id'), ['org_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_accounts_owner_id'), ['owner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_accounts_status'), ['status'], unique=False)


def downgrade() -> None:
    # --- D2's part (accounts, pulse survey) ---
    with op.batch_alter_table('accounts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_accounts_status'))
        batch_op.drop_index(batch_op.f('ix_accounts_owner_id'))
        batch_op.drop_index(batch_op.f('ix_accounts_org_id'))
    op.drop_table('accounts')
    with op.batch_alter_table('survey_responses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_survey_responses_person_id'))
        batch_op.drop_index(batch_op.f('ix_survey_responses_org_id'))
    op.drop_table('survey_responses')
    # --- D1's part ---
    with op.batch_alter_table('quick_captures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_quick_captures_week_id'))
        batch_op.drop_index(batch_op.f('ix_quick_captures_person_id'))
    op.drop_table('quick_captures')
    with op.batch_alter_table('agreement_versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreement_versions_agreement_id'))
    op.drop_table('agreement_versions')
    with op.batch_alter_table('week_cycles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_week_cycles_person_id'))
    op.drop_table('week_cycles')
    op.drop_table('rhythm_preferences')
    with op.batch_alter_table('learning_agreements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_learning_agreements_org_id'))
    op.drop_table('learning_agreements')
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.drop_column('timezone')
