"""Hand-offs are counted and told (issue 14, finding 4). A private
hand-off is a claim that sends someone details the group never saw (a need
sent by direct message, or one holding an address or phone). A member gets
at most ``handoffs`` of them an hour in a group unless a coordinator
assigns; the author is told each time their details go to someone; a
claimer who loses an item is told it is no longer theirs."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from bot.i18n import _
from bot.owed_details import HANDOFF, is_private
from bot.turn import Turn
from storage.models import Group, Item, Member, Outbox

WINDOW = timedelta(hours=1)

__all__ = ["is_private", "at_limit", "tell_author", "tell_former_claimer", "tell_limit"]


def at_limit(turn: Turn, group: Group, member: Member) -> bool:
    """Counted from the claim messages the member was sent: each private
    one is an outbox row of template ``handoff`` (bot.owed_details), kept
    (without its words) after it is sent."""
    turn.flush_outbox()
    given = turn.db.scalar(
        select(func.count()).select_from(Outbox).where(
            Outbox.member_id == member.id, Outbox.template == HANDOFF, Outbox.group_id == group.id,
            Outbox.created_at > turn.now - WINDOW))
    return given >= int(turn.settings(group)["handoffs"])


def tell_limit(turn: Turn, item: Item, member: Member) -> None:
    group = turn.db.get(Group, item.group_id)
    t = turn.tr(group)
    turn.direct(member, t(_(
        "You have received the details of {count} private requests in the last hour, the most {group} allows. "
        "Try #{n} again later, or ask a coordinator to /assign it to you.")).format(
        count=turn.settings(group)["handoffs"], group=group.name, n=item.id), item=item, group=group)


def tell_author(turn: Turn, item: Item, claimer: Member) -> None:
    """The author of a private request learns each time their details go
    to someone (an offer's author already gets the taker's handle)."""
    if item.kind != "request" or item.author_id is None:
        return
    author = turn.db.get(Member, item.author_id)
    if author is None:
        return
    group = turn.db.get(Group, item.group_id)
    t = turn.tr(group)
    turn.direct(author, t(_("Your details went to @{handle} for #{n}.")).format(handle=claimer.handle, n=item.id),
                item=item, group=group)


def tell_former_claimer(turn: Turn, item: Item, claimer_id: int | None, text: str) -> None:
    """``text``: a marked string with {n}."""
    if claimer_id is None:
        return
    claimer = turn.db.get(Member, claimer_id)
    if claimer is None:
        return
    group = turn.db.get(Group, item.group_id)
    turn.direct(claimer, turn.tr(group)(text).format(n=item.id), item=item, group=group)
