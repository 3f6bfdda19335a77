"""Exact street addresses and phone numbers: what must stay out of the group."""
from __future__ import annotations

import re

from .text import has_digit, words_of

_SUFFIX = (
    r"(?:st|street|ave|avenue|av|rd|road|blvd|boulevard|dr|drive|ln|lane|ct|pl|place|way|"
    r"pkwy|parkway|ter|terrace|hwy|highway|cir|circle|sq|square|plaza|"
    r"crescent|cres|grove|gardens|gdns|mews|row|walk|court|crt|alley|trail|trl|loop)"
)
# A word of a street name; function words are excluded so that
# "2 rooms on 5th st" is not read as an address.
_NAME_WORD = r"(?!(?:on|in|at|the|for|of|near|by|and|or|to|from|with|a|an|my|our|is|are|y|en)\b)[a-z0-9'.-]{1,20}"
_UNIT = r"(?:\s*,?\s*(?:apt|apartment|unit|suite|ste|fl|floor|piso|depto|dpto|#)\.?\s*#?\s*[a-z0-9-]{1,6})?"

# house numbers spelled out ("twelve elm street")
_NUMBER_WORD = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)"
)
_EN_ADDRESS = re.compile(
    rf"(?:(?<![\w$#/])\d{{1,6}}[a-z]?|\b{_NUMBER_WORD}(?:[\s-]+{_NUMBER_WORD}){{0,2}})\s+"
    r"(?:(?:n|s|e|w|north|south|east|west)\.?\s+)?"
    rf"(?:{_NAME_WORD}\s+){{0,4}}{_NAME_WORD}\s+{_SUFFIX}\b\.?{_UNIT}",
    re.IGNORECASE,
)
_ES_ADDRESS = re.compile(
    r"\b(?:calle|c/|avenida|av\.?|avda\.?|carrera|cra\.?|callej[oó]n|pasaje|pje\.?|colonia|col\.)\s+"
    r"(?:[\w'.-]{1,20}\s+){0,3}?(?:#|no\.|n[º°]\.?|num\.?|n[uú]mero)\s*\d{1,6}[a-z]?"
    r"(?:\s*(?:int|interior|depto|dpto|apt|piso)\.?\s*[a-z0-9-]{1,6})?"
    r"|\b(?:calle|avenida|carrera|paseo|camino|ronda|plaza|pasaje|callej[oó]n)\s+"
    r"(?:[a-záéíóúñü]{2,20}\s+){0,3}[a-záéíóúñü]{3,20},?\s+(?:n[º°]\.?\s*)?\d{1,5}\b",
    re.IGNORECASE,
)
_PHONE = re.compile(
    r"(?<![\w$#/.])(?:"
    r"(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}"
    r"|\+\d{1,3}(?:[\s.-]?\d{2,4}){2,5}"
    r"|\d{3}[.-]\d{4}"
    r"|\d{10,11}"
    r")(?![\w/])"
)


# Phone numbers written in groups, as most countries do: "0151 12345678",
# "07911 123456", "55 1234 5678", "06 12 34 56 78", "0151.1234.5678",
# "(11) 91234-5678"; eight digits or more in all, and not a date.
_GROUPED_PHONE = re.compile(
    r"(?<![\w$#/.:])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,5}\)\s?|\d{1,5}[\s.-])(?:\d{2,8}[\s.-]){0,4}\d{2,8}(?![\w/]|[.:-]\d)"
)
_DATE_LIKE = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$")
# Addresses of other countries: German compounds ("Hauptstraße 5",
# "Goethestr. 12", "Lindenweg 7"), French ("12 rue de Rivoli", "Rue du Bac
# 14", "15 bd Haussmann"), Italian and Portuguese ("Via Roma 10", "Rua
# Augusta 3"); and a number with a street's name after "near" ("near 4417
# maple"; not after "at" or "on", which begin "at 1000 jobs" more often
# than an address).
_DE_ADDRESS = re.compile(
    r"\b[\wäöüß-]{2,30}(?:straße|strasse|str\.|weg|gasse|allee|platz|damm|ufer|chaussee)\s+\d{1,4}[a-z]?\b",
    re.IGNORECASE,
)
_FR_STREET = r"(?:rue|avenue|av\.?|boulevard|bd|bld|chemin|all[ée]e|impasse|quai|cours|route|via|viale|piazza|corso|largo|rua|travessa)"
_FR_ADDRESS = re.compile(
    rf"(?<![\w$#/])\d{{1,5}}(?:\s*(?:bis|ter))?,?\s+{_FR_STREET}\s+(?:(?:d[eu]s?|de la|della|del|da|do|l')\s*)?[\w'-]{{2,30}}(?:\s+[\w'-]{{2,30}}){{0,2}}"
    rf"|\b{_FR_STREET}\s+(?:(?:d[eu]s?|de la|della|del|da|do|l')\s*)?[\w'-]{{2,30}}(?:\s+[\w'-]{{2,30}}){{0,2}},?\s+\d{{1,5}}\b",
    re.IGNORECASE,
)
_NEAR_NUMBER = re.compile(
    r"\b(?:near|cerca del?|junto al?|bei|près du|pres du)\s+(\d{3,6}\s+"
    r"(?!(?:am|pm|a\.m|p\.m|hours?|hrs?|minutes?|mins?|people|persons?|kids?|children|bags?|boxes|box|items?|"
    r"dollars?|bucks|pesos|euros?|miles?|km|kms|and|or|to|tomorrow|today|tonight|on|in|at|for|the|horas?|de|y)\b)"
    r"[a-zA-ZáéíóúñäöüßÁÉÍÓÚÑ][\w'-]{2,20})"
)
# the words (or, for German, parts of words) the patterns above cannot match without
_NUMBER_WORDS = frozenset(_NUMBER_WORD[3:-1].split("|"))
_DE_PARTS = ("stra", "str.", "weg", "gasse", "allee", "platz", "damm", "ufer", "chaussee")
_FR_WORDS = frozenset("rue avenue av boulevard bd bld chemin allée allee impasse quai cours route via viale piazza "
                      "corso largo rua travessa".split())
_NEAR_WORDS = frozenset("near cerca junto bei près pres".split())

_THREE_DIGITS = re.compile(r"\d\d\d")
_ASCII_DIGITS = "0123456789"
_SUFFIX_WORDS = frozenset(_SUFFIX[3:-1].split("|"))
# every Spanish address starts with one of these words (as a whole word)
_ES_WORDS = frozenset(("calle", "callejon", "callejón", "c", "avenida", "av", "avda", "carrera", "cra", "pasaje", "pje", "colonia", "col",
                      "paseo", "camino", "ronda", "plaza"))


def find_private(text: str) -> list[tuple[int, int]]:
    """Spans of phone numbers and exact street addresses, in text order, not
    overlapping. A pattern misses formats it was not written for: what the
    group reads of a need sent by direct message never depends on this
    (bot.public_words)."""
    spans: list[tuple[int, int]] = []
    # Each address pattern needs one of its words (a street word, an opening
    # word) as a whole run of word characters: bounded by white space or other
    # non-word characters, which lower() keeps non-word, and spelled in letters
    # that lower() maps one for one; so the lower-cased text holds it as a word
    # (or, for German compounds, as part of one). Three letters match an ASCII
    # letter under IGNORECASE without lowering to one ("İ", "ı", "ſ"): with one
    # of them in the text, every pattern runs.
    special = not text.isascii() and ("\u0130" in text or "\u0131" in text or "\u017f" in text)
    lowered = text.lower()
    words = frozenset() if special else words_of(lowered)

    def may(vocab: frozenset[str]) -> bool:
        return special or not words.isdisjoint(vocab)

    if not has_digit(text):
        # only an address with its number spelled out ("twelve elm street") has no digit
        if may(_NUMBER_WORDS) and may(_SUFFIX_WORDS):
            _add(spans, _EN_ADDRESS, text)
            spans.sort()
        return spans
    patterns = []
    # every phone number has at least five digits (+52 55 1234), and a "+" or three digits in a row
    three_digits = _THREE_DIGITS.search(text)
    if (not text.isascii() or sum(map(text.count, _ASCII_DIGITS)) >= 5) and ("+" in text or three_digits):
        patterns.append(_PHONE)
    if may(_SUFFIX_WORDS):
        patterns.append(_EN_ADDRESS)
    if may(_ES_WORDS):
        patterns.append(_ES_ADDRESS)
    if special or any(part in lowered for part in _DE_PARTS):
        patterns.append(_DE_ADDRESS)
    if may(_FR_WORDS):
        patterns.append(_FR_ADDRESS)
    for pattern in patterns:
        _add(spans, pattern, text)
    if three_digits and may(_NEAR_WORDS):
        _add(spans, _NEAR_NUMBER, text, group=1)
    if not text.isascii() or sum(map(text.count, _ASCII_DIGITS)) >= 8:
        for m in _GROUPED_PHONE.finditer(text):
            raw = m.group(0).strip()
            if sum(ch.isdigit() for ch in raw) >= 8 and not _DATE_LIKE.match(raw):
                _take(spans, m.start(), m.start() + len(m.group(0).rstrip()))
    spans.sort()
    return spans


def _add(spans: list[tuple[int, int]], pattern: re.Pattern, text: str, group: int = 0) -> None:
    for m in pattern.finditer(text):
        start = m.start(group)
        trimmed = m.group(group).rstrip(" ,")
        _take(spans, start, start + len(trimmed))


def _take(spans: list[tuple[int, int]], start: int, end: int) -> None:
    """Add a span unless it overlaps one found before."""
    if not any(s < end and start < e for s, e in spans):
        spans.append((start, end))
