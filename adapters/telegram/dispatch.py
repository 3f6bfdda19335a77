"""The one handler every Telegram update goes through, polled or pushed.

It translates the update, hands each event to ``submit`` and only then
answers the platform (a callback query's spinner). It raises ``RetryUpdate``
when the update must not be acknowledged yet: the receiver keeps it and
tries again, so a failed ``submit`` never loses an update.
"""
from __future__ import annotations

import logging
import time
from typing import Callable

from telegram import Bot, Update
from telegram.error import NetworkError, RetryAfter, TelegramError

from adapters.base import Submit
from bot.events import BotAddedToChat

from .translate import UpdateTranslator

log = logging.getLogger(__name__)

# Telegram announces a bot joining a group twice (my_chat_member and a
# message with new_chat_members); the second within this many seconds is
# the same join.
_JOIN_ECHO_SECONDS = 120.0


class RetryUpdate(Exception):
    """The update was not fully handled; keep it and deliver it again."""


class UpdateDispatcher:
    def __init__(
        self,
        bot: Bot,
        translator: UpdateTranslator,
        submit: Submit,
        clock: Callable[[], float] = time.monotonic,
    ):
        self._bot = bot
        self._translator = translator
        self._submit = submit
        self._clock = clock
        self._joined_at: dict[str, float] = {}

    async def dispatch(self, update: Update) -> None:
        try:
            events = await self._translator.events_for(update)
        except (NetworkError, RetryAfter) as exc:
            # the admin list could not be fetched: the update must wait
            raise RetryUpdate(f"update {update.update_id}: {type(exc).__name__}") from exc
        except Exception:
            # a translation bug: logged with its trace (never the text), and
            # skipped so one odd update cannot stall the chat forever
            log.exception("telegram update %s could not be translated; skipped", update.update_id)
            return
        for event in events:
            if isinstance(event, BotAddedToChat) and self._is_join_echo(event.chat_id):
                continue
            try:
                await self._submit(event)
            except Exception as exc:
                log.warning(
                    "telegram update %s: submit of %s failed (%s); will retry",
                    update.update_id,
                    type(event).__name__,
                    type(exc).__name__,
                )
                raise RetryUpdate(f"update {update.update_id}: submit failed") from exc
            if isinstance(event, BotAddedToChat):
                self._joined_at[event.chat_id] = self._clock()
        if update.callback_query is not None:
            await self._answer_button(update)

    def _is_join_echo(self, chat_id: str) -> bool:
        joined = self._joined_at.get(chat_id)
        return joined is not None and self._clock() - joined < _JOIN_ECHO_SECONDS

    async def _answer_button(self, update: Update) -> None:
        # stops the button's spinner; the engine's reply is the real answer
        try:
            await self._bot.answer_callback_query(update.callback_query.id)
        except TelegramError as exc:
            log.info("telegram callback %s not answered: %s", update.update_id, type(exc).__name__)
