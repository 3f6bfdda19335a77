"""When a direct message cannot reach a person (on Telegram, someone who
never pressed Start), say so in their group with a link that opens the
direct chat; the message goes out when they press Start. The group sees
only the notice, never the message, and no notice at all when the message
is to the author of a need they sent privately: naming them beside the
private item would tell the group who asked (issue 14, finding 3)."""
from __future__ import annotations

import secrets

from bot.events import DeliveryFailed
from bot.i18n import _
from bot.turn import Turn
from storage import repo
from storage.models import Group, Item, Member, Outbox


def offer_handoff(turn: Turn, event: DeliveryFailed) -> None:
    turn.flush_outbox()
    row = turn.db.get(Outbox, event.outbox_id)
    if row is None or row.member_id is None:
        return
    member = turn.db.get(Member, row.member_id)
    group_id = row.group_id or (member.last_group_id if member else None)
    group = turn.db.get(Group, group_id) if group_id else None
    if member is None or group is None:
        return
    private_author = _to_private_author(turn, row, member)
    # a quiet one is not counted below, so a later notice (as a claimer) still goes out
    row.failed = "unreachable-quiet" if private_author else "unreachable"
    t = turn.tr(group)
    if event.start_link:
        token = secrets.token_urlsafe(12)
        repo.add_handoff(turn.db, token, row.id, member.id, turn.now)
        if private_author:
            return  # kept for when they press Start on their own; never named in the group
        # one notice per person until they press Start
        already = turn.db.query(Outbox).filter(Outbox.member_id == member.id, Outbox.failed == "unreachable").count()
        if already > 1:
            return
        turn.post(group, t(_("@{handle}, I have a message for you but can't write to you yet: press {link} and then Start.")).format(
            handle=member.handle, link=event.start_link.replace("{token}", token)), naming=(member,))
    elif not private_author:
        turn.post(group, t(_("@{handle}, I have a message for you but couldn't reach you by direct message. Please start a chat with me.")).format(
            handle=member.handle), naming=(member,))


def _to_private_author(turn: Turn, row: Outbox, member: Member) -> bool:
    """Whether the message concerns an item this member asked for or
    offered by direct message."""
    if row.item_id is None:
        return False
    item = turn.db.get(Item, row.item_id)
    return item is not None and item.via_direct and item.author_id == member.id
