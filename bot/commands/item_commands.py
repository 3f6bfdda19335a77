"""Commands about one item: /claim /unclaim /done /cancel /close /reopen /assign."""
from __future__ import annotations

from bot import handoffs, items, people
from bot.commands import args
from bot.commands.call import Call
from bot.due_runner import open_next_occurrence
from bot.intake import claim_one_of
from bot.i18n import _
from storage import repo
from storage.models import Due, Group, Item, Member


def _usage(call: Call, usage: str) -> None:
    call.how_to_write(usage, usage.replace(" N", " 3").replace(" [hours]", " 2h").replace(" @name", " @jo"))


def item_from(call: Call, token: str | None, usage: str) -> tuple[Item, Group] | None:
    """The item a command names, or None after answering why not. An item of
    another group is answered as if it did not exist."""
    number = args.item_number(token) if token else None
    if number is None:
        _usage(call, usage)
        return None
    item = repo.get_item(call.turn.db, number)
    visible = item is not None and (
        item.group_id == call.group.id if call.group is not None
        else people.may_see_from_direct(call.turn, item, call.member)
    )
    if not visible:
        say_absent(call, number)
        return None
    return item, call.turn.db.get(Group, item.group_id)


def say_absent(call: Call, number: int) -> None:
    """The answer to a command naming an item this member cannot act on
    (or that does not exist: the two are not told apart)."""
    if call.group is None:
        # /open works only in a group: a direct chat lists what this member can act on (issue 15)
        from bot.commands.list_commands import mine_text

        call.reply(call.t(_("#{n} is not one you can act on from here.")).format(n=number) + "\n" + mine_text(call))
    else:
        call.reply(call.t(_("There is no #{n} here. /open lists what is open.")).format(n=number))


def _first(call: Call) -> str | None:
    return call.args[0] if call.args else None


def _coordinator(call: Call, group: Group) -> bool:
    return people.is_coordinator(call.turn, group, call.member)


def claim_cmd(call: Call) -> None:
    tokens = call.args
    if not tokens and call.msg.reply_to and call.group is not None:
        found = repo.item_from_bot_message(call.turn.db, call.msg.platform, call.msg.chat_id, call.msg.reply_to)
        tokens = [str(found[0].id)] if found else []
    if not tokens:
        _usage(call, "/claim N")
        return
    named = []
    for token in tokens:
        got = item_from(call, token, "/claim N")
        if got is None:
            return
        named.append(got[0])

    def claim(item):
        result = items.claim(call.turn, item, call.member)
        answer_claim(call, item, result)
        return result

    # one message claims one item (issue 14): /assign is the coordinators' way to give more
    claim_one_of(call.turn, named, call.member, claim)


def answer_claim(call: Call, item: Item, result: items.ClaimResult) -> None:
    R = items.ClaimResult
    if result is R.TAKEN:
        items.tell_taken(call.turn, item, call.member)
    elif result is R.CLOSED:
        call.reply(call.t(_("#{n} is already closed.")).format(n=item.id))
    elif result is R.OWN_ITEM:
        call.reply(call.t(_("#{n} is your own; /cancel {n} if you no longer need it.")).format(n=item.id))
    elif result is R.ALREADY_YOURS:
        call.reply(call.t(_("#{n} is already yours.")).format(n=item.id))
    elif result is R.LIMIT:
        handoffs.tell_limit(call.turn, item, call.member)


def unclaim_cmd(call: Call) -> None:
    got = item_from(call, _first(call), "/unclaim N")
    if got is None:
        return
    item, _group = got
    if item.status != "claimed" or item.claimer_id != call.member.id:
        call.reply(call.t(_("Only the one who claimed #{n} can unclaim it.")).format(n=item.id))
        return
    items.unclaim(call.turn, item)
    if call.group is None:
        call.reply(call.t(_("#{n} is open again.")).format(n=item.id))


def done_cmd(call: Call) -> None:
    got = item_from(call, _first(call), "/done N [hours]")
    if got is None:
        return
    item, group = got
    if call.member.id not in (item.author_id, item.claimer_id):
        call.reply(call.t(_("Only the author or the claimer of #{n} can mark it done; coordinators use /close {n}.")).format(n=item.id))
        return
    finish(call, item, group)


def close_cmd(call: Call) -> None:
    got = item_from(call, _first(call), "/close N [hours]")
    if got is None:
        return
    item, group = got
    finish(call, item, group)


def finish(call: Call, item: Item, group: Group) -> None:
    given = None
    if len(call.args) > 1:
        given = args.hours(call.args[1])
        if given is None:
            _usage(call, f"/{call.name} N [hours]")
            return
    if item.status in items.CLOSED:
        call.reply(call.t(_("#{n} is already closed.")).format(n=item.id))
        return
    close_as_done(call.turn, item, group, given, by=call.member)
    if call.group is None:
        call.reply(call.t(_("#{n} is done. Thank you!")).format(n=item.id))


def close_as_done(turn, item: Item, group: Group, given: float | None, by: Member | None = None) -> None:
    """Done: the time bank credits the hours given, a recurring need opens
    its next occurrence, and a claimer who did not close it is told (/done,
    /close and the desk's close; ``by``: who closed it, if in the chat)."""
    if turn.settings(group)["timebank"] == "on":
        giver = items.giver_of(item)
        # time is given only where someone took the item up
        if giver is not None and item.claimer_id is not None:
            item.hours = given if given is not None else 1.0
            repo.credit_hours(turn.db, giver, group.id, item.id, item.hours, turn.now)
    _open_next_now(turn, item, group)
    if item.claimer_id is not None and (by is None or item.claimer_id != by.id):
        # the volunteer must not turn up for something already settled (issue 15)
        handoffs.tell_former_claimer(turn, item, item.claimer_id,
                                     _("#{n} was closed as done, so there is nothing more to do for it."))
    items.close(turn, item, items.DONE)


def _open_next_now(turn, item: Item, group: Group) -> None:
    """A recurring need opens its next occurrence at the earlier of /done
    and its time: here, if its time has not come yet."""
    pending = turn.db.query(Due).filter(Due.item_id == item.id, Due.kind == "next", Due.done_at.is_(None)).first()
    if pending is not None:
        pending.done_at = turn.now
        open_next_occurrence(turn, group, item)


def cancel_cmd(call: Call) -> None:
    got = item_from(call, _first(call), "/cancel N")
    if got is None:
        return
    item, group = got
    if call.member.id != item.author_id and not _coordinator(call, group):
        call.reply(call.t(_("Only the author of #{n} or a coordinator can cancel it.")).format(n=item.id))
        return
    if item.status in items.CLOSED:
        call.reply(call.t(_("#{n} is already closed.")).format(n=item.id))
        return
    items.cancel(call.turn, item)
    if call.group is None:
        call.reply(call.t(_("#{n} is cancelled.")).format(n=item.id))


def reopen_cmd(call: Call) -> None:
    got = item_from(call, _first(call), "/reopen N")
    if got is None:
        return
    item, _group = got
    if item.status == "open":
        call.reply(call.t(_("#{n} is already open.")).format(n=item.id))
        return
    if item.status == "held":  # held back from a flood (bot.flood): posted now
        items.release(call.turn, item)
        return
    items.reopen(call.turn, item)


def assign_cmd(call: Call) -> None:
    if len(call.args) < 2 and not (len(call.args) == 1 and call.msg.reply_to):
        _usage(call, "/assign N @name")
        return
    got = item_from(call, call.args[0], "/assign N @name")
    if got is None:
        return
    item, group = got
    person = people.resolve_person(call.turn, group, call.args[1] if len(call.args) > 1 else "",
                                   call.msg.mentions, call.msg.reply_to, call.msg.platform)
    if person is None:
        call.reply(call.t(_("I don't know {name} in this group yet: they need to write here once first.")).format(
            name=call.args[1] if len(call.args) > 1 else "@?"))
        return
    result = items.claim(call.turn, item, person, assigned_by=call.member)
    if result is items.ClaimResult.CLOSED:
        call.reply(call.t(_("#{n} is already closed.")).format(n=item.id))
    elif result is items.ClaimResult.ALREADY_YOURS:
        call.reply(call.t(_("#{n} is already @{handle}'s.")).format(n=item.id, handle=person.handle), naming=(person,))
