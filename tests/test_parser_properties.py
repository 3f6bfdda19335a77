"""Whatever arrives, the parser answers, quickly and within the contract."""
from __future__ import annotations

import re
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.parsing import parse

TZ = ZoneInfo("America/New_York")
NOW = datetime(2026, 12, 2, 10, 0, tzinfo=TZ)
KINDS = {"request", "offer", "claim", "other"}
CATEGORIES = {"food", "transport", "housing", "health", "childcare", "money", "supplies", "errands", "pets",
              "legal", "translation", "companionship", "other"}
LIMIT_S = 0.5

# chat-like fragments, so the generated text exercises the rules, not only the "no letters" path
WORDS = st.sampled_from([
    "need", "necesito", "anyone", "alguien", "have", "tengo", "ride", "raite", "groceries", "comida", "tmrw",
    "mañana", "en la mañana", "tuesday", "los martes", "every", "at", "3", "8", "12/14", "dec 14", "14 de diciembre",
    "#12", "$50", "12 Elm St apt 3", "555-0172", "please", "asap", "hoy", "today", "tonight", "🙏", "👍", "?", "!",
    ",", "i'll take", "on it", "can", "drive", "puedo", "from", "to", "-", "weekdays", "el", "fin de semana",
    "near", "the library", "Calle 5 #23", "at 8pm", "2-5pm", "de 3 a 6 de la tarde", "::", "((", "@@", "  ",
])
CHATTY = st.lists(st.one_of(WORDS, st.text(max_size=12)), max_size=60).map(" ".join)


def check(text: str, now: datetime = NOW, tz: ZoneInfo = TZ) -> None:
    t0 = time.perf_counter()
    r = parse(text, now, tz)
    elapsed = time.perf_counter() - t0
    assert elapsed < LIMIT_S, f"{elapsed:.3f}s on {len(text)} chars"
    assert r.text == text
    assert r.kind in KINDS
    assert r.lang in ("en", "es")
    j = r.to_json()
    assert set(j) == {"text", "kind", "category", "when", "where", "urgent", "lang", "private", "vague"}
    if r.kind in ("claim", "other"):
        assert (r.when, r.where, r.category, r.urgent) == (None, None, None, False)
    else:
        assert r.category in CATEGORIES
        assert r.what and len(r.what) <= 60
        assert not r.vague
    if r.when is not None:
        assert r.when.start.tzinfo is not None
        # "the first moment the need is about": never long before the message
        assert r.when.start >= now.astimezone(tz) - timedelta(days=1)
        if r.when.recurrence:
            assert re.fullmatch(r"FREQ=(?:WEEKLY;BYDAY=(?:MO|TU|WE|TH|FR|SA|SU)(?:,(?:MO|TU|WE|TH|FR|SA|SU))*|DAILY)", r.when.recurrence)
    for detail in r.private:
        assert detail in text
    assert all(isinstance(n, int) and n >= 0 for n in r.numbers)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_any_short_unicode_parses(text):
    check(text)


# Long texts are built by repeating a generated piece: Hypothesis cannot draw
# 20,000 independent characters cheaply, and repetition is what stresses regexes.
LONG = st.tuples(st.text(min_size=1, max_size=300), CHATTY, st.integers(5_000, 20_000)).map(
    lambda a: ((a[0] + " " + a[1]) * (a[2] // (len(a[0]) + len(a[1]) + 1) + 1))[: a[2]]
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(LONG)
def test_any_long_unicode_parses_in_bounded_time(text):
    assert len(text) <= 20_000
    check(text)


@settings(max_examples=200, deadline=None)
@given(CHATTY)
def test_chat_like_text_parses_within_the_contract(text):
    check(text)


@settings(max_examples=30, deadline=None)
@given(
    CHATTY,
    st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2035, 12, 31)),
    st.sampled_from(["America/New_York", "Europe/Madrid", "America/Mexico_City", "Pacific/Auckland", "UTC"]),
)
def test_any_moment_and_zone(text, naive_now, zone):
    tz = ZoneInfo(zone)
    check(text, naive_now.replace(tzinfo=tz), tz)


def test_pathological_inputs_are_fast():
    for text in (
        "a" * 20_000, " " * 20_000, "1" * 20_000, "#1 " * 6_000, "at 3 " * 4_000, "need " * 4_000,
        "12/" * 6_000, "$" * 20_000, "anyone " * 2_800 + "?", "calle " * 3_000, "İ" * 20_000,
        "\u0301" * 20_000, "🙏" * 20_000, "de la " * 3_000, "1-2-3-4-" * 2_500,
    ):
        check(text)
