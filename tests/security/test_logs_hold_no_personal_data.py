"""The logs carry ids and kinds, never message text, handles, phone numbers
or addresses. Every record at INFO and above, from any logger, is kept
(message, arguments and exception text) while every conversation script is
played and while the engine is fuzzed, then searched for what those
conversations said.

The plugin in tests/security/logcapture.py does the same for a whole test
run when tests/conftest.py loads it."""
from __future__ import annotations

import logging
import re
import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.script import ScriptError
from bot.simulate import Simulation
from tests.security import logcapture
from tests.security.bench import OPENING, START, STEP, Bench, EditLast, Player, Say
from tests.security.logcapture import Capture, findings, scenario_lines, sensitive_from_lines


def test_the_check_catches_what_it_looks_for():
    """The search can fail: a handle, a message's words, a phone number and
    an address logged on purpose are each found; ids and kinds are not."""
    handles, words = sensitive_from_lines(["@now 2026-12-02 10:00", "@group eastside",
                                           "maria: need groceries tuesday"])
    assert handles == {"maria"} and "groceries" in words
    # a logger of its own that stops there, so the run's capture does not see these on purpose
    log = logging.getLogger("tests.security.selfcheck")
    log.propagate = False
    with Capture("tests.security.selfcheck") as capture:
        log.info("repeat message dropped platform=%s outbox=%d", "sim", 12)
        assert findings(capture.texts, handles, words) == []
        log.info("claimed by %s", "maria")
        log.warning("said: need Groceries")
        log.error("calling +4915112345678")
        log.info("calling 555-0172")
        try:
            raise ValueError("12 Elm St apt 3")
        except ValueError:
            log.exception("failed to handle event kind=IncomingMessage")
        log.debug("maria at DEBUG is below what is kept")
    found = findings(capture.texts, handles, words)
    assert [f.split(" (")[0].split(": ", 1)[1] for f in found] == [
        "handle 'maria'", "a message's words", "a phone number", "a phone number", "an address"]


def test_playing_every_scenario_logs_no_personal_data(tmp_path):
    lines = scenario_lines()
    assert len(lines) > 500, "the scenarios were not found"
    handles, words = sensitive_from_lines(lines)
    with Capture() as capture:
        for path in sorted(logcapture.SCENARIOS.glob("*.script")):
            sim = Simulation(f"sqlite:///{tmp_path}/{path.stem}.db")
            try:
                sim.play(path.read_text(encoding="utf-8").splitlines())
            except ScriptError:
                pass  # a script's own problem; what it logged on the way still counts
            finally:
                sim.close()
    assert capture.texts, "nothing was logged at all: is the capture working?"
    assert findings(capture.texts, handles, words) == []


def _sensitive_from_steps(steps) -> tuple[set[str], set[str]]:
    handles, words = set(), set()
    for step in steps:
        who = getattr(step, "who", None)
        if who is not None:
            for name in (who.handle, who.user_id):
                if re.fullmatch(r"\w{3,}", name):  # names short or odd enough to be noise are left out
                    handles.add(name)
        if isinstance(step, (Say, EditLast)):
            text = re.sub(r"^\s*[/!]\S+", "", step.text)
            words |= {w.lower() for w in re.findall(r"[^\W\d_]{7,}", text)}
    return handles, words - logcapture.log_vocabulary() - {"eastside", "westside"}


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                                                 HealthCheck.function_scoped_fixture])
@given(st.lists(STEP, min_size=5, max_size=25))
def test_the_engine_fuzzed_logs_no_personal_data(tmp_path, steps):
    steps = OPENING + tuple(steps)
    handles, words = _sensitive_from_steps(steps)
    with Capture() as capture:
        bench = Bench(f"sqlite:///{tmp_path}/{uuid.uuid4().hex}.db")
        try:
            player = Player(bench)
            for step in steps:
                player.play(step)
        finally:
            bench.close()
    assert findings(capture.texts, handles, words) == []


def test_records_of_the_whole_run_so_far_hold_no_personal_data():
    """With the plugin loaded (tests/conftest.py), what every test run
    before this one logged; the plugin checks the rest when the run ends."""
    texts = logcapture.records_so_far()
    if not texts:
        pytest.skip("tests/security/logcapture.py is not loaded as a plugin, so the whole run is not recorded")
    handles, words = sensitive_from_lines(scenario_lines())
    assert findings(texts, handles, words) == []


def test_a_database_error_is_logged_without_the_row_it_refused(database_url):
    """A refused row, logged as the engine logs a failure: neither the
    statement's values (SQLAlchemy's text) nor the row PostgreSQL quotes in
    its error reach the log — only the error's kind and where it happened."""
    from sqlalchemy import insert
    from sqlalchemy.exc import IntegrityError

    from bot.logging_setup import log_failure
    from storage.db import migrate, open_database
    from storage.models import Member

    engine = open_database(database_url)
    log = logging.getLogger("bot.engine")
    # built at run time, so the frames' source lines cannot hold them
    handle, user_id = "".join(["Rosa", "lindita"]), "-".join(["u", "rosalind"])
    try:
        migrate(engine)
        with logcapture.outside_the_run(), Capture("bot.engine") as capture:
            try:
                with engine.begin() as conn:  # no platform: the row is refused
                    conn.execute(insert(Member).values(platform=None, user_id=user_id, handle=handle,
                                                       created_at=START))
            except IntegrityError:
                log_failure(log, "failed to handle event kind=%s", "IncomingMessage")
        [(_, text)] = capture.texts
        assert "IntegrityError" in text and "File " in text  # the kind and the frames stay
        assert handle not in text and user_id not in text
    finally:
        engine.dispose()
