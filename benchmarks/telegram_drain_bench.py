"""200 announcements to one Telegram group drain at no less than 95% of
Telegram's 20-a-minute limit, with no 429 (issue 5).

The engine makes the 200 announcements (200 needs posted in one group), and
the real ``OutboxSender`` delivers them through the real ``TelegramAdapter``
to the local Bot API server of the tests (tests/telegram/fake_bot_api.py),
told to answer 429 as Telegram does when a limit would break. Everything
runs on one virtual clock: the sender's ``sleep`` moves it forward at once,
and the server counts its per-minute windows on the same clock. By default
the clock also advances by the real time that passes (HTTP calls, database
commits), so the work between two sends counts against the rate;
``--clock virtual`` moves it only by the sender's sleeps.

    .venv/bin/python benchmarks/telegram_drain_bench.py [--announcements 200] [--clock hybrid|virtual]

Reported: the rate achieved as a share of 20 a minute (goal: at least 95%),
the number of 429 answers (goal: 0), the most sends in any 60-second window
(must be at most 20), and how many rows were still being sent after the
lease taken on them had run out (another worker could have taken them).
"""
from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import platform
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from adapters.telegram import TelegramAdapter, parse_telegram_config  # noqa: E402
from bot.engine import Engine  # noqa: E402
from bot.events import IncomingMessage, Sender  # noqa: E402
from bot.outbox import OutboxQueue  # noqa: E402
from bot.sender import OutboxSender  # noqa: E402
from bot.turn import Defaults  # noqa: E402
from storage.db import migrate, open_database, session_factory  # noqa: E402
from storage.outbox import LEASE  # noqa: E402
from tests.telegram.fake_bot_api import GROUP_PER_MINUTE, FakeBotApi, most_in_window  # noqa: E402
from tests.telegram.fixtures import BOT_TOKEN, GROUP_ID  # noqa: E402

START = datetime(2026, 12, 2, 15, 0, tzinfo=timezone.utc)  # 10:00 in New York
NEEDS = ("need groceries tuesday", "can someone pick up my prescription tomorrow 3pm",
         "I could use a ride to the clinic friday at 10am", "need help moving a couch saturday")


class VirtualTime:
    """One clock for the sender and the server. ``sleep`` returns at once
    and moves the clock by what it was asked to wait."""

    def __init__(self, follow_real_time: bool) -> None:
        self.follow_real_time = follow_real_time
        self._real_origin = time.monotonic()
        self.skipped = 0.0

    def monotonic(self) -> float:
        real = time.monotonic() - self._real_origin if self.follow_real_time else 0.0
        return real + self.skipped

    def now(self) -> datetime:
        return START + timedelta(seconds=self.monotonic())

    async def sleep(self, seconds: float) -> None:
        self.skipped += max(0.0, seconds)
        await asyncio.sleep(0)  # let the loop run, as a real sleep would


class TimedQueue(OutboxQueue):
    """The outbox queue, noting when each row was leased and when sent."""

    def __init__(self, sessions, clock: VirtualTime) -> None:
        super().__init__(sessions)
        self.clock = clock
        self.leased_at: dict[int, float] = {}
        self.sent_at: dict[int, float] = {}

    def take(self, now, limit=100):
        owed = super().take(now, limit)
        for o in owed:
            self.leased_at[o.id] = self.clock.monotonic()
        return owed

    def sent(self, row_id, message_id, now) -> None:
        self.sent_at[row_id] = self.clock.monotonic()
        super().sent(row_id, message_id, now)


def make_announcements(url: str, count: int) -> None:
    """``count`` needs posted in one group: one announcement each."""
    db = open_database(url)
    migrate(db)
    engine = Engine(session_factory(db), Defaults(zone="America/New_York"))
    chat = str(GROUP_ID)
    engine.prepare_group("telegram", chat, "eastside", {}, START, introduced=True)
    for n in range(count):
        sender = Sender(str(111000000 + n % 40), f"member{n % 40}")
        at = START - timedelta(seconds=count - n)
        engine.handle(IncomingMessage("telegram", chat, str(5000 + n), sender, NEEDS[n % len(NEEDS)], at), at)
    db.dispose()


async def drain(url: str, count: int, follow_real_time: bool) -> dict:
    clock = VirtualTime(follow_real_time)
    api = FakeBotApi(clock=clock.monotonic)
    api.enforce_limits = True  # a send that would break a limit gets 429, as from Telegram
    await api.start()
    section = {"token_env": "BENCH_TELEGRAM_TOKEN", "api_url": api.base_url, "file_url": api.base_file_url}
    adapter = TelegramAdapter(parse_telegram_config(section, {"BENCH_TELEGRAM_TOKEN": BOT_TOKEN}))
    db = open_database(url)
    queue = TimedQueue(session_factory(db), clock)

    async def report_failure(event) -> None:
        raise AssertionError(f"no direct message was expected: {event}")

    sender = OutboxSender(queue, {"telegram": adapter}, clock.now, report_failure,
                          monotonic=clock.monotonic, sleep=clock.sleep)
    began_virtual, began_real = clock.monotonic(), time.perf_counter()
    task = asyncio.create_task(sender.run())
    try:
        while queue.unsent() and not task.done():
            await asyncio.sleep(0.05)  # real time: the sender works meanwhile
    finally:
        sender.stop()
        await asyncio.gather(task, return_exceptions=True)
        await adapter.stop()
        await api.stop()
        db.dispose()
    wall = time.perf_counter() - began_real
    times = [at for chat, at in api.send_times if chat == GROUP_ID]
    refused = sum(1 for call in api.calls if call.outcome == "error 429")
    first, last = min(times), max(times)
    steady = (len(times) - 1) / (last - first) * 60 if len(times) > 1 else 0.0
    # from the moment the rows were owed to the last send, counting the last one's slot
    whole = len(times) / (last - began_virtual + 60 / GROUP_PER_MINUTE) * 60
    late = sum(1 for row, sent in queue.sent_at.items() if sent - queue.leased_at[row] > LEASE.total_seconds())
    return {
        "announcements": count, "sent": len(times), "responses_429": refused,
        "steady_rate_per_min": round(steady, 3), "steady_pct_of_limit": round(100 * steady / GROUP_PER_MINUTE, 2),
        "drain_rate_per_min": round(whole, 3), "drain_pct_of_limit": round(100 * whole / GROUP_PER_MINUTE, 2),
        "max_in_60s": most_in_window(times, 60.0), "virtual_seconds": round(last - began_virtual, 1),
        "wall_seconds": round(wall, 1), "sent_after_lease_ran_out": late,
        "breaches": api.limit_breaches(slack=0.0),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--announcements", type=int, default=200)
    ap.add_argument("--clock", choices=("hybrid", "virtual"), default="hybrid",
                    help="hybrid: real time passing counts too (default); virtual: only the sender's sleeps")
    args = ap.parse_args()
    logging.basicConfig(level=logging.ERROR)
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/drain.db"
        make_announcements(url, args.announcements)
        result = asyncio.run(drain(url, args.announcements, args.clock == "hybrid"))
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    print(f"clock: {args.clock}; {result['sent']} of {result['announcements']} announcements sent to one group "
          f"in {result['virtual_seconds']} virtual seconds ({result['wall_seconds']} s of real time)")
    ok = result["steady_pct_of_limit"] >= 95 and result["responses_429"] == 0 and result["max_in_60s"] <= 20
    print(f"rate between first and last send: {result['steady_rate_per_min']:.2f}/min = "
          f"{result['steady_pct_of_limit']:.1f}% of 20/min (goal >= 95%)")
    print(f"rate from owed to delivered: {result['drain_rate_per_min']:.2f}/min = "
          f"{result['drain_pct_of_limit']:.1f}% of 20/min")
    print(f"429 answers: {result['responses_429']} (goal 0); most sends in any 60 s: {result['max_in_60s']} "
          f"(limit 20); breaches the server saw: {result['breaches'] or 'none'}")
    print(f"rows sent after their {LEASE.total_seconds():.0f} s lease ran out: {result['sent_after_lease_ran_out']} "
          f"of {result['sent']}")
    print("goal: " + ("met" if ok else "NOT met"))
    print(json.dumps(result))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
