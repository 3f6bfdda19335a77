"""``mutualaid simulate SCRIPT``: a conversation played through the real
engine, storage, outbox and due rows, on a fake clock with no network."""
from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TextIO
from zoneinfo import ZoneInfo

from bot.actions import EditMessage, SendDirect, SendFile, SendToChat
from bot.engine import Engine
from bot.events import Tick
from bot.outbox import OutboxQueue
from bot.script import (
    MAX_WAIT,
    PLATFORM,
    Directive,
    Edit,
    React,
    Say,
    ScriptError,
    Stage,
    parse_moment,
    parse_wait,
    parse_zone,
    read_line,
)
from bot.turn import Defaults
from storage import repo
from storage.db import migrate, open_database, session_factory
from storage.models import Group, Item, Member


@dataclass(frozen=True)
class Sent:
    at: datetime
    chat: str
    text: str
    edit: bool
    file: str | None


class Simulation:
    def __init__(self, database_url: str, defaults: Defaults | None = None) -> None:
        self.database_url = database_url
        self.defaults = defaults or Defaults(zone="UTC")
        self.sent: list[Sent] = []
        self.now: datetime | None = None
        self._bot_ids = 0
        self.stage = Stage(announcement_of=self._announcement_of)
        self._boot()

    # --- the bot, started and restarted on the same database -------------------

    def _boot(self) -> None:
        self.db_engine = open_database(self.database_url)
        migrate(self.db_engine)
        self.sessions = session_factory(self.db_engine)
        self.engine = Engine(self.sessions, self.defaults)
        self.outbox = OutboxQueue(self.sessions)

    def restart(self) -> None:
        self.db_engine.dispose()
        self._boot()

    def close(self) -> None:
        self.db_engine.dispose()

    # --- what the platform would do ------------------------------------------

    def _announcement_of(self, number: int) -> str | None:
        with self.sessions() as db:
            row = repo.latest_announcement(db, number)
            return None if row is None else row.message_id

    def _deliver(self) -> None:
        """Send everything owed, in the order it was decided."""
        while True:
            owed = self.outbox.take(self.now, limit=500)
            if not owed:
                return
            for o in owed:
                self.outbox.sent(o.id, self._perform(o.action, o.decided_at), self.now)

    def _perform(self, action, decided_at: datetime) -> str | None:
        zone = self.stage.script_zone or ZoneInfo("UTC")
        at = decided_at.astimezone(zone)
        if isinstance(action, SendToChat):
            self.sent.append(Sent(at, action.chat_id, action.text, False, None))
        elif isinstance(action, SendDirect):
            self.sent.append(Sent(at, f"@{action.user_id}", action.text, False, None))
        elif isinstance(action, EditMessage):
            self.sent.append(Sent(at, action.chat_id, action.text, True, None))
            return None
        elif isinstance(action, SendFile):
            chat = action.chat_id or f"@{action.user_id}"
            self.sent.append(Sent(at, chat, action.caption, False, action.filename))
        self._bot_ids += 1
        return f"b{self._bot_ids}"

    # --- playing a script ------------------------------------------------------

    def play(self, lines: list[str]) -> None:
        for number, raw in enumerate(lines, start=1):
            line = read_line(raw, number)
            if line is None:
                continue
            if self.now is None and not (isinstance(line, Directive) and line.name in ("now", "zone")):
                raise ScriptError(number, "a script starts with @now")
            self._step(line, number)

    def _step(self, line, number: int) -> None:
        stage = self.stage
        if isinstance(line, Directive):
            self._directive(line, number)
        elif isinstance(line, Say):
            self._handle(stage.message(line, self.now, number))
        elif isinstance(line, React):
            self._handle(stage.reaction(line, self.now, number))
        elif isinstance(line, Edit):
            self._handle(stage.edit(line, self.now, number))

    def _directive(self, d: Directive, number: int) -> None:
        stage = self.stage
        if d.name == "now":
            self.now = parse_moment(d.value, stage.script_zone or ZoneInfo("UTC"), number)
        elif d.name == "zone":
            stage.zone = parse_zone(d.value, number)
            if stage.script_zone is None:
                stage.script_zone = stage.zone
                if self.now is not None:  # "@now" came first: its time was in this zone
                    self.now = self.now.replace(tzinfo=stage.zone)
                self.defaults.zone = d.value.strip()
        elif d.name == "lang":
            if d.value not in ("en", "es"):
                raise ScriptError(number, f"unknown language {d.value!r}: en or es")
            stage.lang = d.value
        elif d.name == "group":
            stage.chat = ("group", d.value)
            self.engine.prepare_group(PLATFORM, d.value, d.value, {"zone": stage.zone.key, "lang": stage.lang},
                                      self.now, introduced=True)
        elif d.name == "dm":
            stage.chat = ("dm", d.value)
        elif d.name == "coordinator":
            if stage.chat is None or stage.chat[0] != "group":
                raise ScriptError(number, "@coordinator names a coordinator of the current group")
            stage.coordinators.setdefault(stage.chat[1], set()).add(d.value)
            self.engine.note_admin(PLATFORM, stage.chat[1], d.value, d.value, self.now)
        elif d.name in ("leaves", "demoted"):
            self._handle(stage.membership(d, self.now, number))
        elif d.name == "wait":
            self.advance(self.now + parse_wait(d.value, number))
        elif d.name == "until":
            target = parse_moment(d.value, stage.script_zone or ZoneInfo("UTC"), number)
            if target < self.now:
                raise ScriptError(number, f"@until {d.value} is in the past")
            if target - self.now > MAX_WAIT:
                raise ScriptError(number, f"@until {d.value} is too far ahead: at most {MAX_WAIT.days} days")
            self.advance(target)
        elif d.name == "restart":
            self.restart()

    def _handle(self, event) -> None:
        self.engine.handle(event, self.now)
        self._deliver()

    def advance(self, target: datetime) -> None:
        """Run everything due up to and including ``target``, in time order,
        with the clock at each one's due time."""
        last = None
        while True:
            with self.sessions() as db:
                due = repo.next_due_at(db)
            if due is None or due > target:
                break
            if due == last:
                # the tick ran but left the row pending: a failure already
                # logged; stop rather than loop
                raise RuntimeError(f"due rows at {due.isoformat()} did not run")
            last = due
            self.now = max(self.now, due.astimezone(self.now.tzinfo))
            self.engine.handle(Tick(self.now), self.now)
            self._deliver()
        self.now = target

    # --- what it prints --------------------------------------------------------

    def transcript(self) -> str:
        return "".join(
            f"[{s.at:%Y-%m-%d %H:%M}] bot -> {s.chat}: {s.text.replace(chr(10), chr(92) + 'n')}"
            + (f" [file {s.file}]" if s.file else "") + "\n"
            for s in self.sent
        )

    def state(self) -> dict:
        zone = self.stage.script_zone or ZoneInfo("UTC")
        with self.sessions() as db:
            groups = {g.id: g.name for g in db.query(Group)}
            handles = {m.id: m.handle for m in db.query(Member)}
            items = [
                {
                    "id": i.id, "kind": i.kind, "status": i.status, "category": i.category,
                    "group": groups.get(i.group_id), "author": handles.get(i.author_id),
                    "claimer": handles.get(i.claimer_id),
                    "when": i.when_at.astimezone(zone).isoformat() if i.when_at else None,
                    "has_time": i.has_time if i.when_at else None, "recurrence": i.recurrence,
                    "urgent": i.urgent,
                }
                for i in db.query(Item).order_by(Item.id)
            ]
            hours = repo.hours_by_handle(db)
        sent = [{"at": s.at.isoformat(), "chat": s.chat, "text": s.text, "edit": s.edit, "file": s.file} for s in self.sent]
        return {"items": items, "sent": sent, "hours": hours}


def run(script: Path, as_json: bool, out: TextIO, err: TextIO, database_url: str | None = None) -> int:
    try:
        lines = script.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        err.write(f"cannot read {script}: {exc.strerror}\n")
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        sim = Simulation(database_url or f"sqlite:///{tmp}/simulate.db")
        try:
            sim.play(lines)
        except ScriptError as exc:
            err.write(f"{script}: {exc}\n")
            return 2
        finally:
            result = sim.state() if as_json else None
            text = sim.transcript()
            sim.close()
    if as_json:
        out.write(json.dumps(result, ensure_ascii=False, indent=1) + "\n")
    else:
        out.write(text)
    return 0
