"""Weeks and months in the group's zone, as UTC moments for the queries.

Weeks start on Monday at midnight, local time, so "this week" in
Los Angeles begins eight hours after it does in London, and a week that
holds a change of daylight saving time is 167 or 169 hours long."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

WEEKS_IN_REPORT = 8


@dataclass(frozen=True)
class Period:
    first_day: date  # local
    start: datetime  # UTC, included
    end: datetime  # UTC, excluded


def midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=zone).astimezone(timezone.utc)


def local_today(now: datetime, zone: ZoneInfo) -> date:
    return now.astimezone(zone).date()


def this_week(now: datetime, zone: ZoneInfo) -> Period:
    today = local_today(now, zone)
    monday = today - timedelta(days=today.weekday())
    return Period(monday, midnight(monday, zone), midnight(monday + timedelta(days=7), zone))


def this_month(now: datetime, zone: ZoneInfo) -> Period:
    first = local_today(now, zone).replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return Period(first, midnight(first, zone), midnight(following, zone))


def last_weeks(now: datetime, zone: ZoneInfo, count: int = WEEKS_IN_REPORT) -> tuple[list[date], list[datetime]]:
    """The Mondays of the last ``count`` weeks, this one included (last),
    and the ``count + 1`` UTC moments that bound them."""
    monday = this_week(now, zone).first_day
    mondays = [monday - timedelta(weeks=count - 1 - i) for i in range(count)]
    bounds = [midnight(m, zone) for m in mondays] + [midnight(monday + timedelta(days=7), zone)]
    return mondays, bounds
