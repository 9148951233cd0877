"""seed steps: the demo's seeding resumes after an interrupted first start

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('seed_steps',
    sa.Column('step', sa.String(length=40), nullable=False),
    sa.Column('done_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('step')
    )


def downgrade() -> None:
    op.drop_table('seed_steps')
