"""Helpers shared by the Signal tests: a recording ``submit`` and envelopes
built from the fixtures."""
from __future__ import annotations

import asyncio
import copy

from signal_fake_service import fixture


class Recorder:
    """A ``submit`` that records what the adapter hands over; it can be told
    to fail a number of times first, as an engine whose commit failed."""

    def __init__(self) -> None:
        self.events: list = []
        self.failures_left = 0
        self.attempts = 0
        self._changed = asyncio.Event()

    async def __call__(self, event) -> None:
        self.attempts += 1
        if self.failures_left:
            self.failures_left -= 1
            raise RuntimeError("database is locked")
        self.events.append(event)
        self._changed.set()

    async def wait_for(self, count: int, timeout: float = 5.0) -> list:
        async def reached() -> None:
            while len(self.events) < count:
                self._changed.clear()
                await self._changed.wait()
        await asyncio.wait_for(reached(), timeout)
        return self.events

    async def settle(self, quiet: float = 0.3) -> list:
        """Wait until nothing new arrives for ``quiet`` seconds (to show that
        something was NOT submitted)."""
        while True:
            self._changed.clear()
            try:
                await asyncio.wait_for(self._changed.wait(), quiet)
            except asyncio.TimeoutError:
                return self.events


def envelope(name: str, **changes) -> dict:
    """A fixture envelope; ``timestamp=`` moves every timestamp of it."""
    frame = copy.deepcopy(fixture(name))
    if "timestamp" in changes:
        stamp = changes.pop("timestamp")
        env = frame["envelope"]
        env["timestamp"] = stamp
        env["serverReceivedTimestamp"] = stamp + 100
        env["serverDeliveredTimestamp"] = stamp + 300
        for key in ("dataMessage", "typingMessage"):
            if key in env:
                env[key]["timestamp"] = stamp
        if "editMessage" in env:
            env["editMessage"]["dataMessage"]["timestamp"] = stamp
    if "text" in changes:
        env = frame["envelope"]
        data = env.get("dataMessage") or env["editMessage"]["dataMessage"]
        data["message"] = changes.pop("text")
    assert not changes, changes
    return frame
