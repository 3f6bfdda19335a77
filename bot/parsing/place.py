"""`where`: a place as written ("near the library", "Eastside", "Elm St"), never an exact address."""
from __future__ import annotations

import re

from .trie import factored

from .gate import mask_of, word_bit
from .text import has_digit, words_of

_PLACE_NOUN = (
    r"(?:library|church|pantry|food bank|clinic|hospital|school|store|walgreens|cvs|walmart|shoprite|target|center|centre|park|"
    r"station|airport|courthouse|court|office|laundromat|shelter|mall|market|plaza|bridge|corner|building|"
    r"biblioteca|iglesia|clinica|escuela|tienda|parque|centro comunitario|centro|mercado|estacion|consulado|hospital general|corte)"
)
_STREET = r"(?:st|street|ave|avenue|rd|road|blvd|boulevard|dr|drive|ln|lane|way|pl|place|pkwy|parkway)"
_AREA = r"(?:side|town|end|wood|woods|field|crest|heights|park|hill|hills|ville|burg|dale|view|point|village)"

# a word inside a place name: not a verb or a function word ("to do school pickups")
_FREE_WORD = r"(?!(?:do|go|get|pick|take|drop|grab|my|her|his|our|your|ur|and|or|for|with|to|from|up|off|the|a|me|it|mi|tu|su)\b)[\w'.]+"

_PATTERNS = [
    factored(r"\b(?:near|by|around|close to|next to|cerca de|cerca del|junto a|junto al)\s+(?!(?:they|we|i|you|he|she|it|them|us|me|then|now)\b)(?P<p>(?:the |la |el )?[\w'.]+(?:\s+(?!(?:and|or|y|at|on|in|for|to|tomorrow|tmrw|today|tonight|hoy|manana)\b)[\w'.]+){0,2})"),
    factored(rf"\b(?:in|at|from|to|en|al|a la|de la|del|on)\s+(?P<p>(?:the |la |el )?(?:{_FREE_WORD}\s+){{0,2}}?{_PLACE_NOUN}(?:\s+(?:on|in|at)\s+(?!the\b|la\b|el\b){_FREE_WORD}(?:\s+{_STREET})?)?)\b"),
    factored(rf"\b(?:on|in|at|en|la|from)\s+(?P<p>(?:\d+(?:st|nd|rd|th)|[a-z]{{3,}})\s+{_STREET})\b"),
    factored(r"\b(?P<p>\d+(?:st|nd|rd|th)\s+(?:and|&|y)\s+[a-z]{3,})\b|\b(?:la|en la)\s+(?P<q>\d+\s+y\s+[a-z]{3,})\b"),
    factored(rf"\b(?:in|at|from|to|en|el|around|near)\s+(?P<p>(?:the |el )?(?:(?:north|south|east|west|upper|lower)\s+)?[a-z]+{_AREA})\b"),
    factored(r"\b(?:in|en|around)\s+(?P<p>(?:the )?(?:bronx|brooklyn|queens|harlem|manhattan|downtown|uptown|midtown|south end|north end|east end|west end|west side|east side))\b"),
]
# times and deadlines the place patterns can catch ("by the end of the month": the day phrase is
# blanked first, but "by the end of the" can be left when the month is written oddly)
_NOT_PLACES = re.compile(
    r"^(?:the )?(?:morning|afternoon|evening|night|weekend|way|time|meantime|end|mood|hospital bed)$"
    r"|^(?:the )?(?:end|beginning|start|middle|first|rest) of\b"
)


# Gates: each pattern above cannot match without one of these words (or, for the
# fifth, a word ending like an area name), so it is only run when one is there.
_LETTER = re.compile(r"[^\W\d_]")
_AND_WORDS = frozenset(("and", "y"))
_AREA_ENDS = tuple(_AREA[3:-1].split("|"))
_GATES = [
    frozenset("near by around close next cerca junto".split()),
    frozenset(
        "library church pantry food clinic hospital school store walgreens cvs walmart shoprite target center centre park "
        "station airport courthouse court office laundromat shelter mall market plaza bridge corner building biblioteca "
        "iglesia clinica escuela tienda parque centro mercado estacion consulado corte".split()
    ),
    frozenset(_STREET[3:-1].split("|")),
    None,  # digits
    None,  # a word ending in an area name
    frozenset("bronx brooklyn queens harlem manhattan downtown uptown midtown south north east west".split()),
]


class _AreaMemo(dict):
    """word -> ends like an area name ("eastside"); the vocabulary repeats."""

    def __missing__(self, w: str) -> bool:
        if len(self) > 50_000:
            self.clear()
        hit = self[w] = w.endswith(_AREA_ENDS)
        return hit


_AREA_MEMO = _AreaMemo()


_GATE_BITS = [None if g is None else word_bit(g) for g in _GATES]  # not g.isdisjoint(words_of(t)) is mask_of(t) & bit
_AND_BIT = word_bit(_AND_WORDS)
_PLAN = [(i, p, b) for i, (p, b) in enumerate(zip(_PATTERNS, _GATE_BITS))]


def find_place(t: str, original: str | None, source: str | None = None) -> str | None:
    """The first place phrase; cut from the original text when offsets line up.

    `source`: a text whose words (words_of) hold all those of t, when the caller
    has one at hand (t with some words blanked): its words open the gates above
    as well, each gate a word no match of its pattern lacks.
    """
    best = None
    if source is None:
        source = t
    mask = mask_of(source)
    words = None
    for i, pattern, bit in _PLAN:
        if bit is not None:
            if not mask & bit:
                continue
        elif i == 3:
            if not ((mask & _AND_BIT or "&" in t) and has_digit(t)):
                continue
        else:
            if words is None:
                words = words_of(source)
            if not any(map(_AREA_MEMO.__getitem__, words)):
                continue
        m = pattern.search(t)
        if m:
            group = "p" if m.group("p") else "q"
            span = m.span(group)
            if best is None or span[0] < best[0]:
                best = span
    if best is None:
        return None
    text = (original if original is not None else t)[best[0]:best[1]].strip(" ,.")
    if not text or _NOT_PLACES.match(text.lower()) or not _LETTER.search(text):
        return None
    return text
