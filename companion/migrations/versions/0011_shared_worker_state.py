"""state several API workers share: lexical postings, cache versions per unit, reply claims

(The chat model's circuit breaker stays per worker by design: see companion/llm/resilience.py.)

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # the lexical postings move from <data_dir>/lexical.db into the main database (shared by every worker);
    # an existing lexical.db is imported at the next start (companion.retrieval.lexical_store.import_file)
    op.create_table(
        "lexical_items",
        sa.Column("unit", sa.String(40), primary_key=True),
        sa.Column("id", sa.String(120), primary_key=True),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("meta", sa.Text(), nullable=False),
        sa.Column("terms", sa.Text(), nullable=False),
    )
    op.create_index("ix_lexical_items_id", "lexical_items", ["id"])
    op.create_table(
        "lexical_units",
        sa.Column("unit", sa.String(40), primary_key=True),
        sa.Column("version", sa.Integer(), nullable=False),
    )
    op.create_table(
        "reply_claims",
        sa.Column("conversation_id", sa.Integer(), sa.ForeignKey("conversations.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("client_id", sa.String(64), primary_key=True),
        sa.Column("owner", sa.String(80), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_reply_claims_expires_at", "reply_claims", ["expires_at"])


def downgrade() -> None:
    op.drop_index("ix_reply_claims_expires_at", table_name="reply_claims")
    op.drop_table("reply_claims")
    op.drop_table("lexical_units")
    op.drop_index("ix_lexical_items_id", table_name="lexical_items")
    op.drop_table("lexical_items")
