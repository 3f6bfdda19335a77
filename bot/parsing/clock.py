"""Finding times of day ("3pm", "a las 7 de la noche", "saturdays 9-1", "in the morning")."""
from __future__ import annotations

import re

from .trie import factored
from dataclasses import dataclass

from .gate import mask_of, word_bit
from .text import has_digit
from .timewords import DAY_RE, MONTH_RE, PART_OF_DAY


@dataclass(slots=True)  # internal; not frozen: building frozen ones costs microseconds
class TimePhrase:
    start: int
    end: int
    hour: int
    minute: int = 0
    meridiem: str | None = None  # "am" | "pm" | None when not written
    qualifier: str | None = None  # a part of the day written next to it ("de la tarde")
    part_only: bool = False  # "in the morning": no clock time written


_MER = r"(?P<mer>a\.?\s?m\.?|p\.?\s?m\.?)(?![a-z])"
# what must not follow a bare number for it to be an hour ("at 3 people", "at 5%")
_NOT_A_TIME = (
    r"(?!\d|\s*(?:(?:to|a)\s+\d{1,2}\s*(?:min|minutes?|hours?|hrs?|horas?|days?|dias?|people|personas)\b|%|/|:\d|\$|-\s*\d|(?:st|nd|rd|th|o|er|ro)\b|hrs?\b|hours?\b|horas?\b|min|minutes?\b|"
    r"days?\b|dias?\b|weeks?\b|semanas?\b|months?\b|mes(?:es)?\b|years?\b|yrs?\b|anos\b|people|persons?\b|personas|"
    r"kids|ninos|adults|adultos|of\b|x\b|lbs?\b|pounds|libras|dollars|dolares|bucks|usd|pesos|blocks|cuadras|miles|millas|"
    r"am\b|pm\b|a\.m|p\.m))"
)
_QUALIFIER = factored(
    r"\s*(?:(?:-|–|to|a|til|till|until|hasta)\s*\d{1,2}(?::\d{2})?\s*)?"
    r"(?:(?:de|en|por) la (?P<es>manana|tarde|noche|madrugada)|(?:in|this) the (?P<en>morning|afternoon|evening)"
    r"|(?:in the|this) (?P<en2>morning|afternoon|evening)|(?:at )?(?P<night>night|tonight|tonite))\b"
)

# "(?<![\d:/$#.,])\d{1,2}" written with the look-behind after the first digit, so the
# pattern opens with a digit and `re` skips quickly to the digits of the text
_HOUR = r"(?P<h>\d(?<![\d:/$#.,]\d)\d?)"
_CLOCK = re.compile(_HOUR + r":(?P<m>[0-5]\d)(?!\d)\s*(?:" + _MER + r"|(?P<h24>hrs|h)\b)?")
_HOUR_MER = re.compile(_HOUR + r"\s*" + _MER)
_RANGE_MER = re.compile(
    _HOUR + r"(?::(?P<m>[0-5]\d))?\s*(?:-|–|to|til|till|until|a)\s*(?P<h2>\d{1,2})(?::[0-5]\d)?\s*" + _MER
)
_PREFIXED = factored(
    r"(?:\b(?:at|around|about|arround|abt|by|after|before|a las|a la|como a las|tipo|tipo las|desde las|antes de las|"
    r"despues de las|para las)|@)\s*"
    r"(?P<h>\d{1,2})(?::(?P<m>[0-5]\d))?" + _NOT_A_TIME
)
# "from 10 to 2", "de 3 a 6": a bare start hour only counts with its range
_FROM_RANGE = factored(
    r"\b(?:from|de|desde|between|entre)\s+(?P<h>\d{1,2})(?::(?P<m>[0-5]\d))?\s*(?:-|–|to|til|till|until|a|and|y)\s*(?:\d{1,2}(?::[0-5]\d)?|noon\b|midday\b|mediodia\b)(?!\d|\s*(?:de (?!la)|%|personas|people|years|anos|meses|months))"
)
# "saturdays 9-1", "at the library 11-3": a bare range after a day word or at a clause end
_BARE_RANGE = re.compile(r"(?P<h>\d(?<![\d:/$#.,]\d)(?<!-\d)\d?)\s*-\s*(?P<h2>\d{1,2})(?![\d/:%-])")
_BARE_TO_RANGE = re.compile(r"(?<![\d:/$#.,])(?P<h>\d{1,2})\s+to\s+(?P<h2>\d{1,2})(?![\d/:%-]|\s*(?:people|personas|kids|ninos|years|days|hours|hrs|boxes|bags|\$))")
_DAY_BEFORE = factored(rf"(?:\b(?:{DAY_RE})(?:s|es)?|tmrw|tomorrow|today|tonight|hoy|manana)\s*$")
# ("dec 23-26" is days, not a time)
_RANGE_BLOCK = factored(
    rf"(?:size|sizes|talla|tallas|ages?|edad|edades|for|de|grade|grades|of|room for|#|floors?|pisos?|units?|apts?|"
    rf"rooms?|cuartos?|\b(?:{MONTH_RE})\.?)\s*$"
)
_CLAUSE_END = re.compile(r"\s*(?:[,.!?;)]|$)")
# "7:30a", "10a", "6p-8a": a or p for am and pm, written right after the number, where it reads as a time:
# with minutes, in a range, or after a day or "at" ("unit 5a", "del 6A" are apartments)
_SHORT_MER = re.compile(r"(?:(?:\bat|@)\s*)?(?<![\d:/$#.,])(?P<h>\d{1,2})(?::(?P<m>[0-5]\d))?(?P<ap>[ap])(?![a-z0-9])")
_SHORT_MER_BEFORE = factored(rf"(?:\b(?:{DAY_RE}|at|off|by|for|from|til|till|until|tmrw|tomorrow|today|tonight)|@|-)\s*$")
# "530am", "1130pm": hour and minutes run together
_RUN_TOGETHER = re.compile(r"(?<![\d:/$#.,])(?P<h>[1-9]|1[0-2])(?P<m>[0-5]\d)\s*" + _MER)
# "8 in the morning", "6 de la manana": a bare number with the part of the day after it
_HOUR_PART = re.compile(
    r"(?<![\d:/$#.,])(?P<h>\d{1,2})(?=\s+(?:in the (?:morning|afternoon|evening)|de la (?:manana|tarde|noche)|at night)\b)"
)
_MONTH_BEFORE = re.compile(rf"\b(?:{MONTH_RE})\.?\s+$")
# "a las diez", "a la una y media": the hour in words
_WORD_HOURS = {"una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "nueve": 9,
               "diez": 10, "once": 11, "doce": 12}
_WORD_HOUR = re.compile(r"\ba las? (?P<w>una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce)\b(?P<half> y media)?")
# "the 10 o'clock"
_OCLOCK = re.compile(r"(?<![\d:/$#.,])(?P<h>\d{1,2})\s*o'?\s?clock\b")
_NOON = factored(r"\b(?:noon|midday|mediodia|medio dia)\b")
_MIDNIGHT = re.compile(r"\b(?:midnight|medianoche|media noche)\b")
_PART = factored(
    rf"\b(?:in the|this|tomorrow|tmrw|tmr|{DAY_RE})s?\s+(?P<a>mornings?|afternoons?|evenings?|nights?)\b"
    r"|\b(?P<b>afternoon(?<!good afternoon)s?|evening(?<!good evening)s?|mornings)\b"
    rf"|\b(?:{DAY_RE}|tomorrow|tmrw|tmr|today)\s+(?P<e>am)\b"
    r"|\b(?:en|por|de|a) (?:la|las) (?P<c>mananas?|mananita|tardes?|noches?)\b"
    r"|\bat (?P<d>night)\b"
)


def _qualifier(t: str, end: int) -> str | None:
    q = _QUALIFIER.match(t, end)
    if not q:
        return None
    word = q.group("es") or q.group("en") or q.group("en2") or q.group("night")
    return {"madrugada": "morning", "tonight": "night", "tonite": "night"}.get(word, word)


def _mer(raw: str | None) -> str | None:
    if not raw:
        return None
    return "am" if raw.startswith("a") else "pm"


_PART_WORDS = re.compile(r"noon|midday|medio|midnight|medianoche|media|morning|afternoon|evening|night|manana|tarde|noche")




def _part_words(t: str) -> bool:
    """What _PART_WORDS.search(t) tells: "afternoon" holds "noon", "midnight" "night", "medianoche" "media"."""
    return ("noon" in t or "midday" in t or "medio" in t or "media" in t or "morning" in t or "evening" in t
            or "night" in t or "manan" in t or "tarde" in t or "noche" in t)


# Quick checks, opening with a digit (which `re` skips to fast), of what the
# patterns cannot match without:
# _HOUR_MER and _RANGE_MER end with a digit, white space, then the "a" or "p" of _MER
_DIGIT_MER = re.compile(r"\d\s*[ap]")
# _PREFIXED: an hour after white space (\s*) after "@" or the last two letters of
# "at", "around", "about", "abt", "by", "after", "a las", "a la", "tipo"...: one
# written right after them, one white space character between, or at least two
_PREFIX_ENDS = r"(?:at|nd|ut|bt|by|er|as|la|po|re)"
_PREFIXED_DIGIT = re.compile(
    rf"\d(?:(?<=@\d)|(?<=@\s\d)|(?<={_PREFIX_ENDS}\d)|(?<={_PREFIX_ENDS}\s\d)|(?<=\s\s\d))"
)
# _FROM_RANGE: an hour after "from", "de", "desde", "between" or "entre" and at least one white space character
_FROM_DIGIT = re.compile(r"\d(?:(?<=[men]\s\d)|(?<=\s\s\d))")
# the words _PREFIXED and _FROM_RANGE start with
_PREFIXED_WORDS = frozenset("at around about arround abt by after before a como tipo desde antes despues para".split())
_FROM_WORDS = frozenset("from de desde between entre".split())
_PREFIXED_BIT = word_bit(_PREFIXED_WORDS)
_FROM_BIT = word_bit(_FROM_WORDS)
_NOON_WORDS = ("noon", "midday", "mediodia", "medio dia")
_MIDNIGHT_WORDS = ("midnight", "medianoche", "media noche")
_PART_NAMES = ("morning", "afternoon", "evening", "night", "manan", "tarde", "noche")  # "manan": manana, mananita


def find_times(t: str, digits: bool | None = None) -> list[TimePhrase]:
    found: list[TimePhrase] = []
    if digits is None:
        digits = has_digit(t)
    # cheap gate: no digit and no part-of-day word means no time phrase
    if not digits and not _part_words(t) and "a la" not in t:
        return found
    if digits:
        if ":" in t:
            for m in _CLOCK.finditer(t):
                mer = _mer(m.group("mer")) or ("24" if m.group("h24") else None)
                found.append(TimePhrase(m.start(), m.end(), int(m.group("h")), int(m.group("m")), mer, _qualifier(t, m.end())))
        mer_digit = _DIGIT_MER.search(t) if "m" in t else None
        if mer_digit is not None:
            for m in _RANGE_MER.finditer(t):
                h, h2, mer = int(m.group("h")), int(m.group("h2")), _mer(m.group("mer"))
                # "2-5pm" is 2pm, "11-3pm" is 11am
                start_mer = mer if (h <= h2 or h == 12) else ("am" if mer == "pm" else "pm")
                found.append(TimePhrase(m.start(), m.end(), h, int(m.group("m") or 0), start_mer))
            # the last digit of a _HOUR_MER hour is one _DIGIT_MER finds: at or after its first
            for m in _HOUR_MER.finditer(t, max(0, mer_digit.start() - 1)):
                found.append(TimePhrase(m.start(), m.end(), int(m.group("h")), 0, _mer(m.group("mer"))))
        mask = mask_of(t)
        for pattern, bit, before in ((_PREFIXED, _PREFIXED_BIT, _PREFIXED_DIGIT), (_FROM_RANGE, _FROM_BIT, _FROM_DIGIT)):
            # mask & bit: not gate.isdisjoint(words_of(t)) for the words the pattern starts with
            if not mask & bit and not (pattern is _PREFIXED and "@" in t):
                continue
            first = before.search(t)
            if first is None:
                continue
            # the hour of every match is a digit `before` finds: at or after the first,
            # with white space and at most 16 characters ("despues de las") before it
            lo = first.start()
            while lo > 0 and t[lo - 1].isspace():
                lo -= 1
            for m in pattern.finditer(t, max(0, lo - 16)):
                found.append(TimePhrase(m.start(), m.end(), int(m.group("h")), int(m.group("m") or 0), None, _qualifier(t, m.end())))
        if "a" in t or "p" in t:
            for m in _SHORT_MER.finditer(t):
                h = m.start("h")
                if m.group("m") or m.start() < h or _SHORT_MER_BEFORE.search(t[max(0, h - 12):h]) or t.startswith("-", m.end()):
                    found.append(TimePhrase(m.start(), m.end(), int(m.group("h")), int(m.group("m") or 0),
                                            "am" if m.group("ap") == "a" else "pm"))
        if mer_digit is not None:
            for m in _RUN_TOGETHER.finditer(t):
                found.append(TimePhrase(m.start(), m.end(), int(m.group("h")), int(m.group("m")), _mer(m.group("mer"))))
        if "in the" in t or "de la" in t or "at night" in t:
            for m in _HOUR_PART.finditer(t):
                if _MONTH_BEFORE.search(t, max(0, m.start() - 12), m.start()):
                    continue  # "december 7 in the afternoon": a day, then the part of it
                found.append(TimePhrase(m.start(), m.end(), int(m.group("h")), 0, None, _qualifier(t, m.end())))
        if "clock" in t:
            for m in _OCLOCK.finditer(t):
                found.append(TimePhrase(m.start(), m.end(), int(m.group("h")), 0, None, _qualifier(t, m.end())))
        if " to " in t:
            # "saturday 2 to 10", "tomorrow 10 to 2": a bare range after a day word
            for m in _BARE_TO_RANGE.finditer(t):
                if _DAY_BEFORE.search(t[max(0, m.start() - 14):m.start()]):
                    found.append(TimePhrase(m.start(), m.end(), int(m.group("h")), 0, None, _qualifier(t, m.end())))
        if "-" in t:
            for m in _BARE_RANGE.finditer(t):
                before = t[max(0, m.start() - 14): m.start()]
                if _RANGE_BLOCK.search(before):
                    continue
                if _DAY_BEFORE.search(before) or _CLAUSE_END.match(t, m.end()):
                    found.append(TimePhrase(m.start(), m.end(), int(m.group("h")), 0, None, _qualifier(t, m.end())))
    if "a la" in t:
        for m in _WORD_HOUR.finditer(t):
            found.append(TimePhrase(m.start(), m.end(), _WORD_HOURS[m.group("w")], 30 if m.group("half") else 0, None,
                                    _qualifier(t, m.end())))
    if "noon" in t or "midday" in t or "mediodia" in t or "medio dia" in t:  # _NOON_WORDS
        for m in _NOON.finditer(t):
            found.append(TimePhrase(m.start(), m.end(), 12, 0, "pm"))
    if "midnight" in t or "medianoche" in t or "media noche" in t:  # _MIDNIGHT_WORDS
        for m in _MIDNIGHT.finditer(t):
            found.append(TimePhrase(m.start(), m.end(), 0, 0, "am"))
    if ("morning" in t or "afternoon" in t or "evening" in t or "night" in t or "manan" in t or "tarde" in t or "noche" in t
            or " am" in t):
        # one of _PART_NAMES. Every match holds one: it starts at most 12 characters
        # ("wednesdays", "por las") and a run of white space before it, so the scan
        # starts there, before the first of them
        first = min(i for i in map(t.find, _PART_NAMES + (" am",)) if i >= 0)
        while first > 0 and t[first - 1].isspace():
            first -= 1
        for m in _PART.finditer(t, max(0, first - 12)):
            word = next(g for g in m.groups() if g).rstrip("s")
            default = PART_OF_DAY[word]
            found.append(TimePhrase(m.start(), m.end(), default.hour, default.minute, None, word, part_only=True))
    if len(found) < 2:
        return found
    return _without_overlaps(found)


def _without_overlaps(found: list[TimePhrase]) -> list[TimePhrase]:
    kept: list[TimePhrase] = []
    # written clock times beat parts of the day; then the longer phrase wins
    # ("a las 7:30 a. m.": "7:30 a. m." over "a las 7:30", as long)
    for p in sorted(found, key=lambda p: (p.part_only, -(p.end - p.start), p.meridiem is None, p.start)):
        if all(p.end <= k.start or k.end <= p.start for k in kept):
            kept.append(p)
    return sorted(kept, key=lambda p: p.start)


def to_24h(p: TimePhrase, evening_day: bool = False) -> tuple[int, int] | None:
    """The hour docs/PARSING.md reads: a bare 1-7 is afternoon, 8-11 morning, 12 noon."""
    h, m = p.hour, p.minute
    if p.part_only:
        return h, m
    if h > 23 or m > 59:
        return None
    if p.meridiem == "pm":
        return (h + 12 if h < 12 else h), m
    if p.meridiem == "am":
        return (0 if h == 12 else h), m
    if p.meridiem == "24" or h > 12 or h == 0:
        return h, m
    if p.qualifier in ("tarde", "noche", "afternoon", "evening", "night") or evening_day:
        return (h + 12 if h < 12 else h), m
    if p.qualifier in ("manana", "morning"):
        return (0 if h == 12 else h), m
    if 1 <= h <= 7:
        return h + 12, m
    return h, m
