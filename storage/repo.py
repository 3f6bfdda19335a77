"""Named queries the engine calls. Every function takes the open session of
the event being handled; none commits (the engine commits once per event)."""
from __future__ import annotations

import json
from datetime import datetime, timedelta

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm import Session

from storage.models import (
    Announcement,
    Conversation,
    Group,
    Handled,
    Handoff,
    Hours,
    Item,
    ItemPrivate,
    Member,
    Membership,
    Outbox,
)

# --- groups and members -----------------------------------------------------


def find_group(s: Session, platform: str, chat_id: str) -> Group | None:
    return s.scalar(select(Group).where(Group.platform == platform, Group.chat_id == chat_id))


def add_group(s: Session, platform: str, chat_id: str, name: str, settings: dict, now: datetime) -> Group:
    g = Group(platform=platform, chat_id=chat_id, name=name, settings=json.dumps(settings), created_at=now)
    s.add(g)
    s.flush()
    return g


def find_member(s: Session, platform: str, user_id: str) -> Member | None:
    return s.scalar(select(Member).where(Member.platform == platform, Member.user_id == user_id))


def add_member(s: Session, platform: str, user_id: str, handle: str, now: datetime) -> Member:
    m = Member(platform=platform, user_id=user_id, handle=handle, created_at=now)
    s.add(m)
    s.flush()
    return m


def member_by_handle(s: Session, group_id: int, handle: str) -> Member | None:
    """A member of this group by handle (case-insensitive)."""
    return s.scalar(
        select(Member)
        .join(Membership, Membership.member_id == Member.id)
        .where(Membership.group_id == group_id, func.lower(Member.handle) == handle.lower())
    )


def membership(s: Session, group_id: int, member_id: int) -> Membership | None:
    return s.get(Membership, (group_id, member_id))


SEEN_GRANULARITY = timedelta(minutes=10)


def touch_membership(s: Session, group_id: int, member_id: int, is_admin: bool | None, now: datetime) -> Membership:
    ms = membership(s, group_id, member_id)
    if ms is None:
        ms = Membership(group_id=group_id, member_id=member_id, is_admin=bool(is_admin), promoted=False, last_seen_at=now)
        s.add(ms)
        s.flush()
        return ms
    # "seen" only orders a member's groups: no need to rewrite it on every message
    if now - ms.last_seen_at >= SEEN_GRANULARITY:
        ms.last_seen_at = now
    if is_admin is not None and ms.is_admin != is_admin:
        ms.is_admin = is_admin
    return ms


def groups_of_member(s: Session, member_id: int) -> list[Group]:
    return list(
        s.scalars(
            select(Group)
            .join(Membership, Membership.group_id == Group.id)
            .where(Membership.member_id == member_id)
            .order_by(Membership.last_seen_at.desc(), Group.id)
        )
    )


def coordinators(s: Session, group_id: int) -> list[Member]:
    return list(
        s.scalars(
            select(Member)
            .join(Membership, Membership.member_id == Member.id)
            .where(Membership.group_id == group_id, or_(Membership.is_admin, Membership.promoted))
            .order_by(Member.handle)
        )
    )


# --- the record of handled messages ----------------------------------------


def first_time_handled(s: Session, key: str, member_id: int | None, now: datetime) -> bool:
    """Record a message as handled; False if it was already. One statement
    (an insert that does nothing on a repeat), so that of two workers
    handling the same message at once exactly one sees True."""
    table = Handled.__table__
    if s.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    result = s.execute(
        dialect_insert(table).values(key=key, member_id=member_id, at=now)
        .on_conflict_do_nothing(index_elements=["key"]).returning(table.c.key)
    )
    return result.first() is not None


HANDLED_KEPT = timedelta(days=30)


def prune_handled(s: Session, now: datetime, limit: int = 5000) -> None:
    """Forget records of handled messages older than any platform redelivers
    (Telegram keeps updates a day; a month is ample), a batch at a time."""
    old = select(Handled.key).where(Handled.at < now - HANDLED_KEPT).limit(limit)
    s.execute(delete(Handled).where(Handled.key.in_(old)), execution_options={"synchronize_session": False})


def author_of_message(s: Session, key: str) -> Member | None:
    h = s.get(Handled, key)
    if h is None or h.member_id is None:
        return None
    return s.get(Member, h.member_id)


# --- items ------------------------------------------------------------------


def add_item(s: Session, item: Item, private_text: str, details: list[str]) -> Item:
    s.add(item)
    s.flush()
    s.add(ItemPrivate(item_id=item.id, text=private_text, details="\n".join(details)))
    s.flush()
    return item


def get_item(s: Session, number: int) -> Item | None:
    return s.get(Item, number)


def item_private(s: Session, item_id: int) -> ItemPrivate | None:
    return s.get(ItemPrivate, item_id)


def item_from_source(s: Session, group_id: int, source_key: str) -> Item | None:
    return s.scalar(
        select(Item).where(Item.group_id == group_id, Item.source_key == source_key).order_by(Item.id.desc())
    )


def item_from_bot_message(s: Session, platform: str, chat_id: str, message_id: str) -> tuple[Item, bool] | None:
    """The item a bot message announced, and whether that message is the
    item's latest announcement."""
    row = s.execute(
        select(Announcement.item_id, Outbox.id)
        .join(Outbox, Outbox.id == Announcement.outbox_id)
        .where(Outbox.platform == platform, Outbox.chat_id == chat_id, Outbox.message_id == message_id)
    ).first()
    if row is None:
        return None
    item = s.get(Item, row[0])
    latest = latest_announcement(s, row[0])
    return item, latest is not None and latest.id == row[1]


def latest_announcement(s: Session, item_id: int) -> Outbox | None:
    return s.scalar(
        select(Outbox)
        .join(Announcement, Announcement.outbox_id == Outbox.id)
        .where(Announcement.item_id == item_id)
        .order_by(Outbox.id.desc())
        .limit(1)
    )


def items_in_group(s: Session, group_id: int, statuses: tuple[str, ...]) -> list[Item]:
    return list(
        s.scalars(select(Item).where(Item.group_id == group_id, Item.status.in_(statuses)).order_by(Item.id))
    )


def items_of_member(s: Session, member_id: int, statuses: tuple[str, ...]) -> tuple[list[Item], list[Item]]:
    asked = list(
        s.scalars(select(Item).where(Item.author_id == member_id, Item.status.in_(statuses)).order_by(Item.id))
    )
    claimed = list(
        s.scalars(select(Item).where(Item.claimer_id == member_id, Item.status.in_(statuses)).order_by(Item.id))
    )
    return asked, claimed


# --- hours ------------------------------------------------------------------


def credit_hours(s: Session, member_id: int, group_id: int, item_id: int, hours: float, now: datetime) -> None:
    s.add(Hours(member_id=member_id, group_id=group_id, item_id=item_id, hours=hours, at=now))


def hours_given(s: Session, member_id: int) -> float:
    return float(s.scalar(select(func.coalesce(func.sum(Hours.hours), 0.0)).where(Hours.member_id == member_id)))


def hours_by_handle(s: Session) -> dict[str, float]:
    rows = s.execute(
        select(Member.handle, func.sum(Hours.hours)).join(Member, Member.id == Hours.member_id).group_by(Member.handle)
    )
    return {h: float(v) for h, v in rows}


# --- conversations ----------------------------------------------------------


def get_conversation(s: Session, member_id: int) -> dict | None:
    c = s.get(Conversation, member_id)
    return None if c is None else json.loads(c.state)


def set_conversation(s: Session, member_id: int, state: dict, now: datetime) -> None:
    c = s.get(Conversation, member_id)
    if c is None:
        s.add(Conversation(member_id=member_id, state=json.dumps(state), updated_at=now))
    else:
        c.state = json.dumps(state)
        c.updated_at = now


def end_conversation(s: Session, member_id: int) -> None:
    s.execute(delete(Conversation).where(Conversation.member_id == member_id))


# a question unanswered this long is dropped, with the message it held
# (a need sent privately, waiting for "which group?")
CONVERSATION_KEPT = timedelta(days=7)


def prune_conversations(s: Session, now: datetime) -> int:
    return s.execute(delete(Conversation).where(Conversation.updated_at < now - CONVERSATION_KEPT)).rowcount


# --- hand-offs (Telegram's deep link) -----------------------------------------


def add_handoff(s: Session, token: str, outbox_id: int, member_id: int | None, now: datetime) -> None:
    s.add(Handoff(token=token, outbox_id=outbox_id, member_id=member_id, created_at=now))


def take_handoffs(s: Session, member_id: int) -> list[Outbox]:
    rows = list(
        s.scalars(select(Outbox).join(Handoff, Handoff.outbox_id == Outbox.id).where(Handoff.member_id == member_id))
    )
    s.execute(delete(Handoff).where(Handoff.member_id == member_id))
    return rows


# --- due rows -----------------------------------------------------------------


def mark_due_done(s: Session, ids: list[int], now: datetime) -> None:
    from storage.models import Due

    s.execute(update(Due).where(Due.id.in_(ids)).values(done_at=now), execution_options={"synchronize_session": False})


def groups_by_id(s: Session, ids: set[int]) -> list[Group]:
    return list(s.scalars(select(Group).where(Group.id.in_(ids)))) if ids else []


def preload_items(s: Session, ids: set[int]) -> list:
    """Load the items and their people in a few queries, so the runners'
    look-ups by key are answered from the session while the caller holds
    the returned rows."""
    if not ids:
        return []
    items = list(s.scalars(select(Item).where(Item.id.in_(ids))))
    people = {i.author_id for i in items} | {i.claimer_id for i in items}
    people.discard(None)
    members = list(s.scalars(select(Member).where(Member.id.in_(people)))) if people else []
    return items + members


def take_due(s: Session, now: datetime, limit: int = 1000) -> list:
    """Pending due rows up to ``now``, locked for this transaction. On
    PostgreSQL, rows another worker holds are skipped, so two workers never
    run the same row."""
    from storage.models import Due

    # plain rows, not ORM objects: a tick may take a thousand
    q = (
        select(Due.id, Due.kind, Due.due_at, Due.group_id, Due.item_id)
        .where(Due.done_at.is_(None), Due.due_at <= now)
        .order_by(Due.due_at, Due.id)
        .limit(limit)
    )
    if s.get_bind().dialect.name == "postgresql":
        q = q.with_for_update(skip_locked=True)
    return list(s.execute(q))


def next_due_at(s: Session) -> datetime | None:
    from storage.models import Due

    return s.scalar(select(func.min(Due.due_at)).where(Due.done_at.is_(None)))


def coordinated_groups(s: Session, member_id: int) -> list[Group]:
    """The groups a member coordinates (a platform admin there as last seen,
    or promoted): what they see on the desk."""
    return list(
        s.scalars(
            select(Group)
            .join(Membership, Membership.group_id == Group.id)
            .where(Membership.member_id == member_id, or_(Membership.is_admin, Membership.promoted))
            .order_by(Group.name, Group.id)
        )
    )
