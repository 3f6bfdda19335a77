"""Webhook mode: Telegram posts each update to a small aiohttp server.

Meant to sit behind a reverse proxy that terminates TLS. A request must carry
Telegram's ``X-Telegram-Bot-Api-Secret-Token`` header; an update is answered
200 only after ``submit`` returned, and 500 otherwise, so that Telegram
delivers it again later. Updates are handled one at a time, in arrival order.
"""
from __future__ import annotations

import asyncio
import hmac
import json
import logging

from aiohttp import web
from telegram import Bot, Update

from .config import WebhookConfig
from .dispatch import RetryUpdate, UpdateDispatcher
from .translate import ALLOWED_UPDATES

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


class WebhookReceiver:
    def __init__(self, bot: Bot, dispatcher: UpdateDispatcher, config: WebhookConfig):
        self._bot = bot
        self._dispatcher = dispatcher
        self._config = config
        self._one_at_a_time = asyncio.Lock()
        self._runner: web.AppRunner | None = None
        self.bound_port: int | None = None  # the real port, where 0 was configured

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post(self._config.path, self._receive)
        self._runner = web.AppRunner(app, handler_cancellation=True, shutdown_timeout=0.5)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self._config.listen_host, self._config.listen_port)
        await site.start()
        self.bound_port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        # listen first, then tell Telegram where to post
        await self._bot.set_webhook(
            url=self._config.url,
            secret_token=self._config.secret_token,
            allowed_updates=ALLOWED_UPDATES,
            max_connections=self._config.max_connections,
        )
        log.info("telegram webhook listening on port %s", self.bound_port)

    async def stop(self) -> None:
        # the webhook stays set: Telegram keeps updates until we are back
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _receive(self, request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), self._config.secret_token.encode()):
            log.warning("telegram webhook: request without the right secret refused")
            return web.Response(status=403)
        try:
            body = json.loads(await request.text())
            update = Update.de_json(body, self._bot) if isinstance(body, dict) else None
        except (ValueError, TypeError, KeyError):
            update = None
        if update is None:
            log.warning("telegram webhook: body is not an update")
            return web.Response(status=400)
        async with self._one_at_a_time:
            try:
                await self._dispatcher.dispatch(update)
            except RetryUpdate:
                return web.Response(status=500)  # Telegram tries again later
        return web.Response(status=200)
