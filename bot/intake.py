"""Free text, reactions, buttons and edits in a group: what makes an item,
what claims one, and what is chatter (most of it: the bot stays quiet)."""
from __future__ import annotations

import re


from bot import handoffs, items, render
from bot.asking import ask_what_is_needed
from bot.due_runner import alert_coordinators
from bot.events import ButtonPressed, IncomingMessage, MessageEdited, ReactionAdded
from bot.i18n import _
from bot.parsing import parse, reads_as_help
from bot.turn import Turn
from storage import repo
from storage.keys import message_key
from storage.models import Group, Item, Member

CLAIM_EMOJI = {"👍", "🙋"}
MAX_TEXT = 4000  # longer messages are read in part; nobody writes a need that long


def claim_emoji(emoji: str) -> bool:
    """👍 or 🙋 in any skin tone or gender."""
    base = "".join(ch for ch in emoji if not (0x1F3FB <= ord(ch) <= 0x1F3FF)
                   and ch not in "\u200d\ufe0f\u2640\u2642")
    return base in CLAIM_EMOJI


def reply_target(turn: Turn, msg: IncomingMessage, group: Group) -> Item | None:
    """The item a reply is about: one of its announcements, or the message
    that made it."""
    if not msg.reply_to:
        return None
    found = repo.item_from_bot_message(turn.db, msg.platform, msg.chat_id, msg.reply_to)
    if found is not None:
        return found[0]
    return repo.item_from_source(turn.db, group.id, message_key(msg.platform, msg.chat_id, msg.reply_to))


def _open_items_of_source(turn: Turn, msg: IncomingMessage, group: Group) -> list[Item]:
    """The open items a member's message made, when the reply is to that message (not to an announcement)."""
    if repo.item_from_bot_message(turn.db, msg.platform, msg.chat_id, msg.reply_to) is not None:
        return []
    key = message_key(msg.platform, msg.chat_id, msg.reply_to)
    made = turn.db.query(Item).filter(Item.group_id == group.id, Item.source_key == key).order_by(Item.id).all()
    return [i for i in made if i.status == "open"]


def on_group_text(turn: Turn, msg: IncomingMessage, group: Group, member: Member) -> None:
    text = msg.text[:MAX_TEXT]
    parsed = parse(text, msg.sent_at, turn.zone(group))
    target = reply_target(turn, msg, group)
    # "I can help!" is a volunteer speaking, never a plea to ask about, whatever its "!" made it
    helping = parsed.kind == "other" and reads_as_help(text)
    offers_help = parsed.kind in ("claim", "offer") or (target is not None and helping)
    if offers_help and not parsed.numbers and target is not None and msg.reply_to:
        several = _open_items_of_source(turn, msg, group)
        if len(several) > 1:
            # a reply to a message that asked for several things: which one is not ours to guess
            t = turn.tr(group)
            lines = [render.item_line(i, turn.zone(group), turn.lang(group), with_place=False) for i in several]
            turn.direct(member, t(_("That message asks for several things: {items}. Reply to the one you can take, or write \"I'll take #{n}\".")).format(
                items="; ".join(lines), n=several[-1].id), group=group)
            return
    if offers_help and (parsed.numbers or target is not None):
        numbers = parsed.numbers or (target.id,)
        # free text naming an absent item: nothing to claim, nothing to say
        named = [i for i in (repo.get_item(turn.db, n) for n in numbers) if i is not None and i.group_id == group.id]
        claim_one_of(turn, named, member)
        return
    if parsed.kind == "claim":
        return  # claims of nothing
    if _late_for_offer(target, member, parsed, text):
        # "could I have it too?" to an offer already taken: told privately, never left unanswered
        items.tell_taken(turn, target, member)
        return
    if target is not None and not (parsed.kind == "request" and target.author_id != member.id):
        # thanks, questions, and the author saying more about their own need; but
        # "i need one too" from someone else is a need of its own
        return
    if parsed.kind in ("request", "offer"):
        key = message_key(msg.platform, msg.chat_id, msg.message_id)
        for item in items.make_items(turn, group, member, kind=parsed.kind, parsed=parsed, source_key=key, via_direct=False):
            if item.urgent and item.status == items.OPEN:
                alert_coordinators(turn, group, item, urgent=True)
    elif parsed.vague and not helping:
        ask_what_is_needed(turn, member, group, text, msg.sent_at)


_WANTS_IT_TOO = re.compile(r"\b(too|also|me|please|pls|tambi[eé]n|yo|porfa|por favor)\b|\?", re.I)


def _late_for_offer(target: Item | None, member: Member, parsed, text: str) -> bool:
    """A reply to a taken offer's announcement, from someone else, asking for it."""
    return (target is not None and target.kind == "offer" and target.status != "open"
            and member.id not in (target.author_id, target.claimer_id)
            and (parsed.kind == "request" or bool(_WANTS_IT_TOO.search(text))))


def claim_quietly(turn: Turn, item: Item, member: Member) -> items.ClaimResult:
    """A claim by reply, reaction or button: success edits the announcement
    and tells the claimer; a taken item, or one past the member's hand-offs
    for the hour, is said by direct message only."""
    result = items.claim(turn, item, member)
    if result is items.ClaimResult.TAKEN:
        items.tell_taken(turn, item, member)
    elif result is items.ClaimResult.LIMIT:
        handoffs.tell_limit(turn, item, member)
    return result


def claim_one_of(turn: Turn, named: list[Item], member: Member, claim=None) -> None:
    """One message claims one item (issue 14, finding 4): "I'll take #1 #2
    … #10" takes the first it can and tells the member, by direct message,
    which were left and why; a coordinator uses /assign for more."""
    claim = claim or (lambda item: claim_quietly(turn, item, member))
    for index, item in enumerate(named):
        if claim(item) is items.ClaimResult.CLAIMED:
            left = [i for i in named[index + 1:] if i.id != item.id]
            if left:
                tell_one_claim(turn, member, item, left)
            return


def tell_one_claim(turn: Turn, member: Member, taken: Item, left: list[Item]) -> None:
    group = turn.db.get(Group, taken.group_id)
    t = turn.tr(group)
    turn.direct(member, t(_("One claim per message: you have #{n}, and I did not claim {rest}. Claim each in a message of its own.")).format(
        n=taken.id, rest=", ".join(f"#{i.id}" for i in left)), item=taken, group=group)


def on_reaction(turn: Turn, event: ReactionAdded, group: Group, member: Member) -> None:
    if not claim_emoji(event.emoji):
        return
    found = repo.item_from_bot_message(turn.db, event.platform, event.chat_id, event.message_id)
    if found is None:
        return
    item, _latest = found
    if item.status == "open":  # reactions on a claimed or closed item are ignored
        claim_quietly(turn, item, member)


def on_button(turn: Turn, event: ButtonPressed, group: Group, member: Member) -> None:
    if not event.data.startswith("claim:"):
        return
    found = repo.item_from_bot_message(turn.db, event.platform, event.chat_id, event.message_id)
    if found is None or str(found[0].id) != event.data.split(":", 1)[1]:
        return
    claim_quietly(turn, found[0], member)


def on_edit(turn: Turn, event: MessageEdited, member: Member) -> None:
    """An edit of the message that made an item updates it, read against
    the original message's time; other edits are ignored. An edit never
    loses a need (issue 14, finding 9): one that no longer reads as a need
    asks the author whether to cancel, and one that changes what the
    claimer knows reaches the claimer."""
    key = message_key(event.platform, event.chat_id, event.message_id)
    # a message may have made several items (two needs, each with its own time): the edit is
    # read again and its needs matched to them in the order written
    made = turn.db.query(Item).filter(Item.source_key == key).order_by(Item.id).all()
    made = [i for i in made if i.author_id == member.id]
    live = [i for i in made if i.status in ("open", "claimed")]
    if not live:
        return
    first = made[0]
    group = turn.db.get(Group, first.group_id)
    parsed = parse(event.text[:MAX_TEXT], first.created_at, turn.zone(group))
    needs = items.needs_of(parsed) if parsed.kind in ("request", "offer") else []
    for k, item in enumerate(made):
        if item.status not in ("open", "claimed"):
            continue
        if k < len(needs):
            _update_from_edit(turn, item, group, needs[k])
        else:
            # an edit never loses a need: the author is asked, nothing is cancelled
            t = turn.tr(group)
            turn.direct(member, t(_("Your edit of #{n} no longer reads as a need or an offer, so I left #{n} as it was. "
                                    "If it is no longer needed: /cancel {n}")).format(n=item.id), item=item, group=group)
    author = turn.db.get(Member, first.author_id)
    for one in needs[len(made):]:  # a need added by the edit
        items.make_item(turn, group, author, kind=one.kind, parsed=one, source_key=key, via_direct=first.via_direct)


def _update_from_edit(turn: Turn, item: Item, group: Group, parsed) -> None:
    t = turn.tr(group)
    before = (item.when_at, item.has_time, item.place)
    private = repo.item_private(turn.db, item.id)
    said_before = (private.text, private.details) if private is not None else None
    when = parsed.when
    item.category = parsed.category or item.category
    item.what, item.place = items.public_fields(turn, group, parsed, item.kind, item.via_direct)
    item.when_at = when.start if when else None
    item.has_time = bool(when and when.has_time)
    item.recurrence = when.recurrence if when else None
    item.urgent = bool(parsed.urgent and item.kind == "request")
    if private is not None:
        private.text, private.details = parsed.text, "\n".join(parsed.private)
    items.refresh_announcement(turn, item)
    moved = before != (item.when_at, item.has_time, item.place)
    said_after = (private.text, private.details) if private is not None else None
    if moved or said_after != said_before:
        # what falls due follows the new time; the claimer is told, and the new
        # message and details are read when that is sent, if #n is still theirs
        items.moved(turn, item, reschedule=moved)
