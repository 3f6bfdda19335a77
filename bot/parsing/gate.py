"""Cheap word gates in front of the big lexicon patterns.

Most patterns cannot match most messages: "need", "tengo" or "on it" is not
in the text at all. Running a regular expression over the text to learn that
costs microseconds; looking the message's words up in a set costs a fraction
of that. `gated(pattern)` reads, once at import, the words any match of the
pattern must start with, and its `search` and `finditer` skip the
pattern when none of them is in the text. A pattern whose opening it cannot
read (it may start with any character) is simply always run, so a gate never
changes what is found, only how fast.

All gates are looked up at once: `mask_of(text)` sets one bit per pattern
that may match, from one look-up per distinct word (remembered per word, as
the vocabulary of a group repeats). tests/test_parser_properties.py checks
that no gate ever skips a pattern that matches.

A word as common as "a", "i" or "to" opens some pattern in nearly every
message, so where the pattern goes on with plain text ("a.s.a.p", "a quien",
"i'm giving") or with white space and a word ("to anyone", "can someone"),
that text or one of those words must be in the message too (`_literal`):
`search` runs the pattern only then, while mask_of() still answers "may
match" from the opening word alone, as it always has.

When `search` does run a pattern, it scans with the pattern's `scan` form
where trie.scan_form gives one (anchored alternatives dropped, "\b"
alternatives joined), and returns the pattern's own match at the place the
scan found: the same match re.search gives (checked in
tests/test_parser_properties.py).
"""
from __future__ import annotations

import re
from functools import reduce
from operator import or_
from re import _constants as C  # noqa: N812 - the parser's op codes
from re import _parser as P  # noqa: N812

from .text import words_of
from .trie import scan_form

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


_READ_ON = [True]  # whether _leads reads past a lead word (see _literal)
LITERAL_MAX = 24  # characters of a literal lead (below) read at most


def _literal(items: list, word: str, lit: str):
    """Leads ("full", word, literal): the match opens with the whole word `word`
    followed by more plain characters, all of `literal` (which starts with `word`).

    Read on past the word while the pattern goes on with plain characters (" ",
    ".", "quien"), through groups, alternatives and optional parts, stopping at
    anything else; what is read so far must be in the text for the match to be.
    """
    i = 0
    while i < len(items) and len(lit) < LITERAL_MAX:
        op, av = items[i]
        if op is C.LITERAL:
            lit += chr(av)
            i += 1
            continue
        if op in _ZERO_WIDTH:
            i += 1  # a look-around or an anchor consumes nothing: the characters around it are adjacent
            continue
        if op is C.SUBPATTERN:
            group, add_flags, del_flags, sub = av
            if add_flags or del_flags:
                break
            return _literal(list(sub) + items[i + 1:], word, lit)
        if op is C.BRANCH:
            out = set()
            for branch in av[1]:
                out |= _literal(list(branch) + items[i + 1:], word, lit)
            return out
        if op in _REPEATS and av[0] == 0 and av[1] == 1:
            sub = list(av[2])
            return _literal(sub + items[i + 1:], word, lit) | _literal(items[i + 1:], word, lit)
        if op in _REPEATS and av[0] >= 1 and len(av[2]) == 1 and _non_word(*list(av[2])[0]):
            # "\s+": a word starts after it; when every way on opens with a whole
            # word, one of those words must be in the text as well
            _READ_ON[0] = False  # the next word alone: no reading past it
            try:
                nxt = _leads(items[i + 1:], True)
            finally:
                _READ_ON[0] = True
            if nxt:
                # a whole word of those, or the start of a word, or a substring: in the text
                whole = frozenset(lead[1] for lead in nxt if lead[0] == "full")
                parts = tuple(sorted({lead[1] for lead in nxt if lead[0] != "full"}))
                return {("full", word, (lit, whole, parts))}
        break
    if lit == word:
        return {("full", word)}  # nothing read past the word
    return {("full", word, lit)}


def _leads(items: list, ws: bool, prefix: str = ""):
    """Set of (kind, string) one of which any match must show; None if unknown.

    kind "full": a whole word; "pref": the start of a word; "sub": a substring.
    A "full" lead may carry a third item, the literal text the match opens with
    (see `_literal`): "a" in "a.s.a.p" or "a quien" is only worth a run when
    that text is there too.
    `ws`: the match starts at a word start when a word character opens it.
    `prefix`: the characters already read from the start of the match.
    """
    i = 0
    while i < len(items):
        op, av = items[i]
        if prefix:
            run = _RUN.match(prefix)
            # a word is read whole (up to LITERAL_MAX) when what follows it may say more
            if run is None or len(run.group(0)) < len(prefix) or len(prefix) >= (LITERAL_MAX if _READ_ON[0] else PREFIX):
                if ws and run is not None and len(run.group(0)) < len(prefix) and _READ_ON[0]:
                    # a whole word, then a plain non-word character: read on
                    return _literal(items[i:], run.group(0), prefix)
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
                    if ws and _READ_ON[0] and _RUN.fullmatch(prefix):
                        return _literal(items[i:], prefix, prefix)  # a whole word, then "\s+"
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


COND_MAX = 16  # a word opening more literals than this in one pattern is taken alone: checking them costs more
COND_SHIFT = 256  # where a word's "only with a literal" bits sit in its mask (above every pattern's bit)


def _register(leads, bit: int) -> dict[str, tuple[tuple, tuple]] | None:
    """Register the leads of the pattern with this bit; return its conditional words.

    A lead ("full", word, literal) sets the bit in mask_of() like any other (so
    that mask_of() still tells "may match"), but marked: when only such words set
    it, Gated.search runs the pattern only if one of their literals is in the
    text. Returns {word: (literals, (literal, whole words, parts) triples)} for
    those words (None when there are none); see `_literal` and Gated._literal_holds.
    """
    if leads is None or any(lead[0] == "pref" and len(lead[1]) < MIN_PREFIX for lead in leads):
        _ALWAYS[0] |= bit
        return None
    alone = {lead[1] for lead in leads if lead[0] == "full" and len(lead) == 2}
    cond: dict[str, list[str]] = {}
    for lead in leads:
        kind, s = lead[0], lead[1]
        if kind == "full" and len(lead) > 2 and s not in alone:
            literals = cond.setdefault(s, [])
            if lead[2] not in literals:
                literals.append(lead[2])
        elif kind == "full":
            _FULL[s] = _FULL.get(s, 0) | bit
        elif kind == "pref":
            _PREF[s] = _PREF.get(s, 0) | bit
            if len(s) not in _PREF_LENS:
                _PREF_LENS.append(len(s))
                _PREF_LENS.sort()
        else:
            _SUBS.append((s, bit))
    for s, literals in list(cond.items()):
        if len(literals) > COND_MAX:
            del cond[s]
            _FULL[s] = _FULL.get(s, 0) | bit
        else:
            _FULL[s] = _FULL.get(s, 0) | (bit << COND_SHIFT)
    return {
        s: (tuple(c for c in literals if c.__class__ is str), tuple(c for c in literals if c.__class__ is not str))
        for s, literals in cond.items()
    } or None


_MASKS: dict[str, tuple[int, int, frozenset[str]]] = {}  # text -> _masks_of(text), for the last few texts


class _WordMasks(dict):
    """A word's bits: its own and those of its starts, worked out on first sight; the vocabulary repeats."""

    def __missing__(self, w: str) -> int:
        mask = _FULL.get(w, 0)
        n = len(w)
        for k in _PREF_LENS:
            if k > n:
                break
            mask |= _PREF.get(w[:k], 0)
        if len(self) > 50_000:
            self.clear()
        self[w] = mask
        return mask


_WORD_MASKS = _WordMasks()


def mask_of(text: str) -> int:
    """Bits of the gated patterns that may match `text` (remembered for the last few texts)."""
    masks = _MASKS.get(text)
    if masks is None:
        masks = _masks_of(text)
    return masks[0]


def _masks_of(text: str) -> tuple[int, int, frozenset[str]]:
    """(mask_of(text), the same without the bits that only words needing a literal set, words_of(text))."""
    if len(_MASKS) >= 8:
        _MASKS.clear()
    words = words_of(text)
    both = reduce(or_, map(_WORD_MASKS.__getitem__, words), _ALWAYS[0])
    strict = both & _LOW
    for s, bit in _SUBS:
        if not strict & bit and s in text:
            strict |= bit
    masks = _MASKS[text] = (strict | (both >> COND_SHIFT), strict, words)
    return masks


_LOW = (1 << COND_SHIFT) - 1


class Gated:
    """A compiled pattern run only when its opening words are in the text; `.re` is the pattern."""

    __slots__ = ("re", "bit", "leads", "requires", "need", "required", "cond", "cond_words", "scan")

    def __init__(self, pattern: re.Pattern, requires: frozenset[str] | None = None):
        self.re = pattern
        # the same pattern made faster to scan with, past the start of a text (see trie.scan_form)
        self.scan = scan_form(pattern)
        # a second, hand-written gate: words of which any match holds at least one
        self.requires = requires
        self.bit = _new_bit()
        _REGISTRY.append(self)
        leads = None
        if not pattern.flags & re.IGNORECASE:
            leads = _leads(list(P.parse(pattern.pattern, pattern.flags)), False)
        self.leads = leads
        # words that let the pattern run only with one of their literals: {word: literals}
        self.cond = _register(leads, self.bit)
        assert self.bit < 1 << COND_SHIFT
        self.cond_words = frozenset(self.cond) if self.cond else frozenset()
        # the bits mask_of() must set for the pattern to run: its own, and one that
        # a word of `requires` sets (whole words: the bit is in no prefix, no substring)
        self.required = 0
        if requires is not None:
            self.required = _new_bit()
            for w in requires:
                _FULL[w] = _FULL.get(w, 0) | self.required
        self.need = self.bit | self.required
        # words seen before this pattern was known lack its bits
        _WORD_MASKS.clear()
        _MASKS.clear()

    def _literal_holds(self, text: str, words: frozenset[str]) -> bool:
        """A word of `cond` is in the text with one of its literals (or words after it)."""
        cond = self.cond
        # plain loops, not any(map(...)): most of these tuples are short, and this runs a few times a message
        for w in self.cond_words.intersection(words):
            literals, pairs = cond[w]
            for literal in literals:
                if literal in text:
                    return True
            for literal, whole, parts in pairs:
                # the literal, and one of the words (or word starts) that may follow it
                if literal in text:
                    if not whole.isdisjoint(words):
                        return True
                    for part in parts:
                        if part in text:
                            return True
        return False

    def may_match(self, text: str) -> bool:
        loose, strict, words = _MASKS.get(text) or _masks_of(text)
        need = self.need
        if loose & need != need:
            return False
        # a word of `cond` sets the bit only with one of its literals; any other lead sets it alone
        return bool(strict & self.bit) or self._literal_holds(text, words)

    def search(self, text: str, pos: int = 0):
        # may_match(), written out: this is called a dozen times a message
        masks = _MASKS.get(text)
        if masks is None:
            masks = _masks_of(text)
        need = self.need
        if masks[0] & need != need:
            return None
        if masks[1] & self.bit or self._literal_holds(text, masks[2]):
            return self._search(text, pos)
        return None

    def _search(self, text: str, pos: int):
        """self.re.search(text, pos): the same match, found with the faster `scan` where there is one."""
        scan = self.scan
        if scan is None:
            return self.re.search(text, pos)
        if pos == 0:
            m = self.re.match(text)
            if m is not None:
                return m
            pos = 1
        m = scan.search(text, pos)
        # where the scan first matches, so does the pattern (and first there): its own match, groups and all
        return None if m is None else self.re.match(text, m.start())

    def finditer(self, text: str):
        return self.re.finditer(text) if self.may_match(text) else iter(())



_BITS = [0]  # bits handed out


def _new_bit() -> int:
    bit = 1 << _BITS[0]
    _BITS[0] += 1
    return bit


_REGISTRY: list[Gated] = []


def word_bit(words) -> int:
    """A bit of its own that mask_of(text) sets when one of `words` is a whole word of text.

    For the other modules' word gates: `mask_of(t) & bit` answers, from the one
    look-up per word mask_of() makes anyway, what `not words.isdisjoint(words_of(t))`
    answers.
    """
    bit = _new_bit()
    assert bit < 1 << COND_SHIFT
    for w in words:
        _FULL[w] = _FULL.get(w, 0) | bit
    # words seen before lack the bit
    _WORD_MASKS.clear()
    _MASKS.clear()
    return bit


def gated(pattern: re.Pattern, requires: frozenset[str] | None = None) -> Gated:
    return Gated(pattern, requires)
