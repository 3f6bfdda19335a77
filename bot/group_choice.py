"""Reading the answer to "which group?" as people write it.

The question lists the groups with a number ("1 eastside, 2 westside"). People
answer with the name and a word around it ("eastside please 🙏"), with a space
inside it ("east side"), with a typo ("wetsside"), by position ("the first
one", "el segundo") or by number ("2", "#2"). `choose` gives the index of the
group meant, or None when the answer names none of them or could mean two.

Typos are matched with difflib's ratio (standard library): names are short
and few, so one comparison per word of the answer is cheap, and a cutoff of
0.75 accepts one or two letters wrong in a name of eight while "north" never
reads as "south".
"""
from __future__ import annotations

import difflib
import re
import unicodedata

_CUTOFF = 0.75
# words an answer wraps the name in: they name no group
_FILLER = frozenset(
    """please pls plz porfa favor por the a in to on for it post group grupo one uno una el la en de del al
    thanks thank you thx ty gracias ok okay yes si sure that this ese esa este esta is es i mean mmm um hmm""".split()
)
_ORDINALS = {
    "first": 0, "1st": 0, "primero": 0, "primera": 0, "primer": 0,
    "second": 1, "2nd": 1, "segundo": 1, "segunda": 1,
    "third": 2, "3rd": 2, "tercero": 2, "tercera": 2, "tercer": 2,
    "fourth": 3, "4th": 3, "cuarto": 3, "cuarta": 3,
    "fifth": 4, "5th": 4, "quinto": 4, "quinta": 4,
}
_LAST = frozenset(("last", "ultimo", "ultima"))
_WORD = re.compile(r"[^\W_]+")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _compact(name: str) -> str:
    """A name without case, accents, spaces, dashes or underscores: "East Side" and "east-side" are "eastside"."""
    return "".join(_WORD.findall(_fold(name)))


def choose(answer: str, names: list[str]) -> int | None:
    """The index in `names` of the group the answer means, or None."""
    if not names:
        return None
    words = _WORD.findall(_fold(answer))
    compact_names = [_compact(n) for n in names]
    # the whole answer, or a run of its words, is a name ("east side", "eastside please")
    whole = "".join(words)
    if whole in compact_names:
        return compact_names.index(whole)
    runs = {"".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, min(len(words), i + 3) + 1)}
    named = {k for k, n in enumerate(compact_names) if n in runs}
    # "eastside youth please" names "eastside youth"; the "eastside" inside it is part of that name
    named = {k for k in named if not any(j != k and compact_names[k] in compact_names[j] for j in named)}
    if len(named) == 1:
        return named.pop()
    if named:
        return None  # two groups named: ask again rather than guess
    rest = [w for w in words if w not in _FILLER and w not in ("number", "numero", "no", "#")]
    # by number or position, when nothing else is said ("2", "#2", "the first one", "el segundo")
    if len(rest) == 1:
        w = rest[0]
        if w.isdigit():
            k = int(w) - 1
            return k if 0 <= k < len(names) else None
        if w in _ORDINALS:
            k = _ORDINALS[w]
            return k if k < len(names) else None
        if w in _LAST:
            return len(names) - 1
    # the start of one name only ("east" for "eastside", "barrio" for "barrio norte")
    starts = {k for w in rest if len(w) >= 4 for k, n in enumerate(compact_names) if n.startswith(w)}
    if len(starts) == 1:
        return starts.pop()
    # a name written with a typo: the closest name, if only one is close
    candidates = rest + ["".join(rest[i:i + 2]) for i in range(len(rest) - 1)]
    best: dict[int, float] = {}
    for w in candidates:
        for k, n in enumerate(compact_names):
            ratio = difflib.SequenceMatcher(None, w, n).ratio()
            if ratio >= _CUTOFF:
                best[k] = max(best.get(k, 0.0), ratio)
    if not best:
        return None
    ranked = sorted(best.items(), key=lambda kv: -kv[1])
    if len(ranked) > 1 and ranked[0][1] - ranked[1][1] < 0.1:
        return None  # "westside" and "eastside" both close: ambiguous
    return ranked[0][0]
