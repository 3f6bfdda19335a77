"""mutualaid actions -> POST /v2/send.

Signal has no buttons: an action's buttons are dropped (the engine's text
already says how to claim by reply or reaction). Edits use ``edit_timestamp``;
Signal clients only accept an edit within 24 hours of the original, so an
older message is not edited but answered: the new text is posted quoting it,
and that new message's id is returned.
"""
from __future__ import annotations

import base64
import logging
import mimetypes
import time
from typing import Callable

from adapters.base import PermanentFailure
from adapters.signal.client import SendMessageV2, SignalClient, UnreadableSendAnswer
from adapters.signal.errors import classify
from adapters.signal.ids import (
    BOT_AUTHOR, is_group_chat, is_person_id, loggable, message_id, split_message_id,
)
from bot.actions import Action, EditMessage, SendDirect, SendFile, SendToChat

log = logging.getLogger(__name__)

# Signal's receiving clients drop edits of messages older than a day; keep a
# margin for clock skew between this host and the recipients' phones
EDIT_WINDOW_SECONDS = 24 * 3600 - 30 * 60


class ActionSender:
    def __init__(self, client: SignalClient, own_number: str,
                 clock: Callable[[], float] = time.time) -> None:
        self._client = client
        self._own_number = own_number
        self._clock = clock

    async def perform(self, action: Action) -> str | None:
        if isinstance(action, SendToChat):
            return await self._send(action, action.chat_id, action.text, reply_to=action.reply_to)
        if isinstance(action, SendDirect):
            if not is_person_id(action.user_id):
                raise PermanentFailure("not a Signal user id")
            return await self._send(action, action.user_id, action.text)
        if isinstance(action, EditMessage):
            return await self._edit(action)
        if isinstance(action, SendFile):
            return await self._send_file(action)
        raise PermanentFailure(f"signal cannot perform {type(action).__name__}")

    async def _edit(self, action: EditMessage) -> str | None:
        try:
            author, stamp = split_message_id(action.message_id)
        except ValueError:
            raise PermanentFailure("not a Signal message id") from None
        if author != BOT_AUTHOR:
            raise PermanentFailure("only the bot's own messages can be edited")
        if self._clock() * 1000 - stamp > EDIT_WINDOW_SECONDS * 1000:
            log.info("signal: %s too old to edit, answering it instead", loggable(action.message_id))
            return await self._send(action, action.chat_id, action.text, reply_to=action.message_id)
        await self._send(action, action.chat_id, action.text, edit_timestamp=stamp)
        return None

    async def _send_file(self, action: SendFile) -> str | None:
        target = action.chat_id or action.user_id
        if not target:
            raise PermanentFailure("a file needs a chat or a person")
        mime = mimetypes.guess_type(action.filename)[0] or "application/octet-stream"
        name = action.filename.replace(";", "_").replace(",", "_")
        data = base64.b64encode(action.content).decode("ascii")
        attachment = f"data:{mime};filename={name};base64,{data}"
        return await self._send(action, target, action.caption, attachments=[attachment])

    async def _send(self, action: Action, recipient: str, text: str, *,
                    reply_to: str | None = None, edit_timestamp: int | None = None,
                    attachments: list[str] | None = None) -> str:
        if not (is_group_chat(recipient) or is_person_id(recipient)):
            raise PermanentFailure("not a Signal chat id")
        quote_author = quote_timestamp = None
        if reply_to:
            try:
                author, quote_timestamp = split_message_id(reply_to)
            except ValueError:
                quote_timestamp = None  # not ours to quote: send without it
            else:
                quote_author = self._own_number if author == BOT_AUTHOR else author
        message = SendMessageV2(
            number=self._own_number, recipients=[recipient], message=text,
            quote_author=quote_author, quote_timestamp=quote_timestamp,
            edit_timestamp=edit_timestamp, base64_attachments=attachments,
        )
        kind = type(action).__name__
        try:
            stamp = await self._client.send(message)
        except UnreadableSendAnswer:
            # the service took it; resending could post it twice
            log.error("signal: %s to %s accepted but its answer is unreadable",
                      kind, loggable(recipient))
            raise PermanentFailure("signal-cli-rest-api's answer had no timestamp") from None
        except Exception as exc:  # noqa: BLE001 - every failure is classified
            outcome = classify(exc, to_person=not is_group_chat(recipient))
            log.warning("signal: %s to %s failed: %s (%s)", kind, loggable(recipient),
                        type(outcome).__name__, outcome)
            raise outcome from None
        log.info("signal: %s to %s sent as %s", kind, loggable(recipient), stamp)
        return message_id(BOT_AUTHOR, stamp)
