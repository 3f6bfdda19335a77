"""What the parser reads from one chat message (docs/PARSING.md)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class When:
    start: datetime  # aware, in the group's zone
    has_time: bool
    recurrence: str | None = None  # an RFC 5545 RRULE body, e.g. "FREQ=WEEKLY;BYDAY=MO"


@dataclass(frozen=True)
class ParseResult:
    text: str
    kind: str  # request | offer | claim | other
    category: str | None = None
    when: When | None = None
    where: str | None = None
    urgent: bool = False
    lang: str = "en"
    private: tuple[str, ...] = ()
    vague: bool = False
    # Not in docs/PARSING.md's JSON, used by the engine:
    # a short phrase for the announcement ("groceries", "ride to dialysis"),
    # with time phrases, private details and filler removed
    what: str = ""
    # item numbers written in the text ("#3", "take 3 and 5"), in order
    numbers: tuple[int, ...] = ()

    def __getstate__(self) -> dict:
        # the values, not the functions that work out `what` and `numbers` (see _Deferred)
        return {name: getattr(self, name) for name in self.__dataclass_fields__}

    def to_json(self) -> dict:
        return {
            "text": self.text,
            "kind": self.kind,
            "category": self.category,
            "when": None
            if self.when is None
            else {
                "start": self.when.start.isoformat(),
                "has_time": self.when.has_time,
                "recurrence": self.when.recurrence,
            },
            "where": self.where,
            "urgent": self.urgent,
            "lang": self.lang,
            "private": list(self.private),
            "vague": self.vague,
        }


class _Deferred:
    """`what` and `numbers` of a result parse() built: worked out on first read, then kept.

    The JSON of docs/PARSING.md has neither, and most readers of a result never look
    at them, so parse() leaves a function that gives each (see `deferred`). A
    result built the ordinary way, ParseResult(..., what=..., numbers=...),
    holds its values in the instance, which a non-data descriptor such as this
    one never shadows.
    """

    __slots__ = ("name", "default")

    def __init__(self, name: str, default):
        self.name = name
        self.default = default

    def __get__(self, obj, cls=None):
        if obj is None:
            return self.default
        d = obj.__dict__
        make = d.pop("_" + self.name, None)
        value = self.default if make is None else make()
        d[self.name] = value  # later reads find it in the instance
        return value


# set after @dataclass read the class: the defaults of __init__ stay "" and ()
ParseResult.what = _Deferred("what", "")
ParseResult.numbers = _Deferred("numbers", ())

_new = object.__new__
_set = object.__setattr__  # past the frozen dataclass's __setattr__


def deferred(text, kind, category, when, where, urgent, lang, private, vague, what, numbers) -> ParseResult:
    """A ParseResult whose `what` and `numbers` are the values the functions `what()` and `numbers()` return.

    Equal to ParseResult(text, kind, ..., what=what(), numbers=numbers()), built
    without the per-field cost of the frozen dataclass's __init__.
    """
    r = _new(ParseResult)
    _set(r, "__dict__", {
        "text": text, "kind": kind, "category": category, "when": when, "where": where, "urgent": urgent,
        "lang": lang, "private": private, "vague": vague, "_what": what, "_numbers": numbers,
    })
    return r
