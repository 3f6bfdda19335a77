"""The migrations build exactly the schema the models describe, on both
databases, and running them twice (several workers starting) is harmless."""
from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from storage.db import migrate, open_database
from storage.models import Base


def test_migrations_match_the_models(database_url):
    engine = open_database(database_url)
    try:
        migrate(engine)
        migrate(engine)
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        assert diff == []
    finally:
        engine.dispose()
