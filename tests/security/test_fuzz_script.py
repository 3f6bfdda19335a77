"""Conversation scripts: whatever a line says, reading it either gives a
line of the language or a ScriptError naming the line; playing a script of
valid and invalid lines either plays it or stops with a ScriptError."""
from __future__ import annotations

import tempfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.script import Directive, Edit, React, Say, ScriptError, read_line
from bot.simulate import Simulation

NAMES = st.sampled_from(["maria", "jo", "ana", "sam", "ñandú", "x-1", "_"])
GROUP_NAMES = st.sampled_from(["eastside", "westside", "Éste", "a b"])
SMALL = st.integers(min_value=0, max_value=12)
TEXTS = st.one_of(
    st.sampled_from(["need groceries tuesday", "I can do it", "/claim 1", "/done 1 2h", "/cancel 2", "/open",
                     "/settings quiet 23:00-07:00", "/promote @jo", "I'll take #2", "hello", "", "/forget",
                     "need a ride friday at 10am, 12 Elm St apt 3", "/need", "!close 1", "/unclaim #x"]),
    st.text(max_size=30),
)

VALID = st.one_of(
    st.builds("{}: {}".format, NAMES, TEXTS),
    st.builds("{} > #{}: {}".format, NAMES, SMALL, TEXTS),
    st.builds("{} > {}: {}".format, NAMES, NAMES, TEXTS),
    st.builds("{} +{} #{}".format, NAMES, st.sampled_from(["👍", "🙋", "❤️"]), SMALL),
    st.builds("{} ~ {}".format, NAMES, TEXTS),
    st.builds("@group {}".format, GROUP_NAMES),
    st.builds("@dm {}".format, NAMES),
    st.builds("@coordinator {}".format, NAMES),
    st.builds("@wait {}{}".format, st.integers(0, 500), st.sampled_from("mhd")),
    st.builds("@until 2026-12-{:02d} {:02d}:00".format, st.integers(1, 31), st.integers(0, 23)),
    st.sampled_from(["@lang es", "@lang en", "@zone Europe/Madrid", "@restart", "# a comment", ""]),
)
INVALID = st.one_of(
    st.sampled_from(["@now yesterday", "@zone Mars/Olympus", "@lang fr", "@wait 3x", "@wait", "@until 1999-01-01 00:00",
                     "@until 2026-13-40 25:00", "@unknown thing", "@group", "no colon here", "maria +👍",
                     "@coordinator ana", "maria > #1 no colon", "@zone ../../etc/passwd", "@now 2026-12-02T10:00"]),
    st.text(max_size=40),
)
LINE = st.one_of(VALID, VALID, VALID, INVALID)
OPENING = st.sampled_from([["@now 2026-12-02 10:00", "@zone America/New_York", "@group eastside"],
                           ["@zone Europe/Madrid", "@now 2026-12-02 10:00"], ["@now 2026-12-02 10:00"], []])


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(max_size=80), VALID, INVALID), st.integers(min_value=1, max_value=10_000))
def test_read_line_gives_a_line_or_a_script_error(raw, number):
    try:
        line = read_line(raw, number)
    except ScriptError as exc:
        assert exc.line_no == number and str(exc).startswith(f"line {number}: ")
        return
    assert line is None or isinstance(line, (Directive, Say, React, Edit))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(OPENING, st.lists(LINE, max_size=20))
def test_playing_a_script_plays_it_or_stops_with_a_script_error(opening, lines):
    with tempfile.TemporaryDirectory() as tmp:
        sim = Simulation(f"sqlite:///{tmp}/script.db")
        try:
            sim.play(opening + lines)
        except ScriptError:
            pass
        finally:
            sim.close()
        assert not any("something went wrong" in s.text for s in sim.sent), sim.transcript()


# Numbers a script may write but no database column holds.
@pytest.mark.parametrize("line", ["jo > #99999999999999999999: I can do it", "jo +👍 #99999999999999999999"])
def test_a_number_too_big_for_the_database_is_a_script_error(tmp_path, line):
    sim = Simulation(f"sqlite:///{tmp_path}/script.db")
    try:
        with pytest.raises(ScriptError):
            sim.play(["@now 2026-12-02 10:00", "@group eastside", "maria: need groceries tuesday", line])
    finally:
        sim.close()


@pytest.mark.parametrize("line", ["@wait 99999999999d", "@wait 3000000d"])
def test_a_wait_past_the_calendar_is_a_script_error(tmp_path, line):
    sim = Simulation(f"sqlite:///{tmp_path}/script.db")
    try:
        with pytest.raises(ScriptError):
            sim.play(["@now 2026-12-02 10:00", "@group eastside", line])
    finally:
        sim.close()
