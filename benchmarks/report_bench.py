"""/stats and /export on a SQLite database of 100,000 items (issue 9: each
must answer in under a second). All the items belong to the group asked
about, the worst case for /export; they span 26 weeks, so /stats counts a
week and a month of them.

Each command is timed as a coordinator would meet it: ``Engine.handle`` of
the message, which records it, computes, writes the answer (the CSV as a
file row) to the outbox and commits. Printed beside each: a baseline
measured in the same run on the same file by sqlite3 alone, each run right
after the command's (the machine may be shared), and the ratio:

- /stats against ``SELECT category, status, count(*) FROM items WHERE
  group_id = 1 GROUP BY category, status`` (one pass over the group);
- /export against ``SELECT`` of the exported columns of every item of the
  group, fetched (the rows it writes, without writing them).

Then the query plans of the report queries, which must use the indexes of
migration 0002.

    .venv/bin/python benchmarks/report_bench.py [--items 100000] [--runs 5]
"""
from __future__ import annotations

import argparse
import json
import platform
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert  # noqa: E402

from bot.engine import Engine  # noqa: E402
from bot.events import IncomingMessage, Sender  # noqa: E402
from bot.turn import Defaults  # noqa: E402
from storage.db import migrate, open_database, session_factory  # noqa: E402
from storage.models import Group, Item, Member, Membership  # noqa: E402

NOW = datetime(2026, 12, 3, 18, 0, tzinfo=timezone.utc)  # a Thursday, 13:00 in New York
CATEGORIES = ("food", "transport", "housing", "health", "childcare", "money", "supplies", "errands", "pets",
              "legal", "translation", "companionship", "other")
STATUSES = (("done", 60), ("expired", 15), ("cancelled", 5), ("claimed", 10), ("open", 10))


def build(url: str, count: int) -> None:
    rng = random.Random(9)
    db = open_database(url)
    migrate(db)
    with db.begin() as c:
        c.execute(insert(Group), [{"id": 1, "platform": "sim", "chat_id": "eastside", "name": "eastside",
                                   "settings": json.dumps({"zone": "America/New_York"}), "paused": False,
                                   "introduced": True, "created_at": NOW - timedelta(days=400)}])
        c.execute(insert(Member), [{"id": 1, "platform": "sim", "user_id": "ana", "handle": "ana",
                                    "created_at": NOW - timedelta(days=400)}])
        c.execute(insert(Membership), [{"group_id": 1, "member_id": 1, "is_admin": True, "promoted": False,
                                        "last_seen_at": NOW}])
        statuses = [s for s, weight in STATUSES for _ in range(weight)]
        rows = []
        for n in range(1, count + 1):
            created = NOW - timedelta(minutes=rng.randrange(26 * 7 * 24 * 60))
            status = rng.choice(statuses)
            claimed = created + timedelta(minutes=rng.randrange(5, 3000)) if status in ("done", "claimed") else None
            closed = created + timedelta(hours=rng.randrange(1, 200)) if status in ("done", "expired", "cancelled") else None
            rows.append({"id": n, "group_id": 1, "kind": "request" if n % 5 else "offer", "what": "groceries",
                         "category": rng.choice(CATEGORIES), "when_at": created + timedelta(days=3),
                         "has_time": bool(n % 2), "urgent": False, "lang": "en", "status": status,
                         "author_id": None, "claimer_id": None, "via_direct": False, "created_at": created,
                         "claimed_at": claimed, "closed_at": min(closed, NOW) if closed else None,
                         "hours": 1.5 if status == "done" and n % 3 == 0 else None, "scrubbed": True})
            if len(rows) == 10_000:
                c.execute(insert(Item), rows)
                rows = []
        if rows:
            c.execute(insert(Item), rows)
    db.dispose()


def time_commands(url: str, path: str, runs: int) -> tuple[dict[str, list[float]], dict[str, list]]:
    """Each command and its baseline in turn, run after run, so both meet
    the same load on a shared machine."""
    db = open_database(url)
    engine = Engine(session_factory(db), Defaults(zone="America/New_York"))
    con = sqlite3.connect(path)
    ana = Sender(user_id="ana", handle="ana", is_admin=True)
    times: dict[str, list[float]] = {}
    answers: dict[str, list] = {}
    for run in range(runs):
        for text, sql in (("/stats", STATS_BASELINE), ("/export", EXPORT_BASELINE)):
            msg = IncomingMessage(platform="sim", chat_id="eastside", message_id=f"{text}-{run}", sender=ana,
                                  text=text, sent_at=NOW, chat_title="eastside")
            start = time.perf_counter()
            answers[text] = engine.handle(msg, NOW)
            times.setdefault(text, []).append(time.perf_counter() - start)
            start = time.perf_counter()
            con.execute(sql).fetchall()
            times.setdefault(f"{text} baseline", []).append(time.perf_counter() - start)
    con.close()
    db.dispose()
    return times, answers


STATS_BASELINE = "SELECT category, status, count(*) FROM items WHERE group_id = 1 GROUP BY category, status"
EXPORT_BASELINE = ("SELECT id, kind, category, status, created_at, claimed_at, closed_at, when_at, has_time, hours "
                   "FROM items WHERE group_id = 1 ORDER BY id")
PLANS = (
    ("asked", "SELECT category, count(*), sum(CASE WHEN status = 'open' THEN 1 ELSE 0 END) FROM items "
              "WHERE group_id = 1 AND kind = 'request' AND created_at >= :a AND created_at < :b GROUP BY category"),
    ("met, expired", "SELECT category, status, count(*) FROM items WHERE group_id = 1 AND kind = 'request' "
                     "AND closed_at >= :a AND closed_at < :b AND status IN ('done', 'expired') GROUP BY category, status"),
    ("time to claim", "SELECT (julianday(claimed_at) - julianday(created_at)) AS d FROM items WHERE group_id = 1 "
                      "AND kind = 'request' AND claimed_at >= :a AND claimed_at < :b ORDER BY d LIMIT 2 OFFSET 10"),
    ("export", "SELECT id, created_at FROM items WHERE group_id = 1 ORDER BY id"),
)


def plans(path: str) -> list[str]:
    con = sqlite3.connect(path)
    bounds = {"a": "2026-11-01 00:00:00", "b": "2026-12-01 00:00:00"}
    out = [f"{label}: " + " | ".join(r[-1] for r in con.execute("EXPLAIN QUERY PLAN " + sql, bounds))
           for label, sql in PLANS]
    con.close()
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--items", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = f"{tmp}/report.db"
        url = f"sqlite:///{path}"
        started = time.perf_counter()
        build(url, args.items)
        built = time.perf_counter() - started
        times, answers = time_commands(url, path, args.runs)
        plan_lines = plans(path)
    exported = answers["/export"][0].content if answers["/export"] else b""
    rows = exported.count(b"\n") - 1
    machine = f"{platform.machine()}, {platform.processor() or 'cpu'}, Python {platform.python_version()}"
    print(f"machine: {machine}; SQLite {sqlite3.sqlite_version}")
    print(f"items: {args.items:,} in one group, over 26 weeks (built in {built:.1f} s); runs: {args.runs}")

    def line(label, times, base, base_label):
        med, b = statistics.median(times), statistics.median(base)
        print(f"{label}: median {med * 1000:.0f} ms, first {times[0] * 1000:.0f} ms, slowest {max(times) * 1000:.0f} ms "
              f"(goal: under 1000 ms) | baseline, {base_label}: median {b * 1000:.1f} ms | ratio {med / b:.1f}x")
        return med, b

    s_med, s_base = line("/stats", times["/stats"], times["/stats baseline"], "sqlite3 GROUP BY over the group")
    e_med, e_base = line("/export", times["/export"], times["/export baseline"],
                         "sqlite3 SELECT of the exported columns")
    print(f"/export sent {rows:,} rows, {len(exported) / 1e6:.1f} MB of CSV")
    print("/stats answer: " + (answers["/stats"][0].text.replace("\n", " / ") if answers["/stats"] else "(none)"))
    for p in plan_lines:
        print(f"plan, {p}")
    unindexed = [p for p in plan_lines if "ix_items_report" not in p]
    print("report queries use migration 0002's indexes: " + ("yes" if not unindexed else f"NO: {unindexed}"))
    print(json.dumps({"stats_ms": round(s_med * 1000, 1), "stats_baseline_ms": round(s_base * 1000, 1),
                      "stats_ratio": round(s_med / s_base, 1), "export_ms": round(e_med * 1000, 1),
                      "export_baseline_ms": round(e_base * 1000, 1), "export_ratio": round(e_med / e_base, 1),
                      "under_a_second": s_med < 1 and e_med < 1}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
