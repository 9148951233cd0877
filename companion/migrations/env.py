"""Alembic environment: runs against the engine handed over by companion.db.migrate."""

from alembic import context

from companion.models import Base

config = context.config
engine = config.attributes["engine"]

with engine.begin() as connection:
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
