"""Retention: a closed item older than the group's period keeps no names and
no private details, not in its rows and not in the database file's bytes
(SQLite runs with secure_delete, so erased values are overwritten)."""
from __future__ import annotations

import sqlite3

from tests.harness import Chat

SECRETS = ("12 Elm St apt 3", "555-201-4477")


def _file_bytes(path: str) -> bytes:
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    with open(path, "rb") as f:
        return f.read()


def test_retention_erases_names_and_details_for_good(tmp_path):
    path = tmp_path / "bot.db"
    chat = Chat(
        f"sqlite:///{path}",
        "@group eastside",
        "@coordinator ana",
        "ana: /settings retention 30d",
        "maria: hello",
        "@dm maria",
        "maria: need groceries tuesday, I'm at 12 Elm St apt 3, call 555-201-4477",
        "@group eastside",
        "jo > #1: I can do it",
        "jo: /done 1",
    )
    try:
        chat.sim.db_engine.dispose()
        before = _file_bytes(str(path))
        assert any(s.encode() in before for s in SECRETS)  # the test can see them before
        chat.say("@wait 31d")
        item = chat.item(1)
        assert item["status"] == "done" and item["author"] is None and item["claimer"] is None
        dump = chat.raw_dump()
        assert not any(s in dump for s in SECRETS)
        chat.sim.db_engine.dispose()
        after = _file_bytes(str(path))
        for secret in SECRETS:
            assert secret.encode() not in after, secret
    finally:
        chat.close()


def test_retention_keeps_open_items_and_recent_closed_ones(database_url):
    chat = Chat(database_url, "@group eastside", "@coordinator ana", "ana: /settings retention 30d",
                "maria: need groceries Tuesday", "jo > #1: I can do it", "jo: /done 1",
                "rosa: does anyone have a spare tent we could borrow?",
                "@wait 20d")
    try:
        items = {i["id"]: i for i in chat.state()["items"]}
        assert items[1]["author"] == "maria" and items[1]["claimer"] == "jo"
        chat.say("@wait 11d")
        items = {i["id"]: i for i in chat.state()["items"]}
        assert items[1]["author"] is None
        # the tent request expired after 14 days: it keeps its author until
        # 30 days after that
        assert items[2]["status"] == "expired" and items[2]["author"] == "rosa"
    finally:
        chat.close()
