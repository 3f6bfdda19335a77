"""Asking a member, by direct message, what they need: their message asked
for help but said too little to post (docs/PARSING.md, `vague`). Their
answer is read by bot.direct."""
from __future__ import annotations

from datetime import datetime

from bot.i18n import _
from bot.turn import Turn
from storage import repo
from storage.models import Group, Member


def ask_what_is_needed(turn: Turn, member: Member, group: Group | None, said: str | None = None,
                       said_at: datetime | None = None) -> None:
    """`said`: the vague message itself, whose day, time and urgency ("I need help
    tomorrow at noon, asap") the answer keeps unless it gives its own."""
    state = {"flow": "what", "group": group.id if group else None}
    if said:
        state.update(said=said[:500], said_at=(said_at or turn.now).isoformat())
    repo.set_conversation(turn.db, member.id, state, turn.now)
    t = turn.tr(group or turn.member_lang_group(member))
    if group is not None:
        turn.direct(member, t(_("What do you need, and when? Answer here and I'll post it in {group}.")).format(group=group.name), group=group)
    else:
        turn.direct(member, t(_("What do you need, and when? Answer here and I'll post it in your group.")))
