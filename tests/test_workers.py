"""Two bot processes on one database: every due row runs once and every
owed message is taken for sending once (FOR UPDATE SKIP LOCKED on
PostgreSQL; SQLite's single writer elsewhere)."""
from __future__ import annotations

import threading
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.engine import Engine
from bot.events import Tick
from bot.outbox import OutboxQueue
from bot.turn import Defaults
from storage.db import open_database, session_factory
from storage.models import Outbox
from tests.harness import Chat

NY = ZoneInfo("America/New_York")
BURST = 60


def _worker(url: str):
    db = open_database(url)
    sessions = session_factory(db)
    return db, Engine(sessions, Defaults(zone="America/New_York")), OutboxQueue(sessions)


def _run_together(*fns) -> None:
    start = threading.Barrier(len(fns))
    errors = []

    def wrap(fn):
        try:
            start.wait()
            fn()
        except Exception as exc:  # surfaced below, not lost in a thread
            errors.append(exc)

    threads = [threading.Thread(target=wrap, args=(f,)) for f in fns]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors


def test_two_workers_send_each_due_reminder_once(database_url):
    lines = ["@group eastside"]
    for n in range(1, BURST + 1):
        lines += [f"m{n}: need a ride to the clinic thursday at 3pm", f"v{n} > #{n}: I can do it"]
    chat = Chat(database_url, *lines)
    chat.close()
    (db_a, engine_a, _), (db_b, engine_b, _) = _worker(database_url), _worker(database_url)
    due = datetime(2026, 12, 3, 13, 0, tzinfo=NY)  # 2h before 3pm: every reminder at once
    try:
        _run_together(*(lambda e=e, k=k: e.handle(Tick(due + timedelta(seconds=k)), due + timedelta(seconds=k))
                        for k in range(3) for e in (engine_a, engine_b)))
        with session_factory(db_a)() as s:
            reminders = [r for r in s.query(Outbox).filter(Outbox.kind == "direct") if r.text and r.text.startswith("Reminder")]
        recipients = sorted(r.user_id for r in reminders)
        assert recipients == sorted(f"v{n}" for n in range(1, BURST + 1))
    finally:
        db_a.dispose()
        db_b.dispose()


def test_two_senders_take_each_owed_message_once(database_url):
    chat = Chat(database_url, "@group eastside")
    chat.close()
    (db_a, engine_a, queue_a), (db_b, _, queue_b) = _worker(database_url), _worker(database_url)
    now = datetime(2026, 12, 2, 10, 0, tzinfo=NY)
    from bot.events import IncomingMessage, Sender

    for n in range(BURST):
        engine_a.handle(IncomingMessage("sim", "eastside", f"x{n}", Sender(f"m{n}", f"m{n}"),
                                        "need groceries tuesday", now, chat_title="eastside"), now)
    taken: list[int] = []
    lock = threading.Lock()

    def drain(queue):
        while True:
            owed = queue.take(now, limit=7)
            if not owed:
                return
            for o in owed:
                queue.sent(o.id, f"p{o.id}", now)
            with lock:
                taken.extend(o.id for o in owed)

    try:
        _run_together(lambda: drain(queue_a), lambda: drain(queue_b))
        assert len(taken) == BURST and len(set(taken)) == BURST
    finally:
        db_a.dispose()
        db_b.dispose()


def test_a_row_whose_lease_ran_out_is_sent_only_by_the_sender_that_took_it_over(database_url):
    chat = Chat(database_url, "@group eastside")
    chat.close()
    (db_a, engine_a, queue_a), (db_b, _, queue_b) = _worker(database_url), _worker(database_url)
    now = datetime(2026, 12, 2, 10, 0, tzinfo=NY)
    from bot.events import IncomingMessage, Sender

    try:
        engine_a.handle(IncomingMessage("sim", "eastside", "x1", Sender("m1", "m1"), "need groceries tuesday", now,
                                        chat_title="eastside"), now)
        [row] = queue_a.take(now)
        # the group's pace held the row past its lease; the other sender took it
        later = now + timedelta(minutes=5)
        [again] = queue_b.take(later)
        assert again.id == row.id
        assert not queue_a.still_ours(row.id, later)
        assert queue_b.still_ours(row.id, later)
    finally:
        db_a.dispose()
        db_b.dispose()
