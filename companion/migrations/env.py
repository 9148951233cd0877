"""Alembic environment: runs against the engine handed over by companion.core.db.migrate."""

from alembic import context

from companion.models import Base

config = context.config
engine = config.attributes["engine"]

with engine.connect() as connection:
    # SQLite: a batch migration rebuilds a table by dropping the old one, which with foreign keys on would
    # cascade-delete every child row; the pragma only works outside a transaction.
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        connection.commit()
    try:
        with connection.begin():
            context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
            with context.begin_transaction():
                context.run_migrations()
    finally:
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            connection.commit()
