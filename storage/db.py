"""Opening the database: SQLite by default (WAL, synchronous=FULL, so a
committed message survives a power cut), PostgreSQL by URL. Migrations run
at start, under an advisory lock on PostgreSQL so that several workers
starting together migrate once."""
from __future__ import annotations

import logging
import os
from pathlib import Path

import re

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from storage import keys

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).parent / "migrations"
# any fixed number: every mutualaid process agrees on it
_MIGRATION_LOCK = 72_201_417


def open_database(url: str, key: bytes | None = None) -> Engine:
    """``key``: the handled-message key (storage.keys); without one, a
    SQLite database keeps its key in a file beside it."""
    if key is not None:
        keys.use_key(key)
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1] if "///" in url else ""
        if path and path != ":memory:" and not path.startswith("file:"):
            _private_file(Path(path))
            if key is None:
                keys.use_key(keys.load_or_create_key(Path(path + ".key")))
        # hide_parameters: a logged database error must not carry the
        # values of the statement (names, ids, message text)
        engine = create_engine(url, connect_args={"timeout": 30}, hide_parameters=True)
        event.listen(engine, "connect", _sqlite_pragmas)
        # pysqlite's own BEGIN handling defers locks; take the write lock at
        # BEGIN so two writers queue instead of failing mid-transaction
        event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN IMMEDIATE"))
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5, hide_parameters=True)


def _private_file(path: Path) -> None:
    """The database file is the bot's alone (0600) in a folder of its own
    (0700, when this makes it): a stolen copy of a shared account's files or
    a backup made by another user must not hold members' details. SQLite
    makes its -wal and -shm files with the database file's permissions."""
    if not path.parent.exists():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    elif path.parent.stat().st_mode & 0o077:
        # a folder we did not make may be shared on purpose: say so, change nothing
        log.warning("the database's folder can be read by other users; chmod 700 it if it is the bot's alone")
    try:
        os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
    except OSError:
        return  # unreadable or read-only: SQLite says so in one line at connect
    for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        try:
            if name.stat().st_mode & 0o077:
                name.chmod(0o600)
        except FileNotFoundError:
            pass


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (see above)
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    # erased rows are overwritten on disk, not merely unlinked (/forget, retention)
    cur.execute("PRAGMA secure_delete=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False, autoflush=True)


def _head_revision() -> str:
    """The newest migration, read from the files (without loading Alembic,
    which costs a running bot memory and start time it needs only when the
    schema is behind)."""
    revisions, parents = set(), set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        rev = re.search(r'^revision = "([^"]+)"', source, re.M)
        down = re.search(r'^down_revision = "([^"]+)"', source, re.M)
        if rev:
            revisions.add(rev.group(1))
        if down:
            parents.add(down.group(1))
    heads = revisions - parents
    if len(heads) != 1:
        raise RuntimeError(f"migrations have {len(heads)} heads")
    return heads.pop()


def _current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision."""
    if _current_revision(engine) == _head_revision():
        return
    from alembic import command
    from alembic.config import Config as AlembicConfig

    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": _MIGRATION_LOCK})
            conn.commit()
        try:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
            conn.commit()
        finally:
            if engine.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _MIGRATION_LOCK})
                conn.commit()
    log.info("database at newest revision")
