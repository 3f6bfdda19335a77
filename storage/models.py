"""The tables. Anything that can identify a person (platform user ids,
handles, private details) lives only in ``members`` and ``item_private``,
or in ``outbox.user_id`` until the message is sent, so that /forget and
retention can erase it by touching a few well-known columns."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator):
    """Stores aware datetimes as naive UTC; returns them aware in UTC.
    SQLite has no time zones, and one rule for both databases keeps
    comparisons honest."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to storage")
        from datetime import timezone

        return value.astimezone(timezone.utc).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        from datetime import timezone

        return value.replace(tzinfo=timezone.utc)


class Base(DeclarativeBase):
    pass


class Group(Base):
    __tablename__ = "groups"
    __table_args__ = (UniqueConstraint("platform", "chat_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    platform: Mapped[str] = mapped_column(String(32))
    chat_id: Mapped[str] = mapped_column(String(255))
    name: Mapped[str] = mapped_column(String(255))
    settings: Mapped[str] = mapped_column(Text, default="{}")  # JSON: key -> value as typed
    paused: Mapped[bool] = mapped_column(Boolean, default=False)
    introduced: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Member(Base):
    __tablename__ = "members"
    __table_args__ = (UniqueConstraint("platform", "user_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    platform: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str] = mapped_column(String(255))
    handle: Mapped[str] = mapped_column(String(255))
    last_group_id: Mapped[int | None] = mapped_column(ForeignKey("groups.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Membership(Base):
    """A member's place in a group: seen there (posted or reacted), a platform
    admin there as last seen, or named coordinator by /promote."""

    __tablename__ = "memberships"

    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id"), primary_key=True)
    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), primary_key=True
    )
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    promoted: Mapped[bool] = mapped_column(Boolean, default=False)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Item(Base):
    __tablename__ = "items"
    __table_args__ = (
        Index("ix_items_group_status", "group_id", "status"),
        Index("ix_items_source", "group_id", "source_key"),
        Index("ix_items_author", "author_id"),
        Index("ix_items_claimer", "claimer_id"),
        # the group's numbers (storage/reports.py; migration 0002)
        Index("ix_items_report_posted", "group_id", "kind", "created_at", "category", "status"),
        Index("ix_items_report_claimed", "group_id", "kind", "claimed_at", "created_at"),
        Index("ix_items_report_closed", "group_id", "kind", "closed_at", "status", "category"),
        Index("ix_items_report_number", "group_id", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)  # the item's number
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id"))
    kind: Mapped[str] = mapped_column(String(16))  # request | offer
    what: Mapped[str] = mapped_column(String(255))  # the announcement's phrase, no private details
    category: Mapped[str] = mapped_column(String(32))
    when_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    has_time: Mapped[bool] = mapped_column(Boolean, default=False)
    recurrence: Mapped[str | None] = mapped_column(String(255), nullable=True)
    series_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    place: Mapped[str | None] = mapped_column(String(255), nullable=True)
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    lang: Mapped[str] = mapped_column(String(8), default="en")
    status: Mapped[str] = mapped_column(String(16), default="open")
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL"), nullable=True
    )
    claimer_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL"), nullable=True
    )
    # the coordinator who /assign-ed the claimer (told when the assignee drops out); no
    # foreign key: cleared by /forget and retention like the item's other names
    assigned_by_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    via_direct: Mapped[bool] = mapped_column(Boolean, default=False)
    # hash of the platform message that made the item (storage.keys)
    source_key: Mapped[str | None] = mapped_column(String(64), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    hours: Mapped[float | None] = mapped_column(Float, nullable=True)
    scrubbed: Mapped[bool] = mapped_column(Boolean, default=False)


class ItemPrivate(Base):
    """What only the claimer may see: the full text and the exact address or
    phone number. Deleted by /forget and by retention."""

    __tablename__ = "item_private"

    item_id: Mapped[int] = mapped_column(
        ForeignKey("items.id", ondelete="CASCADE"), primary_key=True
    )
    text: Mapped[str] = mapped_column(Text)
    details: Mapped[str] = mapped_column(Text, default="")  # addresses and phones, one a line


class Announcement(Base):
    """Each group post that presented an item; the latest is *the*
    announcement that status changes edit."""

    __tablename__ = "announcements"
    __table_args__ = (Index("ix_announcements_item", "item_id"),)

    outbox_id: Mapped[int] = mapped_column(
        ForeignKey("outbox.id", ondelete="CASCADE"), primary_key=True
    )
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"))


class Outbox(Base):
    """What the bot owes: written with the state it reports, sent later.
    ``text`` and ``user_id`` are cleared once sent, so the table keeps no
    words or addresses of people after delivery."""

    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_unsent", "sent_at", "id"),
        Index("ix_outbox_message", "platform", "chat_id", "message_id"),
        Index("ix_outbox_handoffs", "member_id", "template", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    platform: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(16))  # send | direct | edit | file
    chat_id: Mapped[str | None] = mapped_column(String(255), nullable=True)
    user_id: Mapped[str | None] = mapped_column(String(255), nullable=True)
    member_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL"), nullable=True
    )
    text: Mapped[str | None] = mapped_column(Text, nullable=True)
    reply_to: Mapped[str | None] = mapped_column(String(255), nullable=True)
    edit_of: Mapped[int | None] = mapped_column(Integer, nullable=True)  # outbox id of the message edited
    buttons: Mapped[str | None] = mapped_column(Text, nullable=True)  # JSON [[label, data], ...]
    # JSON [[handle, platform user id], ...]: who the text names as @handle
    # (bot.actions.Named); cleared with the text once sent
    mentions: Mapped[str | None] = mapped_column(Text, nullable=True)
    file_name: Mapped[str | None] = mapped_column(String(255), nullable=True)
    file_data: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    is_image: Mapped[bool] = mapped_column(Boolean, default=False)
    group_id: Mapped[int | None] = mapped_column(ForeignKey("groups.id"), nullable=True)
    item_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    not_before: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    message_id: Mapped[str | None] = mapped_column(String(255), nullable=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    failed: Mapped[str | None] = mapped_column(String(255), nullable=True)
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # which sender holds the lease: a row is performed only by its holder
    lease_owner: Mapped[str | None] = mapped_column(String(64), nullable=True)
    # private lines added when the row is sent, read then from the item
    # (bot.owed_details): the row itself never holds them
    template: Mapped[str | None] = mapped_column(String(32), nullable=True)


class Handled(Base):
    """The record of messages already handled, keyed by a hash of
    (platform, chat, message id) so the ids themselves are not kept.
    ``member_id`` lets a reply name a person where a platform has no
    handles (``/assign 3`` in reply to their message)."""

    __tablename__ = "handled"

    __table_args__ = (Index("ix_handled_at", "at"),)

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    member_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL"), nullable=True
    )
    at: Mapped[datetime] = mapped_column(UTCDateTime)


class Due(Base):
    """Something the bot will do on its own at ``due_at``."""

    __tablename__ = "due"
    __table_args__ = (
        Index("ix_due_pending", "done_at", "due_at"),
        Index("ix_due_item", "item_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    group_id: Mapped[int | None] = mapped_column(ForeignKey("groups.id"), nullable=True)
    item_id: Mapped[int | None] = mapped_column(
        ForeignKey("items.id", ondelete="CASCADE"), nullable=True
    )
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class Hours(Base):
    __tablename__ = "hours"
    __table_args__ = (Index("ix_hours_member", "member_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL"), nullable=True
    )
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id"))
    item_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    hours: Mapped[float] = mapped_column(Float)
    at: Mapped[datetime] = mapped_column(UTCDateTime)


class Conversation(Base):
    """A multi-step flow waiting for a person's answer in their direct chat
    ("which group?", "what do you need?"), kept here to survive restarts."""

    __tablename__ = "conversations"

    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), primary_key=True
    )
    state: Mapped[str] = mapped_column(Text)  # JSON
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Handoff(Base):
    """A direct message that could not be delivered because the person never
    opened a chat with the bot; released when they press Start."""

    __tablename__ = "handoffs"

    token: Mapped[str] = mapped_column(String(64), primary_key=True)
    outbox_id: Mapped[int] = mapped_column(ForeignKey("outbox.id", ondelete="CASCADE"))
    member_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), nullable=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class DeskToken(Base):
    """A coordinators' desk credential: a login link (``kind`` "link", used
    once, 10 minutes) or a session (``kind`` "session", 12 hours). Only a
    SHA-256 of the secret is kept, so a copy of the database opens no desk."""

    __tablename__ = "desk_tokens"
    __table_args__ = (Index("ix_desk_tokens_member", "member_id"),)

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # link | session
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class ItemEvent(Base):
    """An item's history, for the desk's item page: posted, claimed,
    reminded, checked in, reopened, done…, with who did it (a member id, no
    name: /forget sets it to null) and whether it came from the chat, the
    desk or the bot itself. Words are never kept here."""

    __tablename__ = "item_events"
    __table_args__ = (Index("ix_item_events_item", "item_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(32))
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL"), nullable=True
    )
    # the member the event concerns (the one assigned), when not the actor
    subject_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL"), nullable=True
    )
    via: Mapped[str] = mapped_column(String(8))  # chat | desk | bot
    at: Mapped[datetime] = mapped_column(UTCDateTime)
