"""Whatever members send — any text, any name, numbers far too big, control
characters, reactions and button presses on anything, edits, the clock
moving — the engine answers without an error and without its apology, and
every command is answered with one line or a list."""
from __future__ import annotations

import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.commands.call import split_command
from bot.engine import plausible_ids
from bot.events import IncomingMessage, Sender
from tests.security import logcapture
from tests.security.bench import APOLOGY, OPENING, PLATFORM, START, STEP, Bench, Player

# what the bot says when it refuses or explains how to write a command: one line
ONE_LINERS = ("Write it as", "Only ", "There is no #", "I don't know /", "works in", "is already", "takes ",
              "There is no setting")


def check_replies(event, out) -> None:
    for d in out:
        assert APOLOGY not in d.text, (event, d.text)
        assert d.text.strip() or d.edit, f"an empty message after {event!r}"
        if d.text.startswith(ONE_LINERS):
            assert "\n" not in d.text, f"a refusal of more than one line: {d.text!r}"
        # a list has no blank lines; the claimer's copy of the asker's own words may
        if "Their message:" not in d.text:
            assert all(line.strip() for line in d.text.split("\n")), f"a blank line in {d.text!r}"
    # ids no platform gives (too long, or holding control characters) are ignored, said in the log only
    if (isinstance(event, IncomingMessage) and event.sender.is_person and plausible_ids(event.sender, event.chat_id)
            and split_command(event.text)):
        assert out, f"a command with no answer: {event.text!r}"


def play(bench: Bench, steps) -> None:
    try:
        player = Player(bench)
        for step in OPENING + tuple(steps):
            event, out = player.play(step)
            check_replies(event, out)
    finally:
        bench.close()


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(STEP, min_size=5, max_size=25))
def test_engine_survives_anything_members_send(tmp_path_factory, steps):
    play(Bench(f"sqlite:///{tmp_path_factory.mktemp('fuzz')}/engine.db"), steps)


def test_engine_survives_anything_members_send_on_both_databases(database_url):
    """A few examples on each database (PostgreSQL's integers and text are
    stricter than SQLite's), all on one database: each its own ids."""

    @settings(max_examples=6, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(st.lists(STEP, min_size=5, max_size=20))
    def on_this_database(steps):
        play(Bench(database_url, prefix=uuid.uuid4().hex[:8]), steps)

    on_this_database()


LONG = "Rosalind" * 40  # 320 characters: Matrix display names and room names have no short limit


@pytest.mark.parametrize("field", ["handle", "chat_title"])
def test_long_names_and_titles_are_handled(database_url, request, field):
    with logcapture.outside_the_run():
        long_names(database_url, field)


def test_an_id_longer_than_any_platform_gives_is_ignored(database_url):
    """No platform gives a user id past 255 characters (Matrix's longest):
    such an event comes from no person and makes nothing, without error."""
    bench = Bench(database_url)
    try:
        out = bench.handle(IncomingMessage(PLATFORM, "eastside", "m1", Sender(user_id=LONG, handle="rosa"),
                                           "need groceries tuesday", START, chat_title="eastside"))
        assert out == []
    finally:
        bench.close()


def long_names(database_url: str, field: str) -> None:
    bench = Bench(database_url)
    try:
        sender = Sender(user_id=LONG if field == "user_id" else "rosa", handle=LONG if field == "handle" else "rosa")
        title = LONG if field == "chat_title" else "eastside"
        out = bench.handle(IncomingMessage(PLATFORM, "eastside", "m1", sender, "need groceries tuesday", START,
                                           chat_title=title))
        assert [d.text for d in out if APOLOGY in d.text] == []
        assert any("#1" in d.text for d in out)
    finally:
        bench.close()
