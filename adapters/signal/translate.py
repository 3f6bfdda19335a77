"""Received Signal messages -> mutualaid events (bot.events).

Pure: the adapter looks up what needs the network (is the sender a group
admin, the group's title) and hands it in.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Callable

from bot.events import Event, IncomingMessage, MessageEdited, Mention, ReactionAdded, Sender
from adapters.signal.envelopes import Author, Received, splice_mentions
from adapters.signal.ids import BOT_AUTHOR, message_id, person_id, short_handle

PLATFORM = "signal"

# the reactions that claim an item (docs/BEHAVIOUR.md); others mean nothing here
CLAIM_REACTIONS = frozenset({"👍", "🙋"})

_SKIN_TONES = {chr(c) for c in range(0x1F3FB, 0x1F400)}
_VARIATION_SELECTOR = "\ufe0f"
_ZWJ = "\u200d"


def base_emoji(emoji: str) -> str:
    """👍🏽 -> 👍, 🙋‍♀️ -> 🙋: skin tones and gendered forms are the same reaction."""
    first = emoji.split(_ZWJ, 1)[0]
    return "".join(ch for ch in first if ch not in _SKIN_TONES and ch != _VARIATION_SELECTOR)


@dataclass(frozen=True)
class Self:
    """How the bot's own account shows up as an author (quotes, reactions)."""

    number: str
    uuids: frozenset[str] = frozenset()

    def is_me(self, author: Author) -> bool:
        return author.number == self.number or (author.uuid is not None and author.uuid in self.uuids)


def author_token(author: Author, me: Self) -> str:
    if me.is_me(author):
        return BOT_AUTHOR
    return person_id(author.uuid, author.number) or "unknown"


def sent_at(timestamp_ms: int) -> datetime:
    return datetime.fromtimestamp(timestamp_ms / 1000, tz=timezone.utc)


def sender_of(received: Received, *, is_admin: bool) -> Sender:
    author = received.author
    return Sender(
        user_id=person_id(author.uuid, author.number) or "unknown",
        handle=received.author_name or short_handle(author.uuid, author.number),
        is_person=True,  # Signal has no bots, channels or anonymous admins
        is_admin=is_admin,
    )


def to_event(received: Received, *, chat_id: str, direct: bool, sender: Sender,
             chat_title: str | None, me: Self,
             handle_for: Callable[[Author], str]) -> Event | None:
    """The one event a received message makes (group updates are the
    adapter's business), or None for what the bot ignores."""
    when = sent_at(received.timestamp)
    if received.kind == "reaction":
        emoji = base_emoji(received.emoji)
        if received.removes or emoji not in CLAIM_REACTIONS or received.target is None:
            return None
        target_author, target_stamp = received.target
        return ReactionAdded(
            platform=PLATFORM, chat_id=chat_id,
            message_id=message_id(author_token(target_author, me), target_stamp),
            sender=sender, emoji=emoji, sent_at=when,
        )

    text, mentions = _text_with_mentions(received, me, handle_for)
    if received.kind == "edit" and received.edit_of is not None:
        return MessageEdited(
            platform=PLATFORM, chat_id=chat_id,
            message_id=message_id(sender.user_id, received.edit_of),
            sender=sender, text=text, sent_at=when,
            edit_id=str(received.timestamp), direct=direct,
        )
    if received.kind == "message":
        reply_to = None
        if received.quote is not None:
            quoted_author, quoted_stamp = received.quote
            reply_to = message_id(author_token(quoted_author, me), quoted_stamp)
        return IncomingMessage(
            platform=PLATFORM, chat_id=chat_id,
            message_id=message_id(sender.user_id, received.timestamp),
            sender=sender, text=text, sent_at=when, direct=direct,
            chat_title=chat_title, reply_to=reply_to, mentions=mentions,
        )
    return None


def _text_with_mentions(received: Received, me: Self,
                        handle_for: Callable[[Author], str]) -> tuple[str, tuple[Mention, ...]]:
    """Signal puts U+FFFC where a mention is; the engine reads ``@x``, so the
    placeholder becomes ``@handle`` (spaces joined: one word) and the
    mention keeps the user id."""
    if not received.mentions:
        return received.text, ()
    mentions: list[Mention] = []
    inline: list[str] = []
    for raw in received.mentions:
        handle = handle_for(raw.author)
        written = "@" + "_".join(handle.split())
        inline.append(written)
        user_id = BOT_AUTHOR if me.is_me(raw.author) else person_id(raw.author.uuid, raw.author.number)
        mentions.append(Mention(text=written, user_id=user_id, handle=handle))
    return splice_mentions(received.text, received.mentions, inline), tuple(mentions)
