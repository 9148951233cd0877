"""consent before sharing: a suggestion is its owner's draft until sent, with what the expert may see

Revision ID: 0007
Revises: 0006

Suggestions stored before this revision had been sent without a choice of what to share: they keep their status
and are marked as sent with the draft only (the expert no longer reads their source conversation), which is the
safe reading of a consent that was never asked.
"""

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('suggestions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('owner_version', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('shared', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True))
    op.execute(sa.text("""UPDATE suggestions SET shared = '{"scope": "draft", "message_ids": []}', """
                       "sent_at = created_at"))
    with op.batch_alter_table('suggestions', schema=None) as batch_op:
        batch_op.alter_column('shared', existing_type=sa.JSON(), nullable=False)


def downgrade() -> None:
    op.execute(sa.text("DELETE FROM suggestions WHERE status IN ('draft', 'withdrawn')"))  # never reviewed
    with op.batch_alter_table('suggestions', schema=None) as batch_op:
        batch_op.drop_column('sent_at')
        batch_op.drop_column('shared')
        batch_op.drop_column('owner_version')
