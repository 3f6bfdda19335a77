"""Resolving day and time phrases into the `When` of docs/PARSING.md."""
from __future__ import annotations

import re

from .trie import factored
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from .clock import find_times, to_24h
from .dates import DayPhrase, find_days
from .result import When
from .gate import mask_of, word_bit
from .text import has_digit
from .timewords import PART_OF_DAY, RRULE_DAYS

# A day or time right after these is not when the need is: "paid til monday",
# "they close at 4", "pay you back friday", "se los devuelvo el 15".
_BLOCKED_AFTER = factored(
    r"\b(?:til|till|until|untill|hasta|back|paid|payday|devuelvo|devuelva|pago|close|closes|closed|closing|"
    r"cierra|cierran|open|opens|abre|abren|since|desde que|starting|ago|was|were|fue|last|pasado|"
    r"expires?|vence)\s+(?:the\s+|el\s+|on\s+|at\s+|by\s+|a las\s+|este\s+|this\s+)?$"
)
_LAST = re.compile(r"\b(?:last|yesterday|ayer)\s+$")


# the words those two patterns start with: without one in the message, nothing is blocked
_BLOCK_WORDS = frozenset(
    """til till until untill hasta back paid payday devuelvo devuelva pago close closes closed closing cierra cierran open
    opens abre abren since desde starting ago was were fue last pasado expire expires vence""".split()
)
_LAST_WORDS = frozenset(("last", "yesterday", "ayer"))
_BLOCK_BIT = word_bit(_BLOCK_WORDS)
_LAST_BIT = word_bit(_LAST_WORDS)


def _blocked(t: str, start: int) -> bool:
    return bool(_BLOCKED_AFTER.search(t[max(0, start - 24):start]))


def _next_weekday(today: date, weekday: int) -> date:
    return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)


def _first_ahead(today: date, days: set[int], at: time | None, now: datetime, tz: ZoneInfo) -> date:
    for k in range(8):
        d = today + timedelta(days=k)
        if d.weekday() in days and (at is None or datetime.combine(d, at, tz) > now):
            return d
    return today


def _day_of(p: DayPhrase, today: date, at: time | None, now: datetime, tz: ZoneInfo) -> tuple[date, str | None] | None:
    if p.what == "offset":
        return today + timedelta(days=p.offset), None
    if p.what == "weekday":
        return _next_weekday(today, p.weekday), None
    if p.what == "recurring":
        rule = "FREQ=WEEKLY;BYDAY=" + ",".join(RRULE_DAYS[d] for d in sorted(p.days))
        return _first_ahead(today, set(p.days), at, now, tz), rule
    if p.what == "daily":
        return _first_ahead(today, set(range(7)), at, now, tz), "FREQ=DAILY"
    if p.what == "weekend":
        wd = today.weekday()
        return today + timedelta(days=0 if wd >= 5 else 5 - wd), None
    if p.what == "next_week":
        return today + timedelta(days=7 - today.weekday()), None
    if p.what == "date":
        return _calendar(today, p.year, p.month, p.day)
    if p.what == "day_of_month":
        first = _calendar(today, today.year, today.month, p.day)
        if first and first[0] >= today:
            return first
        month = today.month % 12 + 1
        return _calendar(today, today.year + (month == 1), month, p.day)
    return None


def _calendar(today: date, year: int | None, month: int, day: int) -> tuple[date, None] | None:
    try:
        d = date(year or today.year, month, day)
        if year is None and d < today:
            d = date(today.year + 1, month, day)
    except ValueError:
        return None
    return d, None


def find_when(t: str, now: datetime, tz: ZoneInfo, digits: bool | None = None) -> tuple[When | None, list[tuple[int, int]]]:
    """The first day and the first time of day the text names, and the spans of every such phrase.

    `digits`: whether t holds a digit, when the caller knows.
    """
    if digits is None:
        digits = has_digit(t)
    all_days, all_times = find_days(t, None, digits), find_times(t, digits)
    if not all_days and not all_times:
        return None, []
    spans = [(p.start, p.end) for p in all_days] + [(p.start, p.end) for p in all_times]
    mask = mask_of(t)
    days, times = all_days, all_times
    if mask & _BLOCK_BIT:  # not _BLOCK_WORDS.isdisjoint(words_of(t))
        days = [p for p in days if not _blocked(t, p.start)]
        times = [p for p in times if not _blocked(t, p.start)]
    if mask & _LAST_BIT:  # not _LAST_WORDS.isdisjoint(words_of(t))
        days = [p for p in days if not _LAST.search(t[max(0, p.start - 12):p.start])]
    local_now = now.astimezone(tz)
    today = local_now.date()

    day = days[0] if days else None
    clock = next((p for p in times if not p.part_only), None)
    part = next((p for p in times if p.part_only), None)
    evening_day = bool(day and day.part in ("evening",))

    at: time | None = None
    if clock is not None:
        hm = to_24h(clock, evening_day)
        if hm:
            at = time(*hm)
    if at is None and part is not None:
        at = time(part.hour, part.minute)
    if at is None and day is not None and day.part:
        at = PART_OF_DAY[day.part]

    if day is None:
        if at is None:
            return None, spans
        start = datetime.combine(today, at, tz)
        if start <= local_now:
            start = datetime.combine(today + timedelta(days=1), at, tz)
        return When(start, True, None), spans

    resolved = _day_of(day, today, at, local_now, tz)
    if resolved is None:
        return None, spans
    d, rule = resolved
    start = datetime.combine(d, at or time(0, 0), tz)
    return When(start, at is not None, rule), spans
