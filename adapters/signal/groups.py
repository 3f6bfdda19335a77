"""The bot's groups as signal-cli-rest-api lists them (GET /v1/groups/{number}):
names and admin lists, cached for a while so that each message does not
cost a request. Admins of a Signal group are the bot's coordinators.
"""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Callable

from adapters.signal.client import GroupListing, SignalClient

log = logging.getLogger(__name__)

# a group we have no entry for (the bot was just added) is looked up again,
# but not more often than this, so a flood of its messages costs one request
UNKNOWN_GROUP_REFRESH_GAP = 5.0


@dataclass(frozen=True)
class RoleChange:
    """What a new listing says changed for one listed person of a group the
    bot was already in: ``left`` (no longer a member), or admin rights
    gained or lost. ``who`` is as the listing names them (number or UUID)."""

    chat_id: str
    who: str
    left: bool = False
    is_admin: bool = False


def changes_between(old: dict[str, GroupListing], new: dict[str, GroupListing]) -> list[RoleChange]:
    """Signal's group updates do not say what changed: compare listings.
    A group missing from the new listing (the bot left it) says nothing."""
    out: list[RoleChange] = []
    for chat_id, before in old.items():
        after = new.get(chat_id)
        if after is None:
            continue
        for who in sorted(before.members - after.members):
            out.append(RoleChange(chat_id, who, left=True))
        for who in sorted((before.admins ^ after.admins) & after.members):
            out.append(RoleChange(chat_id, who, is_admin=who in after.admins))
    return out


class GroupDirectory:
    def __init__(self, client: SignalClient, ttl_seconds: float,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._client = client
        self._ttl = ttl_seconds
        self._clock = clock
        self._groups: dict[str, GroupListing] = {}
        self._loaded_at: float | None = None
        self._unknown_refreshed_at: float | None = None
        # what refreshes found changed, until the adapter takes it
        self._changes: list[RoleChange] = []

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
        fresh = {g.chat_id: g for g in groups}
        if self._loaded_at is not None:
            self._changes.extend(changes_between(self._groups, fresh))
        self._groups = fresh
        self._loaded_at = self._clock()
        log.debug("signal: %d groups listed", len(self._groups))
        return True

    def take_changes(self) -> list[RoleChange]:
        taken, self._changes = self._changes, []
        return taken

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
