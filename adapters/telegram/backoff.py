"""Waiting between tries that can be cut short by a stop."""
from __future__ import annotations

import asyncio


class Backoff:
    """Doubling delays from ``first`` up to ``cap``; ``reset`` after a success."""

    def __init__(self, first: float = 0.5, cap: float = 30.0):
        self._first = first
        self._cap = cap
        self._next = first

    def reset(self) -> None:
        self._next = self._first

    def next_delay(self) -> float:
        delay = self._next
        self._next = min(self._next * 2, self._cap)
        return delay


async def sleep_unless(stopping: asyncio.Event, seconds: float) -> None:
    """Sleep ``seconds``, or less if ``stopping`` is set meanwhile."""
    try:
        await asyncio.wait_for(stopping.wait(), timeout=seconds)
    except asyncio.TimeoutError:
        pass
