"""Exact street addresses and phone numbers: what must stay out of the group."""
from __future__ import annotations

import re

from .text import has_digit, words_of

_SUFFIX = (
    r"(?:st|street|ave|avenue|av|rd|road|blvd|boulevard|dr|drive|ln|lane|ct|pl|place|way|"
    r"pkwy|parkway|ter|terrace|hwy|highway|cir|circle|sq|square|plaza)"
)
# A word of a street name; function words are excluded so that
# "2 rooms on 5th st" is not read as an address.
_NAME_WORD = r"(?!(?:on|in|at|the|for|of|near|by|and|or|to|from|with|a|an|my|our|is|are|y|en)\b)[a-z0-9'.-]{1,20}"
_UNIT = r"(?:\s*,?\s*(?:apt|apartment|unit|suite|ste|fl|floor|piso|depto|dpto|#)\.?\s*#?\s*[a-z0-9-]{1,6})?"

_EN_ADDRESS = re.compile(
    r"(?<![\w$#/])\d{1,6}[a-z]?\s+(?:(?:n|s|e|w|north|south|east|west)\.?\s+)?"
    rf"(?:{_NAME_WORD}\s+){{0,2}}{_NAME_WORD}\s+{_SUFFIX}\b\.?{_UNIT}",
    re.IGNORECASE,
)
_ES_ADDRESS = re.compile(
    r"\b(?:calle|c/|avenida|av\.?|avda\.?|carrera|cra\.?|callej[oó]n|pasaje|pje\.?|colonia|col\.)\s+"
    r"(?:[\w'.-]{1,20}\s+){0,3}?(?:#|no\.|n[º°]\.?|num\.?|n[uú]mero)\s*\d{1,6}[a-z]?"
    r"(?:\s*(?:int|interior|depto|dpto|apt|piso)\.?\s*[a-z0-9-]{1,6})?"
    r"|\b(?:calle|avenida|carrera)\s+[a-záéíóúñ]{3,20}(?:\s+[a-záéíóúñ]{2,20})?\s+\d{1,5}\b",
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


_THREE_DIGITS = re.compile(r"\d\d\d")
_ASCII_DIGITS = "0123456789"
_SUFFIX_WORDS = frozenset(_SUFFIX[3:-1].split("|"))
# every Spanish address starts with one of these words (as a whole word)
_ES_WORDS = frozenset(("calle", "callejon", "callejón", "c", "avenida", "av", "avda", "carrera", "cra", "pasaje", "pje", "colonia", "col"))


def find_private(text: str) -> list[tuple[int, int]]:
    """Spans of phone numbers and exact street addresses, in text order, not overlapping."""
    spans: list[tuple[int, int]] = []
    if not has_digit(text):
        return spans  # every phone number and address has a digit
    patterns = []
    # every phone number has at least five digits (+52 55 1234), and a "+" or three digits in a row
    if (not text.isascii() or sum(map(text.count, _ASCII_DIGITS)) >= 5) and ("+" in text or _THREE_DIGITS.search(text)):
        patterns.append(_PHONE)
    # An address has its street word (English) or its opening word (Spanish) as a
    # whole run of word characters: bounded by white space or other non-word
    # characters, which lower() keeps non-word, and spelled in ASCII letters (or
    # "ó"), which lower() maps one for one; so the lower-cased text holds it as a
    # word. Three letters match an ASCII letter under IGNORECASE without lowering
    # to one ("İ", "ı", "ſ"): with one of them in the text, both patterns run.
    if text.isascii() or not ("\u0130" in text or "\u0131" in text or "\u017f" in text):
        words = words_of(text.lower())
        if not words.isdisjoint(_SUFFIX_WORDS):
            patterns.append(_EN_ADDRESS)
        if not words.isdisjoint(_ES_WORDS):
            patterns.append(_ES_ADDRESS)
    else:
        patterns.append(_EN_ADDRESS)
        patterns.append(_ES_ADDRESS)
    for pattern in patterns:
        for m in pattern.finditer(text):
            start, end = m.span()
            raw = m.group(0)
            trimmed = raw.rstrip(" ,")
            end = start + len(trimmed)
            if not any(s < end and start < e for s, e in spans):
                spans.append((start, end))
    spans.sort()
    return spans
