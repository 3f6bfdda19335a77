"""The contract every platform adapter keeps (it belongs to the core: adapters
import it, the core never imports an adapter; bot/plugins.py finds them).

An adapter only translates: platform updates become ``bot.events`` handed to
``submit`` (which returns once the engine has committed them, so the adapter
may then acknowledge the update to its platform), and ``bot.actions`` become
platform calls in ``perform``. No mutual-aid logic lives here.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Awaitable, Callable, Protocol

from bot.actions import Action
from bot.events import Event

Submit = Callable[[Event], Awaitable[None]]


class CannotReachPerson(Exception):
    """The platform refuses a direct message to this person (for example a
    Telegram user who never pressed Start). Not retried; the engine is told.

    ``start_link``, where the platform has one, is a link that opens the
    direct chat with the bot, with ``{token}`` where the engine puts the
    hand-off token (Telegram: ``https://t.me/<bot>?start={token}``). The
    adapter turns a later ``/start TOKEN`` into an IncomingMessage whose text
    is ``/start TOKEN``."""

    def __init__(self, reason: str, start_link: str | None = None) -> None:
        super().__init__(reason)
        self.start_link = start_link


class RetryLater(Exception):
    """The platform asked us to slow down or is briefly unreachable."""

    def __init__(self, seconds: float, cause: str = "") -> None:
        super().__init__(cause or f"retry after {seconds}s")
        self.seconds = seconds


class PermanentFailure(Exception):
    """The action can never succeed (a deleted chat, a message too old to
    edit). Logged with its cause and dropped."""


@dataclass(frozen=True)
class Pace:
    """How fast the outbox may send through this adapter."""

    per_group_per_minute: float = 60.0
    per_direct_per_second: float = 5.0
    overall_per_second: float = 30.0


class Adapter(Protocol):
    platform: str
    pace: Pace

    async def start(self, submit: Submit) -> None:
        """Connect and begin handing events to ``submit``."""

    async def stop(self) -> None: ...

    async def perform(self, action: Action) -> str | None:
        """Carry out one action; return the platform id of the message it
        created (None for edits and for platforms that give none)."""
