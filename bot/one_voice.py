"""One voice a day per item (issue 15): an item is named in its group at
most once a day, in the group's zone, whether by its announcement, a
re-post or the daily digest. A bot that repeats itself gets muted.

What the group read today is known from two records: the announcements
(table ``announcements``, each a copy of an item's post) and what the
digests named, kept as due rows already done, of kind ``named`` (never run,
only read here; no text of the digest is kept)."""
from __future__ import annotations

from datetime import datetime, time, timezone

from sqlalchemy import func, select

from bot import scheduling
from bot.turn import Turn
from storage.models import Announcement, Due, Group, Item, Outbox

NAMED = "named"


def ahead(item: Item, zone, now: datetime) -> bool:
    """Whether the item's moment is still to come (or it has none)."""
    moment = scheduling.item_moment(item, zone)
    return moment is None or moment > now


def day_start(now: datetime, zone) -> datetime:
    local = now.astimezone(zone)
    return datetime.combine(local.date(), time(0, 0), tzinfo=zone).astimezone(timezone.utc)


def named_today(turn: Turn, group: Group, item_ids: list[int]) -> set[int]:
    """Which of these items of the group it has read about today: posted or
    re-posted, or listed in a digest. Asked by item (both tables are
    indexed by item), never by scanning the group's outbox."""
    if not item_ids:
        return set()
    start = day_start(turn.now, turn.zone(group))
    turn.flush_outbox()
    posted = turn.db.scalars(select(Announcement.item_id).join(Outbox, Outbox.id == Announcement.outbox_id)
                             .where(Announcement.item_id.in_(item_ids), Outbox.created_at >= start))
    digested = turn.db.scalars(select(Due.item_id).where(Due.item_id.in_(item_ids), Due.kind == NAMED,
                                                         Due.group_id == group.id, Due.due_at >= start))
    return set(posted) | set(digested)


def record_digest(turn: Turn, group: Group, item_ids: list[int]) -> None:
    for n in item_ids:
        turn.db.add(Due(kind=NAMED, due_at=turn.now, done_at=turn.now, group_id=group.id, item_id=n))
    turn.db.flush()


def last_digest(turn: Turn, group: Group) -> set[int]:
    """The items the group's last digest listed."""
    at = turn.db.scalar(select(func.max(Due.due_at)).where(Due.kind == NAMED, Due.group_id == group.id))
    if at is None:
        return set()
    return set(turn.db.scalars(select(Due.item_id).where(Due.kind == NAMED, Due.group_id == group.id,
                                                         Due.due_at == at)))
