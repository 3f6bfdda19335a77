"""Shared fixtures. Every test that touches storage takes ``database_url``,
which runs it on SQLite and on PostgreSQL (the server named by
MUTUALAID_TEST_POSTGRES; each test gets a database of its own, dropped
afterwards)."""
from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

POSTGRES = os.environ.get("MUTUALAID_TEST_POSTGRES")

# every log record of the whole run is checked for personal data at its end
pytest_plugins = ["tests.security.logcapture"]


def _fresh_postgres_database() -> tuple[str, callable]:
    name = f"mutualaid_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(POSTGRES).set(database=name).render_as_string(hide_password=False)

    def drop() -> None:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return url, drop


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/mutualaid.db"
        return
    if not POSTGRES:
        pytest.skip("MUTUALAID_TEST_POSTGRES is not set, so the PostgreSQL variant cannot run")
    url, drop = _fresh_postgres_database()
    try:
        yield url
    finally:
        drop()


@pytest.fixture(scope="session")
def synapse(tmp_path_factory):
    """One real Synapse for the whole run, shared by the Matrix adapter's
    tests and the reliability tests (each registers accounts of its own);
    started only when a test asks for it."""
    from tests.matrix.synapse import SynapseServer, ensure_synapse_installed

    ensure_synapse_installed()
    server = SynapseServer(tmp_path_factory.mktemp("synapse"))
    server.start()
    yield server
    server.stop()
