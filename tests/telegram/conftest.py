from __future__ import annotations

import asyncio
from typing import Awaitable, Callable

import pytest

from adapters.telegram import TelegramAdapter, parse_telegram_config
from bot.events import Event

from .fake_bot_api import FakeBotApi
from .fixtures import BOT_TOKEN


@pytest.fixture
async def api():
    server = FakeBotApi()
    await server.start()
    yield server
    await server.stop()


def adapter_for(api: FakeBotApi, **extra) -> TelegramAdapter:
    section = {
        "token_env": "TEST_TELEGRAM_TOKEN",
        "api_url": api.base_url,
        "file_url": api.base_file_url,
        "poll_timeout": 1,
        **extra,
    }
    env = {"TEST_TELEGRAM_TOKEN": BOT_TOKEN, "TEST_WEBHOOK_SECRET": "s3cret-Token_1-of-24chars"}
    return TelegramAdapter(parse_telegram_config(section, env))


@pytest.fixture
async def adapter(api):
    made = adapter_for(api)
    yield made
    await made.stop()


class Recorder:
    """A ``submit`` that records events; it can be told to fail."""

    def __init__(self) -> None:
        self.events: list[Event] = []
        self.failures_left = 0
        self.attempts = 0
        self._arrived = asyncio.Event()

    async def __call__(self, event: Event) -> None:
        self.attempts += 1
        if self.failures_left:
            self.failures_left -= 1
            raise RuntimeError("the engine could not commit")
        self.events.append(event)
        self._arrived.set()

    async def wait_for(self, count: int, timeout: float = 5.0) -> list[Event]:
        async def enough() -> None:
            while len(self.events) < count:
                self._arrived.clear()
                await self._arrived.wait()

        await asyncio.wait_for(enough(), timeout)
        return self.events


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


async def eventually(check: Callable[[], bool], timeout: float = 5.0) -> None:
    """Poll ``check`` with short sleeps until it holds (I/O happens meanwhile)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not check():
        if loop.time() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.01)
