"""Telegram updates become ``bot.events``: translation only, no decisions.

Identifiers are Telegram's numbers as decimal strings: a chat's id, a
message's id within its chat (the same string ``perform`` returns for the
bot's own messages), a user's id.
"""
from __future__ import annotations

import logging
from datetime import datetime, timezone

from telegram import (
    CallbackQuery,
    Chat,
    ChatMember,
    ChatMemberUpdated,
    Message,
    MessageEntity,
    MessageReactionUpdated,
    ReactionType,
    Update,
    User,
)

from bot.events import (
    AdminChanged,
    BotAddedToChat,
    ButtonPressed,
    ChatMigrated,
    Event,
    IncomingMessage,
    MemberLeft,
    Mention,
    MessageEdited,
    ReactionAdded,
    Sender,
)

from .admins import AdminCache
from .people import PeopleDirectory

log = logging.getLogger(__name__)

PLATFORM = "telegram"

# Every update kind the translator reads; Telegram sends message_reaction and
# chat_member only to bots that ask for them by name.
ALLOWED_UPDATES = [
    Update.MESSAGE,
    Update.EDITED_MESSAGE,
    Update.CHANNEL_POST,
    Update.CALLBACK_QUERY,
    Update.MESSAGE_REACTION,
    Update.MY_CHAT_MEMBER,
    Update.CHAT_MEMBER,
]

_GROUP_TYPES = (Chat.GROUP, Chat.SUPERGROUP)
_PRESENT = (ChatMember.MEMBER, ChatMember.ADMINISTRATOR, ChatMember.OWNER)
_ABSENT = (ChatMember.LEFT, ChatMember.BANNED)
_ADMIN = (ChatMember.ADMINISTRATOR, ChatMember.OWNER)


def _unix(moment: datetime) -> str:
    return str(int(moment.timestamp()))


class UpdateTranslator:
    def __init__(self, bot_user: User, admins: AdminCache, people: PeopleDirectory):
        self._bot_user = bot_user
        self._admins = admins
        self._people = people

    async def events_for(self, update: Update) -> list[Event]:
        if update.message is not None:
            return await self._from_message(update.message)
        if update.channel_post is not None:
            return await self._from_message(update.channel_post)
        if update.edited_message is not None:
            return await self._from_edit(update.edited_message)
        if update.callback_query is not None:
            return await self._from_button(update.callback_query)
        if update.message_reaction is not None:
            return await self._from_reaction(update.message_reaction)
        if update.my_chat_member is not None:
            return self._from_my_membership(update.my_chat_member)
        if update.chat_member is not None:
            # someone's role changed: ask Telegram who the admins are next time
            self._admins.forget(update.chat_member.chat.id)
            return self._from_membership(update.chat_member)
        return []

    # -- messages ---------------------------------------------------------

    async def _from_message(self, message: Message) -> list[Event]:
        chat = message.chat
        if message.migrate_to_chat_id:
            return [
                ChatMigrated(
                    platform=PLATFORM,
                    old_chat_id=str(chat.id),
                    new_chat_id=str(message.migrate_to_chat_id),
                    sent_at=message.date,
                )
            ]
        if any(member.id == self._bot_user.id for member in message.new_chat_members):
            return [self._added_to(chat, message.date)]
        gone = message.left_chat_member
        if gone is not None:
            # a small group tells a leave or removal this way, even to a bot
            # that is no admin (chat_member updates need one); both say the same
            self._admins.forget(chat.id)
            if gone.id == self._bot_user.id or chat.type not in _GROUP_TYPES:
                return []
            return [MemberLeft(platform=PLATFORM, chat_id=str(chat.id), user_id=str(gone.id), sent_at=message.date)]
        text = self._command_text(message)
        if text is None:
            return []
        return [
            IncomingMessage(
                platform=PLATFORM,
                chat_id=str(chat.id),
                message_id=str(message.message_id),
                sender=await self._sender_of_message(message),
                text=text,
                sent_at=message.date,
                direct=chat.type == Chat.PRIVATE,
                chat_title=chat.title,
                reply_to=self._replied_id(message),
                mentions=self._mentions_in(message),
            )
        ]

    async def _from_edit(self, message: Message) -> list[Event]:
        text = self._command_text(message)
        if text is None:
            return []
        edited_at = message.edit_date or message.date
        return [
            MessageEdited(
                platform=PLATFORM,
                chat_id=str(message.chat.id),
                message_id=str(message.message_id),
                sender=await self._sender_of_message(message),
                text=text,
                sent_at=edited_at,
                edit_id=_unix(edited_at),
                direct=message.chat.type == Chat.PRIVATE,
            )
        ]

    def _command_text(self, message: Message) -> str | None:
        """The message's text (or a media caption) with ``@botname`` taken off
        a leading command; None when there is no text, or when the command is
        addressed to another bot."""
        text = message.text if message.text is not None else message.caption
        if not text:
            return None
        entities = message.entities or message.caption_entities
        command = next(
            (e for e in entities if e.type == MessageEntity.BOT_COMMAND and e.offset == 0), None
        )
        if command is None:
            return text
        word = text[: command.length]  # a command is ASCII: UTF-16 length is len()
        name, _, addressee = word.partition("@")
        if not addressee:
            return text
        if addressee.lower() != (self._bot_user.username or "").lower():
            return None
        return name + text[command.length :]

    def _replied_id(self, message: Message) -> str | None:
        replied = message.reply_to_message
        if replied is None:
            return None
        # in a forum every message of a topic "replies" to the topic's first message
        if message.is_topic_message and replied.message_id == message.message_thread_id:
            return None
        return str(replied.message_id)

    def _mentions_in(self, message: Message) -> tuple[Mention, ...]:
        entities = message.parse_entities([MessageEntity.MENTION, MessageEntity.TEXT_MENTION])
        if not entities and message.caption:
            entities = message.parse_caption_entities(
                [MessageEntity.MENTION, MessageEntity.TEXT_MENTION]
            )
        mentions = []
        for entity, written in sorted(entities.items(), key=lambda pair: pair[0].offset):
            if entity.type == MessageEntity.TEXT_MENTION and entity.user is not None:
                mentions.append(
                    Mention(
                        text=written,
                        user_id=str(entity.user.id),
                        handle=self._people.handle_for(entity.user),
                    )
                )
            else:
                username = written.removeprefix("@")
                known = self._people.user_id_of_username(username)
                mentions.append(
                    Mention(text=written, user_id=str(known) if known else None, handle=username)
                )
        return tuple(mentions)

    async def _sender_of_message(self, message: Message) -> Sender:
        chat = message.chat
        if message.sender_chat is not None:
            # an anonymous admin posts as the group itself; a channel as the channel
            speaker = message.sender_chat
            return Sender(
                user_id=str(speaker.id),
                handle=speaker.username or speaker.title or str(speaker.id),
                is_person=False,
                is_admin=speaker.id == chat.id and chat.type in _GROUP_TYPES,
            )
        if message.from_user is None:
            return Sender(user_id=str(chat.id), handle=chat.title or str(chat.id), is_person=False)
        return await self._sender_of_user(message.from_user, chat)

    async def _sender_of_user(self, user: User, chat: Chat) -> Sender:
        is_admin = False
        if chat.type in _GROUP_TYPES:
            is_admin = await self._admins.is_admin(chat.id, user.id)
        return Sender(
            user_id=str(user.id),
            handle=self._people.handle_for(user),
            is_person=not user.is_bot,
            is_admin=is_admin,
        )

    # -- buttons, reactions, membership -----------------------------------

    async def _from_button(self, query: CallbackQuery) -> list[Event]:
        message = query.message
        if message is None or query.data is None:
            return []  # a button of an inline-mode message, or a game: not ours
        return [
            ButtonPressed(
                platform=PLATFORM,
                chat_id=str(message.chat.id),
                message_id=str(message.message_id),
                sender=await self._sender_of_user(query.from_user, message.chat),
                data=query.data,
                # a callback query carries no time of its own
                sent_at=datetime.now(timezone.utc),
                press_id=query.id,
            )
        ]

    async def _from_reaction(self, reaction: MessageReactionUpdated) -> list[Event]:
        before = {r.emoji for r in reaction.old_reaction if r.type == ReactionType.EMOJI}
        after = [r.emoji for r in reaction.new_reaction if r.type == ReactionType.EMOJI]
        added = [emoji for emoji in after if emoji not in before]
        if not added:
            return []
        chat = reaction.chat
        if reaction.user is not None:
            sender = await self._sender_of_user(reaction.user, chat)
        else:
            actor = reaction.actor_chat
            actor_id = actor.id if actor is not None else chat.id
            sender = Sender(
                user_id=str(actor_id),
                handle=(actor.title if actor is not None else None) or str(actor_id),
                is_person=False,
                is_admin=actor_id == chat.id,
            )
        return [
            ReactionAdded(
                platform=PLATFORM,
                chat_id=str(chat.id),
                message_id=str(reaction.message_id),
                sender=sender,
                emoji=emoji,
                sent_at=reaction.date,
                reaction_id=_unix(reaction.date),
            )
            for emoji in added
        ]

    def _from_my_membership(self, change: ChatMemberUpdated) -> list[Event]:
        chat = change.chat
        self._admins.forget(chat.id)  # the bot's own rights changed, maybe others'
        if chat.type not in _GROUP_TYPES:
            return []  # a private chat: the person blocked or unblocked the bot
        joined = (
            change.old_chat_member.status in _ABSENT
            and change.new_chat_member.status in _PRESENT
        )
        return [self._added_to(chat, change.date)] if joined else []

    def _from_membership(self, change: ChatMemberUpdated) -> list[Event]:
        """Another person's leave, removal, ban, promotion or demotion: the
        engine must know at once (a removed member must not claim by direct
        message, a demoted admin must not get urgent alerts), not at their
        next message, which may never come."""
        chat, person = change.chat, change.new_chat_member.user
        if chat.type not in _GROUP_TYPES or person.id == self._bot_user.id:
            return []
        if not _is_present(change.new_chat_member):
            if not _is_present(change.old_chat_member):
                return []
            return [MemberLeft(platform=PLATFORM, chat_id=str(chat.id), user_id=str(person.id), sent_at=change.date)]
        was_admin = change.old_chat_member.status in _ADMIN
        is_admin = change.new_chat_member.status in _ADMIN
        if was_admin == is_admin:
            return []
        return [AdminChanged(platform=PLATFORM, chat_id=str(chat.id), user_id=str(person.id), is_admin=is_admin,
                             sent_at=change.date, handle=self._people.handle_for(person))]

    def _added_to(self, chat: Chat, when: datetime) -> BotAddedToChat:
        return BotAddedToChat(
            platform=PLATFORM, chat_id=str(chat.id), sent_at=when, chat_title=chat.title
        )


def _is_present(member: ChatMember) -> bool:
    """In the chat: a member, an admin, the owner, or restricted but still a
    member (``is_member``); not one who left or was banned."""
    if member.status in _ABSENT:
        return False
    if member.status == ChatMember.RESTRICTED:
        return bool(getattr(member, "is_member", False))
    return True
