"""Cheap word gates in front of the big lexicon patterns.

Most patterns cannot match most messages: "need", "tengo" or "on it" is not
in the text at all. Running a regular expression over the text to learn that
costs microseconds; looking the message's words up in a set costs a fraction
of that. `gated(pattern)` reads, once at import, the words any match of the
pattern must start with, and its `search` / `finditer` / `sub` skip the
pattern when none of them is in the text. A pattern whose opening it cannot
read (it may start with any character) is simply always run, so a gate never
changes what is found, only how fast.

All gates are looked up at once: `mask_of(text)` sets one bit per pattern
that may match, from one look-up per distinct word (remembered per word, as
the vocabulary of a group repeats). tests/test_parser_properties.py checks
that no gate ever skips a pattern that matches.
"""
from __future__ import annotations

import re
from re import _constants as C  # noqa: N812 - the parser's op codes
from re import _parser as P  # noqa: N812

from .text import words_of

_RUN = re.compile(r"\w+")
PREFIX = 6  # prefixes of words are compared on their first PREFIX characters at most


# ---- reading the opening words of a pattern ------------------------------

_NON_WORD_CATEGORIES = (C.CATEGORY_SPACE, C.CATEGORY_NOT_WORD)
_ZERO_WIDTH = (C.AT, C.ASSERT, C.ASSERT_NOT)
_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT)


def _non_word(op, av) -> bool:
    """A class that matches only non-word characters ("\\s", "\\W", "[,.;:!?]")."""
    if op is not C.IN:
        return False
    for iop, iav in av:
        if iop is C.LITERAL:
            if _RUN.match(chr(iav)):
                return False
        elif not (iop is C.CATEGORY and iav in _NON_WORD_CATEGORIES):
            return False
    return True


def _is_word_class(sub) -> bool:
    r"""(?<!\w) or (?<![\w$]): the character before is not a word character."""
    items = list(sub)
    if len(items) != 1 or items[0][0] is not C.IN:
        return False
    return any(op is C.CATEGORY and av is C.CATEGORY_WORD for op, av in items[0][1])


def _final(prefix: str, ws: bool, ended: bool = False):
    run = _RUN.match(prefix)
    if run is None or not ws:
        return {("sub", prefix)}
    r = run.group(0)
    if len(r) < len(prefix) or ended:
        return {("full", r)}
    return {("pref", r[:PREFIX])}


def _leads(items: list, ws: bool, prefix: str = ""):
    """Set of (kind, string) one of which any match must show; None if unknown.

    kind "full": a whole word; "pref": the start of a word; "sub": a substring.
    `ws`: the match starts at a word start when a word character opens it.
    `prefix`: the characters already read from the start of the match.
    """
    i = 0
    while i < len(items):
        op, av = items[i]
        if prefix:
            run = _RUN.match(prefix)
            if run is None or len(run.group(0)) < len(prefix) or len(prefix) >= PREFIX:
                return _final(prefix, ws)
        if op in _ZERO_WIDTH:
            if prefix:
                if op is C.AT and av in (C.AT_BOUNDARY, C.AT_END, C.AT_END_STRING):
                    return _final(prefix, ws, ended=True)
            elif op is C.AT:
                if av in (C.AT_BOUNDARY, C.AT_BEGINNING, C.AT_BEGINNING_STRING):
                    ws = True
                elif av is C.AT_NON_BOUNDARY:
                    ws = False
                else:
                    return None
            elif op is C.ASSERT_NOT and av[0] < 0 and _is_word_class(av[1]):
                ws = True
            i += 1
            continue
        if op is C.LITERAL:
            prefix += chr(av)
            i += 1
            continue
        if op is C.SUBPATTERN:
            group, add_flags, del_flags, sub = av
            if add_flags or del_flags:
                return None
            return _leads(list(sub) + items[i + 1:], ws, prefix)
        if op is C.BRANCH:
            out = set()
            for branch in av[1]:
                got = _leads(list(branch) + items[i + 1:], ws, prefix)
                if got is None:
                    return None
                out |= got
            return out
        if _non_word(op, av):
            if prefix:
                return _final(prefix, ws, ended=True)
            ws = True
            i += 1
            continue
        if op is C.IN:
            chars = []
            for iop, iav in av:
                if iop is C.LITERAL:
                    chars.append(iav)
                elif iop is C.CATEGORY and iav is C.CATEGORY_DIGIT:
                    chars.extend(range(48, 58))
                elif iop is C.RANGE and iav[1] - iav[0] < 12:
                    chars.extend(range(iav[0], iav[1] + 1))
                else:
                    return _final(prefix, ws) if prefix else None
            out = set()
            for c in chars:
                out |= _leads([(C.LITERAL, c)] + items[i + 1:], ws, prefix)
            return out
        if op in _REPEATS:
            lo, hi, sub = av
            sub_items = list(sub)
            if prefix and len(sub_items) == 1 and _non_word(*sub_items[0]):
                # the word ends here, or (none taken) goes on with what follows
                ended = _final(prefix, ws, ended=True)
                if lo >= 1:
                    return ended
                rest = _leads(items[i + 1:], ws, prefix)
                return None if rest is None else ended | rest
            if not prefix and len(sub_items) == 1 and _non_word(*sub_items[0]):
                # "\W*", "\s+": consumes no word character; after at least one, a word starts
                ws = ws or lo >= 1
                i += 1
                continue
            if lo == 0 and hi == 1:
                taken = _leads(sub_items + items[i + 1:], ws, prefix)
                skipped = _leads(items[i + 1:], ws, prefix)
                if taken is None or skipped is None:
                    return None
                return taken | skipped
            if prefix:
                return _final(prefix, ws)
            first = _leads(sub_items, ws)
            if first is None:
                return None
            if lo >= 1:
                return first
            rest = _leads(items[i + 1:], ws)
            return None if rest is None else first | rest
        return _final(prefix, ws) if prefix else None
    return _final(prefix, ws) if prefix else None


# ---- one look-up per message for every gated pattern --------------------

_FULL: dict[str, int] = {}
_PREF: dict[str, int] = {}
_PREF_LENS: list[int] = []
_SUBS: list[tuple[str, int]] = []
_ALWAYS = [0]
MIN_PREFIX = 3  # a shorter word start ("i", "wh") is in nearly every message: run the pattern


def _register(leads, bit: int) -> None:
    if leads is None or any(k == "pref" and len(s) < MIN_PREFIX for k, s in leads):
        _ALWAYS[0] |= bit
        return
    for kind, s in leads:
        if kind == "full":
            _FULL[s] = _FULL.get(s, 0) | bit
        elif kind == "pref":
            _PREF[s] = _PREF.get(s, 0) | bit
            if len(s) not in _PREF_LENS:
                _PREF_LENS.append(len(s))
                _PREF_LENS.sort()
        else:
            _SUBS.append((s, bit))



_MASKS: dict[str, int] = {}
_WORD_MASKS: dict[str, int] = {}  # a word's bits: its own and those of its starts; the vocabulary repeats


def _word_mask(w: str) -> int:
    mask = _FULL.get(w, 0)
    n = len(w)
    for k in _PREF_LENS:
        if k > n:
            break
        mask |= _PREF.get(w[:k], 0)
    if len(_WORD_MASKS) > 50_000:
        _WORD_MASKS.clear()
    _WORD_MASKS[w] = mask
    return mask


def mask_of(text: str) -> int:
    """Bits of the gated patterns that may match `text` (remembered for the last few texts)."""
    mask = _MASKS.get(text)
    if mask is not None:
        return mask
    if len(_MASKS) >= 8:
        _MASKS.clear()
    mask = _ALWAYS[0]
    known = _WORD_MASKS
    for w in words_of(text):
        m = known.get(w)
        mask |= _word_mask(w) if m is None else m
    for s, bit in _SUBS:
        if not mask & bit and s in text:
            mask |= bit
    _MASKS[text] = mask
    return mask


class Gated:
    """A compiled pattern run only when its opening words are in the text; `.re` is the pattern."""

    __slots__ = ("re", "bit", "leads", "requires")

    def __init__(self, pattern: re.Pattern, requires: frozenset[str] | None = None):
        self.re = pattern
        # a second, hand-written gate: words of which any match holds at least one
        self.requires = requires
        self.bit = 1 << len(_REGISTRY)
        _REGISTRY.append(self)
        leads = None
        if not pattern.flags & re.IGNORECASE:
            leads = _leads(list(P.parse(pattern.pattern, pattern.flags)), False)
        self.leads = leads
        _register(leads, self.bit)

    def may_match(self, text: str) -> bool:
        if not mask_of(text) & self.bit:
            return False
        return self.requires is None or not self.requires.isdisjoint(words_of(text))

    def search(self, text: str, pos: int = 0):
        # may_match(), written out: this is called a dozen times a message
        mask = _MASKS.get(text)
        if mask is None:
            mask = mask_of(text)
        if not mask & self.bit:
            return None
        if self.requires is not None and self.requires.isdisjoint(words_of(text)):
            return None
        return self.re.search(text, pos)

    def finditer(self, text: str):
        return self.re.finditer(text) if self.may_match(text) else iter(())

    def sub(self, repl, text: str) -> str:
        return self.re.sub(repl, text) if self.may_match(text) else text

    def match(self, text: str, pos: int = 0):
        return self.re.match(text, pos)


_REGISTRY: list[Gated] = []


def gated(pattern: re.Pattern, requires: frozenset[str] | None = None) -> Gated:
    return Gated(pattern, requires)
