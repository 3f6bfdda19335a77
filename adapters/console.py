"""The console: a group chat on the terminal. You type as any member, in
the script language of docs/SCENARIOS.md (``maria: need groceries tuesday``,
``jo > #1: I can do it``, ``jo +👍 #1``, ``maria ~ new text``, ``@dm maria``,
``@group NAME``, ``@coordinator ana``), on the real clock, and see what the
bot answers as it would on any platform."""
from __future__ import annotations

import asyncio
import sys
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from adapters.base import Pace, Submit
from bot.actions import Action, EditMessage, SendDirect, SendFile, SendToChat
from bot.events import BotAddedToChat
from bot.script import PLATFORM, Directive, Edit, React, Say, ScriptError, Stage, parse_zone, read_line

DEFAULT_GROUP = "neighbours"
CONSOLE_COORDINATOR = "ana"
BANNER = (
    "mutualaid on the console: you are the group '{group}'. Type as any member:\n"
    "  maria: need groceries tuesday      jo > #1: I can do it      jo +👍 #1\n"
    "  maria ~ need groceries wednesday   @dm maria   @group NAME   @coordinator ana   @leaves jo   @demoted ana   ana: /help\n"
    "Ctrl-D ends.\n"
)


class ConsoleAdapter:
    platform = PLATFORM
    pace = Pace(per_group_per_minute=6000, per_direct_per_second=100, overall_per_second=100)

    def __init__(self, stdin=None, stdout=None) -> None:
        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout
        self.finished = asyncio.Event()
        self._ids = 0
        self._task: asyncio.Task | None = None
        self.runtime = None

    def bind(self, runtime) -> None:
        self.runtime = runtime

    def _now(self) -> datetime:
        return self.runtime.clock() if self.runtime else datetime.now(timezone.utc)

    async def start(self, submit: Submit) -> None:
        self.stage = Stage(announcement_of=self.runtime.announcement_message_id,
                           zone=ZoneInfo(self.runtime.defaults.zone), lang=self.runtime.defaults.lang)
        self.stage.chat = ("group", DEFAULT_GROUP)
        await self._prepare_group(DEFAULT_GROUP)
        await submit(BotAddedToChat(PLATFORM, DEFAULT_GROUP, self._now(), DEFAULT_GROUP))
        self.stdout.write(BANNER.format(group=DEFAULT_GROUP))
        await self._print_desk_link()
        self.stdout.flush()
        self._task = asyncio.create_task(self._read(submit))

    async def _print_desk_link(self) -> None:
        """With the desk served (on 127.0.0.1), ana coordinates the group and
        gets a login link; `ana: /desk` prints a new one."""
        link = await asyncio.to_thread(self.runtime.engine.desk_link_for_admin, PLATFORM, DEFAULT_GROUP,
                                       CONSOLE_COORDINATOR, CONSOLE_COORDINATOR, self._now())
        if link is None:
            return
        self.stage.coordinators.setdefault(DEFAULT_GROUP, set()).add(CONSOLE_COORDINATOR)
        self.stdout.write(f"The coordinators' desk, for @{CONSOLE_COORDINATOR} (works once, 10 minutes): {link}\n")

    async def _prepare_group(self, name: str) -> None:
        await asyncio.to_thread(self.runtime.engine.prepare_group, PLATFORM, name, name,
                                {"zone": self.stage.zone.key, "lang": self.stage.lang}, self._now(), False)

    async def _read(self, submit: Submit) -> None:
        number = 0
        try:
            while True:
                raw = await asyncio.to_thread(self.stdin.readline)
                if not raw:
                    break
                number += 1
                try:
                    await self._line(raw, number, submit)
                except ScriptError as exc:
                    self.stdout.write(f"(console) {exc}\n")
                    self.stdout.flush()
        finally:
            self.finished.set()

    async def _line(self, raw: str, number: int, submit: Submit) -> None:
        line = read_line(raw, number)
        if line is None:
            return
        now = self._now()
        stage = self.stage
        if isinstance(line, Directive):
            if line.name in ("now", "wait", "until", "restart"):
                raise ScriptError(number, f"@{line.name} works in scripts (mutualaid simulate); the console runs on the real clock")
            if line.name == "zone":
                stage.zone = parse_zone(line.value, number)
            elif line.name == "lang":
                stage.lang = line.value
            elif line.name == "group":
                stage.chat = ("group", line.value)
                await self._prepare_group(line.value)
            elif line.name == "dm":
                stage.chat = ("dm", line.value)
            elif line.name == "coordinator":
                if stage.chat[0] != "group":
                    raise ScriptError(number, "@coordinator names a coordinator of the current group")
                stage.coordinators.setdefault(stage.chat[1], set()).add(line.value)
            elif line.name in ("leaves", "demoted"):
                await submit(stage.membership(line, now, number))
                await self.runtime.drain_outbox(timeout=10)
            return
        if isinstance(line, Say):
            await submit(stage.message(line, now, number))
        elif isinstance(line, React):
            await submit(stage.reaction(line, now, number))
        elif isinstance(line, Edit):
            await submit(stage.edit(line, now, number))
        # show the answer before reading on, as a chat would
        await self.runtime.drain_outbox(timeout=10)

    async def stop(self) -> None:
        if self._task is not None and not self._task.done():
            self._task.cancel()

    async def perform(self, action: Action) -> str | None:
        if isinstance(action, SendToChat):
            self._print(action.chat_id, action.text)
        elif isinstance(action, SendDirect):
            self._print(f"@{action.user_id}", action.text)
        elif isinstance(action, EditMessage):
            self._print(action.chat_id, action.text, edited=True)
            return None
        elif isinstance(action, SendFile):
            self._print(action.chat_id or f"@{action.user_id}", f"{action.caption} [file {action.filename}]")
        self._ids += 1
        return f"b{self._ids}"

    def _print(self, chat: str, text: str, edited: bool = False) -> None:
        mark = " (edited)" if edited else ""
        self.stdout.write(f"bot -> {chat}{mark}: {text}\n")
        self.stdout.flush()
