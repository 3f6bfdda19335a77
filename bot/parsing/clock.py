"""Finding times of day ("3pm", "a las 7 de la noche", "saturdays 9-1", "in the morning")."""
from __future__ import annotations

import re

from .trie import factored
from dataclasses import dataclass

from .text import words_of
from .timewords import DAY_RE, PART_OF_DAY


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
    r"(?!\d|\s*(?:%|/|:\d|\$|-\s*\d|(?:st|nd|rd|th|o|er|ro)\b|hrs?\b|hours?\b|horas?\b|min|minutes?\b|"
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
    _HOUR + r"(?::(?P<m>[0-5]\d))?\s*(?:-|–|to|til|till|until)\s*(?P<h2>\d{1,2})(?::[0-5]\d)?\s*" + _MER
)
_PREFIXED = factored(
    r"(?:\b(?:at|around|about|arround|abt|by|after|a las|a la|como a las|tipo|tipo las|desde las|antes de las|para las)|@)\s*"
    r"(?P<h>\d{1,2})(?::(?P<m>[0-5]\d))?" + _NOT_A_TIME
)
# "from 10 to 2", "de 3 a 6": a bare start hour only counts with its range
_FROM_RANGE = factored(
    r"\b(?:from|de|desde|between|entre)\s+(?P<h>\d{1,2})(?::(?P<m>[0-5]\d))?\s*(?:-|–|to|til|till|until|a|and|y)\s*\d{1,2}(?::[0-5]\d)?(?!\d|\s*(?:de (?!la)|%|personas|people|years|anos|meses|months))"
)
# "saturdays 9-1", "at the library 11-3": a bare range after a day word or at a clause end
_BARE_RANGE = re.compile(r"(?P<h>\d(?<![\d:/$#.,]\d)(?<!-\d)\d?)\s*-\s*(?P<h2>\d{1,2})(?![\d/:%-])")
_DAY_BEFORE = factored(rf"(?:\b(?:{DAY_RE})(?:s|es)?|tmrw|tomorrow|today|tonight|hoy|manana)\s*$")
_RANGE_BLOCK = factored(r"(?:size|sizes|talla|tallas|ages?|edad|edades|for|de|grade|grades|of|room for|#)\s*$")
_CLAUSE_END = re.compile(r"\s*(?:[,.!?;)]|$)")
_NOON = factored(r"\b(?:noon|midday|mediodia|medio dia)\b")
_MIDNIGHT = re.compile(r"\b(?:midnight|medianoche|media noche)\b")
_PART = factored(
    rf"\b(?:in the|this|tomorrow|tmrw|tmr|{DAY_RE})s?\s+(?P<a>mornings?|afternoons?|evenings?|nights?)\b"
    r"|\b(?P<b>afternoon(?<!good afternoon)s?|evening(?<!good evening)s?)\b"
    r"|\b(?:en|por|de|a) (?:la|las) (?P<c>mananas?|tardes?|noches?)\b"
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


_DIGIT = re.compile(r"\d")
# the words _PREFIXED and _FROM_RANGE start with
_PREFIXED_WORDS = frozenset("at around about arround abt by after a como tipo desde antes para".split())
_FROM_WORDS = frozenset("from de desde between entre".split())
_NOON_WORDS = ("noon", "midday", "mediodia", "medio dia")
_MIDNIGHT_WORDS = ("midnight", "medianoche", "media noche")
_PART_NAMES = ("morning", "afternoon", "evening", "night", "manana", "tarde", "noche")


def find_times(t: str, digits: bool | None = None) -> list[TimePhrase]:
    found: list[TimePhrase] = []
    if digits is None:
        digits = _DIGIT.search(t) is not None
    # cheap gate: no digit and no part-of-day word means no time phrase
    if not digits and not _PART_WORDS.search(t):
        return found
    if digits:
        if ":" in t:
            for m in _CLOCK.finditer(t):
                mer = _mer(m.group("mer")) or ("24" if m.group("h24") else None)
                found.append(TimePhrase(m.start(), m.end(), int(m.group("h")), int(m.group("m")), mer, _qualifier(t, m.end())))
        if "m" in t:
            for m in _RANGE_MER.finditer(t):
                h, h2, mer = int(m.group("h")), int(m.group("h2")), _mer(m.group("mer"))
                # "2-5pm" is 2pm, "11-3pm" is 11am
                start_mer = mer if (h <= h2 or h == 12) else ("am" if mer == "pm" else "pm")
                found.append(TimePhrase(m.start(), m.end(), h, int(m.group("m") or 0), start_mer))
            for m in _HOUR_MER.finditer(t):
                found.append(TimePhrase(m.start(), m.end(), int(m.group("h")), 0, _mer(m.group("mer"))))
        words = words_of(t)
        for pattern, gate in ((_PREFIXED, _PREFIXED_WORDS), (_FROM_RANGE, _FROM_WORDS)):
            if words.isdisjoint(gate) and not (pattern is _PREFIXED and "@" in t):
                continue
            for m in pattern.finditer(t):
                found.append(TimePhrase(m.start(), m.end(), int(m.group("h")), int(m.group("m") or 0), None, _qualifier(t, m.end())))
        if "-" in t:
            for m in _BARE_RANGE.finditer(t):
                before = t[max(0, m.start() - 14): m.start()]
                if _RANGE_BLOCK.search(before):
                    continue
                if _DAY_BEFORE.search(before) or _CLAUSE_END.match(t, m.end()):
                    found.append(TimePhrase(m.start(), m.end(), int(m.group("h")), 0, None, _qualifier(t, m.end())))
    if any(w in t for w in _NOON_WORDS):
        for m in _NOON.finditer(t):
            found.append(TimePhrase(m.start(), m.end(), 12, 0, "pm"))
    if any(w in t for w in _MIDNIGHT_WORDS):
        for m in _MIDNIGHT.finditer(t):
            found.append(TimePhrase(m.start(), m.end(), 0, 0, "am"))
    if any(w in t for w in _PART_NAMES):
        for m in _PART.finditer(t):
            word = next(g for g in m.groups() if g).rstrip("s")
            default = PART_OF_DAY[word]
            found.append(TimePhrase(m.start(), m.end(), default.hour, default.minute, None, word, part_only=True))
    if len(found) < 2:
        return found
    return _without_overlaps(found)


def _without_overlaps(found: list[TimePhrase]) -> list[TimePhrase]:
    kept: list[TimePhrase] = []
    # written clock times beat parts of the day; then the longer phrase wins
    for p in sorted(found, key=lambda p: (p.part_only, -(p.end - p.start), p.start)):
        if all(p.end <= k.start or k.end <= p.start for k in kept):
            kept.append(p)
    return sorted(kept, key=lambda p: p.start)


def to_24h(p: TimePhrase, evening_day: bool = False) -> tuple[int, int] | None:
    """The hour PARSING.md reads: a bare 1-7 is afternoon, 8-11 morning, 12 noon."""
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
