"""The two-group world the authorisation matrix runs in, read straight
from the database so a cell asserts what the bot did, not what it said.

eastside: maria asked for #1 (groceries), jo claimed it; sam, pat, rosa and
bo are members; ana is a platform admin and promoted pat. westside: wes
asked for #2 (a ride), wyn claimed it; bo is its platform admin."""
from __future__ import annotations

import shutil
from dataclasses import dataclass

from bot.simulate import Sent
from storage.models import Group, Item, Member, Membership
from tests.harness import Chat

OWN_ITEM, OTHER_ITEM = 1, 2

# who plays each role of the matrix, as seen from eastside
ROLES = {
    "author": "maria",
    "claimer": "jo",
    "other": "sam",
    "coordinator": "ana",
    "promoted": "pat",
    "coord_elsewhere": "bo",
}


def setup_lines(*, claimed: bool = True, paused: bool = False) -> list[str]:
    lines = [
        "@group eastside",
        "@coordinator ana",
        "maria: need groceries Tuesday",
        "@group westside",
        "@coordinator bo",
        "wes: need a ride to the clinic friday at 10am",
    ]
    if claimed:
        lines.append("wyn > #2: I can do it")
    lines.append("@group eastside")
    if claimed:
        lines.append("jo > #1: I can do it")
    lines += ["jo: hello", "sam: hello", "pat: hello", "rosa: hello", "bo: hello", "ana: /promote @pat"]
    if paused:
        lines.append("ana: /pause")
    return lines


@dataclass(frozen=True)
class Snapshot:
    items: tuple
    groups: tuple
    memberships: tuple
    members: tuple


def snapshot(chat: Chat) -> Snapshot:
    """Everything a command could change that the matrix cares about."""
    with chat.sim.sessions() as db:
        return Snapshot(
            items=tuple((i.id, i.group_id, i.status, i.author_id, i.claimer_id) for i in db.query(Item).order_by(Item.id)),
            groups=tuple((g.id, g.settings, g.paused) for g in db.query(Group).order_by(Group.id)),
            memberships=tuple(sorted((m.group_id, m.member_id, m.is_admin, m.promoted) for m in db.query(Membership))),
            members=tuple(sorted((m.id, m.handle) for m in db.query(Member))),
        )


def item(chat: Chat, number: int) -> dict:
    return chat.item(number)


def group_row(chat: Chat, name: str) -> tuple[str, bool]:
    with chat.sim.sessions() as db:
        g = db.query(Group).filter(Group.name == name).one()
        return g.settings, g.paused


def is_promoted(chat: Chat, handle: str, group: str = "eastside") -> bool:
    with chat.sim.sessions() as db:
        g = db.query(Group).filter(Group.name == group).one()
        m = db.query(Member).filter(Member.handle == handle).one()
        ms = db.get(Membership, (g.id, m.id))
        return bool(ms and ms.promoted)


def has_member(chat: Chat, handle: str) -> bool:
    with chat.sim.sessions() as db:
        return db.query(Member).filter(Member.handle == handle).first() is not None


def play(chat: Chat, *lines: str) -> list[Sent]:
    """Play lines; return what the bot sent because of them (edits included)."""
    before = len(chat.sim.sent)
    chat.sim.play(list(lines))
    return chat.sim.sent[before:]


class Templates:
    """One database per set-up, built once; each cell plays on a copy of it.

    A fresh conversation for every cell would replay the set-up and check the
    migrations ~300 times; a copy of the file is the same conversation at the
    same point, ~5x cheaper. The copy is already at the newest revision, so
    its migration check is skipped (``bot.simulate.migrate``, patched)."""

    def __init__(self, directory) -> None:
        self.directory = directory
        self.built: dict[tuple[str, ...], str] = {}

    def chat(self, lines: list[str], into, monkeypatch) -> Chat:
        key = tuple(lines)
        if key not in self.built:
            path = self.directory / f"template{len(self.built)}.db"
            Chat(f"sqlite:///{path}", *lines).close()
            self.built[key] = str(path)
        shutil.copyfile(self.built[key], into)
        monkeypatch.setattr("bot.simulate.migrate", lambda engine: None)
        # the groups and coordinators, as the script named them (no event is replayed)
        chat = Chat(f"sqlite:///{into}", *[line for line in lines if line.startswith("@")])
        # message ids the set-up used are recorded as handled: start past them
        chat.sim.stage.counter = 10_000
        chat.sim._bot_ids = 10_000
        return chat
