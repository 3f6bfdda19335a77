"""Urgency and the item numbers a claim names."""
from __future__ import annotations

import re

from .trie import factored

from .gate import gated
from .text import words_of

URGENT_WORDS = _URGENT = re.compile(
    r"\b(?:asap|a\.s\.a\.p|urgent|urgente|urgently|urgentemente|emergency|emergencia|today|hoy|2day|tdy|right now|right away|"
    r"(?<!an )(?<!a )rn|immediately|de inmediato|inmediatamente|lo antes posible|lo mas pronto posible|cuanto antes|ahorita|ya mismo|"
    r"desperate|desesperad[oa]s?)\b"
)
# skipped unless one of its words is in the text (gate.py); .re is the pattern itself
URGENT_WORDS = _URGENT = gated(_URGENT)
_HASH = re.compile(r"#\s?(\d{1,7})\b")
# bare numbers only right after a verb of taking: "take 3 and 5", "yo puedo con el 4"
_TAKE_LIST = factored(
    r"\b(?:take|taking|claim|claiming|do|grab|cover|handle|tomo|agarro|puedo con el|yo con el|me encargo del|me encargo de la|me apunto al|me apunto a la)\s+"
    r"(?:(?:number|num|no\.?|numero|item|el|la)\s+)?(?P<list>#?\s?\d{1,7}(?:\s*(?:,|and|&|y|e)\s*#?\s?\d{1,7}){0,20})(?=\s*(?:[,.!?;:)👍🙋]|$|thanks|gracias|please|pls|por favor|too|tambien))"
)
_NUMBER = re.compile(r"\d{1,7}")


def is_urgent(t: str) -> bool:
    return bool(_URGENT.search(t))


_TAKE_WORDS = frozenset("take taking claim claiming do grab cover handle tomo agarro puedo yo me".split())


def item_numbers(t: str) -> tuple[int, ...]:
    found: list[tuple[int, int]] = [(m.start(1), int(m.group(1))) for m in _HASH.finditer(t)] if "#" in t else []
    if words_of(t).isdisjoint(_TAKE_WORDS):
        if not found:
            return ()
        return tuple(dict.fromkeys(n for _, n in sorted(found)))
    for m in _TAKE_LIST.finditer(t):
        for n in _NUMBER.finditer(m.group("list")):
            found.append((m.start("list") + n.start(), int(n.group(0))))
    seen: dict[int, None] = {}
    for _, n in sorted(found):
        seen.setdefault(n, None)
    return tuple(seen)
