"""`mutualaid parse` as docs/PARSING.md describes it: one JSON object per line, in order."""
from __future__ import annotations

import io
import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.parsing.cli import run


def call(argv, stdin_text, **kw):
    out = io.StringIO()
    code = run(argv, io.StringIO(stdin_text), out, **kw)
    return code, [json.loads(line) for line in out.getvalue().splitlines()]


def test_one_object_per_line_in_order_with_the_documented_fields():
    code, rows = call(
        ["--now", "2026-12-02T10:00", "--tz", "America/New_York"],
        "need groceries Tuesday\nthanks Jo!!\n\nI'll take #12\n",
    )
    assert code == 0
    assert [r["text"] for r in rows] == ["need groceries Tuesday", "thanks Jo!!", "", "I'll take #12"]
    assert [r["kind"] for r in rows] == ["request", "other", "other", "claim"]
    assert rows[0] == {
        "text": "need groceries Tuesday", "kind": "request", "category": "food",
        "when": {"start": "2026-12-08T00:00:00-05:00", "has_time": False, "recurrence": None},
        "where": None, "urgent": False, "lang": "en", "private": [], "vague": False,
    }


def test_zone_and_now_are_read():
    _, rows = call(["--now", "2026-12-02T10:00", "--tz", "Europe/Madrid"], "need a ride tomorrow at 3pm\n")
    assert rows[0]["when"]["start"] == "2026-12-03T15:00:00+01:00"


def test_defaults_now_to_the_current_time_and_tz_to_the_given_default():
    code, rows = call([], "need a ride tomorrow\n", default_tz="America/Mexico_City")
    assert code == 0
    start = datetime.fromisoformat(rows[0]["when"]["start"])
    tomorrow = (datetime.now(ZoneInfo("America/Mexico_City")) + timedelta(days=1)).date()
    assert start.date() == tomorrow and start.utcoffset() == ZoneInfo("America/Mexico_City").utcoffset(start.replace(tzinfo=None))


def test_unicode_and_crlf_lines():
    _, rows = call(["--now", "2026-12-02T10:00"], "necesito pañales mañana 🙏\r\nyo me encargo\r\n")
    assert [r["kind"] for r in rows] == ["request", "claim"]
    assert rows[0]["text"] == "necesito pañales mañana 🙏"
    assert rows[0]["lang"] == "es"


def test_bad_arguments_fail_without_output():
    assert call(["--tz", "Mars/Olympus"], "hi\n")[0] != 0
    assert call(["--now", "yesterday"], "hi\n")[0] != 0
    assert call(["--bogus"], "hi\n")[0] != 0
