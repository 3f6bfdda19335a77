"""The conversation-script language of docs/SCENARIOS.md: reading lines, and
turning them into the events a platform would deliver. Shared by
``mutualaid simulate`` and the console adapter, so both speak the same
language."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Callable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.events import AdminChanged, IncomingMessage, Mention, MemberLeft, MessageEdited, ReactionAdded, Sender

PLATFORM = "sim"
_NAME = r"[\w-]+"
_REPLY_ITEM = re.compile(rf"^({_NAME}) > #(\d+):\s?(.*)$", re.S)
_REPLY_PERSON = re.compile(rf"^({_NAME}) > ({_NAME}):\s?(.*)$", re.S)
_REACTION = re.compile(rf"^({_NAME}) \+(\S+) #(\d+)\s*$")
_EDIT = re.compile(rf"^({_NAME}) ~ ?(.*)$", re.S)
_SAY = re.compile(rf"^({_NAME}):\s?(.*)$", re.S)
_MENTION = re.compile(r"@([\w-]+)")
_DURATION = re.compile(r"^(\d+)\s*([mhd])$")
MAX_WAIT = timedelta(days=3650)
MAX_ITEM = 2**31 - 1  # item numbers are 32-bit on PostgreSQL


class ScriptError(Exception):
    def __init__(self, line_no: int, message: str) -> None:
        super().__init__(f"line {line_no}: {message}")
        self.line_no = line_no


@dataclass(frozen=True)
class Directive:
    name: str  # now, zone, lang, group, dm, coordinator, leaves, demoted, wait, until, restart
    value: str


@dataclass(frozen=True)
class Say:
    who: str
    text: str
    reply_item: int | None = None
    reply_person: str | None = None


@dataclass(frozen=True)
class React:
    who: str
    emoji: str
    item: int


@dataclass(frozen=True)
class Edit:
    who: str
    text: str


Line = Directive | Say | React | Edit
DIRECTIVES = {"now", "zone", "lang", "group", "dm", "coordinator", "leaves", "demoted", "wait", "until", "restart"}


def read_line(raw: str, line_no: int) -> Line | None:
    line = raw.rstrip("\r\n")
    if not line.strip() or line.lstrip().startswith("#"):
        return None
    if line.startswith("@"):
        name, _, value = line[1:].partition(" ")
        if name not in DIRECTIVES:
            raise ScriptError(line_no, f"unknown line @{name}")
        value = value.strip()
        if name != "restart" and not value:
            raise ScriptError(line_no, f"@{name} needs a value")
        return Directive(name, value)
    for pattern, build in (
        (_REPLY_ITEM, lambda m: Say(m[1], m[3], reply_item=int(m[2]))),
        (_REPLY_PERSON, lambda m: Say(m[1], m[3], reply_person=m[2])),
        (_REACTION, lambda m: React(m[1], m[2], int(m[3]))),
        (_EDIT, lambda m: Edit(m[1], m[2])),
        (_SAY, lambda m: Say(m[1], m[2])),
    ):
        m = pattern.match(line)
        if m:
            return build(m)
    raise ScriptError(line_no, "not an event line: expected 'name: text', 'name > #N: text', 'name +👍 #N' or 'name ~ text'")


def parse_moment(value: str, zone: ZoneInfo, line_no: int) -> datetime:
    try:
        naive = datetime.strptime(value.strip(), "%Y-%m-%d %H:%M")
    except ValueError:
        raise ScriptError(line_no, f"bad time {value!r}: write it as 2026-12-02 10:00") from None
    return naive.replace(tzinfo=zone)


def parse_wait(value: str, line_no: int) -> timedelta:
    m = _DURATION.match(value.strip())
    if not m:
        raise ScriptError(line_no, f"bad duration {value!r}: write it as 30m, 3h or 2d")
    n, unit = int(m[1]), m[2]
    wait = {"m": timedelta(minutes=n), "h": timedelta(hours=n), "d": timedelta(days=n)}[unit] if n < 10**8 else None
    if wait is None or wait > MAX_WAIT:
        raise ScriptError(line_no, f"@wait {value} is too long: at most {MAX_WAIT.days} days")
    return wait


def parse_zone(value: str, line_no: int) -> ZoneInfo:
    try:
        return ZoneInfo(value.strip())
    except (ZoneInfoNotFoundError, ValueError):
        raise ScriptError(line_no, f"unknown time zone {value!r}") from None


@dataclass
class Stage:
    """Where the script is: the current chat, the zone and language of groups
    named next, who coordinates where, and each person's latest message (for
    ``jo > maria:`` and ``maria ~``)."""

    announcement_of: Callable[[int], str | None]
    zone: ZoneInfo = field(default_factory=lambda: ZoneInfo("UTC"))
    script_zone: ZoneInfo | None = None
    lang: str = "en"
    chat: tuple[str, str] | None = None  # ("group", name) or ("dm", handle)
    coordinators: dict[str, set[str]] = field(default_factory=dict)
    latest: dict[tuple[str, str], str] = field(default_factory=dict)
    counter: int = 0

    def _next_id(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}{self.counter}"

    def _sender(self, who: str) -> Sender:
        admin = self.chat is not None and self.chat[0] == "group" and who in self.coordinators.get(self.chat[1], set())
        return Sender(user_id=who, handle=who, is_admin=admin)

    def _chat(self, line_no: int, who: str) -> tuple[str, bool, str | None]:
        if self.chat is None:
            raise ScriptError(line_no, "no chat yet: start with @group NAME or @dm NAME")
        kind, name = self.chat
        if kind == "dm":
            if who != name:
                raise ScriptError(line_no, f"only {name} writes in @dm {name}")
            return f"@{name}", True, None
        return name, False, name

    def membership(self, d: Directive, now: datetime, line_no: int) -> MemberLeft | AdminChanged:
        """``@leaves jo``: jo left the current group, or was removed or banned
        from it; ``@demoted ana``: ana is no longer one of its platform admins."""
        if self.chat is None or self.chat[0] != "group":
            raise ScriptError(line_no, f"@{d.name} names a member of the current group")
        group = self.chat[1]
        self.coordinators.get(group, set()).discard(d.value)
        if d.name == "leaves":
            return MemberLeft(platform=PLATFORM, chat_id=group, user_id=d.value, sent_at=now)
        return AdminChanged(platform=PLATFORM, chat_id=group, user_id=d.value, is_admin=False, sent_at=now)

    def message(self, line: Say, now: datetime, line_no: int) -> IncomingMessage:
        chat_id, direct, title = self._chat(line_no, line.who)
        reply_to = None
        if line.reply_item is not None:
            reply_to = self.announcement_of(line.reply_item) if line.reply_item <= MAX_ITEM else None
            if reply_to is None:
                raise ScriptError(line_no, f"#{line.reply_item} has no announcement to reply to")
        elif line.reply_person is not None:
            reply_to = self.latest.get((chat_id, line.reply_person))
            if reply_to is None:
                raise ScriptError(line_no, f"{line.reply_person} has written nothing here to reply to")
        message_id = self._next_id("m")
        self.latest[(chat_id, line.who)] = message_id
        mentions = tuple(Mention(text=f"@{h}", user_id=h, handle=h) for h in _MENTION.findall(line.text))
        return IncomingMessage(platform=PLATFORM, chat_id=chat_id, message_id=message_id, sender=self._sender(line.who),
                               text=line.text, sent_at=now, direct=direct, chat_title=title, reply_to=reply_to,
                               mentions=mentions)

    def reaction(self, line: React, now: datetime, line_no: int) -> ReactionAdded:
        chat_id, _direct, _title = self._chat(line_no, line.who)
        target = self.announcement_of(line.item) if line.item <= MAX_ITEM else None
        if target is None:
            raise ScriptError(line_no, f"#{line.item} has no announcement to react to")
        return ReactionAdded(platform=PLATFORM, chat_id=chat_id, message_id=target, sender=self._sender(line.who),
                             emoji=line.emoji, sent_at=now, reaction_id=self._next_id("r"))

    def edit(self, line: Edit, now: datetime, line_no: int) -> MessageEdited:
        chat_id, direct, _title = self._chat(line_no, line.who)
        original = self.latest.get((chat_id, line.who))
        if original is None:
            raise ScriptError(line_no, f"{line.who} has written nothing here to edit")
        return MessageEdited(platform=PLATFORM, chat_id=chat_id, message_id=original, sender=self._sender(line.who),
                             text=line.text, sent_at=now, edit_id=self._next_id("e"), direct=direct)
