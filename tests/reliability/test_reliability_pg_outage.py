"""PostgreSQL stopped for 30 seconds while messages keep arriving: the bot
keeps running, Telegram keeps the messages it could not commit (the
offset does not move past them), and once the database is back every
message is handled once and every reply is sent once.

The bot is ``python -m bot.cli run --config`` in a process of its own, on
a throwaway PostgreSQL server this test starts (and stops) itself, talking
to the local Bot API server of tests/telegram. The database is stopped
while the bot owes nothing: a reply sent while the database is down could
not be recorded as sent, and the Bot API has no idempotency key, so it
would go out again (see docs/RELIABILITY.md, known limits)."""
from __future__ import annotations

import asyncio
import secrets
import time
from collections import Counter
from dataclasses import dataclass

import pytest
from sqlalchemy import create_engine, text

from storage import keys as message_keys
from storage.keys import message_key
from tests.telegram.fake_bot_api import FakeBotApi
from tests.telegram.fixtures import BOT_TOKEN, group_chat, text_message

from .bot_process import BotProcess
from .pg_cluster import ThrowawayPostgres, postgres_bin

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(postgres_bin() is None, reason="no PostgreSQL binaries (initdb, pg_ctl) on this machine"),
]

OUTAGE_SECONDS = 30
GROUPS = [-1001000000001, -1001000000002, -1001000000003, -1001000000004]
PEOPLE = [{"id": 5000 + i, "is_bot": False, "first_name": f"Neighbour{i}", "username": f"neighbour{i}"}
          for i in range(6)]


@dataclass
class Said:
    """A message a member sent, and what the bot owes for it."""

    group: int
    person: int
    kind: str  # chatter | need | claim | taken
    text: str
    message_id: int
    need: "Said | None" = None

    @property
    def key(self) -> str:
        return message_key("telegram", str(self.group), str(self.message_id))


class Group:
    """Messages into one group, numbered as Telegram numbers them."""

    def __init__(self, api: FakeBotApi, chat_id: int) -> None:
        self.api = api
        self.chat = {**group_chat(), "id": chat_id, "title": f"Street {chat_id % 10}"}
        self.next_id = 100

    async def say(self, person: int, kind: str, words: str, need: Said | None = None) -> Said:
        self.next_id += 1
        said = Said(self.chat["id"], person, kind, words, self.next_id, need)
        await self.api.push_update(text_message(PEOPLE[person], words, message_id=said.message_id, chat=self.chat,
                                                date=int(time.time())))
        return said


class Database:
    def __init__(self, url: str) -> None:
        self.engine = create_engine(url, pool_pre_ping=True)

    def scalar(self, sql: str, **args):
        with self.engine.connect() as c:
            return c.execute(text(sql), args).scalar()

    def rows(self, sql: str, **args) -> list:
        with self.engine.connect() as c:
            return list(c.execute(text(sql), args))

    def handled(self, keys: set[str]) -> bool:
        found = {k for (k,) in self.rows("SELECT key FROM handled")}
        return keys <= found

    def unsent(self) -> int:
        return self.scalar("SELECT count(*) FROM outbox WHERE sent_at IS NULL AND failed IS NULL")

    def item_of(self, said: Said) -> int | None:
        return self.scalar("SELECT id FROM items WHERE source_key = :k", k=said.key)


async def until(condition, timeout: float, what: str, bot: BotProcess) -> float:
    """Wait (without blocking the Bot API server's loop); the seconds it took."""
    began = time.monotonic()
    while not await asyncio.to_thread(_safely, condition):
        if not bot.alive:
            raise AssertionError(f"the bot exited while waiting for {what}:\n{bot.log_tail()}")
        if time.monotonic() - began > timeout:
            raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}\n{bot.log_tail()}")
        await asyncio.sleep(0.1)
    return time.monotonic() - began


def _safely(condition) -> bool:
    try:
        return bool(condition())
    except Exception:  # the database is not back yet
        return False


@pytest.fixture
async def postgres():
    server = ThrowawayPostgres()
    await asyncio.to_thread(server.create)
    await asyncio.to_thread(server.start)
    yield server
    await asyncio.to_thread(server.destroy)


@pytest.fixture
async def api():
    server = FakeBotApi()
    await server.start()
    yield server
    await server.stop()


def write_config(tmp_path, postgres: ThrowawayPostgres, api: FakeBotApi):
    config = tmp_path / "bot.toml"
    config.write_text(
        f'[database]\nurl = "{postgres.url}"\nkey_env = "RELIABILITY_HANDLED_KEY"\n'
        '[logging]\nlevel = "WARNING"\n'
        '[telegram]\ntoken_env = "RELIABILITY_TELEGRAM_TOKEN"\n'
        f'api_url = "{api.base_url}"\nfile_url = "{api.base_file_url}"\npoll_timeout = 1\n'
    )
    return config


async def test_postgres_down_for_thirty_seconds_loses_and_doubles_nothing(postgres, api, tmp_path):
    shared = secrets.token_bytes(32)  # the bot and this test make message keys with one key
    message_keys.use_key(shared)
    bot = BotProcess(write_config(tmp_path, postgres, api), {"RELIABILITY_TELEGRAM_TOKEN": BOT_TOKEN,
                                                             "RELIABILITY_HANDLED_KEY": shared.hex()},
                     tmp_path / "bot.log")
    db = Database(postgres.url)
    groups = [Group(api, chat_id) for chat_id in GROUPS]
    said: list[Said] = []
    bot.start()
    try:
        await until(lambda: api.calls_of("getUpdates"), 60, "the bot polling", bot)

        # before: two needs and two chatters in each group, all answered
        for g, group in enumerate(groups):
            said.append(await group.say(g, "need", "need groceries tuesday"))
            said.append(await group.say((g + 1) % 6, "chatter", "good morning all"))
            said.append(await group.say(g + 2, "need", "need a ride to the clinic friday"))
            said.append(await group.say((g + 3) % 6, "chatter", "lovely weather today"))
        await until(lambda: db.handled({s.key for s in said}) and db.unsent() == 0, 90, "replies before", bot)
        numbers = {s.key: db.item_of(s) for s in said if s.kind == "need"}
        sends_before = len(api.sent)

        # the outage: messages keep coming, one every second and a half
        await asyncio.to_thread(postgres.stop)
        down_at = time.monotonic()
        polls_before = len(api.calls_of("getUpdates"))
        during: list[Said] = []
        script = []
        for g, group in enumerate(groups):
            first_need = said[4 * g]
            script += [
                (group, (g + 1) % 6, "claim", f"I'll take #{numbers[first_need.key]}", first_need),
                (group, (g + 4) % 6, "chatter", "see you at the meeting", None),
                (group, (g + 5) % 6, "need", "could anyone lend me a ladder wednesday", None),
                (group, (g + 3) % 6, "taken", f"/claim {numbers[first_need.key]}", first_need),
                (group, (g + 2) % 6, "chatter", "thanks everyone, see you soon", None),
            ]
        for index, (group, person, kind, words, need) in enumerate(script):
            await asyncio.sleep(max(0.0, down_at + 1.4 * index - time.monotonic()))
            during.append(await group.say(person, kind, words, need))
        await asyncio.sleep(max(0.0, down_at + OUTAGE_SECONDS - time.monotonic()))
        assert bot.alive, bot.log_tail()
        assert len(api.sent) == sends_before  # nothing decided without the database
        polls_during = len(api.calls_of("getUpdates")) - polls_before
        assert polls_during > 1  # it kept asking
        assert len(api.pending_updates) == len(during)  # Telegram still holds every one

        start_seconds = await asyncio.to_thread(postgres.start)
        up_at = time.monotonic()
        after = [await group.say(g % 6, "need", "need a hand carrying boxes monday") for g, group in enumerate(groups)]
        everything = said + during + after
        keys = {s.key for s in everything}
        handled_after = await until(lambda: db.handled(keys), 120, "every message handled", bot)
        delivered_after = await until(lambda: db.unsent() == 0 and not api.pending_updates, 120,
                                      "every reply delivered", bot)
        assert bot.alive and bot.starts == 1  # it never exited
    finally:
        status = bot.stop()
    print(f"\noutage {up_at - down_at:.1f}s (server restart {start_seconds:.1f}s), {len(during)} messages during it, "
          f"{polls_during} getUpdates calls during it; after it: every message handled in {handled_after:.1f}s, "
          f"every reply delivered {handled_after + delivered_after:.1f}s; clean stop status {status}")
    print(f"errors the bot logged: {Counter(line.split(': ')[-1][:80] for line in bot.log.read_text().splitlines() if 'ERROR' in line or 'WARNING' in line).most_common(8)}")

    # each need made one item, announced once
    needs = [s for s in everything if s.kind == "need"]
    numbers = {s.key: db.item_of(s) for s in needs}
    assert all(numbers.values()) and len(set(numbers.values())) == len(needs)
    assert db.scalar("SELECT count(*) FROM items") == len(needs)
    group_posts = [m for m in api.sent if m.chat_id < 0]
    announced = Counter(n for m in group_posts for n in numbers.values() if f"#{n} " in (m.text or ""))
    assert announced == Counter(numbers.values())
    # nothing said to chatter, no apology
    assert len(group_posts) == len(needs)  # (no introduction: these groups never told the bot it was added)
    assert not [m for m in api.sent if "Sorry" in (m.text or "")]
    # each claim answered once, privately: the first claimer won, the second was told it is taken
    direct = [m for m in api.sent if m.chat_id > 0]
    for s in everything:
        if s.kind not in ("claim", "taken"):
            continue
        n = numbers[s.need.key]
        opening = f"You claimed #{n} " if s.kind == "claim" else f"#{n} is already taken"
        got = [m for m in api.sent if m.chat_id == PEOPLE[s.person]["id"] and (m.text or "").startswith(opening)]
        assert len(got) == 1, f"{s.kind} of #{n} by person {s.person}: {len(got)} answers"
    assert len(direct) == sum(1 for s in everything if s.kind in ("claim", "taken"))
    # each claimed announcement edited once, to "taken"
    for s in everything:
        if s.kind == "claim":
            n = numbers[s.need.key]
            post = next(m for m in group_posts if f"#{n} " in (m.text or ""))
            assert len(post.edits) == 1 and "taken by @" in post.edits[0]
    assert status == 0
    texts = {s.text for s in everything if s.kind in ("need", "chatter")}
    names = {p["first_name"] for p in PEOPLE} | {p["username"] for p in PEOPLE}
    assert bot.words_logged(texts | names) == []  # ids and kinds only, even with the database gone
