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
# Not blocked: "starting friday" (when it starts), "se me vence hoy" (a deadline is the day), "tiene hasta el
# miercoles" (has until: a deadline), "after close friday", "open this saturday" (an opening the author runs).
_BLOCKED_AFTER = factored(
    r"\b(?:(?<!tiene )(?<!tienen )(?<!tengo )(?<!tenemos )(?<!separado )(?<!have )(?<!has )"
    r"(?:til|till|until|untill|hasta)|back|paid|payday|devuelvo|devuelva|pago|(?<!after )close|closes|closed|closing|"
    r"cierra|cierran|since|desde que|ago|was|were|fue|last|pasado)"
    r"\s+(?:the\s+|el\s+|on\s+|at\s+|by\s+|for\s+|a las\s+|las\s+|este\s+|this\s+)?$"
)
# A day something happened ("mine broke on monday", "lo detuvieron el lunes") and the day money comes
# ("payday is friday", "until her check comes friday", "hasta que me paguen el 15"): background, not
# when the need is (the labelling conventions' own example: "my check comes on the 15th").
_BACKGROUND = re.compile(
    r"\b(?:broke|fell|died|happened|detuvieron|arrestaron|cayo|partio|quebro|murio)\s+(?:on\s+|el\s+|this\s+|este\s+)?$"
    r"|\b(?:payday|paycheck|check|cheque|stipend)\s+(?:is|comes|arrives|hits|llega)\s+(?:on\s+|in\s+|el\s+)?$"
    r"|\b(?:paguen|pagan|cobro|cobre)\s+(?:\w+\s+){0,2}?(?:el\s+|on\s+)?$"
)
# "they open at 9", "opens monday": not the need; "open this saturday 9-12" is the opening itself
_OPENING = re.compile(r"\b(?:open|opens|abre|abren)\s+(?:the\s+|el\s+|on\s+|at\s+|by\s+|a las\s+)?$")
_LAST = re.compile(r"\b(?:last|yesterday|ayer)\s+$")


# the words those two patterns start with: without one in the message, nothing is blocked
_BLOCK_WORDS = frozenset(
    """til till until untill hasta back paid payday devuelvo devuelva pago close closes closed closing cierra cierran open
    opens abre abren since desde ago was were fue last pasado broke fell died happened detuvieron arrestaron cayo partio
    quebro murio payday paycheck check cheque stipend paguen pagan cobro cobre""".split()
)
_LAST_WORDS = frozenset(("last", "yesterday", "ayer"))
_BLOCK_BIT = word_bit(_BLOCK_WORDS)
_LAST_BIT = word_bit(_LAST_WORDS)


def _blocked(t: str, start: int) -> bool:
    before = t[max(0, start - 24):start]
    if _BLOCKED_AFTER.search(before) or _BACKGROUND.search(before):
        return True
    return _OPENING.search(before) is not None and not t.startswith(("this ", "este "), start)


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
        # "sat and sun", "tues/thurs": the first of them ahead
        return min(_next_weekday(today, d) for d in (p.weekday,) + p.alternatives), None
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
    if p.what == "end_of_month":
        nxt = date(today.year + (today.month == 12), today.month % 12 + 1, 1)
        return nxt - timedelta(days=1), None
    if p.what == "end_of_week":  # the coming Friday, today when it is Friday, Sunday on a weekend
        wd = today.weekday()
        return today + timedelta(days=(4 - wd) if wd <= 4 else 6 - wd), None
    if p.what == "first_of_month":
        return date(today.year + (today.month == 12), today.month % 12 + 1, 1), None
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


_BETWEEN_WEEKDAY_AND_DATE = re.compile(r"^[\s,.(\-–]*(?:the\s+|el\s+|on\s+|de\s+)?$")
_DATED = ("date", "day_of_month")


def _written_date_for(t: str, weekday: DayPhrase, days: list[DayPhrase], today: date) -> DayPhrase | None:
    """The written date that says which `weekday` is meant ("Friday, Dec 11", "dec 11 (friday)", "viernes 11 de
    diciembre"): written right beside it, or falling on that weekday. A date is exact, a weekday is not."""
    for p in days:
        if p.what not in _DATED:
            continue
        gap = t[weekday.end:p.start] if p.start >= weekday.end else t[p.end:weekday.start]
        beside = _BETWEEN_WEEKDAY_AND_DATE.match(gap) is not None
        if beside and p.swappable:
            # "viernes 11/12": the weekday tells which way round it was written (the day first:
            # December 11); where both fall on it, the nearer
            swapped = DayPhrase(p.start, p.end, "date", month=p.day, day=p.month, year=p.year)
            fitting = [q for q in (p, swapped) if _falls_on(q, weekday, today)]
            if fitting:
                return min(fitting, key=lambda q: _day_of(q, today, None, None, None)[0])
        if beside or _falls_on(p, weekday, today):
            return p
    return None


def _falls_on(p: DayPhrase, weekday: DayPhrase, today: date) -> bool:
    resolved = _day_of(p, today, None, None, None)
    return resolved is not None and resolved[0].weekday() == weekday.weekday


def _belongs_elsewhere(t: str, time_phrase, day: DayPhrase, days: list[DayPhrase], today: date | None = None) -> bool:
    """The time is written beside another day phrase, with words between that day and the chosen one
    ("tuesday and also a ride to the clinic thursday 10am"); "tuesday or wednesday at 3" keeps its 3."""
    def gap(p) -> int:
        return max(p.start - time_phrase.end, time_phrase.start - p.end, 0)

    nearest = min(days, key=gap)
    if nearest is day or gap(day) <= gap(nearest) or _same_day_words(t, day, nearest):
        return False
    if nearest.what == day.what == "daily" or (nearest.what == day.what == "recurring" and nearest.days == day.days):
        return False  # "daily ... at 9:00 each morning": the same schedule said twice
    if today is not None and _same_date(nearest, day, today):
        return False  # "this wknd ... sat/sun mornings", "hoy ... esta tarde": the same day said twice
    lo, hi = sorted((day, nearest), key=lambda p: p.start)
    return len(t[lo.end:hi.start].split()) >= 3


def _same_date(a: DayPhrase, b: DayPhrase, today: date) -> bool:
    if "recurring" in (a.what, b.what) or "daily" in (a.what, b.what):
        return False
    ra, rb = _day_of(a, today, None, None, None), _day_of(b, today, None, None, None)
    return ra is not None and rb is not None and ra[0] == rb[0]


def _same_day_words(t: str, a: DayPhrase, b: DayPhrase) -> bool:
    """A weekday and the written date beside it are one day phrase."""
    kinds = {a.what, b.what}
    if "weekday" not in kinds or kinds.isdisjoint(_DATED):
        return False
    lo, hi = sorted((a, b), key=lambda p: p.start)
    return _BETWEEN_WEEKDAY_AND_DATE.match(t[lo.end:hi.start]) is not None


_NEXT_WEEK_BESIDE = re.compile(r"^[\s,]*(?:of\s+|de\s+(?:la\s+)?)?$")


def _readable(t: str, days: list[DayPhrase], today: date) -> list[DayPhrase]:
    """The day phrases that say when: a holiday is often only the occasion ("christmas boxes ... saturday"),
    so any other day phrase wins; a day number after a weekday ("jueves 10") counts only if it falls on it."""
    kept = []
    for i, p in enumerate(days):
        if p.after_weekday:
            before = days[i - 1] if i else None
            if before is None or before.what != "weekday" or not _falls_on(p, before, today):
                continue
        kept.append(p)
    if any(not p.holiday for p in kept):
        kept = [p for p in kept if not p.holiday]
    return kept


def _beside(t: str, a: DayPhrase, b: DayPhrase) -> bool:
    lo, hi = sorted((a, b), key=lambda p: p.start)
    return _NEXT_WEEK_BESIDE.match(t[lo.end:hi.start]) is not None


def _first_moment(t: str, days: list[DayPhrase], today: date) -> tuple[DayPhrase | None, date | None]:
    """The day phrase that says when, and its date where it is known here: the first one written.

    A weekday reads with the written date beside it ("Friday, Dec 11") and with "next week" beside it
    ("thursday next week", where "next week" only says which week). A date written without a year that
    passed in the last month is the past ("I received it on Tuesday, December 1 ... can meet Saturday,
    December 5"), not next year's: the next day phrase says when.
    """
    if len(days) < 2:
        return (days[0] if days else None), None
    beside_next_week = {}  # a weekday -> the "next week" written beside it
    for p in days:
        if p.what == "weekday":
            for n in days:
                if n.what == "next_week" and _beside(t, p, n):
                    beside_next_week[id(p)] = n
    modifiers = {id(n) for n in beside_next_week.values()}
    for p in days:
        if id(p) in modifiers:
            continue
        q = p
        if p.what == "weekday":
            q = _written_date_for(t, p, days, today) or p
        if q.what == "date" and q.year is None and _just_passed(q, today):
            continue
        if q is p and id(p) in beside_next_week:  # "thursday next week", "mon-wed next wk": that day of the coming week
            return p, today + timedelta(days=7 - today.weekday() + p.weekday)
        return q, None
    return days[0], None


def _just_passed(p: DayPhrase, today: date) -> bool:
    try:
        d = date(today.year, p.month, p.day)
    except ValueError:
        return False
    return timedelta(0) < today - d <= timedelta(days=31)


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
    if len(days) < len(all_days):
        # "was for monday, december 14": the date written beside a blocked weekday goes with it
        blocked = [p for p in all_days if p not in days]
        days = [p for p in days if not any(_same_day_words(t, p, b) for b in blocked)]
    local_now = now.astimezone(tz)
    today = local_now.date()

    if len(days) > 1:
        days = _readable(t, days, today)
    day, resolved_day = _first_moment(t, days, today)
    clock = next((p for p in times if not p.part_only), None)
    part = next((p for p in times if p.part_only), None)
    if day is not None and len(all_days) > 1:
        # "groceries tuesday and also a ride thursday 10am": 10am is Thursday's, not Tuesday's
        clock = next((p for p in times if not p.part_only and not _belongs_elsewhere(t, p, day, all_days, today)), None)
        part = next((p for p in times if p.part_only and not _belongs_elsewhere(t, p, day, all_days, today)), None)
    evening_day = bool(day and day.part in ("evening",))
    # "tomorrow morning ... at 7:15", "every morning, 7:30": a bare hour in the morning
    morning = (day is not None and day.part == "morning") or (part is not None and part.qualifier in ("morning", "manana"))

    at: time | None = None
    if clock is not None:
        hm = to_24h(clock, evening_day)
        if hm and morning and clock.meridiem is None and clock.qualifier is None and 1 <= clock.hour <= 7:
            hm = (clock.hour, clock.minute)
        if hm:
            at = time(*hm)
    if at is None and part is not None:
        at = time(part.hour, part.minute)
    if at is None and day is not None and day.part:
        at = PART_OF_DAY[day.part]
    if at is None and day is not None and len(days) > 1:
        # "locked out today ... a place to stay tonight": the part of the same day said again
        again = next((p for p in days if p is not day and p.part and _same_date(p, day, today)), None)
        if again is not None:
            at = PART_OF_DAY[again.part]

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
    if resolved_day is not None and day.what not in ("recurring", "daily"):
        d = resolved_day
    if rule is not None and any(n.what == "next_week" and _beside(t, day, n) for n in days):
        # "every morning next week", "mon-fri next week": the schedule starts in the coming week
        monday = today + timedelta(days=7 - today.weekday())
        wanted = set(range(7)) if day.what == "daily" else set(day.days)
        d = next(monday + timedelta(days=k) for k in range(7) if (monday + timedelta(days=k)).weekday() in wanted)
    start = datetime.combine(d, at or time(0, 0), tz)
    return When(start, at is not None, rule), spans
