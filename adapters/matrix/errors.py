"""Matrix answers and network errors -> the outbox's exceptions."""
from __future__ import annotations

import asyncio

from aiohttp import ClientError
from nio import ErrorResponse

from adapters.base import PermanentFailure, RetryLater

# Errors worth retrying: the homeserver is away, restarting or overloaded.
NETWORK_ERRORS = (ClientError, asyncio.TimeoutError, TimeoutError, ConnectionError, OSError)

DEFAULT_RATE_LIMIT_WAIT = 5.0


def http_status(response: ErrorResponse) -> int | None:
    transport = getattr(response, "transport_response", None)
    return getattr(transport, "status", None)


def is_rate_limited(response: ErrorResponse) -> bool:
    return response.status_code in ("M_LIMIT_EXCEEDED", 429) or http_status(response) == 429


def rate_limit_wait(response: ErrorResponse) -> float:
    retry_after_ms = getattr(response, "retry_after_ms", None)
    return retry_after_ms / 1000 if retry_after_ms else DEFAULT_RATE_LIMIT_WAIT


def is_server_trouble(response: ErrorResponse) -> bool:
    status = http_status(response)
    return status is None or status >= 500


def raise_for_error(response: object, what: str, backoff_seconds: float) -> None:
    """Raise what the outbox should do about a failed Matrix call."""
    if not isinstance(response, ErrorResponse):
        return
    if is_rate_limited(response):
        raise RetryLater(rate_limit_wait(response), f"{what}: rate limited")
    if is_server_trouble(response):
        raise RetryLater(backoff_seconds, f"{what}: homeserver error {http_status(response)}")
    raise PermanentFailure(f"{what}: {response.status_code} (HTTP {http_status(response)})")
