"""Handles for Telegram users, and mentions of those who have no @username.

A user's handle is their @username (without the ``@``). A user without one
gets their first name, kept to letters, digits and ``_`` (``user<ID>`` when
nothing is left). Telegram cannot link such a name by text, so the adapter
remembers which user id each of those handles belongs to (the latest one seen
wins) and sends every ``@handle`` of a remembered user as a ``text_mention``
entity, which Telegram shows as a link to that person. The memory lives in
the process: after a restart a name is linked again once its owner has
written something.
"""
from __future__ import annotations

import re

from telegram import MessageEntity, User

_NOT_HANDLE = re.compile(r"[^\w]+", re.UNICODE)
_AT_WORD = re.compile(r"@(\w+)", re.UNICODE)


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class PeopleDirectory:
    def __init__(self) -> None:
        self._without_username: dict[str, User] = {}
        self._by_username: dict[str, int] = {}

    def handle_for(self, user: User) -> str:
        if user.username:
            self._by_username[user.username.lower()] = user.id
            return user.username
        handle = _NOT_HANDLE.sub("_", user.first_name or "").strip("_") or f"user{user.id}"
        self._without_username[handle.lower()] = user
        return handle

    def user_id_of_username(self, username: str) -> int | None:
        return self._by_username.get(username.lower())

    def mention_entities(self, text: str) -> list[MessageEntity]:
        """``text_mention`` entities for each ``@handle`` of a remembered user
        without a username; offsets count UTF-16 code units, as Telegram's do."""
        entities = []
        for match in _AT_WORD.finditer(text):
            user = self._without_username.get(match.group(1).lower())
            if user is None:
                continue
            entities.append(
                MessageEntity(
                    type=MessageEntity.TEXT_MENTION,
                    offset=_utf16_len(text[: match.start()]),
                    length=_utf16_len(match.group(0)),
                    user=User(id=user.id, first_name=user.first_name, is_bot=False),
                )
            )
        return entities
