"""What a group may read of an item (issue 14, finding 1).

A need sent by direct message is announced from an ALLOW LIST, never from
its words: its category, day and time, urgency, and a place only when the
message names one of the group's own areas (``/settings areas``). Nothing
the author wrote reaches the group, so a detector that misses an address
format cannot leak it.

A need posted in the group keeps its summary, but the bot never repeats a
number of four or more digits or a detected address there: the group saw
the message, but the bot's re-posts and digests would carry it on long
after the author deleted it."""
from __future__ import annotations

import re
import unicodedata

from bot.parsing.private import find_private

# a run of four or more digits, whatever separates it from the rest
_LONG_NUMBER = re.compile(r"\d{4,}")
_HIDDEN = "…"
_ONLY_HIDDEN = re.compile(r"^[\s…,.;:·-]*$")


def group_safe(text: str | None, *, all_or_nothing: bool = False) -> str | None:
    """``text`` without detected addresses or phone numbers and without any
    number of four or more digits; None when nothing else is left, or, with
    ``all_or_nothing`` (a place: what is left of an address still points at
    it), when anything had to go."""
    if not text:
        return None
    spans = find_private(text)
    if all_or_nothing and (spans or _LONG_NUMBER.search(text)):
        return None
    for start, end in reversed(spans):
        text = text[:start] + _HIDDEN + text[end:]
    text = _LONG_NUMBER.sub(_HIDDEN, text)
    text = re.sub(r"(?:…\s*)+", "… ", text).strip()
    return None if _ONLY_HIDDEN.match(text) else text


# --- the group's named areas ----------------------------------------------------

AREA_MAX = 20
AREA_LONGEST = 40
_AREA = re.compile(r"^[^\W\d_](?:[^\W\d_]|[ '.-])*$")


def parse_areas(value: str) -> list[str] | None:
    """"Eastside, Northend" -> ["Eastside", "Northend"]; None when a name is
    not a plain place name (letters, spaces, ' and -, no digits: an area is
    a neighbourhood, never a street address) or there are too many."""
    names = [" ".join(part.split()) for part in value.split(",")]
    names = [n for n in names if n]
    if not names or len(names) > AREA_MAX:
        return None
    if not all(_AREA.match(n) and len(n) <= AREA_LONGEST for n in names):
        return None
    if len({_fold(n) for n in names}) != len(names):
        return None
    return names


def _fold(text: str) -> str:
    """Case and accents folded, so "northend", "NorthEnd" and "Northénd" match."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def area_named(text: str, areas: list[str]) -> str | None:
    """The first of the group's areas the text names as whole words, spelled
    as the group's setting spells it."""
    folded = _fold(text)
    best: tuple[int, str] | None = None
    for area in areas:
        m = re.search(rf"(?<!\w){re.escape(_fold(area))}(?!\w)", folded)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), area)
    return best[1] if best else None


def areas_setting(value: str) -> list[str]:
    return [] if value in ("", "off") else (parse_areas(value) or [])
