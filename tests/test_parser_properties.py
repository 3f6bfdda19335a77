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
    assert set(j) == {"text", "kind", "category", "when", "where", "urgent", "lang", "private", "vague", "also"}
    assert all(set(a) == set(j) - {"also"} for a in j["also"])
    _within_contract(r, text, now, tz)
    for part in r.also:
        # another need or offer of the same message: read from a part of it, by the same contract
        assert part.kind in ("request", "offer") and part.text in text and not part.also
        _within_contract(part, text, now, tz)


def _within_contract(r, text: str, now: datetime, tz: ZoneInfo) -> None:
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


_DANGLING_END = {"a", "an", "the", "to", "for", "on", "at", "of", "from", "by", "with",
                 "el", "la", "los", "las", "un", "una", "de", "del", "al", "para", "por", "con"}


@settings(max_examples=200, deadline=None)
@given(CHATTY, st.sampled_from([None, "request", "offer"]))
def test_what_never_ends_on_a_preposition_or_article(text, assume):
    r = parse(text, NOW, TZ, assume=assume)
    if assume is not None:
        assert r.kind == assume and not r.vague
    if r.kind in ("request", "offer"):
        words = r.what.split()
        assert words and len(r.what) <= 60
        assert words[-1].lower() not in _DANGLING_END, r.what


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200), st.sampled_from(["request", "offer"]))
def test_assumed_kind_holds_the_contract(text, assume):
    r = parse(text, NOW, TZ, assume=assume)
    assert r.kind == assume and r.category in CATEGORIES and r.what and len(r.what) <= 60
    assert r.text == text and not r.vague
    for detail in r.private:
        assert detail in text


# ---- the speed-ups change nothing -------------------------------------------

def _gated_patterns():
    from bot.parsing import gate
    return list(gate._REGISTRY)


GATE_WORDS = st.sampled_from([
    "i", "we", "need", "needs", "needed", "anyone", "can", "could", "have", "got", "know", "the number for", "info",
    "please help", "help us", "if someone has", "come by", "on it", "i'll take", "yes please", "thanks", "what", "where",
    "is the", "open", "tengo", "necesito", "alguien", "me", "yo", "don't", "don", "it", "#3", "@ana", "asap", "today",
    "spare", "extra", "free", "dm me", "available", "which", "how can someone", "meeting", "update", "wanted",
    "if need be", "as needed", "free to a good home", "who wants", "pasen a recoger", "para los que", "lo que necesiten",
    "quien necesite", "come by", "for grabs", "todos bienvenidos", "everyone welcome", "first come", "anything u need",
    "what else do you need", "does anybody need", "si les sirve", "al que", "help those", "feed families", "if u",
    "for anyone's", "anyone who needs", "whoever wants", "the name of", "some advice", "need to know", "volunteer opportunity",
    "where can", "how we can", "get", "find", "food", "water", "a tent", "help", "who can give us", "donde puedo conseguir",
    "comida", "quien nos puede dar", "ropa", "what must i do to find", "would be happy to receive", "i ask the un to give us",
])
GATE_TEXT = st.lists(st.one_of(GATE_WORDS, WORDS, st.text(max_size=6)), max_size=25).map(" ".join)


@settings(max_examples=600, deadline=None)
@given(GATE_TEXT)
def test_word_gates_never_skip_a_pattern_that_matches(text):
    from bot.parsing.text import fold, normalise
    t = fold(normalise(text))
    for g in _gated_patterns():
        if g.re.search(t):
            assert g.may_match(t), (g.re.pattern[:60], t)


SCAN_TEXT = st.lists(st.one_of(GATE_WORDS, WORDS, st.sampled_from(["yo lo llevo", "mine!", "got u", "can do the", "free",
                                                                       "reminder:", "i can drive", ", can help", "lol"]),
                                st.text(max_size=6)), max_size=25).map(" ".join)


@settings(max_examples=600, deadline=None)
@given(SCAN_TEXT, st.integers(min_value=0, max_value=40))
def test_scan_forms_find_the_same_match(text, pos):
    """Gated patterns searched through their scan form (trie.scan_form) give the very match re.search does."""
    from bot.parsing.text import fold, normalise
    t = fold(normalise(text))
    scanned = [g for g in _gated_patterns() if g.scan is not None]
    assert scanned
    for g in scanned:
        for p in (0, pos):
            want, got = g.re.search(t, p), g._search(t, p)
            assert (want and (want.re, want.span(), want.groups())) == (got and (got.re, got.span(), got.groups())), (
                g.re.pattern[:60], t, p)


DAY_TEXT = st.lists(st.sampled_from([
    "on", "the", "this", "coming", "el", "el proximo", "este", "proximo", "los", "todos los", "every", "next", "cada",
    "monday", "mon", "sat", "sun", "tuesdays", "martes", "thurs", "friday.", "sabados", "station", "lunes", "-", "to",
    "y", ",", "  ", "x",
]), max_size=10).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(DAY_TEXT)
def test_weekday_lookup_finds_what_the_weekday_pattern_finds(text):
    from bot.parsing import dates
    expected = [(m.start(), m.end(), m.group("pre"), m.group("day"), m.group("plural")) for m in dates._WEEKDAY.finditer(text)]
    assert list(dates._weekday_matches(text)) == expected


PRIVATE_TEXT = st.lists(st.one_of(st.sampled_from([
    "Calle", "calle", "C/", "Av.", "avda", "Carrera", "cra", "Callejon", "Callejón", "pasaje", "pje", "Col.", "colonia",
    "#23", "no. 4", "num 7", "número 9", "12", "214", "Elm", "St", "st.", "Ave", "apt 3", "555-201-4477", "(555) 201 4477",
    "+52 55 1234 5678", "5552014477", "201-4477", "and", "on", "5th", "hidalgo", "juarez",
    "Hauptstraße", "Goethestr.", "rue", "de", "Via", "near", "4417", "maple", "0151 12345678", "06.12.34.56.78",
    "twelve", "Crescent", "12.05.2026", "Paseo", "plaza", "Lindenweg", "bd", "cerca del", "Alcalá",
]), st.text(max_size=5)), max_size=14).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(PRIVATE_TEXT)
def test_private_gates_skip_nothing(text):
    from bot.parsing import private as pv
    spans = []
    from bot.parsing.text import has_digit

    if has_digit(text):
        for pattern in (pv._PHONE, pv._EN_ADDRESS, pv._ES_ADDRESS, pv._DE_ADDRESS, pv._FR_ADDRESS):  # every pattern, no gate
            pv._add(spans, pattern, text)
        pv._add(spans, pv._NEAR_NUMBER, text, group=1)
        for m in pv._GROUPED_PHONE.finditer(text):
            raw = m.group(0).strip()
            if sum(ch.isdigit() for ch in raw) >= 8 and not pv._DATE_LIKE.match(raw):
                pv._take(spans, m.start(), m.start() + len(m.group(0).rstrip()))
    else:
        pv._add(spans, pv._EN_ADDRESS, text)
    assert pv.find_private(text) == sorted(spans)
