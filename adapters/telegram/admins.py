"""Who the platform admins of a group are (the engine's coordinators).

Asked of ``getChatAdministrators`` and kept for a while, since every group
message needs the answer; a chat_member or my_chat_member update that changes
roles drops the chat's entry so the next message asks again.
"""
from __future__ import annotations

import logging
import time
from typing import Callable

from telegram import Bot
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError

log = logging.getLogger(__name__)


class AdminCache:
    def __init__(self, bot: Bot, ttl_seconds: float, clock: Callable[[], float] = time.monotonic):
        self._bot = bot
        self._ttl = ttl_seconds
        self._clock = clock
        self._admins: dict[int, tuple[float, frozenset[int]]] = {}

    def forget(self, chat_id: int) -> None:
        self._admins.pop(chat_id, None)

    async def is_admin(self, chat_id: int, user_id: int) -> bool:
        return user_id in await self.admins_of(chat_id)

    async def admins_of(self, chat_id: int) -> frozenset[int]:
        cached = self._admins.get(chat_id)
        now = self._clock()
        if cached is not None and now - cached[0] < self._ttl:
            return cached[1]
        try:
            members = await self._bot.get_chat_administrators(chat_id)
        except (BadRequest, ChatMigrated, Forbidden) as exc:
            # not a group we can look into (left, kicked): nobody is admin here
            log.warning("telegram admins of chat %s unavailable: %s", chat_id, type(exc).__name__)
            admins: frozenset[int] = frozenset()
        except NetworkError:
            if cached is not None:
                log.warning("telegram admins of chat %s: network error, using stale list", chat_id)
                return cached[1]
            raise  # the caller retries the update later
        else:
            admins = frozenset(member.user.id for member in members)
        self._admins[chat_id] = (now, admins)
        return admins
