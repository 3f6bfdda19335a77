"""What the bot does on its own, planned as rows with a due time.

The engine writes due rows whenever an item or a group's settings change
(``item_*`` and ``plan_group``); the scheduler only delivers ``Tick(now)``,
and ``bot.due_runner`` takes the rows that fell due. Planning follows
docs/BEHAVIOUR.md: times in the group's zone, a date-only item counts as 09:00
on its date (except for the claimer's reminder, which uses ``remind_day``),
a moment already passed when planned is skipped, and quiet hours postpone
everything but reminders (moved to the evening before) and urgent alerts
(sent at once, never planned)."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from sqlalchemy import delete, select

from bot.settings import parse_clock, parse_duration, quiet_hours
from storage.models import Due, Group, Item

# the order of docs/BEHAVIOUR.md for what falls due in the same minute
ORDER = ("remind", "checkin", "repost", "alert", "expire", "next", "digest", "report", "retention")
RANK = {k: i for i, k in enumerate(ORDER)}
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # the ``report`` setting's days
DATE_ONLY_AT = time(9, 0)


def _local(day: date, clock: time, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, clock, tzinfo=zone).astimezone(timezone.utc)


def item_moment(item: Item, zone: ZoneInfo) -> datetime | None:
    """The item's time for every rule but the reminder."""
    if item.when_at is None:
        return None
    if item.has_time:
        return item.when_at
    return _local(item.when_at.astimezone(zone).date(), DATE_ONLY_AT, zone)


def in_quiet(moment: datetime, zone: ZoneInfo, quiet: tuple[time, time] | None) -> bool:
    if quiet is None:
        return False
    t = moment.astimezone(zone).time()
    start, end = quiet
    return start <= t < end if start < end else (t >= start or t < end)


def quiet_end(moment: datetime, zone: ZoneInfo, quiet: tuple[time, time]) -> datetime:
    local = moment.astimezone(zone)
    start, end = quiet
    day = local.date()
    if start > end and local.time() >= start:
        day += timedelta(days=1)
    return _local(day, end, zone)


def before_quiet(moment: datetime, zone: ZoneInfo, quiet: tuple[time, time]) -> datetime:
    """The last minute before the quiet hours that hold ``moment`` began."""
    local = moment.astimezone(zone)
    start, end = quiet
    day = local.date()
    if start > end and local.time() < end:
        day -= timedelta(days=1)
    return _local(day, start, zone) - timedelta(minutes=1)


class Planner:
    def __init__(self, turn, group: Group):
        self.turn = turn
        self.group = group
        self.s = turn.settings(group)
        self.zone = ZoneInfo(self.s["zone"])
        self.quiet = quiet_hours(self.s["quiet"])

    def duration(self, key: str) -> timedelta | None:
        v = self.s[key]
        return None if v == "off" else parse_duration(v)

    def clock(self, key: str) -> time | None:
        v = self.s[key]
        return None if v == "off" else parse_clock(v)

    def add(self, kind: str, at: datetime | None, item: Item | None = None) -> None:
        now = self.turn.now
        if at is None or at <= now:
            return  # already passed when planned: skipped, not sent late
        if kind == "remind":
            if in_quiet(at, self.zone, self.quiet):
                at = before_quiet(at, self.zone, self.quiet)
                if at <= now:
                    return
        elif in_quiet(at, self.zone, self.quiet):
            at = quiet_end(at, self.zone, self.quiet)
        self.turn.db.add(Due(kind=kind, due_at=at, group_id=self.group.id,
                             item_id=item.id if item else None))


def _clear(turn, item: Item, kinds: tuple[str, ...]) -> None:
    turn.db.execute(delete(Due).where(Due.item_id == item.id, Due.done_at.is_(None), Due.kind.in_(kinds)))


def _group(turn, item: Item) -> Group:
    return turn.db.get(Group, item.group_id)


def _plan_open(p: Planner, item: Item) -> None:
    moment = item_moment(item, p.zone)
    posted = item.created_at
    if item.kind == "request":
        repost = p.duration("repost")
        if repost:
            p.add("repost", moment - repost if moment else posted + repost, item)
        alert = p.duration("alert")
        if alert and moment and not item.urgent:
            p.add("alert", moment - alert, item)
    if moment:
        exp = p.duration("expire")
        if exp:
            p.add("expire", moment + exp, item)
    else:
        exp = p.duration("expire_untimed")
        if exp:
            p.add("expire", posted + exp, item)


def _plan_claimed(p: Planner, item: Item) -> None:
    if item.when_at is not None:
        if item.has_time:
            remind = p.duration("remind")
            if remind:
                p.add("remind", item.when_at - remind, item)
        else:
            clock = p.clock("remind_day")
            if clock:
                p.add("remind", _local(item.when_at.astimezone(p.zone).date(), clock, p.zone), item)
        clock = p.clock("checkin")
        if clock:
            moment = item_moment(item, p.zone)
            p.add("checkin", _local(moment.astimezone(p.zone).date() + timedelta(days=1), clock, p.zone), item)
    else:
        after = p.duration("checkin_untimed")
        if after and item.claimed_at:
            p.add("checkin", item.claimed_at + after, item)


def _plan_next(p: Planner, item: Item) -> None:
    if item.recurrence and item.status in ("open", "claimed"):
        p.add("next", item_moment(item, p.zone), item)


PER_STATUS = ("remind", "checkin", "repost", "alert", "expire")


def replan_item(turn, item: Item) -> None:
    """Drop the item's rows not yet sent and plan them anew from its state."""
    _clear(turn, item, PER_STATUS + ("retention",))
    p = Planner(turn, _group(turn, item))
    if item.status == "open":
        _plan_open(p, item)
    elif item.status == "claimed":
        _plan_claimed(p, item)


def item_posted(turn, item: Item) -> None:
    replan_item(turn, item)
    _plan_next(Planner(turn, _group(turn, item)), item)


def item_claimed(turn, item: Item) -> None:
    replan_item(turn, item)


def item_reopened(turn, item: Item) -> None:
    replan_item(turn, item)


def item_closed(turn, item: Item) -> None:
    _clear(turn, item, PER_STATUS)
    plan_retention(turn, item)


def plan_retention(turn, item: Item) -> None:
    """Names and private details of a closed item go ``retention`` after it
    closed. Not postponed by quiet hours: it sends nothing."""
    _clear(turn, item, ("retention",))
    if item.closed_at is None or item.scrubbed:
        return
    group = _group(turn, item)
    keep = parse_duration(turn.settings(group)["retention"])
    at = item.closed_at + keep
    turn.db.add(Due(kind="retention", due_at=max(at, turn.now), group_id=group.id, item_id=item.id))


def item_moved(turn, item: Item) -> None:
    """An edit changed the item's time: every row not yet sent follows."""
    _clear(turn, item, PER_STATUS + ("next",))
    replan_item(turn, item)
    _plan_next(Planner(turn, _group(turn, item)), item)


def plan_group(turn, group: Group) -> None:
    """The group's daily digest (and, once on, its weekly report)."""
    # rows planned earlier in this tick are still pending in the session
    # (the due runner runs without autoflush): written first, so the delete
    # sees them and a digest and a report falling due together plan once
    turn.db.flush()
    turn.db.execute(delete(Due).where(Due.group_id == group.id, Due.item_id.is_(None),
                                      Due.done_at.is_(None), Due.kind.in_(("digest", "report"))))
    p = Planner(turn, group)
    clock = p.clock("digest")
    if clock:
        p.add("digest", next_local(turn.now, p.zone, clock), None)
    if p.s["report"] != "off":
        day, clock_text = p.s["report"].split()
        p.add("report", next_local(turn.now, p.zone, parse_clock(clock_text), WEEKDAYS.index(day)), None)


def next_local(now: datetime, zone: ZoneInfo, clock: time, weekday: int | None = None) -> datetime:
    """The first moment after ``now`` at ``clock`` in the zone, on the given
    weekday (Monday 0) when one is given."""
    day = now.astimezone(zone).date()
    if weekday is not None:
        day += timedelta(days=(weekday - day.weekday()) % 7)
    at = _local(day, clock, zone)
    while at <= now:
        day += timedelta(days=1 if weekday is None else 7)
        at = _local(day, clock, zone)
    return at


def replan_group_items(turn, group: Group) -> None:
    """A settings change moves every row not yet sent."""
    plan_group(turn, group)
    items = turn.db.scalars(select(Item).where(Item.group_id == group.id, Item.status.in_(("open", "claimed"))))
    for item in items:
        replan_item(turn, item)
    closed = turn.db.scalars(select(Item).where(Item.group_id == group.id, Item.status.in_(("done", "cancelled", "expired")),
                                                Item.scrubbed.is_(False)))
    for item in closed:
        plan_retention(turn, item)
