"""One scheduler tick with 100,000 pending due rows of which 1,000 fall due
(issue: "What happens on its own"). Prints the time per tick on SQLite, the
same work's floor measured in the same run (sqlite3 alone selecting and
marking the 1,000 rows), their ratio, and the query plans of the due-row
queries, which must use an index and scan no table.

    .venv/bin/python benchmarks/tick_bench.py [--pending 100000] [--due 1000]
"""
from __future__ import annotations

import argparse
import gc
import json
import platform
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert, text  # noqa: E402

from bot.engine import Engine  # noqa: E402
from bot.events import Tick  # noqa: E402
from bot.turn import Defaults  # noqa: E402
from storage.db import migrate, open_database, session_factory  # noqa: E402
from storage.models import Due, Group, Item, Member, Membership  # noqa: E402

NOW = datetime(2026, 12, 3, 18, 0, tzinfo=timezone.utc)  # 13:00 in New York: not quiet


def build(url: str, pending: int, due: int) -> None:
    db = open_database(url)
    migrate(db)
    with db.begin() as c:
        c.execute(insert(Group), [{"id": 1, "platform": "sim", "chat_id": "g", "name": "g", "settings": "{}",
                                   "paused": False, "introduced": True, "created_at": NOW}])
        c.execute(insert(Member), [{"id": i, "platform": "sim", "user_id": f"u{i}", "handle": f"u{i}",
                                    "created_at": NOW} for i in range(1, 1001)])
        c.execute(insert(Membership), [{"group_id": 1, "member_id": i, "is_admin": False, "promoted": False,
                                        "last_seen_at": NOW} for i in range(1, 1001)])
        items = []
        for n in range(1, pending + 1):
            items.append({"id": n, "group_id": 1, "kind": "request", "what": "groceries", "category": "food",
                          "when_at": NOW + timedelta(hours=2), "has_time": True, "urgent": False, "lang": "en",
                          "status": "claimed", "author_id": (n % 1000) + 1, "claimer_id": ((n + 1) % 1000) + 1,
                          "via_direct": False, "created_at": NOW - timedelta(days=1), "claimed_at": NOW - timedelta(days=1),
                          "scrubbed": False})
        for chunk in range(0, len(items), 10000):
            c.execute(insert(Item), items[chunk:chunk + 10000])
        rows = [{"kind": "remind", "item_id": n, "group_id": 1,
                 "due_at": NOW - timedelta(minutes=1) if n <= due else NOW + timedelta(days=1 + n % 30)}
                for n in range(1, pending + 1)]
        for chunk in range(0, len(rows), 10000):
            c.execute(insert(Due), rows[chunk:chunk + 10000])
    db.dispose()


def plans(url: str) -> list[str]:
    db = open_database(url)
    out = []
    with db.connect() as c:
        for label, sql in (
            ("take due rows", "SELECT * FROM due WHERE done_at IS NULL AND due_at <= :now ORDER BY due_at, id LIMIT 1000"),
            ("next due time", "SELECT min(due_at) FROM due WHERE done_at IS NULL"),
            ("rows of an item", "SELECT * FROM due WHERE item_id = 5 AND done_at IS NULL"),
        ):
            rows = c.execute(text("EXPLAIN QUERY PLAN " + sql), {"now": NOW.replace(tzinfo=None)}).fetchall()
            out.append(f"{label}: " + " | ".join(r[-1] for r in rows))
    db.dispose()
    return out


def time_tick(url: str) -> float:
    db = open_database(url)
    engine = Engine(session_factory(db), Defaults(zone="America/New_York"))
    start = time.perf_counter()
    engine.handle(Tick(NOW), NOW)
    elapsed = time.perf_counter() - start
    db.dispose()
    return elapsed


def floor(path: str, due: int) -> float:
    """sqlite3 alone, same durability: select the due rows by index and mark
    them done, one transaction."""
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    start = time.perf_counter()
    con.execute("BEGIN IMMEDIATE")
    ids = [r[0] for r in con.execute(
        "SELECT id FROM due WHERE done_at IS NULL AND due_at <= ? ORDER BY due_at, id LIMIT ?",
        (NOW.replace(tzinfo=None).isoformat(sep=" "), due))]
    con.executemany("UPDATE due SET done_at = ? WHERE id = ?", [(NOW.isoformat(), i) for i in ids])
    con.execute("ROLLBACK")
    elapsed = time.perf_counter() - start
    con.close()
    return elapsed


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pending", type=int, default=100_000)
    ap.add_argument("--due", type=int, default=1_000)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    ticks, floors = [], []
    plan_lines: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(args.runs):
            path = f"{tmp}/tick{run}.db"
            url = f"sqlite:///{path}"
            build(url, args.pending, args.due)
            floors.append(floor(path, args.due))
            if run == 0:
                plan_lines = plans(url)
            # the build just made ~300,000 objects in this process: collect them
            # now, or a full collection lands inside the timed tick (a bot's
            # tick never follows such a burst)
            gc.collect()
            ticks.append(time_tick(url))
    tick, base = statistics.median(ticks), statistics.median(floors)
    machine = f"{platform.machine()}, {platform.processor() or 'cpu'}, Python {platform.python_version()}"
    print(f"machine: {machine}")
    print(f"pending due rows: {args.pending:,}; falling due: {args.due:,}; runs: {args.runs}")
    print(f"tick (engine: take, run {args.due} reminders, write the outbox, mark done): median {tick*1000:.1f} ms "
          f"(goal: under 100 ms)")
    print(f"floor (sqlite3 alone: select + mark {args.due} rows): median {base*1000:.1f} ms")
    print(f"ratio tick / floor: {tick/base:.1f}x")
    for line in plan_lines:
        print(f"plan, {line}")
    scans = [l for l in plan_lines if "SCAN" in l and "USING" not in l.split("SCAN", 1)[1][:40]]
    print("plans use an index and scan no table: " + ("yes" if not scans else f"NO: {scans}"))
    print(json.dumps({"tick_ms": round(tick * 1000, 1), "floor_ms": round(base * 1000, 1),
                      "ratio": round(tick / base, 1)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
