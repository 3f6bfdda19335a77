"""Floods (issue 14, finding 8): more than the group's ``flood`` setting
of new items (default 5) from one member within an hour are held, not
announced. The member is told once and the coordinators are alerted once
per flood; a coordinator posts a held item with /reopen N, and an hour
after their last item the member posts as usual.

One member posting forty needs in a minute would otherwise bury the
group's real needs and, by direct message, do so anonymously."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from bot.i18n import _
from bot.turn import Turn
from storage import repo
from storage.models import Group, Item, Member

HELD = "held"
WINDOW = timedelta(hours=1)


def limit(turn: Turn, group: Group) -> int | None:
    value = turn.settings(group)["flood"]
    return None if value == "off" else int(value)


def over_limit(turn: Turn, group: Group, author: Member) -> bool:
    """Whether one more item from ``author`` would be more than the group allows in an hour."""
    most = limit(turn, group)
    if most is None:
        return False
    recent = turn.db.scalar(select(func.count()).select_from(Item).where(
        Item.group_id == group.id, Item.author_id == author.id, Item.created_at > turn.now - WINDOW))
    return recent >= most


def tell_once(turn: Turn, group: Group, author: Member, item: Item) -> None:
    """The first held item of a flood tells the member and alerts the
    coordinators; the next ones say nothing (telling forty times would be a
    flood of our own)."""
    earlier = turn.db.scalar(select(func.count()).select_from(Item).where(
        Item.group_id == group.id, Item.author_id == author.id, Item.status == HELD,
        Item.id != item.id, Item.created_at > turn.now - WINDOW))
    if earlier:
        return
    t = turn.tr(group)
    most = limit(turn, group)
    turn.direct(author, t(_(
        "You have posted more than {most} items in {group} within an hour, so I'm holding #{n} and any more "
        "for now instead of announcing them. A coordinator can post them; in an hour you can post as usual."
    )).format(most=most, group=group.name, n=item.id), item=item, group=group)
    if item.via_direct:
        # a need sent privately stays private: the alert names nobody
        alert = t(_("Someone sent more than {most} items for {group} by direct message within an hour; "
                    "I'm holding #{n} and any more for now. /reopen {n} posts one."))
    else:
        alert = t(_("@{handle} posted more than {most} items in {group} within an hour; "
                    "I'm holding #{n} and any more for now. /reopen {n} posts one."))
    for coordinator in repo.coordinators(turn.db, group.id):
        if coordinator.id != author.id:
            turn.direct(coordinator, alert.format(handle=author.handle, most=most, group=group.name, n=item.id),
                        item=item, group=group, naming=(author,))
