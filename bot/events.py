"""What adapters hand to the engine: typed, frozen, platform-free.

Every identifier is an opaque string chosen by the adapter. The engine never
interprets them, only compares and stores them (hashed where they could
identify a person, see ``storage.keys``).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Sender:
    """Who wrote something. ``is_person`` is false for anonymous admins,
    channel posts and other bots: they never make or claim an item."""

    user_id: str
    handle: str
    is_person: bool = True
    is_admin: bool = False  # a platform admin of the chat the event came from


@dataclass(frozen=True)
class Mention:
    """A person named in a message (``@jo``): the text as written and,
    where the platform says, the user id it points at."""

    text: str
    user_id: str | None = None
    handle: str | None = None


@dataclass(frozen=True)
class IncomingMessage:
    platform: str
    chat_id: str
    message_id: str
    sender: Sender
    text: str
    sent_at: datetime
    direct: bool = False
    chat_title: str | None = None
    reply_to: str | None = None  # the message id replied to (or quoted)
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True)
class ReactionAdded:
    platform: str
    chat_id: str
    message_id: str  # the message reacted to
    sender: Sender
    emoji: str
    sent_at: datetime
    reaction_id: str = ""  # distinguishes repeats; empty: one per (sender, message, emoji)


@dataclass(frozen=True)
class ButtonPressed:
    """An inline button under a bot message (Telegram's "I can help")."""

    platform: str
    chat_id: str
    message_id: str  # the bot message carrying the button
    sender: Sender
    data: str
    sent_at: datetime
    press_id: str = ""


@dataclass(frozen=True)
class MessageEdited:
    platform: str
    chat_id: str
    message_id: str  # the original message's id
    sender: Sender
    text: str
    sent_at: datetime
    edit_id: str = ""  # distinguishes successive edits of one message
    direct: bool = False


@dataclass(frozen=True)
class BotAddedToChat:
    platform: str
    chat_id: str
    sent_at: datetime
    chat_title: str | None = None


@dataclass(frozen=True)
class ChatMigrated:
    """A chat got a new id (a Telegram group upgraded to a supergroup)."""

    platform: str
    old_chat_id: str
    new_chat_id: str
    sent_at: datetime


@dataclass(frozen=True)
class MemberLeft:
    """A person is no longer in a group chat: they left, were removed or were
    banned. They lose the group: no claims by direct message, no details."""

    platform: str
    chat_id: str
    user_id: str
    sent_at: datetime


@dataclass(frozen=True)
class AdminChanged:
    """A person's admin rights in a group chat changed on the platform (made
    or removed as admin, power level raised or lowered)."""

    platform: str
    chat_id: str
    user_id: str
    is_admin: bool
    sent_at: datetime
    handle: str = ""  # for a new admin the bot has not met yet


@dataclass(frozen=True)
class DeliveryFailed:
    """The outbox could not reach a person by direct message (they never
    started a chat with the bot). The engine chooses the fallback."""

    outbox_id: int
    reason: str
    sent_at: datetime
    # where the platform offers one (Telegram), a link the person can press
    # to open the direct chat; "{token}" in it is replaced by the engine
    start_link: str | None = None


@dataclass(frozen=True)
class DeskAction:
    """A coordinator's action on the desk (the web board): assign, unclaim,
    close, reopen, cancel, edit, or intake (a need entered for someone who
    called). Handled by the same rules as the chat's commands, so the chat
    sees the change. ``request_id`` is the form's own: a form posted twice
    acts once. ``fields`` are the form's values, as (name, value) pairs."""

    member_id: int
    action: str
    request_id: str
    sent_at: datetime
    item_id: int | None = None
    group_id: int | None = None
    fields: tuple[tuple[str, str], ...] = ()

    def field(self, name: str, default: str = "") -> str:
        return next((v for k, v in self.fields if k == name), default)


@dataclass(frozen=True)
class Tick:
    """The scheduler's beat: run what fell due up to ``now``."""

    now: datetime


Event = (
    IncomingMessage
    | ReactionAdded
    | ButtonPressed
    | MessageEdited
    | BotAddedToChat
    | ChatMigrated
    | MemberLeft
    | AdminChanged
    | DeliveryFailed
    | DeskAction
    | Tick
)
