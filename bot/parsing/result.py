"""What the parser reads from one chat message (../shared/PARSING.md)."""
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
    # Not in PARSING.md's JSON, used by the engine:
    # a short phrase for the announcement ("groceries", "ride to dialysis"),
    # with time phrases, private details and filler removed
    what: str = ""
    # item numbers written in the text ("#3", "take 3 and 5"), in order
    numbers: tuple[int, ...] = ()

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
