"""The features the learned reader sees: words, word pairs, pieces of words, and hints.

The same functions serve training (train.py) and reading, so what was learned
is exactly what is looked up. They read the folded, lower-case text the rules
read (accents stripped, private details blanked), with digits made one
symbol: "#12" and "#3" are the same thing to the model, and so are "3pm"
and "11am".
"""
from __future__ import annotations

import re

# words (with inner apostrophes), runs of digits, and any other single
# non-space character (punctuation, emoji): "ugh i need coffee ☕😩" keeps its emoji
_TOKEN = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*|\d+|[^\w\s]")
_DIGITS = re.compile(r"\d+")
# pieces of words: 3 and 4 letters of the word framed by "<" and ">", which
# catch typos ("grocerys"), stems ("necesit-") and slang spellings; words
# shorter than 4 letters are whole words already
_PIECES = (3, 4)
_PIECE_MIN = 4
BIAS = "^"


def tokens(t: str) -> list[str]:
    return _TOKEN.findall(_DIGITS.sub("0", t))


def token_features(tok: str) -> list[str]:
    """What one word says on its own: the word and its pieces."""
    out = [tok]
    if len(tok) >= _PIECE_MIN and tok.isalpha():
        framed = "<" + tok + ">"
        for n in _PIECES:
            out.extend("~" + framed[i : i + n] for i in range(len(framed) - n + 1))
    return out


def pairs(toks: list[str]) -> list[str]:
    """Each word with the one before it, the first with the start, the last with the end."""
    framed = [BIAS, *toks, "$"]
    return [a + " " + b for a, b in zip(framed, framed[1:])]


def hint_features(hints: tuple[str, ...]) -> list[str]:
    return ["!" + h for h in hints]


def features(t: str, hints: tuple[str, ...] = ()) -> list[str]:
    """Feature names of folded lower-case text `t` plus the rules' `hints`.

    Each distinct word gives its features once, so the model's score of a
    message is the sum of what its distinct words, pairs and hints say: a
    word's share is worked out once and remembered (see Reader). A piece
    shared by two different words counts twice, as the model was trained.
    """
    toks = tokens(t)
    out = [BIAS]
    for tok in dict.fromkeys(toks):
        out.extend(token_features(tok))
    out.extend(dict.fromkeys(pairs(toks)))
    out.extend(hint_features(hints))
    return out
