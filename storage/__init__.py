"""Persistence: SQLAlchemy models, the session factory, migrations and the
named queries the engine calls. Imports nothing of bot/ or adapters/."""
