"""Who may run what, on which item, from where: every command by every role,
on an item of the chat's own group and of another group, in the group chat
and (for the item commands) in a direct chat.

The expectations below are read from docs/BEHAVIOUR.md, not from the code:

- items are numbered across groups, and an item of another group is
  answered as if it did not exist;
- item commands work in a direct chat for the item's author, its claimer
  and its group's coordinators; to anyone else the item does not exist;
- a command a member may not run is refused with one line saying who may.

Each cell runs on a fresh conversation (tests/security/world.py) and
asserts what happened to the items, settings and coordinators, not only
the words."""
from __future__ import annotations

import json

import pytest

from bot.commands.table import BY_NAME
from tests.harness import Chat
from tests.security import world

ROLES = list(world.ROLES)  # author claimer other coordinator promoted coord_elsewhere

# A = allowed: the command takes effect
# R = refused: one line in the chat it came from, nothing changes
# X = absent: "There is no #N here", nothing changes (in a direct chat, where
#     /open does not work: "#N is not one you can act on from here" and the
#     items the member can act on, as /mine; issue 15)
# command  chat    target  author claimer other coordinator promoted coord_elsewhere
EXPECTED = """
claim     group   own     R A A A A A
claim     group   other   X X X X X X
claim     direct  own     R X X A A X
claim     direct  other   X X X X X A
unclaim   group   own     R A R R R R
unclaim   group   other   X X X X X X
unclaim   direct  own     R A X R R X
unclaim   direct  other   X X X X X R
done      group   own     A A R R R R
done      group   other   X X X X X X
done      direct  own     A A X R R X
done      direct  other   X X X X X R
cancel    group   own     A R R A A R
cancel    group   other   X X X X X X
cancel    direct  own     A R X A A X
cancel    direct  other   X X X X X A
close     group   own     R R R A A R
close     group   other   R R R X X R
close     direct  own     R R X A A X
close     direct  other   X X X X X A
reopen    group   own     R R R A A R
reopen    group   other   R R R X X R
reopen    direct  own     R R X A A X
reopen    direct  other   X X X X X A
assign    group   own     R R R A A R
assign    group   other   R R R X X R
assign    direct  own     R R R R R R
assign    direct  other   R R R R R R
need      group   -       A A A A A A
offer     group   -       A A A A A A
open      group   -       A A A A A A
mine      group   -       A A A A A A
hours     group   -       A A A A A A
forget    group   -       A A A A A A
help      group   -       A A A A A A
start     group   -       R R R R R R
digest    group   -       R R R A A R
settings  group   -       R R R A A R
promote   group   -       R R R A A R
demote    group   -       R R R A A R
pause     group   -       R R R A A R
resume    group   -       R R R A A R
stats     group   -       R R R A A R
export    group   -       R R R A A R
report    group   -       R R R A A R
desk      group   -       R R R A A A
"""

ITEM_COMMANDS = ("claim", "unclaim", "done", "cancel", "close", "reopen", "assign")

# Where the bot disagrees with docs/BEHAVIOUR.md: (command, chat, target, role) -> why.
# (Empty: /close and /reopen in a direct chat now refuse the item's author
# and claimer with one line, as docs/BEHAVIOUR.md says.)
DISAGREES: dict[tuple[str, str, str, str], str] = {}
NOT_IN_TABLE = "docs/BEHAVIOUR.md lists /{name} for coordinators, but bot/commands/table.py has no such command"


def cells() -> list[tuple[str, str, str, str, str]]:
    out = []
    for row in EXPECTED.strip().splitlines():
        cmd, chat, target, *marks = row.split()
        assert len(marks) == len(ROLES), row
        out += [(cmd, chat, target, role, mark) for role, mark in zip(ROLES, marks)]
    return out


def params():
    out = []
    for cmd, chat, target, role, mark in cells():
        marks = []
        why = DISAGREES.get((cmd, chat, target, role))
        if why:
            marks.append(pytest.mark.xfail(strict=True, reason=why))
        elif cmd not in BY_NAME and mark == "A":
            marks.append(pytest.mark.xfail(strict=True, reason=NOT_IN_TABLE.format(name=cmd)))
        out.append(pytest.param(cmd, chat, target, role, mark, id=f"{cmd}-{chat}-{target}-{role}", marks=marks))
    return out


def test_the_table_covers_every_command_in_the_command_table():
    covered = {c[0] for c in cells()}
    assert set(BY_NAME) <= covered, f"commands with no expectations: {sorted(set(BY_NAME) - covered)}"
    item_rows = {(c[0], c[1], c[2]) for c in cells() if c[0] in ITEM_COMMANDS}
    for cmd in ITEM_COMMANDS:
        assert {(cmd, chat, target) for chat in ("group", "direct") for target in ("own", "other")} <= item_rows


# --- one cell -------------------------------------------------------------------

def command_line(cmd: str, number: int | None) -> str:
    if cmd in ITEM_COMMANDS:
        return f"/{cmd} {number}" + (" @rosa" if cmd == "assign" else "")
    return {
        "need": "/need a ride to the dentist thursday at 3pm",
        "offer": "/offer a spare crib",
        "settings": "/settings timebank on",
        "promote": "/promote @rosa",
        "demote": "/demote @pat",
    }.get(cmd, f"/{cmd}")


def setup_for(cmd: str) -> list[str]:
    if cmd in ("claim", "open", "digest"):  # something must be open to claim or to list
        return world.setup_lines(claimed=False)
    if cmd == "resume":
        return world.setup_lines(paused=True)
    return world.setup_lines()


def run_cell(conversation: Chat, cmd: str, chat: str, target: str, role: str, mark: str) -> None:
    who = world.ROLES[role]
    number = {"own": world.OWN_ITEM, "other": world.OTHER_ITEM, "-": None}[target]
    try:
        before = world.snapshot(conversation)
        where = ["@group eastside"] if chat == "group" else [f"@dm {who}"]
        sent = world.play(conversation, *where, f"{who}: {command_line(cmd, number)}")
        after = world.snapshot(conversation)
        reply_chat = "eastside" if chat == "group" else f"@{who}"
        texts = [s.text for s in sent]
        assert not any("something went wrong" in t for t in texts), texts
        if mark == "X":
            assert after == before, "an item of another group, or hidden from this person, changed"
            assert [(s.chat, s.edit) for s in sent] == [(reply_chat, False)], texts
            if chat == "group":
                assert f"There is no #{number} here" in sent[0].text
            else:
                assert sent[0].text.startswith(f"#{number} is not one you can act on from here."), sent[0].text
                assert "/open" not in sent[0].text
        elif mark == "R":
            assert after == before, "a refused command changed something"
            assert [(s.chat, s.edit) for s in sent] == [(reply_chat, False)], texts
            assert "\n" not in sent[0].text and "There is no" not in sent[0].text, sent[0].text
        else:
            allowed(conversation, cmd, who, number, before, after, sent)
    finally:
        conversation.close()


def allowed(conversation: Chat, cmd: str, who: str, number: int | None, before, after, sent) -> None:
    texts = [s.text for s in sent]
    if cmd in ITEM_COMMANDS:
        item = conversation.item(number)
        expected = {
            "claim": ("claimed", who), "assign": ("claimed", "rosa"), "unclaim": ("open", None),
            "reopen": ("open", None), "done": ("done", item["claimer"]), "close": ("done", item["claimer"]),
            "cancel": ("cancelled", item["claimer"]),
        }[cmd]
        assert (item["status"], item["claimer"]) == expected, texts
        others = [i for i in after.items if i[0] != number]
        assert others == [i for i in before.items if i[0] != number], "another item changed"
    elif cmd in ("need", "offer"):
        new = conversation.item(3)
        assert (new["group"], new["author"], new["kind"]) == ("eastside", who, "request" if cmd == "need" else "offer")
    elif cmd in ("open", "digest"):
        lists = [s.text for s in sent if s.chat == "eastside" and not s.edit]
        assert len(lists) == 1 and "#1" in lists[0] and "#2" not in lists[0], texts
        assert after.items == before.items
    elif cmd == "mine":
        assert [s.chat for s in sent] == [f"@{who}"] and "#2" not in sent[0].text, texts
        assert after == before
    elif cmd == "hours":
        assert [s.chat for s in sent] == ["eastside"], texts
        assert after == before
    elif cmd == "help":
        # one short line in the group, the list by direct message (issue 15)
        assert [s.chat for s in sent] == ["eastside", f"@{who}"], texts
        assert "/settings" not in sent[0].text
        assert after == before
        coordinator = who in ("ana", "pat")
        assert ("/settings" in sent[1].text) == coordinator, "help lists what this person may use"
    elif cmd == "forget":
        assert not world.has_member(conversation, who)
        assert who not in {conversation.item(n)[k] for n in (1, 2) for k in ("author", "claimer")}
    elif cmd == "settings":
        settings, _paused = world.group_row(conversation, "eastside")
        assert json.loads(settings).get("timebank") == "on"
        changed = set(after.groups) - set(before.groups)
        assert [g[1] for g in changed] == [settings], "another group's settings changed"
    elif cmd == "promote":
        assert world.is_promoted(conversation, "rosa")
    elif cmd == "demote":
        assert not world.is_promoted(conversation, "pat")
    elif cmd in ("pause", "resume"):
        assert world.group_row(conversation, "eastside")[1] is (cmd == "pause")
        assert world.group_row(conversation, "westside")[1] is False
    elif cmd in ("stats", "report"):
        assert sent and all(s.chat == "eastside" for s in sent), texts
        assert after.items == before.items
    elif cmd == "desk":
        # a coordinator of any group passes; this conversation's bot serves no desk, and says so
        assert texts == ["This bot serves no desk: whoever runs it adds a [web] section to its config."], texts
        assert after == before
    elif cmd == "export":
        assert sent and all(s.chat == f"@{who}" for s in sent) and any(s.file for s in sent), texts
        assert "maria" not in " ".join(texts)
    else:  # pragma: no cover - a new row in EXPECTED needs its effect written here
        raise AssertionError(f"no effect written for /{cmd}")


@pytest.fixture(scope="module")
def templates(tmp_path_factory):
    return world.Templates(tmp_path_factory.mktemp("matrix-templates"))


@pytest.mark.parametrize(("cmd", "chat", "target", "role", "mark"), params())
def test_cell(templates, tmp_path, monkeypatch, cmd, chat, target, role, mark):
    run_cell(templates.chat(setup_for(cmd), tmp_path / "matrix.db", monkeypatch), cmd, chat, target, role, mark)


# A sample of the matrix on both databases (PostgreSQL when configured):
# the cells where a wrong join or a missing group filter would show.
SAMPLE = [
    ("claim", "group", "other", "coordinator"),
    ("cancel", "direct", "other", "coord_elsewhere"),
    ("cancel", "direct", "own", "coord_elsewhere"),
    ("close", "group", "own", "promoted"),
    ("done", "direct", "own", "other"),
    ("settings", "group", "-", "coord_elsewhere"),
    ("digest", "group", "-", "coordinator"),
]


@pytest.mark.parametrize(("cmd", "chat", "target", "role"), SAMPLE, ids=["-".join(s) for s in SAMPLE])
def test_sample_on_both_databases(database_url, cmd, chat, target, role):
    mark = next(c[4] for c in cells() if c[:4] == (cmd, chat, target, role))
    run_cell(Chat(database_url, *setup_for(cmd)), cmd, chat, target, role, mark)
