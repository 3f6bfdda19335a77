"""Finding day phrases ("tmrw", "el martes", "todos los lunes", "dec 14", "12/14").

Reads folded lower-case text and returns phrases with their offsets; when.py
turns them into dates. Hand-written because the library that does this
(dateparser) is ~100x slower and misses chat spellings ("tmrw", "2morrow",
"manana" vs "en la manana", plural weekdays as recurrence).
"""
from __future__ import annotations

import re

from .trie import factored
from dataclasses import dataclass

from .gate import Gated, mask_of, word_bit
from .text import has_digit, words_of
from .timewords import AMBIGUOUS_DAYS, DAY_RE, MONTH_RE, MONTHS, WEEKDAYS


@dataclass(slots=True)  # internal; not frozen: building frozen ones costs microseconds
class DayPhrase:
    start: int
    end: int
    what: str  # offset | weekday | recurring | daily | weekend | next_week | date | day_of_month
    # | end_of_month | end_of_week | first_of_month
    offset: int = 0
    weekday: int = 0
    days: tuple[int, ...] = ()
    month: int = 0
    day: int = 0
    year: int | None = None
    part: str | None = None  # a part of the day the phrase itself names ("tonight")
    today: bool = False
    swappable: bool = False  # "11/12": month and day could be either way round (Spanish writes the day first)
    holiday: bool = False  # "christmas": often the occasion ("christmas boxes"), so any other day phrase wins
    after_weekday: bool = False  # "jueves 10": a date only if it falls on the weekday written before it
    alternatives: tuple[int, ...] = ()  # "sat and sun", "tues/thurs": the other weekdays it may be; the first ahead wins


_RELATIVE = [
    (re.compile(r"\b(?:today|hoy|tdy|2day|oy(?! vey))\b"), 0, None, True),
    (re.compile(r"\b(?:tonight|tonite|2nite|esta noche|this evening)\b"), 0, "evening", False),
    (re.compile(r"\b(?:this afternoon|esta tarde)\b"), 0, "afternoon", False),
    (re.compile(r"\b(?:this morning|esta manana)\b"), 0, "morning", False),
    (re.compile(r"\b(?:(?:the )?day after tomorrow|pasado manana)\b"), 2, None, False),
    (re.compile(r"\b(?:tomorrow|tomorow|tommorow|tommorrow|tomorro|tmrw|tmrrw|tmr|tmw|tmro|tmrow|tomrrow|tomrow|tommorow|2morrow|2morow|2moro|2mrw|2mro)\b"), 1, None, False),
    # "manana" is tomorrow, but "en/por/de la manana" is the morning
    (re.compile(r"(?<!\bla )(?<!\besta )(?<!\bpasado )\b(?:manana|manna|mnana)\b"), 1, None, False),
]

# the prefix starts at a word: "station thursday" holds no "on thursday"
_PREFIX = r"(?:\b(?P<pre>every|each|todos los|todas las|cada|los|on|this|next|este|el proximo|este proximo|proximo|el|the|this coming|coming)\s+)?"
_WEEKDAY = factored(_PREFIX + rf"\b(?P<day>{DAY_RE})(?P<plural>s|es)?\b\.?")
# The same matches found faster: the day word first, then the prefix that ends
# right before it (the leftmost, as _WEEKDAY would find), so `re` does not try
# every prefix at every position of the message.
_DAY_WORD = factored(rf"\b(?P<day>{DAY_RE})(?P<plural>s|es)?\b\.?")
_PREFIX_BEFORE = factored(_PREFIX[3:-2] + r"\Z")


def _weekday_matches(t: str, words: frozenset[str] | None = None):
    """(start, end, pre, day, plural) of each _WEEKDAY match, in order.

    `words`: words_of(t), when known: the scan for day words starts at the first
    of them (a match of _DAY_WORD is one whole word of _WEEKDAY_FORMS).
    """
    pos = 0
    first = 0
    if words is not None:
        first = min((t.find(w) for w in _WEEKDAY_FORMS.intersection(words)), default=0)
    for m in _DAY_WORD.finditer(t, first):
        start = m.start()
        if start > pos:
            # a prefix ends at the run of white space before the day word and is
            # at most 12 characters long ("este proximo"): read only from there
            lo = start
            while lo > pos and t[lo - 1].isspace():
                lo -= 1
            pre = _PREFIX_BEFORE.search(t, max(pos, lo - 12), start)
        else:
            pre = None
        yield (pre.start() if pre else start), m.end(), (pre.group("pre") if pre else None), m.group("day"), m.group("plural")
        pos = m.end()
_DAY_CHAIN = factored(rf"\s*(?:,|and|&|y|e|/|or|o|n|\+)\s*(?:on\s+|los\s+|el\s+)?(?P<day>{DAY_RE})(?:s|es)?\b")
_DAY_RANGE = factored(rf"\s*(?:-|–|to|thru|through|a|al|hasta el)\s*(?P<day>{DAY_RE})\b")
_RECURRING_PRE = {"every", "each", "todos los", "todas las", "cada", "los"}
# "el jueves 10", "sabado 12", "thursday the 10th": the day number written after a weekday
_NUMBER_AFTER_DAY = re.compile(
    r"\s*,?\s*(?:the\s+)?(?P<d>[1-9]|[12]\d|3[01])(?P<suffix>st|nd|rd|th)?(?![\d:/%.]|[ap]\b|\s*(?:am|pm|a\.m|p\.m|-|to\b|a\s+\d))\b"
)
_SPANISH_DAYS = frozenset(w for w in WEEKDAYS if WEEKDAYS[w] is not None and w not in (
    "monday mon munday tuesday tues tue tusday tuesay teusday tuseday wednesday wed weds wensday wendsday wednsday "
    "wedensday wedsday wenesday thursday thurs thur thu thrusday thursay thurday thirsday friday fri fryday firday "
    "fridy saturday sat saterday satuday saturdy sunday sun sundy sundey").split())
_NEXT_TO_TIME = re.compile(r"\s*(?:\d|at\b|@|am\b|pm\b|morning|afternoon|evening|night|a las|en la|por la|[,.!?;)]|$)")

_WEEKDAYS_ALL = factored(r"\b(?:every weekday|weekday(?=\s+(?:mornings|afternoons|evenings|nights)\b)|weekdays|week days|entre semana|de lunes a viernes|monday (?:to|through|thru) friday|mon-fri|m-f)\b")
_WEEKENDS = factored(r"\b(?:weekends|every weekend|los fines de semana|cada fin de semana|todos los fines de semana|los findes)\b")
_WEEKEND = factored(r"\b(?:this weekend|the weekend|este fin de semana|el fin de semana|este finde|el finde|this wknd|weekend|wknd|fin de semana|este fin|el fin)\b(?!\s+del?\b)")
# "m/w/f", "t/th", "tu/th": days written as letters, a weekly schedule
_LETTER_DAYS = factored(r"\b(?:m|t|tu|w|th|r|f)(?:/(?:m|t|tu|w|th|r|f))+\b(?!/)")
_LETTER = {"m": 0, "t": 1, "tu": 1, "w": 2, "th": 3, "r": 3, "f": 4}
# "every morning", "cada manana": daily, at that part of the day
_DAILY_PART = re.compile(r"\b(?:every|each)\s+(?P<en>morning|afternoon|evening)\b|\b(?:cada|todas las)\s+(?P<es>manana|tarde|noche)s?\b")
_DAILY_PART_NAMES = {"manana": "morning", "tarde": "afternoon", "noche": "evening"}
_DAILY = factored(r"\b(?:every day|everyday|every night|daily|todos los dias|todas las noches|cada dia|diario|a diario)\b")
_NEXT_WEEK = factored(r"\b(?:next week|nxt week|next wk|nxt wk|la proxima semana|la semana que viene|la semana proxima|la otra semana|proxima semana)\b")

_MONTH_DAY = factored(
    rf"\b(?P<mon>{MONTH_RE})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?!\d|:|\s*(?:am|pm|people|personas))\b(?:,?\s+(?P<y>20\d\d))?"
)
_DAY_MONTH = factored(
    rf"\b(?:del?\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th|ro|o)?\s+(?:(?:al?|-|hasta el)\s+(?P<d2>\d{{1,2}})\s+)?(?:of\s+|de\s+)?(?P<mon>{MONTH_RE})\b(?:\s+(?:de\s+|del\s+)?(?P<y>20\d\d))?"
)
_NUMERIC = re.compile(r"(?<![\d/$#.:,-])(?P<a>\d{1,2})/(?P<b>\d{1,2})(?:/(?P<y>\d{4}|\d{2}))?(?![\d/%])")
_ORDINAL = factored(
    r"\b(?:the|el)\s+(?P<d>\d{1,2})(?:st|nd|rd|th)\b"
    r"(?!\s+(?:floor|fl|st|street|ave|avenue|grade|birthday|time|place|anniversary|century|percentile|row|precinct|ward|district))"
    r"|\bel dia (?P<d2>\d{1,2})\b"
)
# "el 15", "del 20", "para el 28", "los dias 16 y 17": a day of the month alone, as Spanish writes it
# (not "el 10%", "el 2do piso", "el 3 es mio", "el 5 de la lista")
_EL_DAY = re.compile(
    # not "del 3A", "el 3D": apartments
    r"\b(?:el|del|al|los dias|el dia)\s+(?P<d>[1-9]|[12]\d|3[01])(?![\d:/%.,]\d|[\d%°º/a-z])"
    r"(?!\s*(?:do|ro|to|vo|mo|no|er|avo|st|nd|rd|th)\b|\s*(?:%|por ciento|\$|dolares|pesos|personas|people|anos|years|"
    r"horas|hours|minutos|min|cuadras|blocks|veces|times|x\b|es\b|de la lista|de ellos|de ellas|que\b))"
)
_IN_DAYS = re.compile(r"\b(?:in|en)\s+(?P<n>\d{1,2}|two|three|dos|tres)\s+(?:days|dias)\b")
_WORD_NUMBERS = {"two": 2, "three": 3, "dos": 2, "tres": 3}


# "mon wed fri", "tue/thu/sat", "lunes, miercoles y viernes": a list of three or more days is a weekly schedule
_LIST_NEXT = factored(rf"[\s,/&+]*(?:(?:and|y)\s+)?(?P<day>{DAY_RE})\b\.?")


def _day_list(t: str, end: int) -> tuple[list[int], int]:
    """The days listed right after a day word ending at `end`, and where the list ends."""
    days = []
    m = _LIST_NEXT.match(t, end)
    while m and m.end() > end:
        days.append(WEEKDAYS[m.group("day")])
        end = m.end()
        m = _LIST_NEXT.match(t, end)
    return days, end


def _weekday_phrases(t: str, words: frozenset[str] | None = None) -> list[DayPhrase]:
    found = []
    for m_start, m_end, pre, word, plural in _weekday_matches(t, words):
        listed, list_end = _day_list(t, m_end)
        if len(listed) >= 2:
            # "mon wed fri at 6am": even "mon" and "wed" are days in a list of days
            days = [WEEKDAYS[word]] + listed
            found.append(DayPhrase(m_start, list_end, "recurring", days=tuple(dict.fromkeys(days))))
            continue
        if word == "domingo" and t.endswith("santo ", 0, m_start):  # Santo Domingo, the city
            continue
        chained = _DAY_CHAIN.match(t, m_end)
        # "sat." ends a clause, "sat am" is a time, "sat and sun" a pair of days
        if (word in AMBIGUOUS_DAYS and not pre and not chained and t[m_end - 1] != "." and not _DAY_RANGE.match(t, m_end)
                and not _NEXT_TO_TIME.match(t, m_end)):
            continue
        if word in AMBIGUOUS_DAYS and pre in ("the", "el"):
            continue
        if pre in ("the", "el") and word not in WEEKDAYS:
            continue
        day = WEEKDAYS[word]
        end = m_end
        days = [day]
        recurring = bool(pre in _RECURRING_PRE or (plural and word not in ("mon", "sat", "sun")))
        rng = _DAY_RANGE.match(t, end)
        if rng and t.startswith("-", rng.start("day") - 1) and _DAY_RANGE.match(t, rng.end()):
            # "mon-wed-fri": a list of days written with dashes, a weekly schedule
            listed = [day]
            while rng and t.startswith("-", rng.start("day") - 1):
                listed.append(WEEKDAYS[rng.group("day")])
                end = rng.end()
                rng = _DAY_RANGE.match(t, end)
            found.append(DayPhrase(m_start, end, "recurring", days=tuple(dict.fromkeys(listed))))
            continue
        if rng:
            last = WEEKDAYS[rng.group("day")]
            end = rng.end()
            if recurring or (day, last) == (0, 4):  # "every mon-thu", "mon-fri": each of those days
                recurring = True
                days = [(day + k) % 7 for k in range((last - day) % 7 + 1)]
            else:  # "tues thru thurs", "mon-thu": one stretch of days, starting on the first
                found.append(DayPhrase(m_start, end, "weekday", weekday=day))
                continue
        else:
            # "tuesdays and thursdays" recur; "sat and sun", "mon or tue" is one of them, the first ahead
            chain = _DAY_CHAIN.match(t, end)
            while chain:
                days.append(WEEKDAYS[chain.group("day")])
                end = chain.end()
                chain = _DAY_CHAIN.match(t, end)
        if recurring:
            found.append(DayPhrase(m_start, end, "recurring", days=tuple(dict.fromkeys(days))))
        else:
            found.append(DayPhrase(m_start, end, "weekday", weekday=day, alternatives=tuple(days[1:])))
            number = _NUMBER_AFTER_DAY.match(t, end)
            if number and (word in _SPANISH_DAYS or number.group("suffix")):
                found.append(DayPhrase(number.start("d"), number.end(), "day_of_month", day=int(number.group("d")),
                                       after_weekday=True))
    return found


# Cheap gates: most messages name no day, and a set lookup is far cheaper than
# running every pattern over the text. Each pattern runs only when a word it
# cannot match without is in the message.
_RELATIVE_GATES = [
    frozenset("today hoy tdy 2day oy".split()),
    frozenset("tonight tonite 2nite noche evening".split()),
    frozenset("afternoon tarde".split()),
    frozenset("morning manana".split()),
    frozenset("tomorrow manana".split()),
    frozenset("tomorrow tomorow tommorow tommorrow tomorro tmrw tmrrw tmr tmw tmro tmrow tomrrow tomrow 2morrow 2morow 2moro 2mrw 2mro".split()),
    frozenset(["manana", "manna", "mnana"]),
]
_RELATIVE_WORDS = frozenset().union(*_RELATIVE_GATES)
_WEEKDAY_FORMS = frozenset(w + end for w in WEEKDAYS for end in ("", "s", "es"))
_WEEK_GATES = [
    (_WEEKDAYS_ALL, frozenset("every weekday weekdays week semana monday mon m".split()), "recurring", (0, 1, 2, 3, 4)),
    (_LETTER_DAYS, frozenset("m t tu w th r f".split()), "letters", ()),
    (_WEEKENDS, frozenset("weekends every weekend semana findes".split()), "recurring", (5, 6)),
    (_WEEKEND, frozenset("weekend wknd semana finde fin".split()), "weekend", ()),
    (_DAILY, frozenset("every everyday daily todos todas cada diario".split()), "daily", ()),
    (_NEXT_WEEK, frozenset("week semana wk".split()), "next_week", ()),
]
_MONTH_WORDS = frozenset(MONTHS)
_ORDINAL_WORDS = frozenset(["the", "el"])
_ORDINAL_DIGITS = re.compile(r"\d(?:st|nd|rd|th)")
_IN_DAYS_WORDS = frozenset(["days", "dias"])
_WEEK_WORDS = frozenset(
    "weekday weekdays week semana weekends weekend wknd finde findes fines fin every everyday daily diario dias dia cada "
    "todos todas m mon wk".split()
)


def _absolute(t: str, mask: int) -> list[DayPhrase]:
    found = []
    if mask & _MONTH_BIT:
        for pattern in (_MONTH_DAY, _DAY_MONTH):
            for m in pattern.finditer(t):
                year = int(m.group("y")) if m.group("y") else None
                month = MONTHS[m.group("mon")]
                if "d2" in m.groupdict() and m.group("d2") and int(m.group("d2")) < int(m.group("d")):
                    # "del 18 al 3 de enero": the stretch starts in the month before
                    month, year = (12, year - 1 if year else None) if month == 1 else (month - 1, year)
                found.append(DayPhrase(m.start(), m.end(), "date", month=month, day=int(m.group("d")), year=year))
    if "el " in t or "al " in t or "dias " in t:
        for m in _EL_DAY.finditer(t):
            if _is_size(t, m.start()):  # "botas del 9"
                continue
            found.append(DayPhrase(m.start(), m.end(), "day_of_month", day=int(m.group("d"))))
    if "/" in t:
        for m in _NUMERIC.finditer(t):
            a, b = int(m.group("a")), int(m.group("b"))
            if (a, b) == (24, 7) or a == 0 or b == 0:
                continue
            if not m.group("y") and (_is_size(t, m.start()) or _is_fraction(t, m, a, b)):
                continue
            if a <= 12:
                month, day = a, b
            elif b <= 12:  # 14/12: the day-first order Spanish speakers use
                month, day = b, a
            else:
                continue
            y = m.group("y")
            year = None if not y else (int(y) + 2000 if len(y) == 2 else int(y))
            found.append(DayPhrase(m.start(), m.end(), "date", month=month, day=day, year=year, swappable=a <= 12 and b <= 12 and a != b))
    # _ORDINAL holds "el dia " or a day number written with its ending ("14th")
    if mask & _ORDINAL_BIT and ("el dia " in t or _ORDINAL_DIGITS.search(t)):
        for m in _ORDINAL.finditer(t):
            found.append(DayPhrase(m.start(), m.end(), "day_of_month", day=int(m.group("d") or m.group("d2"))))
    return found


# "size 10/12", "talla 7/8", "boys jeans 10/12", "sizes 7/8 and 5/6": clothing sizes, not dates
_SIZE_BEFORE = re.compile(
    r"\b(?:wears an?|wear an?|fits an?|wears|wear|fits|size|sizes|sz|talla|tallas|boys|boy's|girls|girl's|kids|kid's|youth|toddler|jeans|pants|shorts|leggings|"
    r"shirts?|shoes|sneakers|boots|coats?|jackets?|clothes|dresses?|ropa|pantalones|zapatos|camisas?|botas|tenis|calzado)"
    r"(?:\s+(?:[\dxsml]+[a-z]?(?:/\d+)?)?\s*(?:and|or|y|o|,|&|-)?)*\s*$"
)
# "1/2 a tank", "3/4 of the day", "1 1/2 cups": fractions, not dates
_FRACTION_AFTER = re.compile(
    r"\s*(?:a|an|of|off|cup|cups|tank|tanks|gallon|gallons|gal|lb|lbs|pound|pounds|oz|ounces?|mile|miles|hour|hours|"
    r"hr|hrs|day|days|dozen|price|inch|inches|tsp|tbsp|teaspoons?|tablespoons?|taza|tazas|kilo|kilos|kg|litro|litros|"
    r"liter|liters|litre|litres|bag|bags|box|boxes|ton|tons|de)\b"
)
_WHOLE_BEFORE = re.compile(r"\b\d+\s+$")


def _is_size(t: str, start: int) -> bool:
    return _SIZE_BEFORE.search(t[max(0, start - 40):start]) is not None


def _is_fraction(t: str, m, a: int, b: int) -> bool:
    """a/b with a < b and b a usual denominator, written as an amount ("1/2 a tank", "1 1/2 cups")."""
    if not (a < b and b in (2, 3, 4, 8, 16)):
        return False
    return _FRACTION_AFTER.match(t, m.end()) is not None or _WHOLE_BEFORE.search(t[max(0, m.start() - 6):m.start()]) is not None


# "by the end of the month", "a fin de mes", "end of the week", "the first of the month": deadlines
_END_OF = re.compile(
    r"\b(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?(?P<en>month|week)\b"
    # not "fin de semana": that is the weekend
    r"|\b(?:a\s+|para\s+)?(?:fin|fines|finales)\s+(?:de|del)\s+(?:este\s+)?(?P<es>mes)\b"
    r"|\b(?:a\s+|para\s+)?(?:fin|finales)\s+de\s+(?P<es2>la\s+semana)\b"
    r"|\b(?:the\s+)?(?P<first>first|1st)\s+of\s+(?:the\s+|next\s+)?month\b"
    r"|\b(?:el\s+)?(?P<primero>primero)\s+(?:de|del)\s+mes\b"
)


def _deadlines(t: str) -> list[DayPhrase]:
    found = []
    for m in _END_OF.finditer(t):
        unit = m.group("en") or m.group("es") or (m.group("es2") and "semana")
        if unit in ("month", "mes"):
            what = "end_of_month"
        elif unit in ("week", "semana"):
            what = "end_of_week"
        else:
            what = "first_of_month"
        found.append(DayPhrase(m.start(), m.end(), what))
    return found


# holidays on a fixed date, by their common names (folded: "año nuevo" is "ano nuevo")
_HOLIDAYS = {
    "christmas eve": (12, 24), "xmas eve": (12, 24), "nochebuena": (12, 24), "noche buena": (12, 24),
    "christmas day": (12, 25), "christmas": (12, 25), "xmas": (12, 25), "navidad": (12, 25),
    "new year's eve": (12, 31), "new years eve": (12, 31), "new year eve": (12, 31), "nye": (12, 31),
    "nochevieja": (12, 31), "noche vieja": (12, 31),
    "new year's day": (1, 1), "new years day": (1, 1), "new year day": (1, 1), "ano nuevo": (1, 1),
    "dia de reyes": (1, 6),
}
_HOLIDAY = re.compile(
    r"\b(?:" + "|".join(sorted((re.escape(k) for k in _HOLIDAYS), key=len, reverse=True)) + r")\b"
)
_HOLIDAY_WORDS = frozenset("christmas xmas nochebuena noche navidad new nye nochevieja ano dia".split())


# the gates above as bits of gate.mask_of(t): one look-up for all of them
_RELATIVE_BITS = [word_bit(g) for g in _RELATIVE_GATES]
# the patterns gated by their own words too (gate.py): "this morning" is not run for "tomorrow morning"
_RELATIVE_GATED = [Gated(pattern) for pattern, _, _, _ in _RELATIVE]
_WEEK_GATED = [Gated(pattern) for pattern, _, _, _ in _WEEK_GATES]
_RELATIVE_ANY = word_bit(_RELATIVE_WORDS)
_WEEKDAY_BIT = word_bit(_WEEKDAY_FORMS)
_WEEK_WORDS_BIT = word_bit(_WEEK_WORDS)
_WEEK_GATE_BITS = [word_bit(gate) for _, gate, _, _ in _WEEK_GATES]
_IN_DAYS_BIT = word_bit(_IN_DAYS_WORDS)
_MONTH_BIT = word_bit(_MONTH_WORDS)
_ORDINAL_BIT = word_bit(_ORDINAL_WORDS)
_HOLIDAY_BIT = word_bit(_HOLIDAY_WORDS)


def find_days(t: str, words: set[str] | None = None, digits: bool | None = None) -> list[DayPhrase]:
    """Day phrases of t. `words`: words_of(t), when known; `digits`: whether t has a digit, when known."""
    found: list[DayPhrase] = []
    mask = mask_of(t)  # `not words.isdisjoint(G)`, for each gate G above, is `mask & bit of G`
    if digits is None:
        digits = has_digit(t)
    if mask & _RELATIVE_ANY:
        for (_, offset, part, today), bit, pattern in zip(_RELATIVE, _RELATIVE_BITS, _RELATIVE_GATED):
            if not mask & bit:
                continue
            for m in pattern.finditer(t):
                found.append(DayPhrase(m.start(), m.end(), "offset", offset=offset, part=part, today=today))
    if mask & _WEEKDAY_BIT:
        found += _weekday_phrases(t, words_of(t) if words is None else words)
    if mask & _HOLIDAY_BIT:
        for m in _HOLIDAY.finditer(t):
            month, day = _HOLIDAYS[m.group(0)]
            found.append(DayPhrase(m.start(), m.end(), "date", month=month, day=day, holiday=True))
    if "end of" in t or "fin" in t or "first of" in t or "1st of" in t or "primero" in t:
        found += _deadlines(t)
    if not (digits or mask & _WEEK_WORDS_BIT):
        return found if len(found) < 2 else _without_overlaps(found)
    for (_, _, what, days), bit, pattern in zip(_WEEK_GATES, _WEEK_GATE_BITS, _WEEK_GATED):
        if not mask & bit:
            continue
        for m in pattern.finditer(t):
            if what == "letters":
                letters = tuple(dict.fromkeys(_LETTER[x] for x in m.group(0).split("/")))
                if len(letters) >= 2:
                    found.append(DayPhrase(m.start(), m.end(), "recurring", days=letters))
                continue
            found.append(DayPhrase(m.start(), m.end(), what, days=days) if days else DayPhrase(m.start(), m.end(), what))
    if "every" in t or "each" in t or "cada" in t or "todas las" in t:
        for m in _DAILY_PART.finditer(t):
            part = m.group("en") or _DAILY_PART_NAMES[m.group("es")]
            found.append(DayPhrase(m.start(), m.end(), "daily", part=part))
    if mask & _IN_DAYS_BIT:
        for m in _IN_DAYS.finditer(t):
            n = m.group("n")
            found.append(DayPhrase(m.start(), m.end(), "offset", offset=int(n) if n.isdigit() else _WORD_NUMBERS[n]))
    if digits:
        found += _absolute(t, mask)
    if len(found) < 2:
        return found
    return _without_overlaps(found)


def _without_overlaps(found: list[DayPhrase]) -> list[DayPhrase]:
    """Longest phrase wins where two overlap ("los fines de semana" over "fin de semana")."""
    kept: list[DayPhrase] = []
    for p in sorted(found, key=lambda p: (-(p.end - p.start), p.start)):
        if all(p.end <= k.start or k.end <= p.start for k in kept):
            kept.append(p)
    return sorted(kept, key=lambda p: p.start)
