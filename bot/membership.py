"""Membership follows the platform (issue 14, finding 5): a person who
leaves, is removed or is banned from a group chat loses that group, and a
platform admin who is demoted loses the rights the admin role gave.

The bot learns who is in a group from what people do there (a message, a
reaction); it learns who left only from these events, so without them a
removed member could still claim by direct message and receive a group's
private details, and a demoted admin would still get urgent alerts."""
from __future__ import annotations

import logging

from sqlalchemy import delete, or_, select

from bot import items, people
from bot.events import AdminChanged, MemberLeft, Sender
from bot.turn import Turn
from storage import repo
from storage.models import Conversation, Handoff, Item, Membership, Outbox

log = logging.getLogger(__name__)


def member_left(turn: Turn, event: MemberLeft) -> None:
    group = repo.find_group(turn.db, event.platform, event.chat_id)
    member = repo.find_member(turn.db, event.platform, event.user_id)
    if group is None or member is None:
        return  # someone the bot never met, or a chat it does not serve
    db = turn.db
    # what they had taken in this group goes back to the group: they can no
    # longer be reminded about it, nor hold its details
    for item in db.scalars(select(Item).where(Item.group_id == group.id, Item.claimer_id == member.id,
                                              Item.status == items.CLAIMED)).all():
        items.unclaim(turn, item)
    turn.flush_outbox()
    # owed direct messages about this group (a claim's details waiting for them
    # to press Start) are no longer owed; the hand-off links die with them
    group_items = select(Item.id).where(Item.group_id == group.id)
    owed = select(Outbox.id).where(
        Outbox.member_id == member.id, Outbox.sent_at.is_(None), Outbox.lease_until.is_(None),
        Outbox.kind.in_(("direct", "file")),
        or_(Outbox.group_id == group.id, Outbox.item_id.in_(group_items)))
    owed_ids = list(db.scalars(owed))
    if owed_ids:
        db.execute(delete(Handoff).where(Handoff.outbox_id.in_(owed_ids)))
        db.execute(delete(Outbox).where(Outbox.id.in_(owed_ids)))
    # a question asked on this group's behalf ("what do you need?", "which group?")
    conv = repo.get_conversation(db, member.id)
    if conv is not None and (conv.get("group") == group.id or group.id in conv.get("groups", [])):
        db.execute(delete(Conversation).where(Conversation.member_id == member.id))
    db.execute(delete(Membership).where(Membership.group_id == group.id, Membership.member_id == member.id))
    if member.last_group_id == group.id:
        remaining = repo.groups_of_member(db, member.id)
        member.last_group_id = remaining[0].id if remaining else None
    log.info("member left group=%d member=%d", group.id, member.id)


def admin_changed(turn: Turn, event: AdminChanged) -> None:
    group = repo.find_group(turn.db, event.platform, event.chat_id)
    if group is None:
        return
    member = repo.find_member(turn.db, event.platform, event.user_id)
    if member is None:
        if not event.is_admin:
            return
        member = people.member_for(turn, event.platform, Sender(user_id=event.user_id, handle=event.handle or event.user_id))
    ms = repo.membership(turn.db, group.id, member.id)
    if ms is None:
        if event.is_admin:
            repo.touch_membership(turn.db, group.id, member.id, True, turn.now)
        return
    # the platform's admin role only: a coordinator named by /promote stays
    # one until /demote (the group's own decision, not the platform's)
    ms.is_admin = event.is_admin
    log.info("admin rights changed group=%d member=%d admin=%s", group.id, member.id, event.is_admin)


