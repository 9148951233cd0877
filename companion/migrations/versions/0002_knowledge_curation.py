"""trajectories; knowledge curation: versions, team/trajectory assignment

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('trajectories',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('org_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['org_id'], ['organisations.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('org_id', 'name')
    )
    op.create_index(op.f('ix_trajectories_org_id'), 'trajectories', ['org_id'], unique=False)
    op.create_table('trajectory_teams',
    sa.Column('trajectory_id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['trajectory_id'], ['trajectories.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('trajectory_id', 'team_id')
    )
    # --- knowledge curation: versions, team and trajectory assignment, source format ---
    op.create_table('knowledge_document_teams',
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['knowledge_documents.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('document_id', 'team_id')
    )
    op.create_table('knowledge_document_trajectories',
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('trajectory_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['knowledge_documents.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['trajectory_id'], ['trajectories.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('document_id', 'trajectory_id')
    )
    op.create_table('knowledge_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('source_name', sa.String(length=300), nullable=False),
    sa.Column('file_format', sa.String(length=20), nullable=False),
    sa.Column('size_bytes', sa.Integer(), nullable=False),
    sa.Column('chunk_count', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_by_name', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['people.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['document_id'], ['knowledge_documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('document_id', 'version')
    )
    with op.batch_alter_table('knowledge_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_knowledge_versions_document_id'), ['document_id'], unique=False)

    with op.batch_alter_table('knowledge_documents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('file_format', sa.String(length=20), nullable=False,
                                      server_default='markdown'))
    # documents ingested before versions were kept get their current version as the first history row
    op.execute("INSERT INTO knowledge_versions (document_id, version, content_hash, source_name, file_format, "
               "size_bytes, chunk_count, created_by_id, created_by_name, created_at) "
               "SELECT d.id, d.version, d.content_hash, d.source_name, d.file_format, length(d.body), "
               "(SELECT count(*) FROM knowledge_chunks c WHERE c.document_id = d.id), NULL, '', d.updated_at "
               "FROM knowledge_documents d")


def downgrade() -> None:
    with op.batch_alter_table('knowledge_documents', schema=None) as batch_op:
        batch_op.drop_column('file_format')
    with op.batch_alter_table('knowledge_versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_knowledge_versions_document_id'))
    op.drop_table('knowledge_versions')
    op.drop_table('knowledge_document_trajectories')
    op.drop_table('knowledge_document_teams')
    op.drop_table('trajectory_teams')
    op.drop_index(op.f('ix_trajectories_org_id'), table_name='trajectories')
    op.drop_table('trajectories')
