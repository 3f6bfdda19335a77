"""The command table: name, handler, who may run it, where, and its help.
/help and the platforms' command menus are made from this one list."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from bot import people
from bot.commands import desk_commands as d
from bot.commands import group_commands as g
from bot.commands import item_commands as i
from bot.commands import list_commands as l
from bot.commands import person_commands as p
from bot.commands import report_commands as r
from bot.commands.args import item_number
from bot.commands.call import Call
from bot.i18n import _
from storage.models import Group, Item

MEMBER, COORDINATOR = "member", "coordinator"
# where a command may run: a group, a direct chat, or both
GROUP, DIRECT, ANY = "group", "direct", "any"


@dataclass(frozen=True)
class Command:
    name: str
    handler: Callable[[Call], None]
    role: str
    where: str
    usage: str
    help: str
    hidden: bool = False
    # /help lists it to coordinators only, though the command itself decides
    # who may (/desk: a coordinator of any group, from any chat)
    coordinators_help: bool = False



def help_cmd(call: Call) -> None:
    """In a group, one short line there and the full list by direct
    message (issue 15): a coordinator's 25 lines would bury the group's
    chat. The platform says in its own way when the direct message cannot
    be opened yet (a Telegram member who never pressed Start gets the
    group line with the bot's deep link, see adapters/)."""
    t = call.t
    coordinator = call.group is not None and people.is_coordinator(call.turn, call.group, call.member)
    lines = [t(_("Post a need or an offer in your own words; reply to an announcement to claim it."))]
    for cmd in commands_for(coordinator=coordinator, direct=call.group is None):
        lines.append(f"{cmd.usage} — {t(cmd.help)}")
    if call.group is None:
        call.reply("\n".join(lines))
        return
    call.reply(t(_("@{handle}, I sent you the list of commands by direct message.")).format(handle=call.member.handle),
               naming=(call.member,))
    call.reply_direct("\n".join(lines), group=call.group)


COMMANDS: tuple[Command, ...] = (
    Command("need", p.need_cmd, MEMBER, ANY, "/need TEXT", _("post a need")),
    Command("offer", p.offer_cmd, MEMBER, ANY, "/offer TEXT", _("post an offer")),
    Command("claim", i.claim_cmd, MEMBER, ANY, "/claim N", _("take item N")),
    Command("unclaim", i.unclaim_cmd, MEMBER, ANY, "/unclaim N", _("give item N back")),
    Command("done", i.done_cmd, MEMBER, ANY, "/done N [hours]", _("mark item N done")),
    Command("cancel", i.cancel_cmd, MEMBER, ANY, "/cancel N", _("cancel your item N")),
    Command("open", l.open_cmd, MEMBER, GROUP, "/open", _("list what is open")),
    Command("mine", l.mine_cmd, MEMBER, ANY, "/mine", _("what you asked for and what you claimed")),
    Command("hours", l.hours_cmd, MEMBER, ANY, "/hours", _("the hours you have given")),
    Command("forget", p.forget_cmd, MEMBER, ANY, "/forget", _("erase what I hold about you")),
    Command("help", help_cmd, MEMBER, ANY, "/help", _("this list")),
    Command("start", p.start_cmd, MEMBER, DIRECT, "/start", _("start a direct chat with me"), hidden=True),
    Command("assign", i.assign_cmd, COORDINATOR, GROUP, "/assign N @name", _("claim item N for someone")),
    Command("close", i.close_cmd, COORDINATOR, ANY, "/close N [hours]", _("close item N")),
    Command("reopen", i.reopen_cmd, COORDINATOR, ANY, "/reopen N", _("open item N again")),
    Command("stats", r.stats_cmd, COORDINATOR, GROUP, "/stats", _("this week's and this month's numbers")),
    Command("export", r.export_cmd, COORDINATOR, GROUP, "/export", _("the group's items as a CSV file, by direct message")),
    Command("report", r.report_cmd, COORDINATOR, GROUP, "/report", _("a chart of the last eight weeks")),
    Command("digest", l.digest_cmd, COORDINATOR, GROUP, "/digest", _("post the open items now")),
    Command("settings", g.settings_cmd, COORDINATOR, GROUP, "/settings [KEY VALUE]", _("show or change a setting")),
    Command("promote", g.promote_cmd, COORDINATOR, GROUP, "/promote @name", _("make someone a coordinator")),
    Command("demote", g.demote_cmd, COORDINATOR, GROUP, "/demote @name", _("remove a coordinator")),
    Command("pause", g.pause_cmd, COORDINATOR, GROUP, "/pause", _("stop reading messages here")),
    Command("resume", g.resume_cmd, COORDINATOR, GROUP, "/resume", _("read messages here again")),
    # coordinators only, checked across all their groups (it also works in a direct chat)
    Command("desk", d.desk_cmd, MEMBER, ANY, "/desk [logout]", _("a link to the coordinators' desk, by direct message"),
            coordinators_help=True),
)
BY_NAME = {c.name: c for c in COMMANDS}
# what a Spanish-speaking newcomer types first; the other commands keep one name each,
# as the platforms' menus and /help show them
ALIASES = {"ayuda": "help"}


def commands_for(*, coordinator: bool, direct: bool) -> list[Command]:
    return [
        c for c in COMMANDS
        if not c.hidden
        and (coordinator or (c.role == MEMBER and not c.coordinators_help))
        and (c.where == ANY or (c.where == DIRECT) == direct)
    ]


def menu(lang: str) -> list[tuple[str, str]]:
    """(command, description) for a platform's command menu."""
    from bot.i18n import translator

    t = translator(lang)
    return [(c.name, t(c.help)) for c in COMMANDS if not c.hidden]


def run_command(call: Call) -> None:
    cmd = BY_NAME.get(ALIASES.get(call.name, call.name))
    if cmd is None:
        call.reply(call.t(_("I don't know /{name}. /help lists what I can do.")).format(name=call.name[:32]))
        return
    if call.group is None and cmd.where == GROUP:
        call.reply(call.t(_("{usage} works in your group's chat, not here.")).format(usage=f"/{cmd.name}"))
        return
    if call.group is not None and cmd.where == DIRECT:
        call.reply(call.t(_("{usage} works in a direct chat with me.")).format(usage=f"/{cmd.name}"))
        return
    # coordinators' item commands in a direct chat are checked against the item's group
    if cmd.role == COORDINATOR and call.group is not None and not people.is_coordinator(call.turn, call.group, call.member):
        call.reply(call.t(_("Only coordinators can use /{name}.")).format(name=cmd.name))
        return
    if cmd.role == COORDINATOR and call.group is None and not _coordinator_of_item(call):
        return
    cmd.handler(call)


def _coordinator_of_item(call: Call) -> bool:
    """A coordinators' item command in a direct chat: allowed for the item's
    group's coordinators; refused with one line for its author and claimer,
    to whom the item exists; to anyone else the item does not exist."""
    number = item_number(call.args[0]) if call.args else None
    if number is None:
        call.how_to_write(f"/{call.name} N", f"/{call.name} 3")
        return False
    item = call.turn.db.get(Item, number)
    if item is not None and people.is_coordinator(call.turn, call.turn.db.get(Group, item.group_id), call.member):
        return True
    if item is not None and people.may_see_from_direct(call.turn, item, call.member):
        call.reply(call.t(_("Only coordinators can use /{name}.")).format(name=call.name))
    else:
        i.say_absent(call, number)
    return False
