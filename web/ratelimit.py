"""Login attempts per client address: at most ``limit`` in ``window``, on
the desk's clock (so tests need not wait). In memory: one bot process
serves the desk."""
from __future__ import annotations

from collections import defaultdict, deque
from datetime import datetime, timedelta


class RateLimit:
    def __init__(self, limit: int = 10, window: timedelta = timedelta(minutes=10)) -> None:
        self.limit, self.window = limit, window
        self._seen: dict[str, deque[datetime]] = defaultdict(deque)

    def allow(self, client: str, now: datetime) -> bool:
        seen = self._seen[client]
        while seen and now - seen[0] >= self.window:
            seen.popleft()
        if len(seen) >= self.limit:
            return False
        seen.append(now)
        return True
