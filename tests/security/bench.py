"""A test bench for the engine: events built by hand (any sender, any text,
any ids: what a platform could deliver, not only what a script can say),
handled by the real engine and storage, and delivered from the outbox the
way ``mutualaid simulate`` does. Used by the engine fuzz and the log test.

Also the event grammar they share: hypothesis strategies for messages,
commands, reactions, button presses, edits and the clock moving, from a few
known members and from strangers with arbitrary Unicode names."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

from bot.actions import EditMessage, SendDirect, SendFile, SendToChat
from bot.commands.table import BY_NAME
from bot.engine import Engine
from bot.events import ButtonPressed, IncomingMessage, Mention, MessageEdited, ReactionAdded, Sender, Tick
from bot.outbox import OutboxQueue
from bot.turn import Defaults
from storage.db import migrate, open_database, session_factory

PLATFORM = "fuzz"
ZONE = ZoneInfo("America/New_York")
START = datetime(2026, 12, 2, 10, 0, tzinfo=ZONE)
GROUPS = ("eastside", "westside")
ADMINS = {"eastside": "ana", "westside": "bo"}
APOLOGY = "something went wrong"


@dataclass
class Delivered:
    chat: str  # a group's chat id, or "@user_id" for a direct message
    text: str
    edit: bool


@dataclass
class Bench:
    url: str
    prefix: str = ""  # distinguishes the ids of several benches on one database
    now: datetime = START
    bot_messages: list[str] = field(default_factory=list)  # ids of what the bot posted
    delivered: list[Delivered] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.db_engine = open_database(self.url)
        migrate(self.db_engine)
        self.sessions = session_factory(self.db_engine)
        self.engine = Engine(self.sessions, Defaults(zone=ZONE.key))
        self.outbox = OutboxQueue(self.sessions)
        for name in GROUPS:
            self.engine.prepare_group(PLATFORM, name, name, {"zone": ZONE.key}, self.now, introduced=True)
            self.engine.note_admin(PLATFORM, name, ADMINS[name], ADMINS[name], self.now)

    def close(self) -> None:
        self.db_engine.dispose()

    def handle(self, event) -> list[Delivered]:
        """Handle one event and deliver what it owes; return what went out."""
        if isinstance(event, Tick):
            self.now = event.now
        self.engine.handle(event, self.now)
        return self.deliver()

    def deliver(self) -> list[Delivered]:
        out = []
        while owed := self.outbox.take(self.now, limit=500):
            for o in owed:
                out.append(self._perform(o.action))
                message_id = None
                if not isinstance(o.action, EditMessage):  # as a platform does, a new id per new message
                    message_id = f"{self.prefix}b{len(self.bot_messages) + 1}"
                    self.bot_messages.append(message_id)
                self.outbox.sent(o.id, message_id, self.now)
        self.delivered += out
        return out

    @staticmethod
    def _perform(action) -> Delivered:
        if isinstance(action, SendToChat):
            return Delivered(action.chat_id, action.text, False)
        if isinstance(action, SendDirect):
            return Delivered(f"@{action.user_id}", action.text, False)
        if isinstance(action, EditMessage):
            return Delivered(action.chat_id, action.text, True)
        return Delivered(action.chat_id or f"@{action.user_id}", action.caption, False)


# --- the grammar of events ----------------------------------------------------------

MEMBERS = ("ana", "bo", "maria", "jo", "sam")
NUMBERS = st.one_of(
    st.integers(min_value=1, max_value=6).map(str),
    st.sampled_from(["0", "-1", "#-1", "#0", "999", "999999999", "1000000000", "2147483648",
                     "99999999999999999999", "#99999999999999999999", "1e9", "3.5", "٣", "#", "##2", "0x1"]),
)
HOURS = st.sampled_from(["2h", "90m", "1.5h", "0", "-2h", "9999h", "168h", "169h", "1,5", "0.01m", "h", "∞"])
SETTING = st.sampled_from(["zone", "lang", "timebank", "remind", "checkin", "quiet", "report", "retention",
                           "digest", "expire", "nope", "ZONE"])
VALUE = st.sampled_from(["America/New_York", "Mars/Olympus", "../../etc/passwd", "es", "fr", "on", "off", "2h",
                         "99999d", "0m", "25:00", "22:00-22:00", "22:00-08:00", "mon 09:00", "sun 24:00", "", "UTC"])
NASTY = st.lists(
    st.one_of(st.characters(), st.sampled_from(["\x00", "\x1b[31m", "\u202e", "\ufeff", "\n", "\r", "\t", "#", "@", "/"])),
    max_size=40,
).map("".join)
CHATTY = st.sampled_from([
    "need groceries tuesday", "I can do it", "I'll take #1", "I'll take #99999999999999999999", "on it", "yo puedo",
    "can anyone give me a ride to the clinic friday at 10am, 12 Elm St apt 3, call 555-0172", "hello", "thanks!",
    "I have a spare crib", "necesito comida mañana", "I need help", "every monday at 8am need a ride",
    "urgent need insulin today", "",
])


def command_text() -> st.SearchStrategy[str]:
    name = st.one_of(st.sampled_from(sorted(BY_NAME)), st.sampled_from(["nope", "CLAIM", "done@otherbot", "settings"]))
    args = st.lists(st.one_of(NUMBERS, HOURS, SETTING, VALUE, st.sampled_from(["@jo", "@ghost", "@", "@ana"]), NASTY),
                    max_size=4)
    return st.builds(lambda p, n, a: f"{p}{n} {' '.join(a)}".rstrip(), st.sampled_from(["/", "!"]), name, args)


def weighted(*choices: tuple[int, st.SearchStrategy]) -> st.SearchStrategy:
    """One of the strategies, chosen in proportion to its weight."""
    table = [strategy for weight, strategy in choices for _ in range(weight)]
    return st.integers(0, len(table) - 1).flatmap(lambda i: table[i])


TEXT = weighted((4, command_text()), (2, CHATTY), (1, NASTY), (1, st.builds(lambda a, b: f"{a} {b}", CHATTY, NASTY)))


@dataclass(frozen=True)
class Who:
    user_id: str
    handle: str
    is_person: bool = True


WHO = weighted(
    (8, st.sampled_from(MEMBERS).map(lambda h: Who(h, h))),
    (1, st.builds(Who, st.text(min_size=1, max_size=12), st.text(max_size=12))),
    (1, st.sampled_from(MEMBERS).map(lambda h: Who(h, h, is_person=False))),
)


@dataclass(frozen=True)
class Say:
    who: Who
    where: str  # a group, or "dm"
    text: str
    reply: int | None  # index into the bot's messages, or None
    mention: str | None


@dataclass(frozen=True)
class React:
    who: Who
    where: str
    emoji: str
    target: int


@dataclass(frozen=True)
class Press:
    who: Who
    where: str
    data: str
    target: int


@dataclass(frozen=True)
class EditLast:
    who: Who
    where: str
    text: str


@dataclass(frozen=True)
class Wait:
    minutes: int


WHERE = st.sampled_from(GROUPS + GROUPS + ("dm",))
SAY = st.builds(Say, WHO, WHERE, TEXT, st.one_of(st.none(), st.integers(0, 30)), st.one_of(st.none(), st.sampled_from(MEMBERS)))
STEP = weighted(
    (6, SAY),
    (2, st.builds(React, WHO, st.sampled_from(GROUPS), st.one_of(st.sampled_from(["👍", "🙋", "❤️", "👍🏽"]), NASTY),
                  st.integers(0, 30))),
    (1, st.builds(Press, WHO, st.sampled_from(GROUPS),
                  st.one_of(st.builds(lambda n: f"claim:{n}", NUMBERS), NASTY), st.integers(0, 30))),
    (1, st.builds(EditLast, WHO, WHERE, TEXT)),
    (1, st.builds(Wait, st.sampled_from([1, 30, 60 * 5, 60 * 24, 60 * 24 * 3, 60 * 24 * 15]))),
)


class Player:
    """Turns steps of the grammar into events on a bench."""

    def __init__(self, bench: Bench) -> None:
        self.bench = bench
        self.counter = 0
        self.latest: dict[tuple[str, str], str] = {}  # (chat, user) -> their latest message id

    def _id(self, prefix: str) -> str:
        self.counter += 1
        return f"{self.bench.prefix}{prefix}{self.counter}"

    def _chat(self, who: Who, where: str) -> tuple[str, bool]:
        return (f"@{who.user_id}", True) if where == "dm" else (where, False)

    def _sender(self, who: Who, chat: str) -> Sender:
        return Sender(user_id=who.user_id, handle=who.handle, is_person=who.is_person,
                      is_admin=ADMINS.get(chat) == who.user_id)

    def _bot_message(self, index: int | None) -> str | None:
        if index is None:
            return None
        ids = self.bench.bot_messages
        return ids[index % len(ids)] if ids else f"unknown{index}"

    def event(self, step):
        now = self.bench.now
        if isinstance(step, Wait):
            return Tick(now + timedelta(minutes=step.minutes))
        chat, direct = self._chat(step.who, step.where)
        sender = self._sender(step.who, chat)
        if isinstance(step, Say):
            message_id = self._id("m")
            self.latest[(chat, step.who.user_id)] = message_id
            mentions = (Mention(text=f"@{step.mention}", user_id=step.mention, handle=step.mention),) if step.mention else ()
            return IncomingMessage(PLATFORM, chat, message_id, sender, step.text, now, direct=direct,
                                   chat_title=None if direct else chat, reply_to=self._bot_message(step.reply),
                                   mentions=mentions)
        if isinstance(step, React):
            return ReactionAdded(PLATFORM, chat, self._bot_message(step.target), sender, step.emoji, now, self._id("r"))
        if isinstance(step, Press):
            return ButtonPressed(PLATFORM, chat, self._bot_message(step.target), sender, step.data, now, self._id("p"))
        original = self.latest.get((chat, step.who.user_id), "never-sent")
        return MessageEdited(PLATFORM, chat, original, sender, step.text, now, self._id("e"), direct=direct)

    def play(self, step) -> tuple[object, list[Delivered]]:
        event = self.event(step)
        return event, self.bench.handle(event)


# every example starts from a group life worth attacking: items open and
# claimed in both groups, a coordinator promoted, a need sent by direct message
OPENING = (
    Say(Who("maria", "maria"), "eastside", "need groceries tuesday", None, None),
    Say(Who("wes", "wes"), "westside", "need a ride to the clinic friday at 10am", None, None),
    Say(Who("jo", "jo"), "eastside", "I can do it", 0, None),
    Say(Who("sam", "sam"), "eastside", "I have a spare crib", None, None),
    Say(Who("ana", "ana"), "eastside", "/promote @sam", None, "sam"),
    Say(Who("maria", "maria"), "dm", "need a ride to the pharmacy thursday at 3pm, 12 Elm St apt 3", None, None),
)
