"""A burst of messages into Matrix rooms while the bot, a process of its
own, is killed with SIGKILL at random points and started again; then the
reckoning, from the bot's database and from the homeserver's rooms.

The burst is mostly chatter (which the bot must ignore), with needs (each
owes one announcement), claims of those needs by number (each owes one
direct message to the claimer and one change of the announcement) and
second claims of items already taken (each owes one "already taken" direct
message). Members post from several accounts into several rooms at once;
within a room they post in order, so a second claim always follows the
first.

Every seed gives the same messages and the same kill points (the moments
the bot is killed are counted in work done, not in seconds, so a slower
machine kills at the same places)."""
from __future__ import annotations

import asyncio
import json
import random
import secrets
import sqlite3
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import aiohttp

from storage import keys as message_keys
from storage.keys import message_key
from storage.outbox import LEASE

from .bot_process import BotProcess
from .matrix_http import MemberClient, body, is_edit, register_admin, register_member

NEEDS = (
    "need groceries tuesday",
    "need a ride to the clinic friday",
    "can someone walk my dog saturday",
    "need help moving a couch sunday",
    "looking for someone to pick up my prescription thursday",
    "need someone to fix my bike",
    "could anyone lend me a ladder wednesday",
    "need a hand carrying boxes monday",
    "I need diapers for my baby",
    "need a lift to the airport saturday morning",
)
CHATTER = (
    "thanks everyone, see you soon",
    "how is everyone doing",
    "lovely weather today",
    "see you at the meeting",
    "ok great",
    "haha yes",
    "good morning all",
    "that was fun yesterday",
    "the park was busy",
    "welcome to the group!",
)
CLAIMS = ("I'll take #{n}", "/claim {n}", "I can do #{n}", "!claim {n}")


@dataclass(frozen=True)
class Plan:
    seed: int
    messages: int
    needs: int
    claims: int
    taken: int  # second claims of a claimed item
    rooms: int
    members: int
    kills: int
    # where in the burst the kills fall, as fractions of the messages posted
    kill_window: tuple[float, float] = (0.0, 1.0)


@dataclass
class Line:
    """One message of the burst."""

    room: int
    member: int
    kind: str  # chatter | need | claim | taken
    text: str = ""
    need: "Line | None" = None  # the need a claim is about
    claimer: int | None = None  # for a need: who claimed it first
    event_id: str | None = None
    room_id: str | None = None

    @property
    def key(self) -> str:
        assert self.room_id and self.event_id
        return message_key("matrix", self.room_id, self.event_id)


def compose(plan: Plan, rng: random.Random) -> list[list[Line]]:
    """The burst, one ordered list per room."""
    per_room = [plan.messages // plan.rooms + (1 if r < plan.messages % plan.rooms else 0) for r in range(plan.rooms)]

    def spread(total: int) -> list[int]:
        return [total // plan.rooms + (1 if r < total % plan.rooms else 0) for r in range(plan.rooms)]

    needs, claims, taken = spread(plan.needs), spread(plan.claims), spread(plan.taken)
    rooms = []
    for r in range(plan.rooms):
        n = per_room[r]
        lines = [Line(r, rng.randrange(plan.members), "chatter", rng.choice(CHATTER)) for _ in range(n)]
        # needs in the first 60%, claims after them, second claims after the claims
        cut = int(n * 0.6)
        need_at = sorted(rng.sample(range(cut), needs[r]))
        later = sorted(rng.sample(range(cut, n), claims[r] + taken[r]))
        for at in need_at:
            lines[at] = Line(r, rng.randrange(plan.members), "need", rng.choice(NEEDS))
        need_lines = [lines[at] for at in need_at]
        claimed = rng.sample(need_lines, claims[r])
        for at, need in zip(later[:claims[r]], claimed):
            need.claimer = rng.choice([m for m in range(plan.members) if m != need.member])
            lines[at] = Line(r, need.claimer, "claim", rng.choice(CLAIMS), need=need)
        for at in later[claims[r]:]:
            need = rng.choice(claimed)
            who = rng.choice([m for m in range(plan.members) if m not in (need.member, need.claimer)])
            lines[at] = Line(r, who, "taken", rng.choice(CLAIMS), need=need)
        rooms.append(lines)
    return rooms


class BotDatabase:
    """The bot's SQLite file, read from outside while it runs."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def _query(self, sql: str, *args) -> list[tuple]:
        if not self.path.exists():
            return []
        conn = sqlite3.connect(self.path, timeout=30)
        try:
            return conn.execute(sql, args).fetchall()
        except sqlite3.OperationalError:  # tables not made yet
            return []
        finally:
            conn.close()

    def progress(self) -> int:
        """Work done so far: messages handled plus messages delivered."""
        rows = self._query("SELECT (SELECT count(*) FROM handled) + (SELECT count(*) FROM outbox WHERE sent_at IS NOT NULL)")
        return rows[0][0] if rows else 0

    def handled_keys(self) -> set[str]:
        return {k for (k,) in self._query("SELECT key FROM handled")}

    def item_for(self, source_key: str) -> int | None:
        rows = self._query("SELECT id FROM items WHERE source_key = ?", source_key)
        return rows[0][0] if rows else None

    def items_by_source(self) -> Counter:
        return Counter(k for (k,) in self._query("SELECT source_key FROM items"))

    def outbox(self) -> list[tuple]:
        return self._query("SELECT id, kind, sent_at IS NOT NULL, failed FROM outbox")

    def unsent(self) -> int:
        rows = self._query("SELECT count(*) FROM outbox WHERE sent_at IS NULL AND failed IS NULL")
        return rows[0][0] if rows else 0

    def introduced(self, rooms: set[str]) -> set[str]:
        said = {chat for (chat,) in self._query("SELECT chat_id FROM outbox WHERE kind = 'send' AND sent_at IS NOT NULL")}
        return said & rooms

    def flood_off(self, rooms: set[str]) -> set[str]:
        return {chat for chat, settings in self._query("SELECT chat_id, settings FROM groups")
                if '"flood": "off"' in (settings or "")} & rooms

    def unsent_leases(self) -> list[str | None]:
        return [lease for (lease,) in self._query(
            "SELECT lease_until FROM outbox WHERE sent_at IS NULL AND failed IS NULL")]

    def announcement_rows(self) -> dict[int, bool]:
        """item number -> whether its announcement row was delivered."""
        return {item: bool(sent) for item, sent in self._query(
            "SELECT a.item_id, o.sent_at IS NOT NULL FROM announcements a JOIN outbox o ON o.id = a.outbox_id")}

    def reply_waits(self) -> list[float]:
        """Seconds from deciding each reply to delivering it."""
        from datetime import datetime

        rows = self._query("SELECT created_at, sent_at FROM outbox WHERE sent_at IS NOT NULL")
        return [(datetime.fromisoformat(b) - datetime.fromisoformat(a)).total_seconds() for a, b in rows]

    def claimer_of(self, item_id: int) -> tuple[str, str | None]:
        rows = self._query(
            "SELECT i.status, m.user_id FROM items i LEFT JOIN members m ON m.id = i.claimer_id WHERE i.id = ?", item_id)
        return rows[0]


@dataclass
class KillPoint:
    target: int  # messages posted that the kill waited for
    progress: int  # messages handled + replies delivered when the signal went
    seconds: float  # since the burst began
    sent: int  # messages the members had posted by then


@dataclass
class Outcome:
    plan: Plan
    lines: list[Line]
    kills: list[KillPoint]
    starts: int
    burst_seconds: float  # first message posted to last posted
    total_seconds: float  # first message posted to every reply delivered
    rooms: dict[int, str]
    bot_user: str
    members: list[str]
    homeserver: list  # RoomMessages of every room, read by the admin
    db: BotDatabase
    tracebacks: list[str] = field(default_factory=list)
    words_logged: list[str] = field(default_factory=list)  # messages, names or handles found in the bot's log
    exit_status: int | None = None  # of the last start, stopped with SIGTERM


class MatrixBurst:
    """Everything one run needs: accounts, rooms, the bot's process."""

    def __init__(self, homeserver: str, shared_secret: str, bot_user: str, bot_password: str,
                 workdir: Path, plan: Plan, log=print) -> None:
        self.homeserver = homeserver
        self.shared_secret = shared_secret
        self.bot_user = bot_user
        self.bot_password = bot_password
        self.workdir = workdir
        self.plan = plan
        self.log = log
        self.db = BotDatabase(workdir / "bot.db")
        # the bot and this test make message keys with one key (storage.keys)
        self.handled_key = secrets.token_bytes(32)
        message_keys.use_key(self.handled_key)
        self.rng = random.Random(plan.seed)
        self.restarted_at = datetime.now(timezone.utc)

    def write_config(self) -> Path:
        config = self.workdir / "bot.toml"
        config.write_text(
            f'[database]\nurl = "sqlite:///{self.db.path}"\nkey_env = "RELIABILITY_HANDLED_KEY"\n'
            '[logging]\nlevel = "WARNING"\n'
            '[matrix]\n'
            f'homeserver = "{self.homeserver}"\n'
            f'user_id = "{self.bot_user}"\n'
            'password_env = "RELIABILITY_MATRIX_PASSWORD"\n'
            'store_passphrase_env = "RELIABILITY_MATRIX_STORE"\n'
            'store = "store"\n'
            'allow_invites_from = ["localhost"]\n'
            # plain direct rooms: the bot need not wait for each person to
            # join before it may write (what is under test is delivery)
            'encrypt_direct = false\n'
            'sync_timeout_seconds = 5\n'
        )
        return config

    async def run(self, until: str = "delivered") -> Outcome:
        """``until``: "delivered" waits for every reply the bot owes;
        "handled" stops once every message is handled and every reply is
        delivered but those the killed process had taken (they wait out
        its lease, storage.outbox.LEASE)."""
        plan = self.plan
        self.log(f"matrix burst: seed={plan.seed} messages={plan.messages} needs={plan.needs} "
                 f"claims={plan.claims} taken={plan.taken} rooms={plan.rooms} members={plan.members} kills={plan.kills}")
        bot = BotProcess(self.write_config(), {"RELIABILITY_MATRIX_PASSWORD": self.bot_password,
                                                    "RELIABILITY_MATRIX_STORE": "reliability-store-passphrase",
                                                    "RELIABILITY_HANDLED_KEY": self.handled_key.hex()},
                         self.workdir / "bot.log")
        timeout = aiohttp.ClientTimeout(total=60)
        async with aiohttp.ClientSession(timeout=timeout) as session:
            tag = f"{plan.seed}x{self.rng.randrange(10**6)}"
            members = [await register_member(self.homeserver, session, f"m{i}_{tag}") for i in range(plan.members)]
            admin = await register_admin(self.homeserver, session, self.shared_secret, f"admin_{tag}")
            bot.start()
            try:
                rooms = await self._open_rooms(bot, members, tag)
                lines = compose(plan, self.rng)
                for room_lines in lines:
                    for line in room_lines:
                        line.room_id = rooms[line.room]
                outcome = await self._burst(bot, members, lines, rooms)
                await self._wait_until_settled(bot, outcome, until, timeout=240)
                outcome.total_seconds = time.monotonic() - self._burst_began
            finally:
                status = bot.stop()
                self.log(f"bot stopped with status {status}")
            outcome.homeserver = await admin.every_room()
            outcome.tracebacks = bot.tracebacks()
            outcome.words_logged = bot.words_logged(
                [*NEEDS, *CHATTER, *(m.user_id for m in members), *(m.user_id[1:].split(":")[0] for m in members)])
            outcome.starts = bot.starts
            outcome.exit_status = status
        return outcome

    async def _open_rooms(self, bot: BotProcess, members: list[MemberClient], tag: str) -> dict[int, str]:
        """The bot is running and synced once (its first sync is a baseline:
        no history), then each room is made, the bot invited, every member
        joined; the bot introduces itself in each."""
        sync_file = self.workdir / "store" / "sync.json"
        await _until(lambda: sync_file.exists() and json.loads(sync_file.read_text()).get("next_batch"),
                     60, "the bot's first sync", bot)
        rooms: dict[int, str] = {}
        for r in range(self.plan.rooms):
            creator = members[r % len(members)]
            others = [m.user_id for m in members if m is not creator]
            room_id = await creator.create_room(f"Street {r} {tag}", [self.bot_user, *others])
            for m in members:
                if m is not creator:
                    await m.join(room_id)
            rooms[r] = room_id
        await _until(lambda: self.db.introduced(set(rooms.values())) == set(rooms.values()),
                     90, "the bot's introduction in every room", bot)
        # a burst of needs from four members is a flood (bot/flood.py): what is
        # under test here is delivery, so each room's creator turns the limit off
        for r, room_id in rooms.items():
            await members[r % len(members)].say(room_id, "/settings flood off")
        await _until(lambda: self.db.flood_off(set(rooms.values())) == set(rooms.values()),
                     90, "the flood limit off in every room", bot)
        return rooms

    async def _burst(self, bot: BotProcess, members: list[MemberClient], lines: list[list[Line]],
                     rooms: dict[int, str]) -> Outcome:
        plan = self.plan
        flat = [line for room_lines in lines for line in room_lines]
        posted = [0]
        # kill points: after the members posted so many messages (random,
        # from the seed) and once the bot, since its last start, did some
        # work (handled a message or delivered a reply), so that each kill
        # lands in a live bot: in the middle of handling, syncing or sending
        low, high = plan.kill_window
        targets = sorted(self.rng.sample(range(max(1, int(plan.messages * low)), int(plan.messages * high)), plan.kills))
        delays = [self.rng.uniform(0.0, 0.3) for _ in targets]  # off the moments a poll sees
        self.log("kill after messages posted: " + ", ".join(map(str, targets)))
        self._burst_began = time.monotonic()

        async def post_room(room_lines: list[Line]) -> None:
            for line in room_lines:
                text = line.text
                if line.kind in ("claim", "taken"):
                    item = await _until(lambda: self.db.item_for(line.need.key), 180,
                                        "the item of a need before claiming it", None)
                    text = text.format(n=item)
                line.event_id = await members[line.member].say(rooms[line.room], text)
                posted[0] += 1

        async def kill_at_targets() -> list[KillPoint]:
            points = []
            since = self.db.progress()
            for target, delay in zip(targets, delays):
                await _until(lambda: posted[0] >= target and self.db.progress() > since, 240,
                             f"message {target} posted and work done", bot)
                await asyncio.sleep(delay)
                progress = self.db.progress()
                bot.kill()
                points.append(KillPoint(target, progress, time.monotonic() - self._burst_began, posted[0]))
                self.restarted_at = datetime.now(timezone.utc)
                bot.start()
                since = self.db.progress()
            return points

        senders = asyncio.gather(*(post_room(room_lines) for room_lines in lines))
        killer = asyncio.create_task(kill_at_targets())
        await senders
        burst_seconds = time.monotonic() - self._burst_began
        self.log(f"burst posted: {posted[0]} messages in {burst_seconds:.1f}s")
        kills = await killer
        for point in kills:
            self.log(f"  SIGKILL {point.seconds:5.1f}s into the burst, after {point.sent} messages posted "
                     f"(target {point.target}), work done {point.progress}")
        return Outcome(plan, flat, kills, bot.starts, burst_seconds, 0.0, rooms, self.bot_user,
                       [m.user_id for m in members], [], self.db)

    async def _wait_until_settled(self, bot: BotProcess, outcome: Outcome, until: str, timeout: float) -> None:
        keys = {line.key for line in outcome.lines}

        def settled() -> bool:
            if not keys <= self.db.handled_keys():
                return False
            if until == "delivered":
                return self.db.unsent() == 0
            return all(row_taken_before(lease, self.restarted_at) for lease in self.db.unsent_leases())

        await _until(settled, timeout, "every message handled and every reply delivered", bot)


def row_taken_before(lease_until: str | None, moment: datetime) -> bool:
    """Whether an outbox row was taken for sending before ``moment`` (by a
    process killed since: the row waits until its lease runs out)."""
    if lease_until is None:
        return False
    taken = datetime.fromisoformat(lease_until).replace(tzinfo=timezone.utc) - LEASE
    return taken < moment


async def _until(condition, timeout: float, what: str, bot: BotProcess | None):
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if bot is not None and not bot.alive:
            raise AssertionError(f"the bot exited while waiting for {what}:\n{bot.log_tail()}")
        if time.monotonic() > deadline:
            tail = bot.log_tail() if bot is not None else ""
            raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}\n{tail}")
        await asyncio.sleep(0.03)


# ---- the reckoning ------------------------------------------------------------


@dataclass
class Reckoning:
    """What the homeserver and the database show, against what was owed."""

    unhandled: list[str]
    items_per_need: Counter  # need line index -> items made from it
    stray_items: int
    announcements: Counter  # item number -> announcements posted in its room
    announcement_sent: dict[int, bool]  # item number -> its announcement row marked sent
    claim_dms: Counter  # (member, item) -> "You claimed" direct messages
    taken_dms: Counter  # (member, item) -> "already taken" direct messages
    wrong_claimers: list[int]
    bot_events: int  # bot messages on the homeserver, edits included
    sent_rows: int  # outbox rows marked sent
    unsent_rows: int
    failed_rows: int
    apologies: int
    chatter_answers: int  # bot group messages that are neither announcements, edits nor the introduction


def reckon(outcome: Outcome) -> Reckoning:
    db = outcome.db
    handled = db.handled_keys()
    unhandled = [line.event_id for line in outcome.lines if line.key not in handled]
    by_source = db.items_by_source()
    needs = [line for line in outcome.lines if line.kind == "need"]
    items_per_need = Counter({index: by_source.get(line.key, 0) for index, line in enumerate(needs)})
    need_keys = {line.key for line in needs}
    stray_items = sum(n for key, n in by_source.items() if key not in need_keys)
    number_of = {line.key: db.item_for(line.key) for line in needs}

    group_rooms = set(outcome.rooms.values())
    member_index = {user: i for i, user in enumerate(outcome.members)}
    announcements: Counter = Counter()
    claim_dms: Counter = Counter()
    taken_dms: Counter = Counter()
    bot_events = apologies = chatter_answers = 0
    for room in outcome.homeserver:
        person = None if room.room_id in group_rooms else _direct_partner(room, outcome.bot_user)
        if room.room_id not in group_rooms and person not in member_index:
            continue  # another test's room on the same homeserver
        said = room.from_user(outcome.bot_user)
        bot_events += len(said)
        if room.room_id in group_rooms:
            for event in said:
                text = body(event)
                if is_edit(event):
                    continue
                numbers = [n for n in number_of.values() if n is not None and f"#{n} " in text]
                if numbers:
                    announcements.update(numbers)
                elif "Sorry" in text:
                    apologies += 1
                elif not text.startswith("Hello!") and not text.startswith("flood is now"):
                    chatter_answers += 1  # the introduction and the set-up's /settings answer are not
            continue
        for event in said:
            text = body(event)
            if "Sorry" in text:
                apologies += 1
            for n in number_of.values():
                if n is None:
                    continue
                if text.startswith(f"You claimed #{n} ") or text.startswith(f"You claimed #{n}."):
                    claim_dms[(person, n)] += 1
                if text.startswith(f"#{n} is already taken"):
                    taken_dms[(person, n)] += 1

    wrong = []
    for line in needs:
        if line.claimer is None:
            continue
        n = number_of[line.key]
        status, user = db.claimer_of(n)
        if status != "claimed" or user != outcome.members[line.claimer]:
            wrong.append(n)
    rows = db.outbox()
    return Reckoning(
        unhandled=unhandled, items_per_need=items_per_need, stray_items=stray_items,
        announcements=announcements, announcement_sent=db.announcement_rows(), claim_dms=claim_dms, taken_dms=taken_dms, wrong_claimers=wrong,
        bot_events=bot_events, sent_rows=sum(1 for r in rows if r[2]),
        unsent_rows=sum(1 for r in rows if not r[2] and r[3] is None), failed_rows=sum(1 for r in rows if r[3]),
        apologies=apologies, chatter_answers=chatter_answers,
    )


def _direct_partner(room, bot_user: str) -> str | None:
    """Whom a direct room is with: the person the bot invited (or who joined)."""
    for event in room.events:
        if event.get("type") == "m.room.member" and event.get("state_key") != bot_user:
            return event.get("state_key")
    return None


def expected(outcome: Outcome) -> tuple[Counter, Counter, Counter]:
    """What was owed: one announcement per need, one "you claimed" per
    claim, one "already taken" per second claim."""
    number_of = {line.key: outcome.db.item_for(line.key) for line in outcome.lines if line.kind == "need"}
    announcements = Counter({n: 1 for n in number_of.values()})
    claims = Counter((outcome.members[l.member], number_of[l.need.key]) for l in outcome.lines if l.kind == "claim")
    taken = Counter((outcome.members[l.member], number_of[l.need.key]) for l in outcome.lines if l.kind == "taken")
    return announcements, claims, taken
