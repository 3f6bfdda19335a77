"""A coordinator's action on the desk, handled by the engine like a chat
command: the same rules and refusals, the same functions of bot.items, and
everything said goes through the outbox, so the chat sees the change. The
answer for the page is a DeskAnswer (never sent anywhere).

The web server checks that the coordinator may act on the item's group;
this checks again, so nothing reaches an item but through a coordinator of
its group."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, time

from bot import history, items, people
from bot.actions import DeskAnswer
from bot.clean import clean_name, clean_text
from bot.commands.item_commands import close_as_done
from bot.events import DeskAction
from bot.i18n import _
from bot.parsing.private import find_private
from bot.reports.words import CATEGORIES
from bot.turn import Turn
from storage import repo
from storage.keys import message_key
from storage.models import Group, Member

log = logging.getLogger(__name__)

SUMMARY_MAX = 120


def on_desk_action(turn: Turn, event: DeskAction) -> None:
    member = turn.db.get(Member, event.member_id)
    if member is None:
        return _answer(turn, False, _("You are not logged in."))
    turn.actor, turn.via = member, "desk"
    if event.action == "intake":
        group = turn.db.get(Group, event.group_id) if event.group_id is not None else None
        item = None
    else:
        item = repo.get_item(turn.db, event.item_id) if event.item_id is not None else None
        group = turn.db.get(Group, item.group_id) if item is not None else None
    if group is None or not people.is_coordinator(turn, group, member):
        log.info("desk action refused: not a coordinator of the group action=%s", event.action)
        return _answer(turn, False, _("Only the group's coordinators can do that."))
    if not repo.first_time_handled(turn.db, message_key("desk", str(member.id), event.request_id), member.id, turn.now):
        return _answer(turn, True, _("Already done."), item.id if item else None)
    handler = HANDLERS.get(event.action)
    if handler is None:
        return _answer(turn, False, _("The desk cannot do that."))
    log.info("desk action action=%s item=%s group=%d member=%d", event.action, item.id if item else None,
             group.id, member.id)
    handler(turn, event, member, group, item)


def _answer(turn: Turn, ok: bool, message: str, item_id: int | None = None, **values) -> None:
    turn.actions.append(DeskAnswer(ok, message, item_id, tuple((k, str(v)) for k, v in values.items())))


# --- the actions --------------------------------------------------------------

def _assign(turn, event, coordinator, group, item) -> None:
    try:
        person = turn.db.get(Member, int(event.field("volunteer")))
    except ValueError:
        person = None
    if person is None or repo.membership(turn.db, group.id, person.id) is None:
        return _answer(turn, False, _("Choose a member of the group."), item.id)
    result = items.claim(turn, item, person, assigned_by=coordinator)
    if result is items.ClaimResult.CLOSED:
        return _answer(turn, False, _("#{n} is already closed."), item.id, n=item.id)
    if result is items.ClaimResult.ALREADY_YOURS:
        return _answer(turn, False, _("#{n} is already @{handle}'s."), item.id, n=item.id, handle=person.handle)
    _answer(turn, True, _("#{n} is assigned to @{handle}."), item.id, n=item.id, handle=person.handle)


def _unclaim(turn, event, coordinator, group, item) -> None:
    if item.status != items.CLAIMED or item.claimer_id is None:
        return _answer(turn, False, _("Nobody has #{n}."), item.id, n=item.id)
    claimer = turn.db.get(Member, item.claimer_id)
    items.unclaim(turn, item)
    if claimer is not None:
        t = turn.tr(group)
        turn.direct(claimer, t(_("A coordinator put #{n} back on the open list: you no longer have it.")).format(
            n=item.id), item=item, group=group)
    _answer(turn, True, _("#{n} is open again."), item.id, n=item.id)


def _close(turn, event, coordinator, group, item) -> None:
    if item.status in items.CLOSED:
        return _answer(turn, False, _("#{n} is already closed."), item.id, n=item.id)
    close_as_done(turn, item, group, None)
    _answer(turn, True, _("#{n} is done. Thank you!"), item.id, n=item.id)


def _cancel(turn, event, coordinator, group, item) -> None:
    if item.status in items.CLOSED:
        return _answer(turn, False, _("#{n} is already closed."), item.id, n=item.id)
    items.cancel(turn, item)
    _answer(turn, True, _("#{n} is cancelled."), item.id, n=item.id)


def _reopen(turn, event, coordinator, group, item) -> None:
    if item.status == items.OPEN:
        return _answer(turn, False, _("#{n} is already open."), item.id, n=item.id)
    items.reopen(turn, item)
    _answer(turn, True, _("#{n} is open again."), item.id, n=item.id)


def _edit(turn, event, coordinator, group, item) -> None:
    if item.status in items.CLOSED:
        return _answer(turn, False, _("#{n} is already closed."), item.id, n=item.id)
    summary = clean_text(event.field("summary")).strip()[:SUMMARY_MAX]
    when = _when(turn, group, event)
    if not summary:
        return _answer(turn, False, _("Write what is needed."), item.id)
    if _shows_private(summary):
        return _answer(turn, False, PRIVATE_IN_PUBLIC, item.id)
    if when is _BAD:
        return _answer(turn, False, _("Write the day as 2026-12-08 and the time as 14:30."), item.id)
    before = (item.when_at, item.has_time, item.urgent)
    item.what = summary
    item.urgent = item.kind == "request" and event.field("urgent") == "on"
    if when is not None:
        item.when_at, item.has_time = when
    history.record(turn, item, "edited")
    items.refresh_announcement(turn, item)
    if (item.when_at, item.has_time, item.urgent) != before:
        # reminders, check-ins and alerts follow the new time or urgency
        items.moved(turn, item)
    _answer(turn, True, _("#{n} is changed."), item.id, n=item.id)


@dataclass(frozen=True)
class _When:
    start: datetime
    has_time: bool
    recurrence: str | None = None


@dataclass(frozen=True)
class HotlineNeed:
    """A need entered for someone who called, in the shape bot.items makes
    items from (the parser's): only ``what``, ``category``, ``when`` and
    ``where`` are announced; ``private`` goes to the claimer alone."""

    text: str
    what: str
    category: str
    when: _When | None
    where: str | None
    private: tuple[str, ...]
    urgent: bool
    lang: str
    kind: str = "request"


def _intake(turn, event, coordinator, group, item) -> None:
    summary = clean_text(event.field("summary")).strip()[:SUMMARY_MAX]
    category = event.field("category", "other")
    area = clean_name(event.field("area")).strip()[:SUMMARY_MAX] or None
    details = [line.strip() for line in clean_text(event.field("details")).splitlines() if line.strip()]
    when = _when(turn, group, event)
    if not summary:
        return _answer(turn, False, _("Write what is needed."))
    if _shows_private(summary) or (area and _shows_private(area)):
        return _answer(turn, False, PRIVATE_IN_PUBLIC)
    if category not in CATEGORIES:
        return _answer(turn, False, _("Choose a category from the list."))
    if when is _BAD:
        return _answer(turn, False, _("Write the day as 2026-12-08 and the time as 14:30."))
    need = HotlineNeed(
        text=summary, what=summary, category=category,
        when=_When(*when) if when is not None else None, where=area, private=tuple(details),
        urgent=event.field("urgent") == "on", lang=turn.lang(group),
    )
    made = items.make_item(turn, group, coordinator, kind="request", parsed=need, source_key=None, via_direct=True)
    _answer(turn, True, _("#{n} is posted in {group}."), made.id, n=made.id, group=group.name)


_BAD = object()
PRIVATE_IN_PUBLIC = _("That looks like an address or a phone number, which the group would see: put it in the private details.")


def _shows_private(text: str) -> bool:
    """An exact address or a phone number (the parser's own test), in a field
    the group is shown: the desk refuses it rather than announce it."""
    return bool(find_private(text))


def _when(turn: Turn, group: Group, event: DeskAction):
    """(moment, has_time) from the form's day and time in the group's zone;
    None when no day was given; _BAD when it cannot be read."""
    day, at = event.field("day").strip(), event.field("time").strip()
    if not day:
        return _BAD if at else None
    try:
        d = date.fromisoformat(day)
        t = time.fromisoformat(at) if at else time(0, 0)
    except ValueError:
        return _BAD
    return datetime.combine(d, t, tzinfo=turn.zone(group)), bool(at)


HANDLERS = {
    "assign": _assign, "unclaim": _unclaim, "close": _close, "cancel": _cancel, "reopen": _reopen,
    "edit": _edit, "intake": _intake,
}
