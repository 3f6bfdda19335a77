"""The learned part of reading: which kind a message is, and its category.

A linear model (linear.py) over words, word pairs, pieces of words and the
rules' own reading as hints (features.py), trained from labelled chat
messages by train.py. The rules still read what must be exact: dates and
times, places, private details, commands and item numbers.
"""
from __future__ import annotations

import math
from pathlib import Path

from .features import BIAS, features, hint_features, pairs, token_features, tokens
from .linear import LinearModel

MODEL_FILE = Path(__file__).resolve().parent / "reader.bin"


class Reader:
    """Scores messages with the model, remembering what each word and pair adds.

    A message's score for a class is the model's bias plus what its distinct
    words, word pairs and hints add (features.py counts them so). Words and
    pairs repeat far more than messages do, so each one's share, its weights
    (and its pieces') for every class, is worked out once and remembered.
    """

    _KEPT = 5_000  # words and pairs remembered before starting afresh (a few hundred kB at most)

    def __init__(self, model: LinearModel):
        self.model = model
        self._kind = model.heads["kind"]
        self._category = model.heads["category"]
        self._words: dict[str, Share] = {}
        self._named: dict[str, Share | None] = {}
        self._bias = (self._kind.bias, self._category.bias)

    def _share_of(self, names: list[str]) -> "Share":
        rows = self.model.rows(names)
        return tuple(self._kind.scores(rows, bias=False)), tuple(self._category.scores(rows, bias=False))

    def _word(self, tok: str) -> "Share":
        share = self._words.get(tok)
        if share is None:
            share = self._words[tok] = self._share_of(token_features(tok))
        return share

    def _feature(self, name: str) -> "Share | None":
        try:
            return self._named[name]
        except KeyError:
            share = self._named[name] = self._share_of([name]) if name in self.model.index else None
            return share

    def read(self, t: str, hints: tuple[str, ...]) -> "Scored":
        if len(self._words) + len(self._named) >= self._KEPT:
            self._words.clear()
            self._named.clear()
        toks = tokens(t)
        shares = [self._bias, self._feature(BIAS)]
        shares.extend(map(self._word, dict.fromkeys(toks)))
        shares.extend(map(self._feature, dict.fromkeys(pairs(toks))))
        shares.extend(map(self._feature, hint_features(hints)))
        return Scored(self, [s for s in shares if s is not None])


Share = tuple[tuple[float, ...], tuple[float, ...]]  # what a feature adds to each kind and each category


class Scored:
    """One message's scores: the kind at once, the category when asked."""

    __slots__ = ("_reader", "_shares")

    def __init__(self, reader: Reader, shares: list[Share]):
        self._reader = reader
        self._shares = shares

    def _scores(self, which: int) -> list[float]:
        # a column a class, summed in C
        return list(map(sum, zip(*[share[which] for share in self._shares])))

    def kind(self) -> dict[str, float]:
        """The probability of each kind class: request, offer, claim, other, vague."""
        s = self._scores(0)
        top = max(s)
        e = [math.exp(x - top) for x in s]
        total = sum(e)
        return {c: v / total for c, v in zip(self._reader._kind.classes, e)}

    def category(self) -> str:
        s = self._scores(1)
        return self._reader._category.classes[s.index(max(s))]


_reader: Reader | None = None


def reader() -> Reader:
    global _reader
    if _reader is None:
        _reader = Reader(LinearModel.load(MODEL_FILE))
    return _reader


__all__ = ["Reader", "Scored", "features", "reader"]
