"""Several needs or offers in one message, each with its own time or place.

"need groceries tuesday and also a ride to the clinic thursday 10am" is two
items: groceries on Tuesday, and a ride on Thursday at 10 to the clinic. Read
as one, the ride is lost and the groceries get the ride's time.

Splitting is conservative: a message is cut only where every part has its
own need phrase and its own time or place. A part has its own need phrase when
it reads as a request or offer alone that names something of a category
("also need someone to walk my dog friday"), or, after words that add to a
list ("and also", ", also", "plus", "y también", "and" before "a", "some" or
"I can"), when it names something needed ("a ride to the clinic thursday": a
category other than `other`). After a mere full stop a part must read as a
need or offer alone, so "need groceries tuesday. the food bank is open
thursday" stays one need. A part that fails is joined to the one before it
(or, at the start, to the one after it).

Each part is read by the same function core.parse uses for a whole message,
so its kind, category, time and place are decided as for any message.
"""
from __future__ import annotations

import re
from typing import Callable

from .result import ParseResult

# words that add another need to a list: the part after them may lean on the first part's "need"
_ADDING = (
    r"(?:,|;)?\s*(?:and|&|plus|y|e)\s+(?:also|tambi[eé]n|adem[aá]s)\b"
    r"|[,;]\s*(?:also|plus|tambi[eé]n|adem[aá]s)\b"
    r"|[,;]\s*(?:and|y)\b(?=\s+(?:i|we|my|mi|yo|also|tambi[eé]n|a|an|some|un|una|unos|unas)\b)"
    r"|\s+(?:as well as|and then also)\b"
    # "and a ride to church sunday": a plain "and" before an article starts another thing
    r"|\s+(?:and|&|y)\s+(?=(?:a|an|some|un|una|unos|unas)\s)"
    # "... saturday and I can also babysit sunday": the author says what else they can do or need
    r"|\s+(?:and|&|y)\s+(?=(?:i|we|yo|i'?ll|i'?m)\s+(?:can|could|also|will|need|tambi[eé]n|puedo|podemos|necesito)\b)"
)
# a full stop or a line break: the part after must read as a need or offer alone
_SENTENCE = r"(?<![\s.](?:mr|ms|dr|st|sr))(?<![\s.]mrs|[\s.]sra)[.!?]+\s+|\n+"
_BOUNDARY = re.compile(rf"(?P<adding>{_ADDING})|(?P<sentence>{_SENTENCE})", re.IGNORECASE)

# the cheap gate: without one of these, no message is split
_GATE = re.compile(
    r"also|tambi|adem|plus|as well|[.!?]\s|\n|[,;]\s*(?:and|y)\b|\s(?:and|&|y)\s+(?:a|an|some|un|una|unos|unas|i|we|yo|i'?ll|i'?m)\s",
    re.IGNORECASE,
)

Read = Callable[[str, "str | None"], ParseResult]


def parts_of(text: str, whole: ParseResult, read: Read, marks: list[int] | None = None) -> list[tuple[str, ParseResult]] | None:
    """The parts of `text` with their readings, two or more; None when the message is one need or offer.

    `whole`: text read as one message (a request or offer); `read(part, assume)`: core's one-message parse;
    `marks`: where in `text` its day, time and place phrases start, when known. A piece without one
    cannot be a need of its own (it has no time or place), so it is joined to the one before unread.
    """
    if whole.kind not in ("request", "offer") or not _GATE.search(text):
        return None
    pieces = _pieces(text)
    if len(pieces) < 2:
        return None

    def marked(start: int, end: int) -> bool:
        return marks is None or any(start <= m < end for m in marks)

    if sum(marked(s, e) for s, e, _ in pieces) < 2:
        return None
    # each part: [start, end, after an adding word, its reading (None: not a need of its own), read as it stands]
    # A part is read only when a later piece could start a part of its own, since most messages end
    # up as one need and every read is a parse.
    parts: list[list] = []

    def settled(k: int) -> ParseResult | None:
        p = parts[k]
        if not p[4]:
            p[3], p[4] = _own_need(text[p[0]:p[1]], p[2], whole.kind, read, first=k == 0), True
        return p[3]

    for start, end, adding in pieces:
        if not parts:
            parts.append([start, end, adding, None, False])
            continue
        last = parts[-1]
        if marked(start, end):
            reading = _own_need(text[start:end], adding, whole.kind, read)
            if reading is not None and settled(len(parts) - 1) is not None:
                parts.append([start, end, adding, reading, True])
                continue
        # not a need of its own (or the part before is not yet one): it says more of the part before
        last[1], last[4] = end, False
    if len(parts) < 2 or any(settled(k) is None for k in range(len(parts))):
        return None
    return [(text[s:e].strip(), r) for s, e, _, r, _ in parts]


def _pieces(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, after an adding word) of the stretches between boundaries."""
    out = []
    pos = 0
    adding = False
    for m in _BOUNDARY.finditer(text):
        if m.start() > pos and text[pos:m.start()].strip():
            out.append((pos, m.start(), adding))
        pos = m.end()
        adding = m.group("adding") is not None
    if text[pos:].strip():
        out.append((pos, len(text), adding))
    return out


def _own_need(part: str, adding: bool, kind: str, read: Read, first: bool = False) -> ParseResult | None:
    """The part's reading when it holds a need or offer of its own with its own time or place, else None."""
    part = part.strip()
    alone = read(part, None)
    if alone.kind in ("request", "offer"):
        # "Ideally wanted by Saturday" after a need says when that need is wanted: no thing of its own
        named = alone.category not in (None, "other")
        return alone if named and (alone.when is not None or alone.where is not None) else None
    if not (adding or first):
        return None
    # (a first part alone may read as a claim, "groceries tuesday": the whole message is a
    # need or offer, so it is read leaning on that, like a part that reads as chatter)
    # "a ride to the clinic thursday 10am" after "and also": the need word is the first part's
    leaning = read(part, kind)
    if leaning.category in (None, "other") or (leaning.when is None and leaning.where is None):
        return None
    return leaning
