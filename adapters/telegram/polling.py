"""Our own long-poll loop (never PTB's Updater or ``run_polling``).

The offset handed to ``getUpdates`` is Telegram's acknowledgement: it moves
past an update only once ``UpdateDispatcher.dispatch`` returned, that is
once ``submit`` committed every event of it. A failed update stops the batch;
the next poll asks again from that update, so Telegram delivers it again.
"""
from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from telegram import Bot
from telegram.error import Conflict, InvalidToken, NetworkError, RetryAfter, TimedOut

from .backoff import Backoff, sleep_unless
from .dispatch import RetryUpdate, UpdateDispatcher
from .errors import retry_after_seconds
from .translate import ALLOWED_UPDATES

log = logging.getLogger(__name__)


class LongPoller:
    def __init__(self, bot: Bot, dispatcher: UpdateDispatcher, poll_timeout: int):
        self._bot = bot
        self._dispatcher = dispatcher
        self._poll_timeout = poll_timeout
        self._offset: int | None = None
        self._stopping = asyncio.Event()
        self._waiting_for_updates = False
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="telegram-long-poll")

    async def stop(self) -> None:
        self._stopping.set()
        task = self._task
        if task is None:
            return
        if self._waiting_for_updates:
            task.cancel()  # a pending long poll holds nothing
        try:
            # an update being handled is let finish, so its submit is not cut
            await asyncio.wait_for(asyncio.shield(task), timeout=10)
        except asyncio.TimeoutError:
            task.cancel()
        except asyncio.CancelledError:
            pass
        await self._acknowledge_handled()

    async def _acknowledge_handled(self) -> None:
        # tell Telegram what was handled, or it would all come back on restart
        if self._offset is None:
            return
        try:
            await self._bot.get_updates(offset=self._offset, timeout=0, limit=1)
        except Exception as exc:  # the engine drops repeats anyway
            log.info("telegram final acknowledgement failed: %s", type(exc).__name__)

    async def _run(self) -> None:
        backoff = Backoff()
        while not self._stopping.is_set():
            try:
                self._waiting_for_updates = True
                updates = await self._bot.get_updates(
                    offset=self._offset,
                    timeout=timedelta(seconds=self._poll_timeout),
                    allowed_updates=ALLOWED_UPDATES,
                )
            except RetryAfter as exc:
                await sleep_unless(self._stopping, retry_after_seconds(exc))
                continue
            except TimedOut:
                continue  # a long poll that outlived its read timeout: just poll again
            except (NetworkError, Conflict, InvalidToken) as exc:
                # Conflict: another poller or a webhook holds this bot
                delay = backoff.next_delay()
                log.warning("telegram getUpdates failed (%s); again in %.1fs", type(exc).__name__, delay)
                await sleep_unless(self._stopping, delay)
                continue
            finally:
                self._waiting_for_updates = False
            if await self._handle_batch(updates):
                backoff.reset()
            else:
                await sleep_unless(self._stopping, backoff.next_delay())

    async def _handle_batch(self, updates) -> bool:
        """Dispatch in order; False when one must be tried again."""
        for update in updates:
            if self._stopping.is_set():
                return True
            try:
                await self._dispatcher.dispatch(update)
            except RetryUpdate:
                return False
            self._offset = update.update_id + 1
        return True
