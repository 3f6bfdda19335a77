"""A group's settings: the table of docs/BEHAVIOUR.md, with defaults and
validation. Values are kept as written ("2h", "22:00-08:00", "off") and
read through the helpers below."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time, timedelta
from typing import Callable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.i18n import LANGUAGES, _

_DURATION = re.compile(r"^(\d{1,5})([mhd])$")
_CLOCK = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def parse_duration(value: str) -> timedelta | None:
    m = _DURATION.match(value)
    if not m:
        return None
    n, unit = int(m.group(1)), m.group(2)
    return {"m": timedelta(minutes=n), "h": timedelta(hours=n), "d": timedelta(days=n)}[unit]


def parse_clock(value: str) -> time | None:
    m = _CLOCK.match(value)
    return time(int(m.group(1)), int(m.group(2))) if m else None


def _zone_ok(v: str) -> bool:
    if "/" not in v and v != "UTC":
        return False
    try:
        ZoneInfo(v)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _quiet_ok(v: str) -> bool:
    parts = v.split("-")
    return len(parts) == 2 and all(parse_clock(p) for p in parts) and parts[0] != parts[1]


def _report_ok(v: str) -> bool:
    parts = v.split()
    return len(parts) == 2 and parts[0] in _DAYS and parse_clock(parts[1]) is not None


def _count_ok(v: str) -> bool:
    return v.isdigit() and 1 <= int(v) <= 100


def _duration_ok(v: str) -> bool:
    d = parse_duration(v)
    return d is not None and d > timedelta(0)


def _areas_ok(v: str) -> bool:
    from bot.public_words import parse_areas

    return parse_areas(v) is not None


def _handoffs_ok(v: str) -> bool:
    return v.isdigit() and 1 <= int(v) <= HANDOFFS_MOST


# the most private hand-offs an hour a group may allow one member (issue 14)
HANDOFFS_MOST = 20


@dataclass(frozen=True)
class Setting:
    key: str
    default: str
    valid: Callable[[str], bool]
    hint: str  # the format, shown when a value is refused
    may_be_off: bool = True


SETTINGS: tuple[Setting, ...] = (
    Setting("zone", "", _zone_ok, _("an IANA zone, such as America/New_York"), may_be_off=False),
    Setting("lang", "en", lambda v: v in LANGUAGES, _("en or es"), may_be_off=False),
    Setting("timebank", "off", lambda v: v == "on", _("on or off")),
    Setting("remind", "2h", _duration_ok, _("a duration such as 90m, 2h or 3d, or off")),
    Setting("remind_day", "09:00", lambda v: parse_clock(v) is not None, _("a time such as 09:00, or off")),
    Setting("checkin", "10:00", lambda v: parse_clock(v) is not None, _("a time such as 10:00, or off")),
    Setting("checkin_untimed", "3d", _duration_ok, _("a duration such as 90m, 2h or 3d, or off")),
    Setting("repost", "24h", _duration_ok, _("a duration such as 90m, 2h or 3d, or off")),
    Setting("alert", "12h", _duration_ok, _("a duration such as 90m, 2h or 3d, or off")),
    Setting("expire", "24h", _duration_ok, _("a duration such as 90m, 2h or 3d, or off")),
    Setting("expire_untimed", "14d", _duration_ok, _("a duration such as 90m, 2h or 3d, or off")),
    Setting("digest", "09:00", lambda v: parse_clock(v) is not None, _("a time such as 09:00, or off")),
    Setting("report", "off", _report_ok, _("a day and time such as mon 09:00, or off")),
    Setting("quiet", "22:00-08:00", _quiet_ok, _("two times such as 22:00-08:00, or off")),
    Setting("retention", "90d", _duration_ok, _("a duration such as 30d or 90d"), may_be_off=False),
    # the neighbourhoods a need sent by direct message may name in its announcement
    Setting("areas", "off", _areas_ok, _("area names separated by commas, such as Eastside, Northend (no numbers), or off")),
    # private hand-offs one member may receive in an hour in this group
    Setting("handoffs", "3", _handoffs_ok, _("a number from 1 to 20"), may_be_off=False),
    # new items from one member in an hour before the next are held (bot.flood)
    Setting("flood", "5", _count_ok, _("a number of items from 1 to 100, or off")),
)
BY_KEY = {s.key: s for s in SETTINGS}


def normalise(key: str, value: str) -> str | None:
    """The value as stored, or None if it is not valid for the key."""
    setting = BY_KEY.get(key)
    if setting is None:
        return None
    value = " ".join(value.strip().split())
    if value.lower() == "off" and setting.may_be_off:
        return "off"
    if key == "areas":
        from bot.public_words import parse_areas

        names = parse_areas(value)
        return ", ".join(names) if names else None  # spelled as the group spells them
    if key not in ("zone",):
        value = value.lower()
    return value if setting.valid(value) else None


def effective(stored: dict, default_zone: str) -> dict[str, str]:
    out = {s.key: stored.get(s.key, s.default) for s in SETTINGS}
    if not out["zone"]:
        out["zone"] = default_zone
    return out


def quiet_hours(value: str) -> tuple[time, time] | None:
    if value == "off":
        return None
    a, b = value.split("-")
    return parse_clock(a), parse_clock(b)
