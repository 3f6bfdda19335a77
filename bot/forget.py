"""/forget: erase what the bot holds about a member. Their items stay only
as counts: open ones are cancelled, the ones they claimed reopen, and every
row that held their name, handle, platform id or private details loses it."""
from __future__ import annotations

from sqlalchemy import delete, update

from bot import items
from bot.i18n import _
from bot.turn import Turn
from storage.models import Conversation, DeskToken, Handled, ItemEvent, Handoff, Hours, Item, ItemPrivate, Member, Membership, Outbox


def forget_member(turn: Turn, member: Member) -> None:
    db = turn.db
    t = turn.tr(turn.member_lang_group(member))
    platform, address = member.platform, member.user_id

    for item in db.query(Item).filter(Item.author_id == member.id, Item.status.in_(("open", "claimed"))).all():
        items.cancel(turn, item)
    for item in db.query(Item).filter(Item.claimer_id == member.id, Item.status == "claimed").all():
        items.unclaim(turn, item, name_claimer=False)

    turn.flush_outbox()
    authored = [i for (i,) in db.query(Item.id).filter(Item.author_id == member.id)]
    if authored:
        db.execute(delete(ItemPrivate).where(ItemPrivate.item_id.in_(authored)))
        db.execute(update(Item).where(Item.id.in_(authored)).values(source_key=None, scrubbed=True, what=Item.category, place=None))
    db.execute(update(Item).where(Item.author_id == member.id).values(author_id=None))
    db.execute(update(Item).where(Item.claimer_id == member.id).values(claimer_id=None))
    db.execute(update(Item).where(Item.assigned_by_id == member.id).values(assigned_by_id=None))
    db.execute(update(Hours).where(Hours.member_id == member.id).values(member_id=None))
    db.execute(update(Handled).where(Handled.member_id == member.id).values(member_id=None))
    # what was owed to them and not yet sent is no longer owed
    db.execute(delete(Outbox).where(Outbox.member_id == member.id, Outbox.sent_at.is_(None)))
    db.execute(update(Outbox).where(Outbox.member_id == member.id).values(member_id=None, user_id=None, text=None,
                                                                                    mentions=None))
    db.execute(delete(Handoff).where(Handoff.member_id == member.id))
    db.execute(delete(DeskToken).where(DeskToken.member_id == member.id))
    db.execute(update(ItemEvent).where(ItemEvent.actor_id == member.id).values(actor_id=None))
    db.execute(update(ItemEvent).where(ItemEvent.subject_id == member.id).values(subject_id=None))
    db.execute(delete(Conversation).where(Conversation.member_id == member.id))
    db.execute(delete(Membership).where(Membership.member_id == member.id))
    db.execute(delete(Member).where(Member.id == member.id))
    db.expunge(member)
    turn.erased = True
    turn.direct_to_address(platform, address, t(_("Done: I have erased your name, handle and details. Your open requests are cancelled and what you had claimed is open again.")))
