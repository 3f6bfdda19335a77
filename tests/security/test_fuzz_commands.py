"""Reading commands and their arguments from arbitrary text: never an
error, and only answers within the contract."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot import settings as group_settings
from bot.commands.args import hours, item_number
from bot.commands.call import split_command

ANY_TEXT = st.text(max_size=60)
# text that looks like what people type after a command
ARGS_LIKE = st.one_of(
    ANY_TEXT,
    st.from_regex(r"\A#?-?\d{0,25}(\.\d{0,3})?\s*(m|min|h|hr|hours|d)?\Z"),
    st.from_regex(r"\A[/!][A-Za-z_]{0,12}(@\w{0,8})?(\s.{0,20})?\Z"),
)
FUZZ = settings(max_examples=300, deadline=None)


@FUZZ
@given(ARGS_LIKE)
def test_split_command_reads_a_command_or_nothing(text):
    got = split_command(text)
    if got is None:
        return
    name, rest = got
    assert text.strip()[0] in "/!"
    assert re.fullmatch(r"[a-z_]+", name)
    assert rest == rest.strip()
    assert rest in text


@FUZZ
@given(st.integers(min_value=1, max_value=999_999_999), st.sampled_from(["", "#"]), st.sampled_from(["", " ", "\t"]))
def test_item_number_reads_what_was_written(n, hash_, pad):
    assert item_number(f"{pad}{hash_}{n}{pad}") == n


@FUZZ
@given(ARGS_LIKE)
def test_item_number_is_a_sane_number_or_nothing(token):
    n = item_number(token)
    # at most nine digits, never negative: a number no database integer overflows on
    assert n is None or 0 <= n <= 999_999_999


@pytest.mark.parametrize("token", ["-1", "#-1", "99999999999999999999", "#99999999999999999999", "1e9", "3.5",
                                   "0x1", "#", "", "1 2"])
def test_item_number_refuses_what_is_not_an_item_number(token):
    assert item_number(token) is None


@FUZZ
@given(ARGS_LIKE)
def test_hours_is_a_sensible_amount_or_nothing(token):
    given_hours = hours(token)
    assert given_hours is None or 0 <= given_hours <= 24 * 7


# a few seconds ('0.1m') once rounded to 0.0 hours credited
@pytest.mark.parametrize("token", ["0.1m", "0.29m"])
def test_hours_never_credits_nothing(token):
    assert hours(token) != 0


@pytest.mark.parametrize(("token", "expected"), [("2h", 2.0), ("90m", 1.5), ("1.5h", 1.5), ("2", 2.0), ("1,5", 1.5),
                                                 ("168h", 168.0), ("169h", None), ("0", None), ("-2h", None)])
def test_hours_reads_durations(token, expected):
    assert hours(token) == expected


@FUZZ
@given(st.sampled_from([s.key for s in group_settings.SETTINGS] + ["nope", "", "ZONE"]),
       st.one_of(ANY_TEXT, st.sampled_from(["off", "OFF", " on ", "2h", "99999d", "22:00-08:00", "mon 09:00",
                                            "America/New_York", "../../etc/passwd", "a/\x00b", "UTC", "es"])))
def test_settings_normalise_keeps_only_valid_values(key, value):
    normal = group_settings.normalise(key, value)
    if normal is None:
        return
    assert key in group_settings.BY_KEY
    # what is stored reads back as itself, and the helpers that read it do not fail
    assert group_settings.normalise(key, normal) == normal
    assert "\n" not in normal and normal == normal.strip()
    if key == "quiet":
        group_settings.quiet_hours(normal)
