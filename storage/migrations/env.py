"""Alembic environment: the bot hands in its own connection (storage.db.migrate)."""
from alembic import context

from storage.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # `alembic` on the command line: build one from the URL given
    from sqlalchemy import create_engine

    connection = create_engine(context.config.get_main_option("sqlalchemy.url")).connect()

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
