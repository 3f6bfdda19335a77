"""A zone's UTC offsets over a span of time, as the few intervals the
database needs to write moments in local time itself (the export of a
large group is formatted by SQL, not row by row in Python).

Offsets change a few times a year; they are found by stepping a day at a
time and bisecting to the second the offset changes, which assumes no
zone changes its offset twice within one day (none does)."""
from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

DAY = timedelta(days=1)
SECOND = timedelta(seconds=1)


def offset_at(moment: datetime, zone: ZoneInfo) -> int:
    return int(moment.astimezone(zone).utcoffset().total_seconds())


def spans(zone: ZoneInfo, first: datetime, last: datetime) -> list[tuple[datetime | None, int]]:
    """[(from, offset in seconds)], the first from the beginning of time
    (None), covering every moment from ``first`` to ``last`` (aware)."""
    found: list[tuple[datetime | None, int]] = [(None, offset_at(first, zone))]
    at = first.replace(microsecond=0)  # offsets change on whole seconds
    while at < last:
        step = min(at + DAY, last)
        if offset_at(step, zone) != found[-1][1]:
            lo, hi = 0, int((step - at).total_seconds())  # seconds after ``at``: the change is in (lo, hi]
            while hi - lo > 1:
                mid = (lo + hi) // 2
                if offset_at(at + mid * SECOND, zone) == found[-1][1]:
                    lo = mid
                else:
                    hi = mid
            change = at + hi * SECOND
            found.append((change, offset_at(change, zone)))
        at = step
    return found


def iso_suffix(offset: int) -> str:
    """"-05:00" for -18000."""
    sign = "-" if offset < 0 else "+"
    hours, minutes = divmod(abs(offset) // 60, 60)
    return f"{sign}{hours:02d}:{minutes:02d}"
