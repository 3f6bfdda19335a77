"""Reading a command's arguments: item numbers, durations for the time bank."""
from __future__ import annotations

import re

_NUMBER = re.compile(r"^#?(\d{1,9})$")
_HOURS = re.compile(r"^(\d{1,4}(?:[.,]\d{1,2})?)\s*(m|min|mins|h|hr|hrs|hour|hours)?$", re.I)


def item_number(token: str) -> int | None:
    m = _NUMBER.match(token.strip())
    return int(m.group(1)) if m else None


def hours(token: str) -> float | None:
    """Hours from "2h", "90m", "1.5h" or a bare "2"; None if unreadable or
    not a sensible amount of time given."""
    m = _HOURS.match(token.strip())
    if not m:
        return None
    value = float(m.group(1).replace(",", "."))
    unit = (m.group(2) or "h").lower()
    if unit.startswith("m"):
        value /= 60
    value = round(value, 2)
    if value <= 0 or value > 24 * 7:
        return None
    return value
