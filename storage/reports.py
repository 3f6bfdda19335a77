"""The group's numbers, counted in SQL, for what coordinators report
(/stats, /report, /export and ``mutualaid export``).

Every count is bounded by the group, the kind and a range of one timestamp
column (posted, claimed or closed), each served by an index of migration
0002, so a group of 100,000 items is counted without reading its rows.
The ranges are computed by the caller in the group's zone and given here
as UTC moments: SQL never needs to know about zones or daylight saving.

"asked" counts requests posted; "met" counts requests marked done (in the
range their ``closed_at`` falls in); offers are not counted, only
exported."""
from __future__ import annotations

from datetime import datetime
from typing import Iterable, Iterator, Sequence

from sqlalchemy import String, Text, and_, case, cast, func, select
from sqlalchemy.dialects.postgresql import INTERVAL
from sqlalchemy.orm import Session

from storage.models import Group, Item

REQUEST = "request"
DONE, EXPIRED, OPEN = "done", "expired", "open"


def asked(s: Session, group_id: int, start: datetime, end: datetime) -> dict[str, tuple[int, int]]:
    """Per category, the requests posted in [start, end): (how many, how
    many of them nobody has taken yet)."""
    q = (
        select(Item.category, func.count(), func.sum(case((Item.status == OPEN, 1), else_=0)))
        .where(Item.group_id == group_id, Item.kind == REQUEST, Item.created_at >= start, Item.created_at < end)
        .group_by(Item.category)
    )
    return {category: (int(n), int(still_open or 0)) for category, n, still_open in s.execute(q)}


def closed(s: Session, group_id: int, start: datetime, end: datetime) -> dict[tuple[str, str], int]:
    """Per (category, status), the requests done or expired in [start, end)."""
    q = (
        select(Item.category, Item.status, func.count())
        .where(Item.group_id == group_id, Item.kind == REQUEST, Item.closed_at >= start, Item.closed_at < end,
               Item.status.in_((DONE, EXPIRED)))
        .group_by(Item.category, Item.status)
    )
    return {(category, status): int(n) for category, status, n in s.execute(q)}


def median_claim_seconds(s: Session, group_id: int, start: datetime, end: datetime) -> tuple[int, float | None]:
    """How many requests were claimed in [start, end), and the median time
    from posting to claim, in seconds (None when none was claimed). The
    middle row is picked by the database (ORDER BY … OFFSET), never by
    reading every row."""
    where = (Item.group_id == group_id, Item.kind == REQUEST, Item.claimed_at >= start, Item.claimed_at < end)
    n = int(s.scalar(select(func.count()).select_from(Item).where(*where)) or 0)
    if n == 0:
        return 0, None
    waited = _seconds_between(s, Item.created_at, Item.claimed_at)
    middle = list(s.scalars(select(waited).where(*where).order_by(waited).offset((n - 1) // 2).limit(2 - n % 2)))
    # to the second: SQLite's julianday carries float noise
    return n, sum(round(float(v)) for v in middle) / len(middle)


def _seconds_between(s: Session, earlier, later):
    if s.get_bind().dialect.name == "postgresql":
        return func.extract("epoch", later - earlier)
    # SQLite keeps naive UTC timestamps as text; julianday reads them, in days
    return (func.julianday(later) - func.julianday(earlier)) * 86400.0


def weekly(s: Session, group_id: int, bounds: Sequence[datetime]) -> tuple[dict[tuple[int, str], int], dict[tuple[int, str], int]]:
    """Requests asked and met per week and category, the weeks being
    [bounds[i], bounds[i+1]). Keys are (week index, category)."""

    def per_week(column, *extra) -> dict[tuple[int, str], int]:
        week = case(*[(and_(column >= bounds[i], column < bounds[i + 1]), i) for i in range(len(bounds) - 1)])
        q = (
            select(week, Item.category, func.count())
            .where(Item.group_id == group_id, Item.kind == REQUEST, column >= bounds[0], column < bounds[-1], *extra)
            .group_by(week, Item.category)
        )
        return {(int(w), category): int(n) for w, category, n in s.execute(q) if w is not None}

    return per_week(Item.created_at), per_week(Item.closed_at, Item.status == DONE)


def has_requests(s: Session, group_id: int) -> bool:
    return s.scalar(select(Item.id).where(Item.group_id == group_id, Item.kind == REQUEST).limit(1)) is not None


# --- the export ---------------------------------------------------------------
# A large group's export is formatted by the database: moments are written
# in the group's local time by SQL, given the zone's offsets over the span
# of the group's moments (``Offsets``: [(from, seconds)], the first from
# None), so Python only joins strings. Kinds, categories and statuses are
# codes of plain letters and need no CSV quoting.

Offsets = Sequence[tuple[datetime | None, int]]


def earliest_posted(s: Session, group_id: int) -> datetime | None:
    """When the group's first item was posted (one index look-up per kind)."""
    firsts = [s.scalar(select(func.min(Item.created_at)).where(Item.group_id == group_id, Item.kind == kind))
              for kind in ("request", "offer")]
    firsts = [f for f in firsts if f is not None]
    return min(firsts) if firsts else None


def export_count(s: Session, group_id: int) -> int:
    return int(s.scalar(select(func.count()).select_from(Item).where(Item.group_id == group_id)) or 0)


def export_rows(s: Session, group_id: int, offsets: Offsets, batch: int = 5000) -> Iterator[tuple]:
    """The group's items by number, streamed (a server-side cursor on
    PostgreSQL): number, kind, category, status, created, claimed, closed,
    when, hours, each a string or None."""
    q = select(*_export_columns(s, offsets)).where(Item.group_id == group_id).order_by(Item.id)
    for part in s.connection().execute(q.execution_options(yield_per=batch)).partitions():
        yield from part


def export_lines(s: Session, group_id: int, offsets: Offsets, *, stream: bool = False) -> Iterable[str]:
    """The same rows as CSV lines, joined by the database; streamed in
    batches, or fetched at once (faster, for a file sent in a chat)."""
    line = None
    for column in _export_columns(s, offsets):
        cell = column if column.key in _NEVER_EMPTY else func.coalesce(column, "")
        line = cell if line is None else line + "," + cell
    q = select(line).where(Item.group_id == group_id).order_by(Item.id)
    if not stream:
        return s.connection().execute(q).scalars().all()
    return _streamed_lines(s, q)


def _streamed_lines(s: Session, q) -> Iterator[str]:
    for part in s.connection().execute(q.execution_options(yield_per=5000)).partitions():
        for row in part:
            yield row[0]


_NEVER_EMPTY = {"number", "kind", "category", "status"}


def _export_columns(s: Session, offsets: Offsets) -> list:
    postgres = s.get_bind().dialect.name == "postgresql"
    when = case((Item.has_time.is_(True), _local(Item.when_at, offsets, postgres)),
                else_=_local(Item.when_at, offsets, postgres, seconds=False))
    # "1.5", "2"; SQLite's printf would write NULL as 0
    hours = cast(Item.hours, Text) if postgres else case(
        (Item.hours.is_(None), None), else_=func.printf("%g", Item.hours, type_=String))
    return [cast(Item.id, Text).label("number"), Item.kind, Item.category, Item.status,
            _local(Item.created_at, offsets, postgres), _local(Item.claimed_at, offsets, postgres),
            _local(Item.closed_at, offsets, postgres), when, hours]


def _local(column, offsets: Offsets, postgres: bool, seconds: bool = True):
    """``column`` (UTC) written as local ISO 8601 (RFC 3339's form, with a
    space), "2026-12-02 10:00:00-05:00", or the local date alone; NULL stays NULL. One CASE picks the span,
    the latest first, since most rows are recent."""

    def written(offset: int):
        shift = f"{offset} seconds"
        if postgres:
            fmt = "YYYY-MM-DD HH24:MI:SS" if seconds else "YYYY-MM-DD"
            text = func.to_char(column + cast(shift, INTERVAL), fmt, type_=String)
        else:
            # datetime() and date() cost SQLite a fraction of strftime()
            text = (func.datetime if seconds else func.date)(column, shift, type_=String)
        return text + _suffix(offset) if seconds else text

    latest_first = list(reversed(offsets))
    if len(latest_first) == 1:
        return written(latest_first[0][1])
    return case(*[(column >= start, written(offset)) for start, offset in latest_first[:-1]],
                else_=written(latest_first[-1][1]))


def _suffix(offset: int) -> str:
    sign = "-" if offset < 0 else "+"
    hours, minutes = divmod(abs(offset) // 60, 60)
    return f"{sign}{hours:02d}:{minutes:02d}"


def groups_for_export(s: Session, name: str) -> list[Group]:
    """``NAME`` as a group's name (case-insensitive, on any platform), or
    ``PLATFORM:CHAT_ID``, which names one group where names repeat."""
    platform, sep, chat_id = name.partition(":")
    if sep:
        exact = s.scalar(select(Group).where(Group.platform == platform, Group.chat_id == chat_id))
        if exact is not None:
            return [exact]
    return list(s.scalars(select(Group).where(func.lower(Group.name) == name.lower()).order_by(Group.id)))
