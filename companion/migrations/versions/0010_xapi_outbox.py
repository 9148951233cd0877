"""xAPI statements to a Learning Record Store, through an outbox

Revision ID: 0010
Revises: 0009

An organisation's LRS (off until an admin turns it on), each person's choice (nothing is shared until they opt
in) and the outbox: statements written with the event they report, sent later, retried, or held as dead letters.
"""

import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def _timestamps() -> list[sa.Column]:
    return [sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
            sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False)]


def upgrade() -> None:
    op.create_table(
        'xapi_settings',
        sa.Column('org_id', sa.Integer(), sa.ForeignKey('organisations.id', ondelete='CASCADE'), primary_key=True),
        sa.Column('enabled', sa.Boolean(), nullable=False),
        sa.Column('endpoint', sa.String(500), nullable=False),
        sa.Column('base_url', sa.String(500), nullable=False),
        sa.Column('key', sa.String(200), nullable=False),
        sa.Column('secret', sa.Text(), nullable=False),
        *_timestamps(),
    )
    op.create_table(
        'xapi_preferences',
        sa.Column('person_id', sa.Integer(), sa.ForeignKey('people.id', ondelete='CASCADE'), primary_key=True),
        sa.Column('share', sa.Boolean(), nullable=False),
        sa.Column('named', sa.Boolean(), nullable=False),
        sa.Column('email', sa.String(254), nullable=False),
        sa.Column('pseudonym', sa.String(36), nullable=False, unique=True),
        *_timestamps(),
    )
    op.create_table(
        'xapi_outbox',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('org_id', sa.Integer(), sa.ForeignKey('organisations.id', ondelete='CASCADE'), nullable=False),
        sa.Column('person_id', sa.Integer(), sa.ForeignKey('people.id', ondelete='CASCADE'), nullable=False),
        sa.Column('statement_id', sa.String(36), nullable=False, unique=True),
        sa.Column('event', sa.String(40), nullable=False),
        sa.Column('statement', sa.JSON(), nullable=False),
        sa.Column('status', sa.String(10), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('next_attempt_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('last_error', sa.String(500), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index('ix_xapi_outbox_org_id', 'xapi_outbox', ['org_id'])
    op.create_index('ix_xapi_outbox_person_id', 'xapi_outbox', ['person_id'])
    op.create_index('ix_xapi_outbox_status', 'xapi_outbox', ['status'])
    op.create_index('ix_xapi_outbox_next_attempt_at', 'xapi_outbox', ['next_attempt_at'])


def downgrade() -> None:
    op.drop_index('ix_xapi_outbox_next_attempt_at', table_name='xapi_outbox')
    op.drop_index('ix_xapi_outbox_status', table_name='xapi_outbox')
    op.drop_index('ix_xapi_outbox_person_id', table_name='xapi_outbox')
    op.drop_index('ix_xapi_outbox_org_id', table_name='xapi_outbox')
    op.drop_table('xapi_outbox')
    op.drop_table('xapi_preferences')
    op.drop_table('xapi_settings')
