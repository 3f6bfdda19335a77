"""Who may invite the bot into a Matrix room, as a deployer meets it: the
``allow_invites_from`` key read at start, said in the log at start, and
applied to each invite. No homeserver is needed: the adapter is started
and stopped before it ever reaches one."""
from __future__ import annotations

import logging
from pathlib import Path

import pytest

from adapters.matrix import from_config

BOT = {
    "homeserver": "http://127.0.0.1:9",
    "user_id": "@mutualaid:eastside.social",
    "password_env": "MATRIX_PASSWORD",
    "store_passphrase_env": "MATRIX_STORE_PASSPHRASE",
    "store": "store",
}
ENV = {"MATRIX_PASSWORD": "secret", "MATRIX_STORE_PASSPHRASE": "a-passphrase-of-our-own"}


async def _started_and_stopped(section: dict, tmp_path: Path, caplog) -> list[logging.LogRecord]:
    """The records the adapter logs about invites when it starts."""
    adapter = from_config(section, tmp_path, ENV)
    caplog.set_level(logging.INFO, logger="adapters.matrix")
    await adapter.start(lambda event: None)
    await adapter.stop()
    return [r for r in caplog.records if r.name.startswith("adapters.matrix") and "invite" in r.getMessage()]


def test_without_the_key_the_bot_accepts_invites_from_its_own_homeserver(tmp_path: Path):
    adapter = from_config(BOT, tmp_path, ENV)
    assert adapter.config.allow_invites_from == ("eastside.social",)
    assert adapter._invite_allowed("@maria:eastside.social")
    assert not adapter._invite_allowed("@stranger:elsewhere.org")
    assert not adapter._invite_allowed("@maria:eastside.social.evil.org")


async def test_without_the_key_start_says_whose_invites_it_accepts(tmp_path: Path, caplog):
    records = await _started_and_stopped(BOT, tmp_path, caplog)
    assert [r.levelno for r in records] == [logging.INFO]
    line = records[0].getMessage()
    assert "eastside.social" in line and "allow_invites_from" in line


@pytest.mark.parametrize("allowed", [
    [],                                  # nobody at all
    ["@mutualaid:eastside.social"],      # the bot never invites itself
    ["example.org"],                     # the example config's name, left in
    ["@ana:example.com", "site.invalid"],  # names reserved for documentation and errors
    ["localhost"],                       # no one on another server is on "localhost"
])
async def test_a_list_that_refuses_every_invite_is_a_warning_at_start(allowed, tmp_path: Path, caplog):
    records = await _started_and_stopped({**BOT, "allow_invites_from": allowed}, tmp_path, caplog)
    warnings = [r.getMessage() for r in records if r.levelno == logging.WARNING]
    assert any("refuses every invite" in line for line in warnings), warnings
    # Which entry is wrong is said by its place in the list, never by a user id.
    assert "@ana" not in caplog.text


@pytest.mark.parametrize("allowed", [
    ["elsewhere.org"],
    ["@ana:elsewhere.org"],
    ["eastside.social", "@ben:elsewhere.org"],
])
async def test_a_list_that_can_accept_someone_starts_without_a_warning(allowed, tmp_path: Path, caplog):
    records = await _started_and_stopped({**BOT, "allow_invites_from": allowed}, tmp_path, caplog)
    assert [r.levelno for r in records] == [logging.INFO]


async def test_one_entry_that_can_match_nobody_is_named_by_its_place(tmp_path: Path, caplog):
    section = {**BOT, "allow_invites_from": ["eastside.social", "example.org"]}
    records = await _started_and_stopped(section, tmp_path, caplog)
    warnings = [r.getMessage() for r in records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "allow_invites_from[1]" in warnings[0]
    assert "refuses every invite" not in warnings[0]


async def test_reserved_names_are_fine_for_a_bot_that_lives_on_them(tmp_path: Path, caplog):
    # A test homeserver on localhost, or the example config read as written.
    for user_id, allowed in (("@mutualaid:localhost", ["localhost"]), ("@mutualaid:example.org", ["example.org"])):
        caplog.clear()
        section = {**BOT, "user_id": user_id, "allow_invites_from": allowed}
        records = await _started_and_stopped(section, tmp_path, caplog)
        assert [r.levelno for r in records] == [logging.INFO], user_id
