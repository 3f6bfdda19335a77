"""Commands that show things: /open /mine /hours /digest /help."""
from __future__ import annotations

from bot import render
from bot.commands.call import Call
from bot.due_runner import post_digest
from bot.i18n import _
from storage import repo
from storage.models import Group


def open_cmd(call: Call) -> None:
    group = call.group
    items = repo.items_in_group(call.turn.db, group.id, ("open",))
    call.reply(render.open_list(items, call.turn.zone(group), call.turn.lang(group), _("Open now:")))


def digest_cmd(call: Call) -> None:
    post_digest(call.turn, call.group, quiet_when_empty=False)


def mine_cmd(call: Call) -> None:
    call.reply_direct(mine_text(call))


def mine_text(call: Call) -> str:
    """What the member asked for or offered, and what they claimed: the
    items they can act on, wherever they are."""
    turn = call.turn
    asked, claimed = repo.items_of_member(turn.db, call.member.id, ("open", "claimed"))
    lang_group = call.lang_group
    lang = turn.lang(lang_group)
    t = call.t

    def line(item):
        group = turn.db.get(Group, item.group_id)
        status = t(_("open")) if item.status == "open" else t(_("claimed"))
        return f"• {render.item_line(item, turn.zone(group), lang)} ({status})"

    if not asked and not claimed:
        return t(_("You have nothing open: no requests or offers of yours, and nothing claimed."))
    parts = []
    if asked:
        parts.append(t(_("You asked for or offered:")))
        parts.extend(line(i) for i in asked)
    if claimed:
        parts.append(t(_("You are helping with:")))
        parts.extend(line(i) for i in claimed)
    return "\n".join(parts)


def hours_cmd(call: Call) -> None:
    turn = call.turn
    groups = repo.groups_of_member(turn.db, call.member.id)
    banks = [g for g in groups if turn.settings(g)["timebank"] == "on"]
    total = repo.hours_given(turn.db, call.member.id)
    if not banks and total == 0:
        call.reply(call.t(_("None of your groups keeps a time bank.")))
        return
    call.reply(call.t(_("@{handle} has given {hours} hours.")).format(handle=call.member.handle, hours=_fmt(total)),
               naming=(call.member,))


def _fmt(hours: float) -> str:
    return f"{hours:g}"
