"""The one place that reaches into signalbot.

``SignalAPI`` (HTTP and websocket client for signal-cli-rest-api) lives in a
private module of signalbot, which is why pyproject pins signalbot to 2.2.x.
We use it, not the ``SignalBot`` framework: the engine is ours.

Two things signalbot does not give us, added here:

- the body of an error answer (signal-cli's reason, such as an unregistered
  recipient), which aiohttp's ``raise_for_status`` drops. A response class
  reads it before raising so that ``errors.classify`` can tell "unknown
  recipient" from other refusals. The body may name a phone number: it is
  only ever matched against, never logged.
- a tolerant reading of ``/v2/send``'s answer: signalbot 2.2.1 parses a list
  of ``{"timestamp": "…"}`` while signal-cli-rest-api's own schema (and
  older servers) answer one object. A message that was sent but whose answer
  we could not read would be retried and sent twice, so both shapes count.
"""
from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from urllib.parse import urlsplit

import aiohttp
from packaging.version import InvalidVersion, Version
from signalbot._client import ConnectionMode, SendError, SignalAPI
from signalbot._generated import SendMessageV2
from signalbot.bot import MIN_SIGNAL_CLI_REST_API_VERSION

__all__ = ["SendMessageV2", "SignalClient", "ServiceProblem", "GroupListing"]

# websockets (signalbot's websocket library) dumps every frame at DEBUG, and
# frames carry names, phone numbers and message text, which must not reach a
# log. Unless a deployment set this logger's level on purpose, keep it at INFO.
_frame_logger = logging.getLogger("websockets.client")
if _frame_logger.level == logging.NOTSET:
    _frame_logger.setLevel(logging.INFO)


class ServiceProblem(RuntimeError):
    """signal-cli-rest-api answers, but not as the bot needs (wrong mode or
    too old a version): a deployment mistake, not a passing failure."""


class _ErrorBodyResponse(aiohttp.ClientResponse):
    async def start(self, connection):  # type: ignore[override]
        response = await super().start(connection)
        if self.status >= 400:
            await self.read()  # keep the reason for raise_for_status below
        return response

    def raise_for_status(self) -> None:
        if not self.ok:
            body = (self._body or b"").decode("utf-8", "replace")
            raise aiohttp.ClientResponseError(
                self.request_info, self.history, status=self.status,
                message=_error_text(body) or (self.reason or ""), headers=self.headers,
            )


def _error_text(body: str) -> str:
    try:
        parsed = json.loads(body)
    except ValueError:
        return body[:500]
    if isinstance(parsed, dict) and isinstance(parsed.get("error"), str):
        return parsed["error"][:500]
    return body[:500]


@dataclass(frozen=True)
class GroupListing:
    chat_id: str  # the group.<base64> id
    internal_id: str
    name: str
    admins: frozenset[str]  # numbers and/or UUIDs, as the service lists them
    members: frozenset[str]


class SignalClient:
    """signal-cli-rest-api calls the adapter makes, over signalbot's client."""

    def __init__(self, api_url: str, number: str, *, timeout: float = 30.0) -> None:
        parts = urlsplit(api_url)
        mode = ConnectionMode.HTTPS_ONLY if parts.scheme == "https" else ConnectionMode.HTTP_ONLY
        # SignalAPI wants host[:port][/prefix] and builds the scheme itself
        service = parts.netloc + parts.path.rstrip("/")
        self.number = number
        self._timeout = timeout
        self.api = SignalAPI(service, number, connection_mode=mode, download_attachments=False)

    def _ensure_session(self) -> None:
        # signalbot's SessionManager creates a plain session lazily; hand it
        # ours first (same sharing, plus error bodies and a timeout)
        sessions = self.api._sessions
        if sessions._session is None or sessions._session.closed:
            sessions._session = aiohttp.ClientSession(
                response_class=_ErrorBodyResponse,
                timeout=aiohttp.ClientTimeout(total=self._timeout),
            )

    async def close(self) -> None:
        await self.api.close()

    async def check_service(self) -> None:
        """Raise ServiceProblem unless the service is in json-rpc mode and
        recent enough; transport errors propagate (the caller retries)."""
        self._ensure_session()
        about = await self.api.general.about()
        if about.mode != "json-rpc":
            raise ServiceProblem(
                f"signal-cli-rest-api runs in mode {about.mode!r}; set MODE=json-rpc")
        if about.version != "unset":  # preview builds report "unset"
            try:
                too_old = Version(about.version) < MIN_SIGNAL_CLI_REST_API_VERSION
            except InvalidVersion:
                too_old = False
            if too_old:
                raise ServiceProblem(
                    f"signal-cli-rest-api {about.version} is older than "
                    f"{MIN_SIGNAL_CLI_REST_API_VERSION}")

    async def list_groups(self) -> list[GroupListing]:
        self._ensure_session()
        groups = await self.api.groups.get_all()
        return [
            GroupListing(chat_id=g.id, internal_id=g.internal_id, name=g.name,
                         admins=frozenset(g.admins), members=frozenset(g.members))
            for g in groups
        ]

    async def receive(self) -> AsyncIterator[str]:
        """Text frames of the websocket ``/v1/receive/{number}`` until it closes;
        signalbot raises ``ReceiveError`` when it fails."""
        async for frame in self.api.messages.receive():
            yield frame

    async def send(self, message: SendMessageV2) -> int:
        """POST /v2/send; the sent message's timestamp."""
        self._ensure_session()
        messages = self.api.messages
        payload = message.model_dump_json(exclude_none=True, by_alias=True)
        response = await messages._request(
            "post", messages._uris.send_uri(), error_cls=SendError, payload=payload)
        try:
            answer = await response.json(content_type=None)
        except (ValueError, aiohttp.ClientError) as exc:
            raise UnreadableSendAnswer("the send answer is not JSON") from exc
        return _sent_timestamp(answer)


class UnreadableSendAnswer(RuntimeError):
    """The service accepted a send but its answer carries no timestamp."""


def _sent_timestamp(answer: object) -> int:
    first = answer[0] if isinstance(answer, list) and answer else answer
    if isinstance(first, dict):
        stamp = first.get("timestamp")
        if isinstance(stamp, (int, str)) and str(stamp).isdigit():
            return int(stamp)
    raise UnreadableSendAnswer("the send answer has no timestamp")
