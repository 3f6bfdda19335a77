"""A hundred volunteers claim one need at the same moment through two bot
workers, separate OS processes sharing one PostgreSQL database: exactly
one wins, the other 99 are told privately that it is taken, and nobody is
told twice. (The engine re-reads the item under a row lock before it
decides, bot/items.py ``lock``; without it both workers' first claims
read "open" and both win.)"""
from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import time
import uuid
from collections import Counter
from datetime import datetime, timezone

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from bot.engine import Engine
from bot.events import IncomingMessage, Sender
from bot.outbox import OutboxQueue
from storage.db import migrate, open_database, session_factory
from storage import keys as handled_keys
from storage.keys import message_key
from storage.models import Handled, Item, Member, Outbox

from .bot_process import PROJECT_ROOT, wait_for

pytestmark = pytest.mark.slow

POSTGRES = os.environ.get("MUTUALAID_TEST_POSTGRES")
CHAT = "!eastside:localhost"
PER_WORKER = 50


@pytest.fixture
def postgres_url():
    """A database of its own on the server MUTUALAID_TEST_POSTGRES names."""
    if not POSTGRES:
        pytest.skip("MUTUALAID_TEST_POSTGRES is not set, so the PostgreSQL claim race cannot run")
    name = f"mutualaid_claims_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(POSTGRES).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def post_need(url: str) -> int:
    """ana posts a need in the group; its announcement goes out. The item's number."""
    engine = open_database(url)
    migrate(engine)
    sessions = session_factory(engine)
    now = datetime.now(timezone.utc)
    ana = Sender("@ana:localhost", "ana", is_admin=True)
    Engine(sessions).handle(IncomingMessage("matrix", CHAT, "$need", ana, "need groceries tuesday", now,
                                            chat_title="Eastside"), now)
    queue = OutboxQueue(sessions)
    for owed in queue.take(now, 100):
        queue.sent(owed.id, f"$sent-{owed.id}", now)
    with sessions() as db:
        number = db.scalar(select(Item.id))
    engine.dispose()
    return number


def start_workers(url: str, item: int, start_file) -> list[subprocess.Popen]:
    return [
        subprocess.Popen(
            [sys.executable, "-m", "tests.reliability.claim_worker", url, CHAT, str(item), str(start_file),
             str(first), str(PER_WORKER)],
            cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for first in (0, PER_WORKER)
    ]


def test_a_hundred_claims_of_one_item_from_two_workers(postgres_url, tmp_path, monkeypatch):
    # the workers and this test make message keys with one key (storage.keys)
    shared = secrets.token_bytes(32)
    monkeypatch.setenv(handled_keys.DEFAULT_ENV, shared.hex())
    handled_keys.use_key(shared)
    item = post_need(postgres_url)
    start_file = tmp_path / "go"
    workers = start_workers(postgres_url, item, start_file)
    ready = lambda: len(list(tmp_path.glob("go.ready-*"))) == 2 or any(w.poll() is not None for w in workers)
    wait_for(ready, 120, "both workers ready")
    start_file.write_text(str(time.time() + 0.2))  # both begin claiming at that moment
    reports = []
    for worker in workers:
        out, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err[-2000:]
        reports.append(json.loads(out.strip().splitlines()[-1]))
    print(f"\nworkers: {reports}")
    assert [r["errors"] for r in reports] == [[], []]
    assert sum(r["handled"] for r in reports) == 2 * PER_WORKER

    engine = open_database(postgres_url)
    with session_factory(engine)() as db:
        volunteers = {m.id: m.user_id for m in db.scalars(select(Member).where(Member.user_id.like("@volunteer%")))}
        handled = {k for (k,) in db.execute(select(Handled.key))}
        the_item = db.get(Item, item)
        rows = list(db.scalars(select(Outbox).where(Outbox.id > 0).order_by(Outbox.id)))
    engine.dispose()

    keys = {message_key("matrix", CHAT, f"$claim-{n}") for n in range(2 * PER_WORKER)}
    assert keys <= handled, f"{len(keys - handled)} claims never handled"
    assert len(volunteers) == 2 * PER_WORKER
    assert the_item.status == "claimed" and the_item.claimer_id in volunteers
    winner = volunteers[the_item.claimer_id]

    told = [(row.user_id, row.text) for row in rows if row.kind == "direct"]
    assert Counter(user for user, _ in told) == Counter(volunteers.values())  # each volunteer told once
    won = [user for user, said in told if said.startswith(f"You claimed #{item} ")]
    taken = [user for user, said in told if said.startswith(f"#{item} is already taken")]
    assert won == [winner]
    assert len(taken) == 2 * PER_WORKER - 1 and winner not in taken
    # the announcement changes once, to "taken by" the winner; nothing is said in the group
    edits = [row for row in rows if row.kind == "edit"]
    assert len(edits) == 1 and winner.split(":")[0][1:] in edits[0].text
    assert [row for row in rows if row.kind == "send" and row.sent_at is None] == []
    print(f"winner {winner}; {len(taken)} told it is taken; workers took "
          f"{reports[0]['seconds']}s and {reports[1]['seconds']}s")
