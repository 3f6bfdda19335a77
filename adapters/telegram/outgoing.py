"""``bot.actions`` become Bot API calls; errors become the adapter contract's.

Each action is one call, tried once: pacing and retries belong to the outbox
sender. The id returned is ``str(message_id)``, the same string the
translator puts in ``reply_to`` and ``ButtonPressed.message_id``.
"""
from __future__ import annotations

import logging

from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    LinkPreviewOptions,
    Message,
    ReplyParameters,
)
from telegram.error import BadRequest, ChatMigrated, TelegramError

from adapters.base import PermanentFailure
from bot.actions import Action, Button, EditMessage, Named, SendDirect, SendFile, SendToChat

from .errors import contract_error, is_not_modified
from .people import PeopleDirectory, mention_entities

log = logging.getLogger(__name__)

_NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


def keyboard(buttons: tuple[Button, ...]) -> InlineKeyboardMarkup | None:
    if not buttons:
        return None  # on an edit this also takes an earlier keyboard away
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(button.label, callback_data=button.data)] for button in buttons]
    )


class ActionPerformer:
    def __init__(self, bot: Bot, people: PeopleDirectory, start_link: str | None):
        self._bot = bot
        self._people = people
        self._start_link = start_link

    async def perform(self, action: Action) -> str | None:
        kind = type(action).__name__
        direct = isinstance(action, SendDirect) or (
            isinstance(action, SendFile) and action.chat_id is None
        )
        try:
            return await self._call(action)
        except BadRequest as exc:
            if isinstance(action, EditMessage) and is_not_modified(exc):
                return None  # the message already says this: done
            raise contract_error(
                exc, action_kind=kind, direct=direct, start_link=self._start_link
            ) from exc
        except TelegramError as exc:
            raise contract_error(
                exc, action_kind=kind, direct=direct, start_link=self._start_link
            ) from exc

    async def _call(self, action: Action) -> str | None:
        if isinstance(action, SendToChat):
            return await self._send_text(action.chat_id, action.text, action.buttons, action.reply_to,
                                         action.mentions)
        if isinstance(action, SendDirect):
            # a private chat's id is the person's user id
            return await self._send_text(action.user_id, action.text, action.buttons, None, action.mentions)
        if isinstance(action, EditMessage):
            await self._bot.edit_message_text(
                chat_id=action.chat_id,
                message_id=int(action.message_id),
                text=action.text,
                entities=mention_entities(action.text, action.mentions) or None,
                reply_markup=keyboard(action.buttons),
                link_preview_options=_NO_PREVIEW,
            )
            return None
        if isinstance(action, SendFile):
            return await self._send_file(action)
        raise PermanentFailure(f"telegram cannot perform {type(action).__name__}")

    async def _send_text(
        self, chat_id: str, text: str, buttons: tuple[Button, ...], reply_to: str | None,
        mentions: tuple[Named, ...] = (),
    ) -> str:
        async def send(to: str) -> Message:
            return await self._bot.send_message(
                chat_id=to,
                text=text,
                entities=mention_entities(text, mentions) or None,
                reply_markup=keyboard(buttons),
                reply_parameters=(
                    ReplyParameters(message_id=int(reply_to), allow_sending_without_reply=True)
                    if reply_to
                    else None
                ),
                link_preview_options=_NO_PREVIEW,
            )

        try:
            message = await send(chat_id)
        except ChatMigrated as exc:
            # the group became a supergroup; the engine learns it from the
            # update, this message goes straight to the new chat
            log.info("telegram chat %s migrated to %s; sending there", chat_id, exc.new_chat_id)
            message = await send(str(exc.new_chat_id))
        return str(message.message_id)

    async def _send_file(self, action: SendFile) -> str:
        target = action.chat_id if action.chat_id is not None else action.user_id
        if target is None:
            raise PermanentFailure("telegram SendFile without chat_id or user_id")
        upload = InputFile(action.content, filename=action.filename)
        caption = action.caption or None
        if action.is_image:
            message = await self._bot.send_photo(chat_id=target, photo=upload, caption=caption)
        else:
            message = await self._bot.send_document(chat_id=target, document=upload, caption=caption)
        return str(message.message_id)
