"""Finding 7 of issue 14: what a stolen disk or a seized server shows.
The SQLite file and the Matrix store are readable by the bot's own user
only; the Matrix store is locked by a passphrase of our own, not
matrix-nio's well-known default; the record of handled messages is a keyed
hash whose key lives outside the database; the PostgreSQL password can stay
out of the config file."""
from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import pytest

from bot import config as config_mod
from storage import keys
from storage.db import migrate, open_database
from tests.harness import Chat


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_sqlite_database_is_0600_in_a_0700_folder(tmp_path):
    old = os.umask(0o022)  # the usual umask, which left the file 0644
    try:
        folder = tmp_path / "data"
        engine = open_database(f"sqlite:///{folder}/mutualaid.db")
        migrate(engine)
        engine.dispose()
    finally:
        os.umask(old)
    assert mode(folder) == 0o700
    for path in folder.iterdir():  # the database, its -wal and -shm, the key file
        assert mode(path) == 0o600, path.name


def test_an_existing_database_left_readable_is_made_private(tmp_path):
    path = tmp_path / "mutualaid.db"
    path.touch(mode=0o644)
    path.chmod(0o644)
    engine = open_database(f"sqlite:///{path}")
    migrate(engine)
    engine.dispose()
    assert mode(path) == 0o600


def test_handled_records_use_a_key_kept_beside_the_database_not_in_it(tmp_path):
    from datetime import datetime, timezone

    from bot.events import IncomingMessage, Sender

    url = f"sqlite:///{tmp_path}/mutualaid.db"
    need = IncomingMessage(platform="sim", chat_id="eastside", message_id="m-41", sender=Sender("maria", "maria"),
                           text="need groceries Tuesday", sent_at=datetime(2026, 12, 2, 15, tzinfo=timezone.utc),
                           chat_title="eastside")
    chat = Chat(url, "@group eastside")
    try:
        chat.sim.engine.handle(need, chat.sim.now)
        key_file = tmp_path / "mutualaid.db.key"
        assert key_file.exists() and mode(key_file) == 0o600
        dump = chat.raw_dump()
        # the unsalted digest of the message's ids, which anyone holding the
        # ids (the platform, a member's phone) could match, is not there
        plain = hashlib.sha256("\x1f".join(("sim", "eastside", "m-41")).encode()).hexdigest()[:40]
        assert plain not in dump
        key = key_file.read_bytes()
        assert key.hex() not in dump
    finally:
        chat.close()
    # a restart reads the same key: the redelivered message is still recognised
    again = Chat(url)
    try:
        assert key_file.read_bytes() == key
        again.sim.engine.handle(need, again.sim.now)
        assert len(again.state()["items"]) == 1
    finally:
        again.close()


def test_message_keys_differ_by_key():
    keys.use_key(b"a" * 32)
    first = keys.message_key("telegram", "-100", "41")
    keys.use_key(b"b" * 32)
    second = keys.message_key("telegram", "-100", "41")
    assert first != second and len(first) == len(second) == 40


def test_database_url_env_keeps_the_password_out_of_the_file(tmp_path):
    url = "postgresql+psycopg://mutualaid:s3cret@127.0.0.1:5432/mutualaid"
    cfg = config_mod.from_dict({"database": {"url_env": "MUTUALAID_DATABASE_URL"}}, tmp_path,
                               env={"MUTUALAID_DATABASE_URL": url})
    assert cfg.database_url == url
    with pytest.raises(config_mod.ConfigError, match=r"^database\.url_env: environment variable MUTUALAID_DATABASE_URL is empty or unset$"):
        config_mod.from_dict({"database": {"url_env": "MUTUALAID_DATABASE_URL"}}, tmp_path, env={})
    with pytest.raises(config_mod.ConfigError, match=r"^database: url or url_env, not both$"):
        config_mod.from_dict({"database": {"url": "sqlite:///x.db", "url_env": "X"}}, tmp_path, env={"X": url})


def test_the_matrix_store_needs_a_passphrase_of_our_own_and_is_private(tmp_path):
    from adapters.matrix.config import parse_matrix_config
    from adapters.matrix.state_file import StateFiles

    section = {"homeserver": "http://127.0.0.1:8008", "user_id": "@mutualaid:localhost",
               "password_env": "MATRIX_PASSWORD", "store": "store", "store_passphrase_env": "MATRIX_STORE_KEY"}
    env = {"MATRIX_PASSWORD": "pw", "MATRIX_STORE_KEY": "correct horse battery staple"}
    cfg = parse_matrix_config(section, tmp_path, env)
    assert cfg.store_passphrase == "correct horse battery staple"
    with pytest.raises(ValueError, match="matrix.store_passphrase_env"):
        parse_matrix_config({k: v for k, v in section.items() if k != "store_passphrase_env"}, tmp_path, env)
    with pytest.raises(ValueError, match="at least 16 characters"):
        parse_matrix_config(section, tmp_path, {**env, "MATRIX_STORE_KEY": "short"})

    old = os.umask(0o022)
    try:
        files = StateFiles(cfg.store)
        files.save_sync(files.load_sync())
    finally:
        os.umask(old)
    assert mode(cfg.store) == 0o700 and mode(files.crypto_folder) == 0o700
    assert mode(cfg.store / "sync.json") == 0o600

    from adapters.matrix.adapter import client_config

    assert client_config(cfg).pickle_key == "correct horse battery staple"
