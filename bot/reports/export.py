"""A group's items as rows for a spreadsheet: /export (a CSV file sent to
the coordinator) and ``mutualaid export`` (CSV or JSON on the command
line) write the same columns.

Only numbers, kinds, categories, statuses, moments and time-bank hours
leave the database this way: never a name, a handle, the item's words,
its place or its private details. Moments are ISO 8601 in the group's
zone with the offset ("2026-12-02 10:00:00-05:00", RFC 3339's form that
spreadsheets read), so an hour repeated when
clocks go back is still told apart; an item with only a date has only a
date in ``when``. The database writes the values (``storage.reports``);
this module frames them."""
from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Iterable, TextIO
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.reports import offsets
from storage import reports as store

COLUMNS = ("number", "kind", "category", "status", "created", "claimed", "closed", "when", "hours")
HEADER = ",".join(COLUMNS)


# moments outside the span get the nearest span's offset: items are
# posted after their group exists, and their times are rarely a year away
BEFORE_FIRST = timedelta(days=31)
AFTER_NOW = timedelta(days=400)


def zone_offsets(db: Session, group_id: int, zone: ZoneInfo, now: datetime):
    first = store.earliest_posted(db, group_id) or now
    return offsets.spans(zone, first - BEFORE_FIRST, now + AFTER_NOW)


def csv_file(db: Session, group_id: int, zone: ZoneInfo, now: datetime) -> tuple[bytes, int]:
    """The whole CSV, for sending as a file, and how many items it holds."""
    lines = store.export_lines(db, group_id, zone_offsets(db, group_id, zone, now))
    return "\n".join([HEADER, *lines, ""]).encode("utf-8"), len(lines)


def write_csv(lines: Iterable[str], out: TextIO) -> int:
    out.write(HEADER + "\n")
    count = 0
    for line in lines:
        out.write(line + "\n")
        count += 1
    return count


def write_json(rows: Iterable[tuple], out: TextIO) -> int:
    """A JSON array of objects, one per item, written as it is read (a
    large group is never held in memory whole); ``number`` and ``hours``
    are numbers, empty values null."""
    out.write("[")
    count = 0
    for row in rows:
        record = dict(zip(COLUMNS, row))
        record["number"] = int(record["number"])
        if record["hours"] is not None:
            record["hours"] = float(record["hours"])
        out.write(",\n" if count else "\n")
        out.write(json.dumps(record, ensure_ascii=False))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count
