"""What the engine asks adapters to do. Each action is stored in the outbox
in the same transaction as the state it reports, then performed by the
outbox sender through the adapter of its platform."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Button:
    label: str
    data: str  # handed back in ButtonPressed.data


@dataclass(frozen=True)
class Named:
    """A person the text names as ``@handle``, with their platform id: an
    adapter that links mentions links this id, never whoever has a name that
    looks the same (issue 14, finding 6)."""

    handle: str
    user_id: str


@dataclass(frozen=True)
class SendToChat:
    """Post in a group chat (or in a known direct chat)."""

    platform: str
    chat_id: str
    text: str
    reply_to: str | None = None
    buttons: tuple[Button, ...] = ()
    # the same for every attempt at this one message (its outbox row), so a
    # platform with idempotent sends (Matrix transaction ids) never posts a
    # retried message twice
    key: str = ""
    mentions: tuple[Named, ...] = ()


@dataclass(frozen=True)
class SendDirect:
    """A direct message to a person, by their platform user id. The adapter
    finds or opens the direct chat; where it cannot reach the person it
    raises ``adapters.base.CannotReachPerson``."""

    platform: str
    user_id: str
    text: str
    buttons: tuple[Button, ...] = ()
    key: str = ""
    mentions: tuple[Named, ...] = ()


@dataclass(frozen=True)
class EditMessage:
    """Replace the text of a message the bot sent earlier."""

    platform: str
    chat_id: str
    message_id: str
    text: str
    buttons: tuple[Button, ...] = ()
    key: str = ""
    mentions: tuple[Named, ...] = ()


@dataclass(frozen=True)
class SendFile:
    platform: str
    chat_id: str | None  # a group chat, or None with user_id for a direct message
    user_id: str | None
    filename: str
    content: bytes
    caption: str = ""
    is_image: bool = False
    key: str = ""


Action = SendToChat | SendDirect | EditMessage | SendFile


@dataclass(frozen=True)
class DeskAnswer:
    """The engine's answer to a desk action, for the page that sent it: never
    stored in the outbox nor performed by an adapter. ``ok`` false is a
    refusal. ``message`` is a marked string, untranslated, and ``values`` its
    placeholders': the desk says it in the coordinator's language."""

    ok: bool
    message: str
    item_id: int | None = None
    values: tuple[tuple[str, str], ...] = ()

    def text(self, t) -> str:
        return t(self.message).format(**dict(self.values))
