"""An item's life: made, announced, claimed, unclaimed, done, cancelled,
reopened, expired. Every change edits or re-posts the announcement, tells
who must be told, and re-plans what falls due (bot.scheduling)."""
from __future__ import annotations

from dataclasses import replace
from enum import Enum

from bot import handoffs, history, render, scheduling
from bot.i18n import _
from bot.parsing.what import category_need
from bot.turn import Turn
from storage import repo
from storage.models import Due, Group, Item, Member

OPEN, CLAIMED, DONE, CANCELLED, EXPIRED = "open", "claimed", "done", "cancelled", "expired"
CLOSED = (DONE, CANCELLED, EXPIRED)


class ClaimResult(Enum):
    CLAIMED = "claimed"
    ALREADY_YOURS = "already yours"
    TAKEN = "taken"
    CLOSED = "closed"
    OWN_ITEM = "own item"
    # the member had as many private hand-offs this hour as the group allows
    LIMIT = "limit"


def group_of(turn: Turn, item: Item) -> Group:
    return turn.db.get(Group, item.group_id)


def handle_of(turn: Turn, member_id: int | None) -> str | None:
    m = member_of(turn, member_id)
    return m.handle if m else None


def member_of(turn: Turn, member_id: int | None) -> Member | None:
    return None if member_id is None else turn.db.get(Member, member_id)


def announce(turn: Turn, item: Item, note: str | None = None) -> None:
    group = group_of(turn, item)
    lang = turn.lang(group)
    claimer = member_of(turn, item.claimer_id)
    # a re-post: the earlier copy stops inviting a claim (issue 15); copies
    # before it were edited so when it was posted
    earlier = repo.latest_announcement(turn.db, item.id)
    if earlier is not None:
        turn.edit(earlier, render.posted_again(item, turn.zone(group), lang))
    text = render.announcement(item, turn.zone(group), lang, note=note,
                               claimer_handle=claimer.handle if claimer else None)
    turn.post(group, text, item=item, announce=True, buttons=render.claim_buttons(item, lang), naming=(claimer,))


def refresh_announcement(turn: Turn, item: Item) -> None:
    latest = repo.latest_announcement(turn.db, item.id)
    if latest is None:
        return
    group = group_of(turn, item)
    lang = turn.lang(group)
    claimer = member_of(turn, item.claimer_id)
    text = render.announcement(item, turn.zone(group), lang, claimer_handle=claimer.handle if claimer else None)
    turn.edit(latest, text, render.claim_buttons(item, lang), naming=(claimer,))


def make_item(turn: Turn, group: Group, author: Member, *, kind: str, parsed, source_key: str | None,
              via_direct: bool, series_id: int | None = None) -> Item:
    when = parsed.when
    what, place = public_fields(turn, group, parsed, kind, via_direct)
    item = Item(
        group_id=group.id, kind=kind, what=what, category=parsed.category or "other",
        when_at=when.start if when else None, has_time=bool(when and when.has_time),
        recurrence=when.recurrence if when else None, series_id=series_id,
        place=place, urgent=bool(parsed.urgent and kind == "request"),
        lang=parsed.lang, status=OPEN, author_id=author.id, via_direct=via_direct,
        source_key=source_key, created_at=turn.now,
    )
    from bot import flood

    held = flood.over_limit(turn, group, author)
    if held:
        # closed at once, so retention erases it like any closed item
        item.status, item.closed_at = flood.HELD, turn.now
    repo.add_item(turn.db, item, parsed.text, list(parsed.private))
    if item.series_id is None and item.recurrence:
        item.series_id = item.id
    if held:
        flood.tell_once(turn, group, author, item)
        scheduling.item_closed(turn, item)
        return item
    announce(turn, item)
    history.record(turn, item, "entered" if turn.via == "desk" else "posted")
    scheduling.item_posted(turn, item)
    return item




def public_fields(turn: Turn, group: Group, parsed, kind: str, via_direct: bool) -> tuple[str, str | None]:
    """The item's summary and place as the group will read them. A need sent
    by direct message keeps none of its words: its summary is its category,
    its place one of the group's named areas or nothing (bot.public_words)."""
    from bot.public_words import area_named, areas_setting, group_safe

    if via_direct:
        areas = areas_setting(turn.settings(group)["areas"])
        # the place said (a desk's area field, or a DM's place) or else the words, if they name an area
        return parsed.category or "other", (area_named(parsed.where or "", areas) or area_named(parsed.text, areas)) if areas else None
    what = group_safe(_what(parsed, kind)) or parsed.category or "other"
    return what, group_safe(_public_place(parsed), all_or_nothing=True)


def needs_of(parsed) -> list:
    """The needs or offers a parse holds: itself, then those of `also` (a message with two needs,
    each with its own time or place, is two items). Each keeps the whole message's text and
    private details, which go to whoever claims any of them."""
    also = getattr(parsed, "also", ())
    if not also:
        return [parsed]
    return [parsed] + [replace(p, text=parsed.text, private=parsed.private) for p in also]


def make_items(turn: Turn, group: Group, author: Member, *, kind: str, parsed, source_key: str | None,
               via_direct: bool) -> list[Item]:
    """One item per need or offer of the message, announced in the order written. `kind` is the
    first one's (as read, or as the author said with /need or /offer); the others keep their own."""
    made = []
    for k, one in enumerate(needs_of(parsed)):
        made.append(make_item(turn, group, author, kind=kind if k == 0 else one.kind, parsed=one,
                              source_key=source_key, via_direct=via_direct))
    return made


def release(turn: Turn, item: Item) -> None:
    """A held item (bot.flood) posted by a coordinator: announced as new."""
    lock(turn, item)
    item.status, item.closed_at = OPEN, None
    announce(turn, item)
    scheduling.item_posted(turn, item)


def _what(parsed, kind: str) -> str:
    what = (parsed.what or "").strip()
    for secret in parsed.private:
        what = what.replace(secret, "").strip(" ,;-")
    if not what:
        what = category_need(parsed.category, parsed.lang)
    return what[:120]


def _public_place(parsed) -> str | None:
    """``where`` as written, unless it is (or holds) a private detail."""
    where = parsed.where
    if not where:
        return None
    if any(p in where or where in p for p in parsed.private):
        return None
    return where[:120]


def lock(turn: Turn, item: Item) -> None:
    """Re-read the item under a row lock, so that of two workers claiming
    or closing it at once the second sees what the first did (PostgreSQL;
    SQLite has one writer at a time anyway)."""
    if turn.db.get_bind().dialect.name == "postgresql":
        turn.db.refresh(item, with_for_update=True)


def claim(turn: Turn, item: Item, member: Member, *, assigned_by: Member | None = None) -> ClaimResult:
    lock(turn, item)
    if item.status in CLOSED:
        return ClaimResult.CLOSED
    if item.claimer_id == member.id:
        return ClaimResult.ALREADY_YOURS
    if item.author_id == member.id and assigned_by is None:
        return ClaimResult.OWN_ITEM
    if item.status == CLAIMED and assigned_by is None:
        return ClaimResult.TAKEN
    private = handoffs.is_private(item, repo.item_private(turn.db, item.id))
    if private and assigned_by is None and handoffs.at_limit(turn, group_of(turn, item), member):
        return ClaimResult.LIMIT
    previous = item.claimer_id
    item.status, item.claimer_id, item.claimed_at = CLAIMED, member.id, turn.now
    item.assigned_by_id = assigned_by.id if assigned_by is not None else None
    refresh_announcement(turn, item)
    history.record(turn, item, "claimed" if assigned_by is None else "assigned", subject=member)
    tell_claimer(turn, item, member, assigned_by=assigned_by)
    if private:
        handoffs.tell_author(turn, item, member)
    if previous is not None and previous != member.id:
        prev = turn.db.get(Member, previous)
        if prev is not None:
            t = turn.tr(group_of(turn, item))
            turn.direct(prev, t(_("#{n} was reassigned to @{handle} by a coordinator.")).format(
                n=item.id, handle=member.handle), item=item, naming=(member,))
    scheduling.item_claimed(turn, item)
    return ClaimResult.CLAIMED


def tell_claimer(turn: Turn, item: Item, member: Member, *, assigned_by: Member | None = None,
                 recurring: bool = False) -> None:
    """The claim message. Its private lines (who asked, their message, the
    address or phone) are not written here: the outbox row names them and
    they are read when it is sent (bot.owed_details)."""
    from bot.owed_details import DETAILS, HANDOFF, is_private

    group = group_of(turn, item)
    t = turn.tr(group)
    line = render.item_line(item, turn.zone(group), turn.lang(group))
    author_member = member_of(turn, item.author_id)
    if assigned_by is not None:
        head = t(_("@{coordinator} assigned you {line}.")).format(coordinator=assigned_by.handle, line=line)
    elif recurring:
        head = t(_("The next one is yours: {line}.")).format(line=line)
    elif item.kind == "offer":
        head = t(_("You took {line}.")).format(line=line)
    else:
        head = t(_("You claimed {line}.")).format(line=line)
    if item.kind == "request":
        tail = t(_("When it's done: /done {n} · can't make it: /unclaim {n}")).format(n=item.id)
    else:
        tail = t(_("Changed your mind: /unclaim {n}")).format(n=item.id)
    private = is_private(item, repo.item_private(turn.db, item.id))
    turn.direct(member, f"{head}\n{tail}", item=item, group=group, template=HANDOFF if private else DETAILS,
                naming=(assigned_by,))
    if item.kind == "offer" and author_member is not None and not recurring:
        turn.direct(author_member, t(_("@{handle} would like your offer {line}. Reach out to arrange it; /done {n} when it's given.")).format(
            handle=member.handle, line=line, n=item.id), item=item, group=group, naming=(member,))


def tell_taken(turn: Turn, item: Item, member: Member) -> None:
    t = turn.tr(group_of(turn, item))
    # said by direct message, where /open does not work
    turn.direct(member, t(_("#{n} is already taken by someone else. /open in the group lists what is still open.")).format(n=item.id), item=item)


def unclaim(turn: Turn, item: Item, *, name_claimer: bool = True) -> None:
    """The claimer gives the item back (/unclaim, /forget, leaving the
    group): it is posted again, and whoever counted on them is told once.
    ``name_claimer``: False for /forget, whose handle must not be written
    anywhere again."""
    lock(turn, item)
    previous = turn.db.get(Member, item.claimer_id) if item.claimer_id else None
    tell_dropped_out(turn, item, name_claimer=name_claimer)
    item.status, item.claimer_id, item.claimed_at, item.assigned_by_id = OPEN, None, None, None
    history.record(turn, item, "unclaimed", subject=previous)
    say_open_again(turn, item)
    scheduling.item_reopened(turn, item)


def say_open_again(turn: Turn, item: Item) -> None:
    """Posted anew as open again, unless the group already read about it
    today: then its latest copy is edited back to inviting a claim (one
    voice a day, bot.one_voice)."""
    from bot import one_voice

    if one_voice.named_today(turn, group_of(turn, item), [item.id]):
        refresh_announcement(turn, item)
    else:
        announce(turn, item, note=_("open again"))


def tell_dropped_out(turn: Turn, item: Item, *, name_claimer: bool = True) -> None:
    """The author, and the coordinator who assigned the claimer, learn by
    direct message that the volunteer can no longer help (issue 15)."""
    claimer = member_of(turn, item.claimer_id)
    if claimer is None:
        return
    group = group_of(turn, item)
    t = turn.tr(group)
    if name_claimer:
        to_author = t(_("@{handle} can no longer help with #{n}, so it is open again."))
        to_assigner = t(_("@{handle} can no longer help with #{n}, which you assigned, so it is open again."))
    else:
        to_author = t(_("Your volunteer can no longer help with #{n}, so it is open again."))
        to_assigner = t(_("The volunteer you assigned can no longer help with #{n}, so it is open again."))
    naming = (claimer,) if name_claimer else ()
    told = set()
    author = member_of(turn, item.author_id)
    if author is not None and author.id != claimer.id:
        turn.direct(author, to_author.format(handle=claimer.handle, n=item.id), item=item, group=group, naming=naming)
        told.add(author.id)
    assigner = member_of(turn, item.assigned_by_id)
    if assigner is not None and assigner.id not in told and assigner.id != claimer.id:
        turn.direct(assigner, to_assigner.format(handle=claimer.handle, n=item.id), item=item, group=group,
                    naming=naming)


def close(turn: Turn, item: Item, status: str) -> None:
    lock(turn, item)
    if status == CANCELLED and item.status == CLAIMED:
        handoffs.tell_former_claimer(turn, item, item.claimer_id, _("#{n} was cancelled, so it is no longer yours."))
    item.status, item.closed_at = status, turn.now
    history.record(turn, item, status)
    refresh_announcement(turn, item)
    scheduling.item_closed(turn, item)


def cancel(turn: Turn, item: Item) -> None:
    """Cancel the item and, for a recurring need, end its series."""
    close(turn, item, CANCELLED)
    if item.series_id is not None:
        turn.db.query(Due).filter(Due.item_id == item.id, Due.kind == "next", Due.done_at.is_(None)).update(
            {Due.done_at: turn.now}, synchronize_session=False)
        # occurrences still to come end with it; past ones run their course
        later = turn.db.query(Item).filter(Item.series_id == item.series_id, Item.id != item.id,
                                           Item.status.in_(("open", "claimed")), Item.when_at > turn.now).all()
        for other in later:
            close(turn, other, CANCELLED)
            turn.db.query(Due).filter(Due.item_id == other.id, Due.kind == "next", Due.done_at.is_(None)).update(
                {Due.done_at: turn.now}, synchronize_session=False)


def reopen(turn: Turn, item: Item) -> None:
    lock(turn, item)
    handoffs.tell_former_claimer(turn, item, item.claimer_id,
                                 _("#{n} is no longer yours: a coordinator opened it again."))
    item.status, item.claimer_id, item.claimed_at, item.closed_at = OPEN, None, None, None
    item.assigned_by_id = None
    history.record(turn, item, "reopened")
    say_open_again(turn, item)
    scheduling.item_reopened(turn, item)


def moved(turn: Turn, item: Item, *, reschedule: bool = True) -> None:
    """Its time, place, message or details changed (the author's edit, or the
    desk): what falls due follows (``reschedule``), and the claimer is told;
    the new message and details are read when that is sent (bot.owed_details)."""
    from bot.owed_details import CHANGED

    if reschedule:
        scheduling.item_moved(turn, item)
    if item.status == CLAIMED and item.claimer_id:
        group = group_of(turn, item)
        claimer = turn.db.get(Member, item.claimer_id)
        t = turn.tr(group)
        line = render.item_line(item, turn.zone(group), turn.lang(group))
        turn.direct(claimer, t(_("#{n} changed: it is now {line}.")).format(n=item.id, line=line), item=item,
                    group=group, template=CHANGED)


def giver_of(item: Item) -> int | None:
    """Who gave their time: the claimer of a request, the author of an offer."""
    return item.claimer_id if item.kind == "request" else item.author_id
