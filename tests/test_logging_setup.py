"""What a running bot writes to its log: libraries only from WARNING up, and
no Matrix user id or phone number in any line."""
from __future__ import annotations

import io
import logging

from bot.logging_setup import RedactPeople, shown_when_running


def test_people_are_masked_in_every_line():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactPeople())
    log = logging.getLogger("nio.crypto.test")
    log.addHandler(handler)
    try:
        log.warning("undecryptable event from %s device %s", "@ana:example.org", "QCBUYCWOZX")
        log.warning("send to +4915112345678 failed")
    finally:
        log.removeHandler(handler)
    out = stream.getvalue()
    assert "ana" not in out and "4915112345678" not in out
    assert "QCBUYCWOZX" in out and "@…:example.org" in out


def test_libraries_speak_only_from_warning():
    def record(name, level):
        return logging.LogRecord(name, level, __file__, 1, "x", None, None)

    assert not shown_when_running(record("nio.rooms", logging.INFO))
    assert shown_when_running(record("nio.rooms", logging.WARNING))
    assert shown_when_running(record("bot.engine", logging.INFO))
