"""The Telegram adapter: python-telegram-bot used as a transport only.

One ``Bot`` for every call; updates come from our own long-poll loop (or a
webhook) through one dispatcher; actions go out through ``ActionPerformer``.
"""
from __future__ import annotations

import logging
import os
import pathlib
from typing import Any, Mapping

from telegram import Bot, BotCommand
from telegram.error import TelegramError
from telegram.request import HTTPXRequest

from adapters.base import Pace, Submit
from bot.actions import Action

from .admins import AdminCache
from .config import TelegramConfig, parse_telegram_config
from .dispatch import UpdateDispatcher
from .errors import contract_error
from .outgoing import ActionPerformer
from .people import PeopleDirectory
from .polling import LongPoller
from .translate import PLATFORM, UpdateTranslator
from .webhook import WebhookReceiver

log = logging.getLogger(__name__)

DEFAULT_LANGUAGE = "en"  # its command menu is the one shown to every other language


def build_bot(config: TelegramConfig) -> Bot:
    return Bot(
        config.token,
        base_url=config.api_url,
        base_file_url=config.file_url,
        request=HTTPXRequest(connection_pool_size=8, connect_timeout=10, read_timeout=20, write_timeout=30),
        # the long poll gets a connection of its own; PTB adds the poll's timeout to read_timeout
        get_updates_request=HTTPXRequest(connection_pool_size=1, connect_timeout=10, read_timeout=10),
    )


class TelegramAdapter:
    platform = PLATFORM
    # Telegram's limits: 20 messages a minute in a group, one a second in a
    # private chat, 30 a second in all
    pace = Pace(per_group_per_minute=20, per_direct_per_second=1, overall_per_second=30)

    def __init__(self, config: TelegramConfig, bot: Bot | None = None):
        self._config = config
        self.bot = bot or build_bot(config)
        self._people = PeopleDirectory()
        self._admins = AdminCache(self.bot, config.admin_cache_seconds)
        self._performer: ActionPerformer | None = None
        self._poller: LongPoller | None = None
        self.webhook: WebhookReceiver | None = None

    @classmethod
    def from_config(
        cls,
        section: Mapping[str, Any],
        base_dir: pathlib.Path,
        env: Mapping[str, str] = os.environ,
    ) -> "TelegramAdapter":
        # base_dir is unused: the section names no files
        return cls(parse_telegram_config(section, env))

    @property
    def start_link(self) -> str:
        """``https://t.me/<bot>?start={token}``: opens the direct chat and
        sends ``/start TOKEN`` once the person presses Start."""
        return f"https://t.me/{self.bot.username}?start={{token}}"

    async def _ensure_initialized(self) -> ActionPerformer:
        if self._performer is None:
            await self.bot.initialize()  # getMe: our id and username
            self._performer = ActionPerformer(self.bot, self._people, self.start_link)
        return self._performer

    async def start(self, submit: Submit) -> None:
        await self._ensure_initialized()
        translator = UpdateTranslator(self.bot.bot, self._admins, self._people)
        dispatcher = UpdateDispatcher(self.bot, translator, submit)
        if self._config.webhook is not None:
            self.webhook = WebhookReceiver(self.bot, dispatcher, self._config.webhook)
            await self.webhook.start()
        else:
            # a webhook left set would make every getUpdates fail with Conflict
            await self.bot.delete_webhook(drop_pending_updates=False)
            self._poller = LongPoller(self.bot, dispatcher, self._config.poll_timeout)
            self._poller.start()
        log.info("telegram adapter started as bot %s", self.bot.id)

    async def stop(self) -> None:
        if self._poller is not None:
            await self._poller.stop()
            self._poller = None
        if self.webhook is not None:
            await self.webhook.stop()
            self.webhook = None
        if self._performer is not None:
            await self.bot.shutdown()
            self._performer = None

    async def perform(self, action: Action) -> str | None:
        try:
            performer = await self._ensure_initialized()
        except TelegramError as exc:  # getMe failed: the outbox tries again later
            raise contract_error(exc, action_kind="getMe", direct=False, start_link=None) from exc
        return await performer.perform(action)

    async def set_commands(self, menu: Mapping[str, list[tuple[str, str]]]) -> None:
        """The command menu, one ``setMyCommands`` per language: English as
        the default menu, every other language under its code."""
        for lang, commands in menu.items():
            try:
                await self._ensure_initialized()
                await self.bot.set_my_commands(
                    [BotCommand(name.lstrip("/"), description) for name, description in commands],
                    language_code=None if lang == DEFAULT_LANGUAGE else lang,
                )
            except TelegramError as exc:
                raise contract_error(
                    exc, action_kind="setMyCommands", direct=False, start_link=None
                ) from exc
