"""Exact street addresses and phone numbers: what must stay out of the group."""
from __future__ import annotations

import re

from .text import words_of

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


_DIGIT = re.compile(r"\d")
_TWO_DIGITS = re.compile(r"\d\d")
_SUFFIX_WORDS = frozenset(_SUFFIX[3:-1].split("|"))
# every Spanish address starts with one of these words (as a whole word)
_ES_WORDS = frozenset(("calle", "callejon", "c", "avenida", "av", "avda", "carrera", "cra", "pasaje", "pje", "colonia", "col"))


def find_private(text: str) -> list[tuple[int, int]]:
    """Spans of phone numbers and exact street addresses, in text order, not overlapping."""
    spans: list[tuple[int, int]] = []
    if _DIGIT.search(text) is None:
        return spans  # every phone number and address has a digit
    patterns = []
    if _TWO_DIGITS.search(text):
        patterns.append(_PHONE)  # every phone number has two digits in a row
    # an English address ends in a street word (ASCII only: case folding elsewhere is subtler)
    ascii_text = text.isascii()
    low = text.lower() if ascii_text else ""
    if not ascii_text or not words_of(low).isdisjoint(_SUFFIX_WORDS):
        patterns.append(_EN_ADDRESS)
    if not ascii_text or not words_of(low).isdisjoint(_ES_WORDS):
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
