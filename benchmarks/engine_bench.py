"""Engine throughput and time per message with 0, 100,000 and 1,000,000
items already stored, on SQLite and on PostgreSQL (issue 8, performance).

Each size gets a fresh database, filled in bulk with a city-wide network's
history (mostly closed items with their announcements, handled-message
records and due rows; a few open ones), then one group of it receives a
realistic mix of messages through ``Engine.handle`` — needs that make
items, claims by reply to the bot's announcement, /done, /open on a group
with few open items, and chatter the bot ignores. Each message is one
committed transaction; only ``Engine.handle`` is timed. Between messages,
outside the timing, everything the engine wrote to the outbox is marked
sent (one UPDATE), as the outbox sender would, so the next claim can reply
to an announcement that carries a platform message id.

Beside it, in the same run and the same folder, the floor: as many
single-row INSERT+COMMITs with ``sqlite3`` alone, in WAL mode with
``synchronous=FULL`` (the bot's own durability), one after each message,
so both meet the same disk at the same moment (this machine's disk is
shared and its fsync time wanders). On PostgreSQL, the floor is as many
single-row INSERT+COMMITs with psycopg alone in the same database. The
ratio engine / floor is the figure that counts.

    .venv/bin/python benchmarks/engine_bench.py
    .venv/bin/python benchmarks/engine_bench.py --sizes 0,100000 --databases sqlite --messages 1000
    .venv/bin/python benchmarks/engine_bench.py --sizes 1000000 --databases sqlite --profile

Goal (SQLite, 1,000,000 items): at least 1,000 messages a second, p99 under 20 ms.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import json
import logging
import os
import platform
import pstats
import random
import sqlite3
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import String, cast, create_engine, func, insert, literal, select, text, update  # noqa: E402

from bot.engine import Engine  # noqa: E402
from bot.events import IncomingMessage, Sender  # noqa: E402
from bot.turn import Defaults  # noqa: E402
from storage import repo  # noqa: E402
from storage.db import migrate, open_database, session_factory  # noqa: E402
from storage.keys import message_key  # noqa: E402
from storage.models import (  # noqa: E402
    Announcement,
    Due,
    Group,
    Handled,
    Item,
    ItemPrivate,
    Member,
    Membership,
    Outbox,
)

PLATFORM = "telegram"
BENCH_CHAT = "-100200300"  # the group the timed messages go to
ZONE = "America/New_York"
START = datetime(2026, 12, 2, 15, 0, tzinfo=timezone.utc)  # 10:00 in New York: not quiet
STEP = timedelta(seconds=3)  # virtual time between two messages
CHUNK = 10_000
ACTIVE_MEMBERS = 200  # members who speak in the bench group
PG_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"

NEEDS = (
    "need groceries tuesday",
    "can someone pick up my prescription at the pharmacy on Main St tomorrow 3pm",
    "anyone have a spare stroller?",
    "I could use a ride to the clinic friday at 10am",
    "need help moving a couch saturday",
    "necesito ayuda con la compra el martes",
)
CLAIMS = ("I can do it", "on it", "I can help with that", "yo puedo")
CHATTER = ("thanks everyone!", "good morning all", "what time is the meeting", "see you all sunday",
           "great work this week", "is the pantry open today?")
# one cycle of ten messages: as many items made as claimed and closed, so
# the group keeps few open items (and /open stays short) however long it runs
CYCLE = ("need", "chatter", "need", "claim", "chatter", "claim", "open", "done", "chatter", "done")


# --- filling the database ------------------------------------------------------


def _chunks(rows, size: int = CHUNK):
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


@dataclass
class Shape:
    """How a stored history of ``items`` items is spread: the bench group is
    group 1 (it has its share of closed items and none open)."""

    items: int
    groups: int = field(init=False)
    members: int = field(init=False)

    def __post_init__(self) -> None:
        self.groups = max(1, self.items // 1000)
        self.members = ACTIVE_MEMBERS + self.items // 100

    def group_of(self, n: int) -> int:
        return n % self.groups + 1


def seed(url: str, items: int) -> dict[str, int]:
    """Fill a migrated database with ``items`` items of history; returns
    the number of rows per table."""
    shape = Shape(items)
    db = open_database(url)
    counts: dict[str, int] = {}
    rng = random.Random(7)
    with db.begin() as c:
        groups = [{"id": g, "platform": PLATFORM, "chat_id": BENCH_CHAT if g == 1 else f"-100{g:09d}",
                   "name": f"group {g}", "settings": json.dumps({"zone": ZONE, "flood": "off"}) if g == 1 else "{}",
                   "paused": False, "introduced": True, "created_at": START - timedelta(days=730)}
                  for g in range(1, shape.groups + 1)]
        c.execute(insert(Group), groups)
        counts["groups"] = len(groups)
        for batch in _chunks({"id": m, "platform": PLATFORM, "user_id": str(10_000 + m), "handle": f"member{m}",
                              "last_group_id": 1 if m <= ACTIVE_MEMBERS else shape.group_of(m),
                              "created_at": START - timedelta(days=700)} for m in range(1, shape.members + 1)):
            c.execute(insert(Member), batch)
        counts["members"] = shape.members
        memberships = [{"group_id": 1, "member_id": m, "is_admin": m <= 3, "promoted": False,
                        "last_seen_at": START - timedelta(days=1)} for m in range(1, ACTIVE_MEMBERS + 1)]
        memberships += [{"group_id": shape.group_of(m), "member_id": m, "is_admin": False, "promoted": False,
                         "last_seen_at": START - timedelta(days=3)}
                        for m in range(ACTIVE_MEMBERS + 1, shape.members + 1) if shape.group_of(m) != 1]
        for batch in _chunks(memberships):
            c.execute(insert(Membership), batch)
        counts["memberships"] = len(memberships)
    if items:
        history = (_history_item(n, shape, rng) for n in range(1, items + 1))
        counts.update(_insert_history(db, history, shape))
    if db.dialect.name == "postgresql":
        # autovacuum would have analysed a database this size long ago
        with db.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
            c.execute(text("ANALYZE"))
    db.dispose()
    return counts


@dataclass
class _Past:
    n: int
    group: int
    status: str
    created: datetime
    closed: datetime | None
    scrubbed: bool
    author: int | None
    claimer: int | None


def _history_item(n: int, shape: Shape, rng: random.Random) -> _Past:
    group = shape.group_of(n)
    created = START - timedelta(days=730) + timedelta(seconds=int(730 * 86400 * n / max(1, shape.items + 1)))
    roll = rng.random()
    # a few recent items elsewhere are still open or claimed; the bench group's all closed
    recent = created > START - timedelta(days=14)
    if recent and group != 1 and roll < 0.3:
        status = "open" if roll < 0.15 else "claimed"
    else:
        status = "done" if roll < 0.8 else ("expired" if roll < 0.9 else "cancelled")
    closed = None if status in ("open", "claimed") else created + timedelta(days=2)
    scrubbed = closed is not None and closed < START - timedelta(days=90)
    author = None if scrubbed else rng.randint(1, shape.members)
    claimer = None if scrubbed or status in ("open", "expired") else rng.randint(1, shape.members)
    return _Past(n, group, status, created, closed, scrubbed, author, claimer)


def _insert_history(db, history, shape: Shape) -> dict[str, int]:
    counts = {"items": 0, "item_private": 0, "handled": 0, "outbox": 0, "announcements": 0, "due": 0}

    def chat(g: int) -> str:
        return BENCH_CHAT if g == 1 else f"-100{g:09d}"

    with db.begin() as c:
        for batch in _chunks(history):
            c.execute(insert(Item), [
                {"id": p.n, "group_id": p.group, "kind": "request" if p.n % 5 else "offer", "what": "groceries",
                 "category": "food", "when_at": p.created + timedelta(days=3), "has_time": False,
                 "recurrence": None, "series_id": None, "place": None, "urgent": False, "lang": "en",
                 "status": p.status, "author_id": p.author, "claimer_id": p.claimer, "via_direct": False,
                 "source_key": None if p.scrubbed else message_key(PLATFORM, chat(p.group), f"m{p.n}"),
                 "created_at": p.created, "claimed_at": p.created + timedelta(hours=1) if p.claimer else None,
                 "closed_at": p.closed, "hours": None, "scrubbed": p.scrubbed} for p in batch])
            counts["items"] += len(batch)
            private = [{"item_id": p.n, "text": "need groceries tuesday, 12 Elm St", "details": "12 Elm St"}
                       for p in batch if not p.scrubbed]
            if private:
                c.execute(insert(ItemPrivate), private)
                counts["item_private"] += len(private)
            # every message the bot ever read leaves a record: the need and, if claimed, the claim
            handled = [{"key": message_key(PLATFORM, chat(p.group), f"m{p.n}"), "member_id": p.author,
                        "at": p.created} for p in batch]
            handled += [{"key": message_key(PLATFORM, chat(p.group), f"c{p.n}"), "member_id": p.claimer,
                         "at": p.created} for p in batch if p.claimer or p.status == "done"]
            c.execute(insert(Handled), handled)
            counts["handled"] += len(handled)
            # the announcement of each item, sent long ago (no words kept)
            c.execute(insert(Outbox), [
                {"id": p.n, "platform": PLATFORM, "kind": "send", "chat_id": chat(p.group), "user_id": None,
                 "member_id": None, "text": None, "reply_to": None, "edit_of": None, "buttons": None,
                 "file_name": None, "file_data": None, "is_image": False, "group_id": p.group, "item_id": p.n,
                 "created_at": p.created, "not_before": None, "sent_at": p.created, "message_id": str(p.n),
                 "attempts": 0, "failed": None, "lease_until": None} for p in batch])
            c.execute(insert(Announcement), [{"outbox_id": p.n, "item_id": p.n} for p in batch])
            counts["outbox"] += len(batch)
            counts["announcements"] += len(batch)
            due = []
            for p in batch:
                if p.status == "open":
                    due.append({"kind": "expire", "due_at": p.created + timedelta(days=10), "group_id": p.group,
                                "item_id": p.n, "done_at": None})
                elif p.status == "claimed":
                    due.append({"kind": "remind", "due_at": p.created + timedelta(days=3), "group_id": p.group,
                                "item_id": p.n, "done_at": None})
                elif p.scrubbed:
                    due.append({"kind": "retention", "due_at": p.closed + timedelta(days=90), "group_id": p.group,
                                "item_id": p.n, "done_at": p.closed + timedelta(days=90)})
                else:
                    due.append({"kind": "retention", "due_at": p.closed + timedelta(days=90), "group_id": p.group,
                                "item_id": p.n, "done_at": None})
            c.execute(insert(Due), due)
            counts["due"] += len(due)
    if db.dialect.name == "postgresql":
        # rows were given explicit ids: move the sequences past them
        with db.begin() as c:
            for table in ("items", "outbox", "groups", "members"):
                c.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                               f"(SELECT max(id) FROM {table}))"))
    return counts


# --- the timed conversation ----------------------------------------------------


@dataclass
class Conversation:
    """Plays the cycle of messages in the bench group and keeps what the
    next message needs: which items are open, claimed, and by whom."""

    engine: Engine
    sessions: object
    rng: random.Random
    now: datetime = START
    serial: int = 0
    open_items: list[tuple[int, int, str]] = field(default_factory=list)  # (number, author, announcement id)
    claimed_items: list[tuple[int, int]] = field(default_factory=list)  # (number, author)
    kinds: dict[str, int] = field(default_factory=dict)

    def message(self, kind: str) -> tuple[IncomingMessage, Callable[[], None] | None]:
        """The next message of ``kind`` (or chatter when there is nothing to
        claim or close), and what to note once it is handled."""
        self.serial += 1
        self.now += STEP
        speaker = self.rng.randint(1, ACTIVE_MEMBERS)
        reply_to = None
        after = None
        if kind == "claim" and self.open_items:
            number, author, announcement = self.open_items.pop(0)
            speaker = author % ACTIVE_MEMBERS + 1  # anyone but the author
            words, reply_to = self.rng.choice(CLAIMS), announcement
            self.claimed_items.append((number, author))
        elif kind == "done" and self.claimed_items:
            number, author = self.claimed_items.pop(0)
            speaker, words = author, f"/done {number}"
        elif kind == "need":
            words = self.rng.choice(NEEDS)
            after = lambda: self._note_item(speaker)  # noqa: E731
        elif kind == "open":
            words = "/open"
        else:
            kind, words = "chatter", self.rng.choice(CHATTER)
        self.kinds[kind] = self.kinds.get(kind, 0) + 1
        msg = IncomingMessage(PLATFORM, BENCH_CHAT, f"bench{self.serial}",
                              Sender(str(10_000 + speaker), f"member{speaker}"), words, self.now,
                              chat_title="group 1", reply_to=reply_to)
        return msg, after

    def _note_item(self, author: int) -> None:
        with self.sessions() as db:
            number = db.scalar(select(func.max(Item.id)).where(Item.group_id == 1, Item.author_id == author))
            row = repo.latest_announcement(db, number)
            if row is not None:  # a need read as a plea is asked about, not announced
                self.open_items.append((number, author, row.message_id))

    def deliver(self) -> None:
        """What the outbox sender does, in one statement: every row owed is
        sent, and messages get a platform id (edits give none)."""
        with self.sessions() as db, db.begin():
            db.execute(update(Outbox).where(Outbox.sent_at.is_(None), Outbox.kind != "edit").values(
                sent_at=self.now, message_id=literal("bot") + cast(Outbox.id, String), text=None, user_id=None,
                file_data=None, lease_until=None))
            db.execute(update(Outbox).where(Outbox.sent_at.is_(None)).values(
                sent_at=self.now, text=None, lease_until=None))


class _ErrorCount(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.count = 0

    def emit(self, record) -> None:
        self.count += 1


@dataclass
class Run:
    database: str
    items: int
    messages: int
    seconds: list[float]
    kinds: dict[str, int]
    errors: int
    seed_seconds: float
    counts: dict[str, int]
    bench_state: dict[str, int]
    floor_seconds: float = 0.0
    cpu_seconds: float = 0.0
    profile: str = ""

    @property
    def total(self) -> float:
        return sum(self.seconds)

    def pct(self, q: float) -> float:
        ordered = sorted(self.seconds)
        return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def play(url: str, messages: int, warmup: int, profile: bool, statements: bool,
         floor) -> tuple[list[float], list[float], dict, int, dict, str]:
    """Times each message; after each, times one commit of the floor, so
    both meet the same disk and the same neighbours on a shared machine."""
    db = open_database(url)
    tracer = StatementTracer(db) if statements else None
    sessions = session_factory(db)
    engine = Engine(sessions, Defaults(zone=ZONE))
    talk = Conversation(engine, sessions, random.Random(11))
    errors = _ErrorCount()
    logging.getLogger().addHandler(errors)
    seconds: list[float] = []
    cpu_seconds: list[float] = []  # this process's CPU: what neighbours on the machine do not inflate
    floors: list[float] = []
    profiler = cProfile.Profile() if profile else None
    try:
        for index in range(warmup + messages):
            msg, after = talk.message(CYCLE[index % len(CYCLE)])
            timed = index >= warmup
            if profiler is not None and timed:
                profiler.enable()
            if tracer is not None:
                tracer.active = timed
            start, cpu_start = time.perf_counter(), time.process_time()
            engine.handle(msg, talk.now)
            elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
            if profiler is not None:
                profiler.disable()
            if tracer is not None:
                tracer.active = False
            if timed:
                seconds.append(elapsed)
                cpu_seconds.append(cpu)
                floors.append(floor.commit(index))
            talk.deliver()
            if after is not None:
                after()
            if index == warmup - 1:
                talk.kinds.clear()  # the mix reported is the timed one
    finally:
        logging.getLogger().removeHandler(errors)
    with sessions() as s:
        state = dict(s.execute(select(Item.status, func.count()).where(Item.group_id == 1,
                                                                         Item.created_at >= START)
                               .group_by(Item.status)).all())
        # claims by reply reached their items: each made item was claimed before /done
        state["claimed first"] = s.scalar(select(func.count()).where(Item.group_id == 1, Item.created_at >= START,
                                                                   Item.claimer_id.is_not(None)))
    db.dispose()
    floor.close()
    report = tracer.report(messages) if tracer is not None else ""
    if profiler is not None:
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        stats.sort_stats("tottime").print_stats(25)
        stats.sort_stats("cumulative").print_stats(r"(bot|storage)/", 30)
        report += out.getvalue()
    return seconds, cpu_seconds, floors, talk.kinds, errors.count, state, report


class StatementTracer:
    """Time spent in the database per SQL statement, with the line of the
    project that issued it: what to index or batch."""

    def __init__(self, db) -> None:
        from sqlalchemy import event

        self.active = False
        self.by_statement: dict[tuple[str, str], list[float]] = {}
        self._started: list[float] = []
        event.listen(db, "before_cursor_execute", self._before)
        event.listen(db, "after_cursor_execute", self._after)

    def _before(self, conn, cursor, statement, parameters, context, executemany) -> None:
        self._started.append(time.perf_counter())

    def _after(self, conn, cursor, statement, parameters, context, executemany) -> None:
        took = time.perf_counter() - self._started.pop()
        if not self.active:
            return
        import traceback

        where = "?"
        for frame in reversed(traceback.extract_stack(limit=40)):
            if "/bot/" in frame.filename or "/storage/" in frame.filename:
                where = f"{os.path.relpath(frame.filename, ROOT)}:{frame.lineno}"
                break
        key = (where, " ".join(statement.split())[:160])
        self.by_statement.setdefault(key, []).append(took)

    def report(self, messages: int) -> str:
        rows = sorted(self.by_statement.items(), key=lambda kv: -sum(kv[1]))
        total = sum(sum(v) for v in self.by_statement.values())
        count = sum(len(v) for v in self.by_statement.values())
        lines = [f"  SQL: {count / messages:.1f} statements a message, {total / messages * 1000:.2f} ms a message "
                 "in the driver (top 20 by total time):"]
        for (where, sql), took in rows[:20]:
            lines.append(f"    {sum(took) / messages * 1000:6.3f} ms/msg  {len(took) / messages:5.2f}/msg  "
                         f"max {max(took) * 1000:6.2f} ms  {where}  {sql}")
        return "\n".join(lines) + "\n"


# --- the floors ---------------------------------------------------------------


class SqliteFloor:
    """Single-row INSERT+COMMITs with sqlite3 alone, WAL, synchronous=FULL,
    in a file beside the bot's: the durability the bot pays per message."""

    def __init__(self, folder: str) -> None:
        self.con = sqlite3.connect(os.path.join(folder, "floor.db"), isolation_level=None)
        self.con.execute("PRAGMA journal_mode=WAL")
        self.con.execute("PRAGMA synchronous=FULL")
        self.con.execute("CREATE TABLE IF NOT EXISTS floor (id INTEGER PRIMARY KEY, key TEXT, at TEXT)")

    def commit(self, n: int) -> float:
        start = time.perf_counter()
        self.con.execute("BEGIN IMMEDIATE")
        self.con.execute("INSERT INTO floor (key, at) VALUES (?, ?)", (f"k{n}", "2026-12-02 10:00:00"))
        self.con.execute("COMMIT")
        return time.perf_counter() - start

    def close(self) -> None:
        self.con.close()


class PostgresFloor:
    """Single-row INSERT+COMMITs with psycopg alone, in the same database."""

    def __init__(self, url: str) -> None:
        import psycopg

        self.con = psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True)
        self.con.execute("CREATE TABLE IF NOT EXISTS floor (id serial PRIMARY KEY, key text, at timestamp)")

    def commit(self, n: int) -> float:
        start = time.perf_counter()
        self.con.execute("INSERT INTO floor (key, at) VALUES (%s, %s)", (f"k{n}", "2026-12-02 10:00:00"))
        return time.perf_counter() - start

    def close(self) -> None:
        self.con.close()


# --- one database of one size -----------------------------------------------


class PostgresDatabase:
    """A fresh database on the server, dropped afterwards."""

    def __init__(self, admin_url: str, items: int) -> None:
        self.admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
        self.name = f"mutualaid_bench_{os.getpid()}_{items}"
        base = admin_url.rsplit("/", 1)[0]
        self.url = f"{base}/{self.name}"

    def __enter__(self) -> str:
        with self.admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{self.name}"'))
            c.execute(text(f'CREATE DATABASE "{self.name}"'))
        return self.url

    def __exit__(self, *exc) -> None:
        with self.admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)'))
        self.admin.dispose()


def measure(database: str, items: int, args) -> Run:
    with tempfile.TemporaryDirectory(dir=args.tmp) as folder:
        if database == "sqlite":
            url = f"sqlite:///{folder}/bench.db"
            return _measure_at(url, database, items, args, folder)
        with PostgresDatabase(args.pg_admin_url, items) as url:
            return _measure_at(url, database, items, args, folder)


def _measure_at(url: str, database: str, items: int, args, folder: str) -> Run:
    db = open_database(url)
    migrate(db)
    db.dispose()
    started = time.perf_counter()
    counts = seed(url, items)
    seed_seconds = time.perf_counter() - started
    floor = SqliteFloor(folder) if database == "sqlite" else PostgresFloor(url)
    seconds, cpu_seconds, floors, kinds, errors, state, report = play(url, args.messages, args.warmup, args.profile,
                                                         args.statements, floor)
    run = Run(database, items, len(seconds), seconds, kinds, errors, seed_seconds, counts, state,
              floor_seconds=sum(floors), cpu_seconds=sum(cpu_seconds), profile=report)
    return run


# --- the report ----------------------------------------------------------------


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{platform.machine()}, {model}, {os.cpu_count()} CPUs, Python {platform.python_version()}"


def print_run(run: Run) -> dict:
    per_msg = run.total / run.messages
    floor_per = run.floor_seconds / run.messages
    rate = run.messages / run.total
    p50, p99 = run.pct(0.50) * 1000, run.pct(0.99) * 1000
    floor_name = "sqlite3 WAL+FULL" if run.database == "sqlite" else "psycopg alone"
    print(f"\n{run.database}, {run.items:,} items stored "
          f"(seeded in {run.seed_seconds:.0f} s: " + ", ".join(f"{k} {v:,}" for k, v in run.counts.items()) + ")")
    print(f"  ratio engine / floor: {per_msg / floor_per:.1f}x "
          f"(engine {per_msg * 1000:.2f} ms a message; {floor_name} {floor_per * 1000:.2f} ms a commit)")
    cpu_ms = run.cpu_seconds / run.messages * 1000
    print(f"  engine: {rate:,.0f} messages/s, p50 {p50:.1f} ms, p99 {p99:.1f} ms, max {max(run.seconds) * 1000:.1f} ms "
          f"over {run.messages:,} messages")
    print(f"  CPU of this process: {cpu_ms:.2f} ms a message (at most {1000 / cpu_ms:,.0f} messages/s on one "
          f"core, waits for the disk aside{'' if run.database == 'sqlite' else ', the PostgreSQL server not counted'})")
    print("  mix: " + ", ".join(f"{k} {v}" for k, v in sorted(run.kinds.items())) +
          "; items made in the run by status: " + ", ".join(f"{k} {v}" for k, v in sorted(run.bench_state.items())) +
          f"; errors logged: {run.errors}")
    if run.database == "sqlite" and run.items >= 1_000_000:
        ok = rate >= 1000 and p99 < 20
        print(f"  goal (>= 1,000 messages/s and p99 < 20 ms at 1,000,000 items): {'met' if ok else 'NOT met'}")
    if run.profile:
        print(run.profile)
    return {"database": run.database, "items": run.items, "messages": run.messages,
            "ratio": round(per_msg / floor_per, 2), "msgs_per_s": round(rate, 1), "p50_ms": round(p50, 2),
            "p99_ms": round(p99, 2), "cpu_ms": round(cpu_ms, 3), "floor_ms": round(floor_per * 1000, 3), "engine_ms": round(per_msg * 1000, 3),
            "errors": run.errors}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="0,100000,1000000", help="items stored before the run, comma-separated")
    ap.add_argument("--databases", default="sqlite,postgresql", help="sqlite, postgresql or both")
    ap.add_argument("--messages", type=int, default=2000, help="timed messages per run")
    ap.add_argument("--warmup", type=int, default=50, help="messages handled first, not timed")
    ap.add_argument("--pg-admin-url", default=os.environ.get("MUTUALAID_BENCH_POSTGRES", PG_ADMIN_URL),
                    help="a database on the server where a fresh one is created and dropped")
    ap.add_argument("--tmp", default=None, help="folder for SQLite files (default: the system's temp folder)")
    ap.add_argument("--profile", action="store_true", help="cProfile the timed messages and print the top costs")
    ap.add_argument("--statements", action="store_true",
                    help="time each SQL statement and print the costliest, with the line that issued it")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    databases = [d.strip() for d in args.databases.split(",") if d.strip()]
    logging.basicConfig(level=logging.WARNING)
    print(f"machine: {machine()}")
    print(f"date: {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC; messages per run: {args.messages:,} "
          f"(after {args.warmup} untimed); mix per ten: {', '.join(CYCLE)}")
    results = []
    for database in databases:
        for items in sizes:
            before = os.getloadavg()[0]
            results.append(print_run(measure(database, items, args)))
            # others share this machine: say how busy it was
            print(f"  load average (1 min) before seeding {before:.1f}, after the run {os.getloadavg()[0]:.1f}")
    print("\n" + json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
