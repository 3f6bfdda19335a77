"""Running what fell due: the engine's answer to ``Tick(now)``. Each row is
checked again against the item's state when it runs (an alert about an item
claimed in the meantime is dropped) and marked done in the same
transaction as the messages it writes."""
from __future__ import annotations

import logging
from datetime import timedelta

from dateutil.rrule import rrulestr

from bot import items as items_mod
from bot import history, one_voice, render, scheduling
from bot.i18n import _
from bot.turn import Turn
from bot.logging_setup import log_failure
from storage import repo
from storage.models import Due, Group, Item, Member

log = logging.getLogger(__name__)


def run_due(turn: Turn) -> None:
    rows = repo.take_due(turn.db, turn.now)
    if not rows:
        return
    # marked done first, in one statement: a runner that plans new rows for
    # the same item must not see these as still pending
    repo.mark_due_done(turn.db, [r.id for r in rows], turn.now)
    groups = {g.id: g for g in repo.groups_by_id(turn.db, {r.group_id for r in rows if r.group_id})}
    # held here: the session keeps loaded rows only while something refers to them
    loaded = repo.preload_items(turn.db, {r.item_id for r in rows if r.item_id})

    def order(r):
        g = groups.get(r.group_id)
        return (r.due_at.replace(second=0, microsecond=0), scheduling.RANK.get(r.kind, 99),
                r.item_id or 0, g.name if g else "", r.id)

    with turn.db.no_autoflush:
        for row in sorted(rows, key=order):
            group = groups.get(row.group_id)
            if group is None:
                continue
            item = turn.db.get(Item, row.item_id) if row.item_id else None
            _run_one(turn, row, group, item)
    del loaded


def _run_one(turn: Turn, row, group: Group, item: Item | None) -> None:
    """One due row in a savepoint: a row that fails (a bug, a chart that
    cannot be drawn) is logged and skipped, and takes nothing else down with
    it — every other reminder of the tick still goes out."""
    mark = turn.mark()
    # rows that only write messages need no savepoint: dropping what they
    # wrote is enough (and a tick may hold a thousand reminders)
    savepoint = None if row.kind in ONLY_WRITE_MESSAGES else turn.db.begin_nested()
    try:
        RUNNERS[row.kind](turn, group, item)
        if savepoint is not None:
            savepoint.commit()
    except Exception:
        if savepoint is not None:
            savepoint.rollback()
        turn.back_to(mark)
        log_failure(log, "due row failed and was skipped kind=%s due=%d item=%s", row.kind, row.id, row.item_id)


def _remind(turn: Turn, group: Group, item: Item | None) -> None:
    if item is None or item.status != "claimed" or item.claimer_id is None:
        return
    claimer = turn.db.get(Member, item.claimer_id)
    t = turn.tr(group)
    line = render.item_line(item, turn.zone(group), turn.lang(group))
    turn.direct(claimer, t(_("Reminder: you're helping with {line}. /done {n} when it's done.")).format(
        line=line, n=item.id), item=item, group=group)
    history.record(turn, item, "reminded", subject=claimer)


def _checkin(turn: Turn, group: Group, item: Item | None) -> None:
    if item is None or item.status != "claimed":
        return
    t = turn.tr(group)
    line = render.item_line(item, turn.zone(group), turn.lang(group))
    author = turn.db.get(Member, item.author_id) if item.author_id else None
    claimer = turn.db.get(Member, item.claimer_id) if item.claimer_id else None
    if item.kind == "offer":
        # the author gave and the claimer took: ask each what they know
        asked_author = _("Was {line} handed over? If so, /done {n}.")
        asked_claimer = _("Did you get {line}? If so, /done {n}.")
    elif history.entered_on_desk(turn, item):
        # a need a coordinator entered for someone who called: the coordinator is asked
        asked_author = _("Did the person who called get what they needed for {line}? If so, /done {n}.")
    else:
        asked_author = _("Did you get what you needed for {line}? If so, /done {n}.")
    if item.kind != "offer":
        asked_claimer = _("How did {line} go? Please mark it done: /done {n}")
    if author is not None:
        turn.direct(author, t(asked_author).format(line=line, n=item.id), item=item, group=group)
    if claimer is not None:
        turn.direct(claimer, t(asked_claimer).format(line=line, n=item.id), item=item, group=group)
    history.record(turn, item, "checked_in")


def _repost(turn: Turn, group: Group, item: Item | None) -> None:
    if item is None or item.status != "open":
        return
    if one_voice.named_today(turn, group, [item.id]):
        return  # one voice a day per item (issue 15): the group already read it today
    items_mod.announce(turn, item, note=_("still needed"))
    history.record(turn, item, "reposted")


def _alert(turn: Turn, group: Group, item: Item | None) -> None:
    if item is None or item.status != "open":
        return
    alert_coordinators(turn, group, item)


def alert_coordinators(turn: Turn, group: Group, item: Item, urgent: bool = False) -> None:
    t = turn.tr(group)
    line = render.item_line(item, turn.zone(group), turn.lang(group))
    text = (t(_("⚠ Urgent in {group}: {line}. Nobody has it yet.")) if urgent
            else t(_("Nobody has taken {line} in {group} yet.")))
    for coordinator in repo.coordinators(turn.db, group.id):
        turn.direct(coordinator, text.format(line=line, group=group.name), item=item, group=group)


def _expire(turn: Turn, group: Group, item: Item | None) -> None:
    if item is None or item.status != "open":
        return
    items_mod.close(turn, item, items_mod.EXPIRED)
    author = turn.db.get(Member, item.author_id) if item.author_id else None
    if author is not None:
        t = turn.tr(group)
        line = render.item_line(item, turn.zone(group), turn.lang(group))
        if _next_posted(turn, item):
            text = t(_("Nobody took {line}, so it has expired. The next one is posted: {next}.")).format(
                line=line, next=render.item_line(_next_posted(turn, item), turn.zone(group), turn.lang(group)))
        else:
            text = t(_("Nobody took {line}, so it has expired. Post it again if you still need it.")).format(line=line)
        turn.direct(author, text, item=item, group=group)


def _next_posted(turn: Turn, item: Item) -> Item | None:
    """The series' next occurrence, already posted, of a recurring need."""
    if item.series_id is None:
        return None
    return turn.db.query(Item).filter(Item.series_id == item.series_id, Item.id > item.id,
                                      Item.status.in_(("open", "claimed"))).order_by(Item.id).first()


def _next(turn: Turn, group: Group, item: Item | None) -> None:
    if item is not None:
        open_next_occurrence(turn, group, item)


def open_next_occurrence(turn: Turn, group: Group, item: Item) -> Item | None:
    """A recurring need's next occurrence, opened once per item."""
    if not item.recurrence or item.status == "cancelled":
        return None
    zone = turn.zone(group)
    start = item.when_at.astimezone(zone)
    try:
        rule = rrulestr(item.recurrence, dtstart=start.replace(tzinfo=None))
    except (ValueError, TypeError):
        return None
    nxt = rule.after(start.replace(tzinfo=None))
    if nxt is None:
        return None
    new = Item(
        group_id=group.id, kind=item.kind, what=item.what, category=item.category,
        when_at=nxt.replace(tzinfo=zone), has_time=item.has_time, recurrence=item.recurrence,
        series_id=item.series_id or item.id, place=item.place, urgent=False, lang=item.lang,
        status="open", author_id=item.author_id, via_direct=item.via_direct, created_at=turn.now,
    )
    private = repo.item_private(turn.db, item.id)
    repo.add_item(turn.db, new, private.text if private else "", private.details.splitlines() if private and private.details else [])
    claimer = turn.db.get(Member, item.claimer_id) if item.claimer_id else None
    if claimer is not None:
        new.status, new.claimer_id, new.claimed_at = "claimed", claimer.id, turn.now
    items_mod.announce(turn, new)
    if claimer is not None:
        items_mod.tell_claimer(turn, new, claimer, recurring=True)
    scheduling.item_posted(turn, new)
    return new


def _digest(turn: Turn, group: Group, item: Item | None) -> None:
    scheduling.plan_group(turn, group)  # tomorrow's
    post_daily_digest(turn, group)


def post_digest(turn: Turn, group: Group, quiet_when_empty: bool) -> None:
    """/digest: everything open, now."""
    open_items = repo.items_in_group(turn.db, group.id, ("open",))
    if not open_items and quiet_when_empty:
        return
    turn.post(group, render.open_list(open_items, turn.zone(group), turn.lang(group), _("Still open:")))


def post_daily_digest(turn: Turn, group: Group) -> None:
    """The daily digest (issue 15): what is open and still ahead (or
    undated), less what the group already read today; nothing when that is
    what the last digest listed. It stands in for a re-post due later the
    same day, so each item is named in the group at most once a day."""
    zone = turn.zone(group)
    ahead = [i for i in repo.items_in_group(turn.db, group.id, ("open",)) if one_voice.ahead(i, zone, turn.now)]
    already = one_voice.named_today(turn, group, [i.id for i in ahead])
    listed = [i for i in ahead if i.id not in already]
    if not listed or {i.id for i in listed} == one_voice.last_digest(turn, group):
        return
    turn.post(group, render.open_list(listed, zone, turn.lang(group), _("Still open:")))
    end = one_voice.day_start(turn.now, zone) + timedelta(days=1)
    ids = [i.id for i in listed]
    turn.db.query(Due).filter(Due.kind == "repost", Due.item_id.in_(ids), Due.done_at.is_(None),
                              Due.due_at < end).update({Due.done_at: turn.now}, synchronize_session=False)
    one_voice.record_digest(turn, group, ids)


def _report(turn: Turn, group: Group, item: Item | None) -> None:
    """The weekly chart, posted in the group; nothing in a week with nothing
    to show. The next one is planned first, whatever happens to this one."""
    from bot.reports.weekly import chart_file

    scheduling.plan_group(turn, group)  # next week's
    try:
        # a chart that cannot be drawn must not hold up this tick's reminders
        with turn.db.begin_nested():
            chart = chart_file(turn.db, group.name, group.id, turn.zone(group), turn.lang(group), turn.now)
    except Exception:
        log_failure(log, "weekly report not drawn group=%d", group.id)
        return
    if chart is not None:
        turn.post_file(group, chart.name, chart.png, chart.caption, is_image=True)


def _retention(turn: Turn, group: Group, item: Item | None) -> None:
    if item is not None and item.status in items_mod.CLOSED:
        scrub_item(turn, item)


def scrub_item(turn: Turn, item: Item) -> None:
    """Remove an item's names and private details for good: it stays as a
    count (kind, category, times, status) for the group's numbers."""
    from sqlalchemy import delete, update

    from storage.models import ItemPrivate, Outbox

    turn.flush_outbox()
    turn.db.execute(delete(ItemPrivate).where(ItemPrivate.item_id == item.id))
    turn.db.execute(update(Outbox).where(Outbox.item_id == item.id).values(member_id=None))
    item.author_id = item.claimer_id = item.assigned_by_id = None
    item.source_key = None
    # the summary and place came from the author's words: the count keeps its category
    item.what, item.place = item.category, None
    item.scrubbed = True
    turn.erased = True


ONLY_WRITE_MESSAGES = {"remind", "checkin", "alert"}

RUNNERS = {
    "remind": _remind,
    "checkin": _checkin,
    "repost": _repost,
    "alert": _alert,
    "expire": _expire,
    "next": _next,
    "digest": _digest,
    "report": _report,
    "retention": _retention,
}
