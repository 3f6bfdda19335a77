"""Normalising a message before the rules read it."""
from __future__ import annotations

import re
import unicodedata

# Chat messages are short; anything past this is pasted text or abuse, and
# reading it would only cost time (the private-detail scan still sees it all).
MAX_CHARS = 2000

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})
_ODD_APOSTROPHE = re.compile("[\u2019\u2018\u02bc`\u00b4]")
_SPACES = re.compile(r"\s+")
_DIGIT = re.compile(r"\d")


def has_digit(text: str) -> bool:
    """What re.search(r"\\d", text) tells; in ASCII text \\d is 0-9, which `in` finds fastest."""
    if text.isascii():
        return ("0" in text or "1" in text or "2" in text or "3" in text or "4" in text
                or "5" in text or "6" in text or "7" in text or "8" in text or "9" in text)
    return _DIGIT.search(text) is not None


def normalise(text: str) -> str:
    """Lower-case, straight apostrophes, single spaces; keeps accents.

    Keeps the length equal to the input where lower() does, so spans found in
    it can be cut from the original (see `same_shape`).
    """
    text = text[:MAX_CHARS]
    # of the odd apostrophes only "`" is ASCII
    if ("`" in text) if text.isascii() else _ODD_APOSTROPHE.search(text):
        text = text.translate(_APOSTROPHES)
    return text.lower()


def same_shape(original: str, lowered: str) -> bool:
    return len(original[:MAX_CHARS]) == len(lowered)


class _FoldTable(dict):
    """str.translate table filled on first sight of each character."""

    def __missing__(self, code: int) -> int:
        decomposed = unicodedata.normalize("NFD", chr(code))
        base = decomposed[0]
        if len(decomposed) > 1 and all(unicodedata.combining(d) for d in decomposed[1:]):
            self[code] = ord(base)
        else:
            self[code] = code
        return self[code]


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """Strip accents, one character for one, so offsets still match the input.

    People type "manana", "proxima", "miercoles" as often as the accented
    forms, so the lexicons are written without accents and read folded text.
    """
    if text.isascii():
        return text
    return text.translate(_FOLD)


def squeeze(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def blank(text: str, spans: list[tuple[int, int]]) -> str:
    """Replace spans with spaces, keeping every other offset where it was."""
    return fill(text, spans, " ")


def fill(text: str, spans, char: str) -> str:
    """text with every character inside a span replaced by `char` (spans may overlap)."""
    if not spans:
        return text
    out = []
    pos = 0
    n = len(text)
    for start, end in sorted(spans):
        start = max(start, pos, 0)
        end = min(end, n)
        if start >= end:
            continue
        out.append(text[pos:start])
        out.append(char * (end - start))
        pos = end
    out.append(text[pos:])
    return "".join(out)


_WORD_RUN = re.compile(r"\w+")
_WORDS_CACHE: dict[str, frozenset[str]] = {}
# ASCII characters that are not word characters, as spaces: what is left between white space is the runs of \w
# (a bytes table: bytes.translate is quicker than str.translate with a dict)
_ASCII_RUNS = bytes(c if (c < 128 and (chr(c).isalnum() or c == 95)) else 32 for c in range(256))


def words_of(text: str) -> frozenset[str]:
    """The distinct runs of word characters (\\w+) in text; remembered for the last few texts.

    A pattern wrapped in \\b...\\b can only match a word that is in this set, so
    a set look-up tells cheaply whether running the pattern is worth it.
    """
    words = _WORDS_CACHE.get(text)
    if words is None:
        if len(_WORDS_CACHE) >= 8:
            _WORDS_CACHE.clear()
        if text.isascii():
            # in ASCII, \w is [A-Za-z0-9_] and every other character splits runs as white space does
            words = frozenset(text.encode("ascii").translate(_ASCII_RUNS).decode("ascii").split())
        else:
            words = frozenset(_WORD_RUN.findall(text))
        _WORDS_CACHE[text] = words
    return words
