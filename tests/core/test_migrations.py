"""The schema comes from migrations, and the migrations match the models."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

from companion.core import db
from companion.models import Base


def _engine(tmp_path):
    return create_engine(f"sqlite:///{tmp_path / 'empty.db'}")


def test_migrating_an_empty_database_creates_every_table(tmp_path):
    engine = _engine(tmp_path)
    db.migrate(engine)
    assert set(Base.metadata.tables) <= set(inspect(engine).get_table_names())


def test_migrating_twice_changes_nothing(tmp_path):
    engine = _engine(tmp_path)
    db.migrate(engine)
    with engine.connect() as conn:
        before = conn.execute(text("SELECT sql FROM sqlite_master ORDER BY name")).all()
        version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
    db.migrate(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT sql FROM sqlite_master ORDER BY name")).all() == before
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == version


def test_migrations_match_the_models(tmp_path):
    engine = _engine(tmp_path)
    db.migrate(engine)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True, "render_as_batch": True})
        assert compare_metadata(context, Base.metadata) == []


def test_migrating_keeps_existing_data(services, org):
    from companion.models import Person

    db.migrate(services.engine)
    with services.sessions() as session:
        assert session.query(Person).count() == 4
