"""Handles for Telegram users, and mentions linked by user id.

A user's handle is their @username (without the ``@``). A user without one
gets their first name, kept to letters, digits and ``_`` (``user<ID>`` when
nothing is left). Telegram cannot link such a name by text, so each
``@handle`` the engine names (``bot.actions.Named``: the handle with the
user id of the person meant) is sent as a ``text_mention`` entity for that
id, which Telegram shows as a link to that person. A name is never looked up
to find whom it might mean: "Asked by @maria" once linked another user whose
first name is "MARIA" (issue 14, finding 6).
"""
from __future__ import annotations

import re

from telegram import MessageEntity, User

from bot.actions import Named

_NOT_HANDLE = re.compile(r"[^\w]+", re.UNICODE)
_AT_WORD = re.compile(r"@(\w+)", re.UNICODE)


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class PeopleDirectory:
    def __init__(self) -> None:
        self._by_username: dict[str, int] = {}

    def handle_for(self, user: User) -> str:
        if user.username:
            self._by_username[user.username.lower()] = user.id
            return user.username
        return _NOT_HANDLE.sub("_", user.first_name or "").strip("_") or f"user{user.id}"

    def user_id_of_username(self, username: str) -> int | None:
        return self._by_username.get(username.lower())


def mention_entities(text: str, mentions: tuple[Named, ...]) -> list[MessageEntity]:
    """A ``text_mention`` entity for each ``@handle`` of a named person, for
    their user id; offsets count UTF-16 code units, as Telegram's do. An
    ``@handle`` no mention names (or whose id is not a Telegram user id) is
    left as plain text."""
    by_handle = {m.handle: m.user_id for m in mentions if m.user_id.lstrip("-").isdigit()}
    entities = []
    for match in _AT_WORD.finditer(text):
        user_id = by_handle.get(match.group(1))
        if user_id is None:
            continue
        entities.append(
            MessageEntity(
                type=MessageEntity.TEXT_MENTION,
                offset=_utf16_len(text[: match.start()]),
                length=_utf16_len(match.group(0)),
                user=User(id=int(user_id), first_name=match.group(1), is_bot=False),
            )
        )
    return entities
