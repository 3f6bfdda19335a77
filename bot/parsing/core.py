"""parse(): one chat message in, one ParseResult out (../../../shared/PARSING.md)."""
from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from .category import category_of
from .flags import URGENT_WORDS, item_numbers
from .kind import Kind, classify
from .lang import language
from .place import find_place
from .private import find_private
from .result import ParseResult
from .text import MAX_CHARS, blank, fill, fold, normalise, same_shape
from .what import GAP, summary
from .when import find_when

# money amounts and item numbers are not times or dates ("$72", "#3")
_NOT_TIME = re.compile(r"[$#]\s?\d[\d,.]*|\b\d+(?:\.\d+)?\s?(?:%|lbs?|kg|oz)\b")

_MAYBE_NOT_TIME = re.compile(r"[$#\d]")


def _gap(text: str, spans: list[tuple[int, int]]) -> str:
    return fill(text, spans, GAP)


ASSUMABLE = ("request", "offer")


def parse(text: str, now: datetime, tz: ZoneInfo, assume: str | None = None) -> ParseResult:
    """Read one chat message (PARSING.md).

    `assume`: "request" or "offer" when the kind is already known (the author
    ran /need or /offer): the result has that kind, and its category, when,
    where, urgency and `what` are read as for that kind, even from text that
    alone would read as chatter ("diapers size 4 friday").
    """
    if assume is not None and assume not in ASSUMABLE:
        raise ValueError(f"assume must be None, 'request' or 'offer', not {assume!r}")
    if text is None:
        text = ""
    if not isinstance(text, str):
        text = str(text)
    if now.tzinfo is None:
        now = now.replace(tzinfo=tz)

    private_spans = find_private(text)
    private = tuple(text[s:e] for s, e in private_spans)

    low = normalise(text)
    t = fold(low)
    # offsets in t match the original only when lower-casing kept every length
    original = text[:MAX_CHARS] if same_shape(text, low) else None
    # the same spans serve when offsets line up; otherwise find them again in t
    private_in_t = private_spans if original is not None else find_private(t)
    masked = blank(t, private_in_t)

    found: list = []

    def when_and_spans():
        # day and time phrases: only requests and offers (and the vague check) need them
        if not found:
            not_time = [m.span() for m in _NOT_TIME.finditer(masked)] if _MAYBE_NOT_TIME.search(masked) else None
            found.append(find_when(blank(masked, not_time), now, tz))
        return found[0]

    k = classify(masked, lambda: when_and_spans()[1])
    lang = language(t)
    numbers = item_numbers(t)
    if assume is not None and k.kind != assume:
        # the whole text says what is needed or offered: read it from the start
        k = Kind(assume, anchor=0, signals=((0, 0, False),))

    if k.kind not in ("request", "offer"):
        return ParseResult(text=text, kind=k.kind, lang=lang, private=private, vague=k.vague, numbers=numbers)

    when, time_spans = when_and_spans()
    category = category_of(masked, k.anchor)
    where = find_place(blank(masked, time_spans), original)
    urgent_spans = [m.span() for m in URGENT_WORDS.finditer(masked)]
    gaps = time_spans + urgent_spans + private_in_t
    gapped = _gap(masked, gaps)
    what = summary(original if original is not None else t, gapped, list(k.signals), category)
    return ParseResult(
        text=text,
        kind=k.kind,
        category=category,
        when=when,
        where=where,
        urgent=bool(urgent_spans),  # what flags.is_urgent(masked) says
        lang=lang,
        private=private,
        vague=False,
        what=what,
        numbers=numbers,
    )
