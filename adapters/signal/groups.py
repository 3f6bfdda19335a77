"""The bot's groups as signal-cli-rest-api lists them (GET /v1/groups/{number}):
names and admin lists, cached for a while so that each message does not
cost a request. Admins of a Signal group are the bot's coordinators.
"""
from __future__ import annotations

import logging
import time
from typing import Callable

from adapters.signal.client import GroupListing, SignalClient

log = logging.getLogger(__name__)

# a group we have no entry for (the bot was just added) is looked up again,
# but not more often than this, so a flood of its messages costs one request
UNKNOWN_GROUP_REFRESH_GAP = 5.0


class GroupDirectory:
    def __init__(self, client: SignalClient, ttl_seconds: float,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._client = client
        self._ttl = ttl_seconds
        self._clock = clock
        self._groups: dict[str, GroupListing] = {}
        self._loaded_at: float | None = None
        self._unknown_refreshed_at: float | None = None

    @property
    def loaded(self) -> bool:
        return self._loaded_at is not None

    def chat_ids(self) -> set[str]:
        return set(self._groups)

    async def refresh(self) -> bool:
        """Reload the listing; on failure keep the old one (stale admin
        lists beat none) and say so."""
        try:
            groups = await self._client.list_groups()
        except Exception as exc:  # noqa: BLE001 - any failure: keep what we had
            log.warning("signal: listing groups failed (%s)", type(exc).__name__)
            return False
        self._groups = {g.chat_id: g for g in groups}
        self._loaded_at = self._clock()
        log.debug("signal: %d groups listed", len(self._groups))
        return True

    async def lookup(self, chat_id: str) -> GroupListing | None:
        now = self._clock()
        expired = self._loaded_at is None or now - self._loaded_at >= self._ttl
        unknown = chat_id not in self._groups and (
            self._unknown_refreshed_at is None
            or now - self._unknown_refreshed_at >= UNKNOWN_GROUP_REFRESH_GAP)
        if unknown:
            self._unknown_refreshed_at = now
        if expired or unknown:
            await self.refresh()
        return self._groups.get(chat_id)

    async def is_admin(self, chat_id: str, uuid: str | None, number: str | None) -> bool:
        group = await self.lookup(chat_id)
        if group is None:
            return False
        # the service lists a member by number where it knows it, else by UUID
        return bool((uuid and uuid in group.admins) or (number and number in group.admins))
