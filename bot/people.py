"""Who is speaking: the group and member rows behind an event's sender,
and who may do what."""
from __future__ import annotations

from bot.clean import clean_name
from bot.events import Mention, Sender
from bot.turn import Turn
from storage import desk, repo
from storage.keys import message_key
from storage.models import Group, Item, Member


# ids are never cut or cleaned (see bot.engine: an id longer than any platform
# gives, or with a control character in it, is not a person's); names are (bot.clean)
ID_MAX = 255


def group_for(turn: Turn, platform: str, chat_id: str, title: str | None) -> Group:
    group = repo.find_group(turn.db, platform, chat_id)
    if group is None:
        from bot import scheduling

        group = repo.add_group(turn.db, platform, chat_id, clean_name(title or chat_id), {}, turn.now)
        scheduling.plan_group(turn, group)
    elif title and clean_name(title) and clean_name(title) != group.name:
        group.name = clean_name(title)
    return group


def member_for(turn: Turn, platform: str, sender: Sender) -> Member:
    handle = clean_name(sender.handle)
    member = repo.find_member(turn.db, platform, sender.user_id)
    if member is None:
        member = repo.add_member(turn.db, platform, sender.user_id, handle, turn.now)
    elif handle and handle != member.handle:
        member.handle = handle
    return member


def seen_in_group(turn: Turn, group: Group, member: Member, sender: Sender) -> None:
    before = repo.membership(turn.db, group.id, member.id)
    was_coordinator = before is not None and (before.is_admin or before.promoted)
    ms = repo.touch_membership(turn.db, group.id, member.id, sender.is_admin, turn.now)
    if was_coordinator and not (ms.is_admin or ms.promoted) and not repo.coordinated_groups(turn.db, member.id):
        # no longer a platform admin, and a coordinator nowhere: their desk
        # sessions end (for good: made coordinator again, they log in again)
        desk.end_all(turn.db, member.id)
    if member.last_group_id != group.id:
        member.last_group_id = group.id


def is_coordinator(turn: Turn, group: Group, member: Member) -> bool:
    ms = repo.membership(turn.db, group.id, member.id)
    return ms is not None and (ms.is_admin or ms.promoted)


def may_see_from_direct(turn: Turn, item: Item, member: Member) -> bool:
    """Item commands in a direct chat: for the item's author, its claimer
    and its group's coordinators; to anyone else the item does not exist."""
    if member.id in (item.author_id, item.claimer_id):
        return True
    return is_coordinator(turn, turn.db.get(Group, item.group_id), member)


def resolve_person(turn: Turn, group: Group, token: str, mentions: tuple[Mention, ...],
                   reply_to: str | None, platform: str) -> Member | None:
    """``@x`` in a command: a mention the platform resolved, else a handle
    known in this group, else the author of the message replied to; in each
    case only a member of this group (someone who wrote or reacted here, or
    its admin), since /assign and /promote hand them its details."""
    found = _named_person(turn, group, token, mentions, reply_to, platform)
    if found is None or repo.membership(turn.db, group.id, found.id) is None:
        return None
    return found


def _named_person(turn: Turn, group: Group, token: str, mentions: tuple[Mention, ...],
                  reply_to: str | None, platform: str) -> Member | None:
    name = token.lstrip("@")
    for m in mentions:
        if m.text.lstrip("@").lower() == name.lower() or m.handle and m.handle.lower() == name.lower():
            if m.user_id:
                found = repo.find_member(turn.db, platform, m.user_id)
                if found is not None:
                    return _in_group(turn, group, found)
    if name:
        found = repo.member_by_handle(turn.db, group.id, name)
        if found is not None:
            return found
    if reply_to:
        return _in_group(turn, group, repo.author_of_message(turn.db, message_key(platform, group.chat_id, reply_to)))
    return None


def _in_group(turn: Turn, group: Group, member: Member | None) -> Member | None:
    if member is None or repo.membership(turn.db, group.id, member.id) is None:
        return None
    return member
