"""Telegram's errors, as the outbox sender understands them.

429 -> ``RetryLater(retry_after)``; network trouble -> ``RetryLater`` after a
short pause; 403 on a direct message -> ``CannotReachPerson``; any other
refusal -> ``PermanentFailure``, logged with Telegram's description (which
names the problem, never the message's text).
"""
from __future__ import annotations

import logging
import warnings
from datetime import timedelta

from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
)

from adapters.base import CannotReachPerson, PermanentFailure, RetryLater

log = logging.getLogger(__name__)

NETWORK_RETRY_SECONDS = 2.0
BAD_TOKEN_RETRY_SECONDS = 60.0


def retry_after_seconds(exc: RetryAfter) -> float:
    with warnings.catch_warnings():
        # PTB 22 warns that this int becomes a timedelta; accept both
        warnings.simplefilter("ignore")
        value = exc.retry_after
    if isinstance(value, timedelta):
        return value.total_seconds()
    return float(value)


def is_not_modified(exc: BadRequest) -> bool:
    return "message is not modified" in exc.message.lower()


def _cannot_reach(exc: TelegramError) -> bool:
    # 403: never pressed Start, or blocked the bot; 400 "chat not found": an
    # id Telegram has no private chat for
    return isinstance(exc, Forbidden) or (
        isinstance(exc, BadRequest) and "chat not found" in exc.message.lower()
    )


def contract_error(
    exc: TelegramError, *, action_kind: str, direct: bool, start_link: str | None
) -> Exception:
    """The ``adapters.base`` exception that ``perform`` raises for ``exc``."""
    if isinstance(exc, RetryAfter):
        seconds = retry_after_seconds(exc)
        log.info("telegram %s: flood control, retry after %ss", action_kind, seconds)
        return RetryLater(seconds, "telegram flood control")
    if direct and _cannot_reach(exc):
        log.info("telegram %s: person unreachable (%s)", action_kind, exc.message)
        return CannotReachPerson(exc.message, start_link=start_link)
    if isinstance(exc, InvalidToken):
        log.error("telegram %s: the bot token was refused", action_kind)
        return RetryLater(BAD_TOKEN_RETRY_SECONDS, "telegram token refused")
    if isinstance(exc, (BadRequest, Forbidden, ChatMigrated)):
        log.warning("telegram %s refused for good: %s", action_kind, exc.message)
        return PermanentFailure(f"telegram: {exc.message}")
    if isinstance(exc, NetworkError):  # after BadRequest, which subclasses it
        log.info("telegram %s: network error %s", action_kind, type(exc).__name__)
        return RetryLater(NETWORK_RETRY_SECONDS, f"telegram network: {type(exc).__name__}")
    log.warning("telegram %s failed: %s: %s", action_kind, type(exc).__name__, exc.message)
    return PermanentFailure(f"telegram: {exc.message}")
