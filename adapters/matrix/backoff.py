"""Exponential backoff for reconnecting and for RetryLater hints."""
from __future__ import annotations

import asyncio


class Backoff:
    def __init__(self, first: float = 0.5, cap: float = 30.0) -> None:
        self.first = first
        self.cap = cap
        self.failures = 0

    def next_delay(self) -> float:
        delay = min(self.cap, self.first * (2 ** self.failures))
        self.failures += 1
        return delay

    def reset(self) -> None:
        self.failures = 0

    async def sleep(self) -> None:
        await asyncio.sleep(self.next_delay())
