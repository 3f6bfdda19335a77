"""What a failed call to signal-cli-rest-api means for the outbox.

- 429 (Signal's rate limit, which signal-cli-rest-api passes on with a
  captcha challenge) -> RetryLater, honouring Retry-After where given;
- 5xx, connection errors, timeouts -> RetryLater with a short backoff;
- 400 naming an unknown or unregistered recipient, for a person -> the
  person cannot be reached (Signal has no "start the bot" link);
- anything else -> PermanentFailure.

The service's error text may contain a phone number: it is matched here and
never copied into an exception message or a log line.
"""
from __future__ import annotations

import asyncio

import aiohttp

from adapters.base import CannotReachPerson, PermanentFailure, RetryLater

TRANSIENT_BACKOFF_SECONDS = 5.0
RATE_LIMIT_DEFAULT_SECONDS = 60.0

# signal-cli's wording for a recipient that has no Signal account, or an id
# it cannot resolve (a UUID it never saw is taken for a username)
_UNREACHABLE_MARKERS = (
    "unregistered",
    "not registered",
    "unknown recipient",
    "invalid recipient",
    "recipient not found",
    "username",
    "invalid number",
    "invalid phone number",
)
_RATE_LIMIT_MARKERS = ("ratelimit", "rate limit", "rate-limit")


def classify(exc: BaseException, *, to_person: bool) -> Exception:
    """The adapter exception to raise for ``exc`` (a failed send)."""
    cause = exc.__cause__ if exc.__cause__ is not None else exc
    if isinstance(cause, aiohttp.ClientResponseError):
        return _classify_status(cause.status, cause.message or "", cause.headers,
                                to_person=to_person)
    if isinstance(cause, (aiohttp.ClientError, asyncio.TimeoutError, ConnectionError, OSError)):
        return RetryLater(TRANSIENT_BACKOFF_SECONDS, "signal-cli-rest-api unreachable")
    return PermanentFailure(f"unexpected failure: {type(cause).__name__}")


def _classify_status(status: int, text: str, headers, *, to_person: bool) -> Exception:
    lowered = text.lower()
    if status == 429 or (status == 400 and any(m in lowered for m in _RATE_LIMIT_MARKERS)):
        return RetryLater(_retry_after(headers), "rate limited by Signal")
    if status >= 500 or status in (408, 502, 503, 504):
        return RetryLater(TRANSIENT_BACKOFF_SECONDS, f"signal-cli-rest-api answered {status}")
    if status in (400, 404) and to_person and any(m in lowered for m in _UNREACHABLE_MARKERS):
        return CannotReachPerson("not a Signal user, or unknown to the bot's account")
    return PermanentFailure(f"signal-cli-rest-api refused the send ({status})")


def _retry_after(headers) -> float:
    try:
        value = float((headers or {}).get("Retry-After", ""))
    except (TypeError, ValueError):
        return RATE_LIMIT_DEFAULT_SECONDS
    return max(1.0, value)
