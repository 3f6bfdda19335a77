"""Faster alternations: `(?:need|needs|looking for|...)` regrouped by first character.

Python's `re` tries the alternatives of a group one after another, at every
position. The lexicons here have hundreds of them, so most of the parser's
time went into trying "need", "needs", "looking for"... where the text says
"thanks". `factor(source)` rewrites each large non-capturing group as
`n(?:eed|eeds)|l(?:ooking for)|...`, recursively, which `re` rejects after one
character comparison per bucket.

The rewrite never changes what matches: alternatives that begin with
different characters cannot both match at one position, and those that begin
with the same character keep their order. A group whose alternatives do not
all begin with a plain character (a class, an escape such as \\b, a
quantified first character) is left as written, and its insides are rewritten
alone. Capturing groups are never split.
"""
from __future__ import annotations

import re

_QUANT = "?*+{"
_SPECIAL = ".^$|()[]\\" + _QUANT
MIN_ALTS = 4
_CAPTURES = re.compile(r"(?<!\\)\((?!\?)|\(\?P<")


def _group_end(s: str, i: int) -> int:
    """Index of the ')' closing the group opened at s[i] == '('."""
    depth = 0
    j = i
    while j < len(s):
        c = s[j]
        if c == "\\":
            j += 2
            continue
        if c == "[":
            j = _class_end(s, j) + 1
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return j
        j += 1
    raise ValueError("unbalanced group")


def _class_end(s: str, i: int) -> int:
    """Index of the ']' closing the class opened at s[i] == '['."""
    j = i + 1
    if j < len(s) and s[j] == "^":
        j += 1
    if j < len(s) and s[j] == "]":
        j += 1
    while j < len(s):
        if s[j] == "\\":
            j += 2
            continue
        if s[j] == "]":
            return j
        j += 1
    raise ValueError("unbalanced class")


def split_alts(s: str) -> list[str]:
    """The top-level alternatives of s."""
    out, start, j = [], 0, 0
    while j < len(s):
        c = s[j]
        if c == "\\":
            j += 2
            continue
        if c == "[":
            j = _class_end(s, j) + 1
            continue
        if c == "(":
            j = _group_end(s, j) + 1
            continue
        if c == "|":
            out.append(s[start:j])
            start = j + 1
        j += 1
    out.append(s[start:])
    return out


def _firsts(alt: str) -> list[tuple[str, str]] | None:
    """[(first character, the rest)] spelling alt out, or None when its start is not a plain character."""
    if not alt:
        return None
    c = alt[0]
    if c == "(":
        if not alt.startswith("(?:"):
            return None
        end = _group_end(alt, 0)
        after = alt[end + 1:]
        if after[:1] and after[0] in _QUANT:
            return None
        if _CAPTURES.search(after):
            return None  # spelling the group out would repeat a capturing group
        out = []
        for inner in split_alts(alt[3:end]):
            got = _firsts(inner + after)
            if got is None:
                return None
            out += got
        return out
    if alt.startswith("\\d"):
        # a digit: one bucket per digit ("\\d+x" is "0\\d*x" or "1\\d*x"...)
        after = alt[2:]
        if after[:1] == "+":
            return [(d, "\\d*" + after[1:]) for d in "0123456789"]
        if after[:1] and after[0] in _QUANT:
            return None
        return [(d, after) for d in "0123456789"]
    if c == "\\":
        if len(alt) < 2 or alt[1].isalnum():
            return None  # \b, \w, \1 ...
        ch, rest = alt[1], alt[2:]
    elif c in _SPECIAL:
        return None
    else:
        ch, rest = c, alt[1:]
    if rest[:1] and rest[0] in _QUANT:
        return None
    return [(ch, rest)]


def _bucketed(alts: list[str]) -> str | None:
    pairs = []
    for alt in alts:
        got = _firsts(alt)
        if got is None:
            return None
        pairs += got
    buckets: dict[str, list[str]] = {}
    for ch, rest in pairs:
        buckets.setdefault(ch, []).append(rest)
    out = []
    for ch, rests in buckets.items():
        head = re.escape(ch)
        if len(rests) == 1:
            out.append(head + rests[0])
            continue
        inner = _bucketed(rests) if all(rests) else None
        out.append(head + "(?:" + (inner if inner is not None else "|".join(rests)) + ")")
    return "|".join(out)


def _rewrite_alts(alts: list[str]) -> str:
    if len(alts) >= MIN_ALTS:
        b = _bucketed([factor(a) for a in alts])
        if b is not None:
            return b
    return "|".join(factor(a) for a in alts)


def factor(s: str) -> str:
    """The same pattern with every large non-capturing alternation regrouped (see the module doc)."""
    out, j = [], 0
    while j < len(s):
        c = s[j]
        if c == "\\":
            out.append(s[j:j + 2])
            j += 2
            continue
        if c == "[":
            k = _class_end(s, j)
            out.append(s[j:k + 1])
            j = k + 1
            continue
        if c == "(":
            k = _group_end(s, j)
            inner = s[j + 1:k]
            if inner.startswith("?:"):
                out.append("(?:" + _rewrite_alts(split_alts(inner[2:])) + ")")
            else:
                m = re.match(r"\?P<\w+>|\?<?[=!]|", inner)
                head = m.group(0)
                out.append("(" + head + "|".join(factor(a) for a in split_alts(inner[len(head):])) + ")")
            j = k + 1
            continue
        out.append(c)
        j += 1
    return "".join(out)


def compile_factored(pattern: re.Pattern) -> re.Pattern:
    """`pattern` recompiled from its factored source (case-insensitive patterns are returned as they are)."""
    if pattern.flags & re.IGNORECASE:
        return pattern
    return re.compile(factor(pattern.pattern), pattern.flags)


def factored(source: str, flags: int = 0) -> re.Pattern:
    """re.compile(source, flags), with its large alternations regrouped (see `factor`)."""
    return compile_factored(re.compile(source, flags))


def scan_form(pattern: re.Pattern) -> re.Pattern | None:
    r"""A faster pattern for finding where `pattern` matches past the start of a text; None if none is faster.

    `re` tries every top-level alternative at every position of the text, so two
    kinds of alternative cost more than they say:
    - one opening with "^" (no MULTILINE) can match only at the start of the
      text; trying it elsewhere is waste, and more than its own: the lexicons'
      anchored alternatives made their patterns about twice as slow to search;
    - neighbours opening with "\b" test the boundary once each; written
      "\b(?:X|Y)" they test it once, and still try X before Y (done for runs
      of them that `factor` can then regroup by their first character).
    The result drops the first and joins the second. At every position but the
    start it matches exactly where `pattern` does (dropped alternatives cannot
    match there, the others are tried in the same order), so a caller finds the
    first match by trying `pattern` at the start, then scanning with this from
    position 1, then matching `pattern` where this found one (see gate.Gated).
    Patterns with groups or with flags that change "^" or spacing are left alone.
    """
    if pattern.groups or pattern.flags & (re.MULTILINE | re.VERBOSE) or pattern.pattern.startswith("(?"):
        return None
    alts = split_alts(pattern.pattern)
    kept = [a for a in alts if not a.startswith("^")]
    if not kept:
        return None
    joined: list[str] = []
    run: list[str] = []  # neighbours opening with \b that can be told apart by their first character
    for a in kept + [None]:
        if a is not None and a.startswith(r"\b") and _bucketed(run + [a[2:]]) is not None:
            run.append(a[2:])
            continue
        if len(run) > 1:
            joined.append(r"\b(?:" + "|".join(run) + ")")
        elif run:
            joined.append(r"\b" + run[0])
        run = []
        if a is not None and a.startswith(r"\b") and _bucketed([a[2:]]) is not None:
            run.append(a[2:])  # it may open the next run
        elif a is not None:
            joined.append(a)
    if joined == alts:
        return None
    return re.compile(factor("|".join(joined)), pattern.flags)
