"""Coordinators' commands about the group: /settings /promote /demote /pause /resume."""
from __future__ import annotations

import json

from bot import people, scheduling
from bot import settings as settings_mod
from bot.commands.call import Call
from bot.i18n import _
from storage import desk, repo


def settings_cmd(call: Call) -> None:
    group = call.group
    current = call.turn.settings(group)
    if not call.args:
        call.reply("\n".join(f"{s.key} {current[s.key]}" for s in settings_mod.SETTINGS))
        return
    key = call.args[0].lower()
    value = " ".join(call.args[1:])
    setting = settings_mod.BY_KEY.get(key)
    if setting is None:
        call.reply(call.t(_("There is no setting {key}. /settings lists them.")).format(key=key))
        return
    normal = settings_mod.normalise(key, value) if value else None
    if normal is None:
        call.reply(call.t(_("{key} takes {hint}.")).format(key=key, hint=call.t(setting.hint)))
        return
    stored = json.loads(group.settings or "{}")
    stored[key] = normal
    group.settings = json.dumps(stored)
    scheduling.replan_group_items(call.turn, group)
    call.reply(call.turn.tr(group)(_("{key} is now {value}.")).format(key=key, value=normal))


def _person(call: Call, usage: str):
    if not call.args and not call.msg.reply_to:
        call.how_to_write(usage, usage.replace("@name", "@jo"))
        return None
    token = call.args[0] if call.args else ""
    person = people.resolve_person(call.turn, call.group, token, call.msg.mentions, call.msg.reply_to, call.msg.platform)
    if person is None:
        call.reply(call.t(_("I don't know {name} in this group yet: they need to write here once first.")).format(
            name=token or "@?"))
    return person


def promote_cmd(call: Call) -> None:
    person = _person(call, "/promote @name")
    if person is None:
        return
    ms = repo.touch_membership(call.turn.db, call.group.id, person.id, None, call.turn.now)
    ms.promoted = True
    call.reply(call.t(_("@{handle} is now a coordinator.")).format(handle=person.handle), naming=(person,))


def demote_cmd(call: Call) -> None:
    person = _person(call, "/demote @name")
    if person is None:
        return
    ms = repo.membership(call.turn.db, call.group.id, person.id)
    if ms is not None and ms.is_admin:
        call.reply(call.t(_("@{handle} is an admin of this chat; only the platform can change that.")).format(handle=person.handle), naming=(person,))
        return
    if ms is None or not ms.promoted:
        call.reply(call.t(_("@{handle} is not a coordinator.")).format(handle=person.handle), naming=(person,))
        return
    ms.promoted = False
    if not repo.coordinated_groups(call.turn.db, person.id):
        # losing coordinator rights ends their desk sessions
        desk.end_all(call.turn.db, person.id)
    call.reply(call.t(_("@{handle} is no longer a coordinator.")).format(handle=person.handle), naming=(person,))


def pause_cmd(call: Call) -> None:
    call.group.paused = True
    call.reply(call.t(_("Paused: I won't read messages here until /resume. Commands still work.")))


def resume_cmd(call: Call) -> None:
    call.group.paused = False
    call.reply(call.t(_("Back: I'm reading messages here again.")))
