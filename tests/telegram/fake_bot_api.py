"""A local server that speaks the Telegram Bot API's JSON, for tests.

It answers ``POST /bot<token>/<method>`` the way Telegram does (answers
built from the recorded shapes in ``fixtures/``), records every call, hands
injected updates to ``getUpdates`` (a long poll that waits for them), and can
be told to misbehave: answer 429 with ``retry_after``, drop the connection
without answering, refuse direct messages to people who never pressed Start.
It counts every message it accepted per chat and time so a test can assert
that Telegram's limits were never exceeded.
"""
from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Callable

import aiohttp
from aiohttp import web

from .fixtures import BOT_TOKEN, fixture

SENDING_METHODS = frozenset({"sendMessage", "sendPhoto", "sendDocument"})
# parameters the client JSON-encodes (everything that is not a string)
_JSON_PARAMS = frozenset(
    {
        "reply_markup",
        "entities",
        "caption_entities",
        "reply_parameters",
        "link_preview_options",
        "allowed_updates",
        "commands",
        "scope",
        "offset",
        "limit",
        "timeout",
        "message_id",
        "max_connections",
        "drop_pending_updates",
        "show_alert",
    }
)

# Telegram's limits, as the outbox must keep them
GROUP_PER_MINUTE = 20
PRIVATE_PER_SECOND = 1
OVERALL_PER_SECOND = 30


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    at: float
    outcome: str = "ok"  # "ok", "error <code>", or "dropped"


@dataclass
class Fault:
    kind: str  # "429" or "drop"
    methods: frozenset[str] | None  # None: every method but getUpdates
    retry_after: int = 0


@dataclass
class SentMessage:
    chat_id: int
    message_id: int
    method: str
    text: str | None
    reply_markup: dict | None
    reply_to: int | None
    entities: list | None
    file: dict | None = None
    edits: list[str] = field(default_factory=list)


class FakeBotApi:
    def __init__(self, token: str = BOT_TOKEN, clock: Callable[[], float] = time.monotonic):
        self.token = token
        self._clock = clock
        self.calls: list[Call] = []
        self.sent: list[SentMessage] = []
        self.send_times: list[tuple[int, float]] = []  # (chat id, when) per accepted message
        self.admins: dict[int, list[int]] = {}  # chat -> admin user ids
        self.not_started: set[int] = set()  # people who never pressed Start
        self.enforce_limits = False  # answer 429 like Telegram when a limit would break
        self.webhook: dict[str, Any] | None = None
        self._faults: list[Fault] = []
        self._updates: list[dict] = []
        self._update_ids = itertools.count(500000001)
        self._message_ids: dict[int, itertools.count] = defaultdict(lambda: itertools.count(1000))
        self._new_update = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.port: int | None = None

    # -- lifecycle ----------------------------------------------------------

    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        # handler_cancellation: a pending long poll must not hold up shutdown
        self._runner = web.AppRunner(app, handler_cancellation=True, shutdown_timeout=0.5)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/file/bot"

    # -- what tests tell it -------------------------------------------------

    async def push_update(self, update: dict) -> int:
        """Queue an update for getUpdates; returns the update_id it was given."""
        update = dict(update)
        update["update_id"] = next(self._update_ids)
        async with self._new_update:
            self._updates.append(update)
            self._new_update.notify_all()
        return update["update_id"]

    def fail_next(self, count: int, *, kind: str, retry_after: int = 0, methods: set[str] | None = None) -> None:
        """The next ``count`` calls (of ``methods``; default every method but
        getUpdates) answer 429 with ``retry_after`` (kind "429") or lose
        their connection before anything is done (kind "drop")."""
        for _ in range(count):
            self._faults.append(Fault(kind, frozenset(methods) if methods else None, retry_after))

    @property
    def pending_updates(self) -> list[dict]:
        """Updates not yet acknowledged by a getUpdates offset."""
        return list(self._updates)

    def calls_of(self, method: str) -> list[Call]:
        return [call for call in self.calls if call.method == method]

    def sent_to(self, chat_id: int) -> list[SentMessage]:
        return [message for message in self.sent if message.chat_id == chat_id]

    def message_json(self, sent: SentMessage) -> dict:
        """The bot's message as Telegram would show it inside an update."""
        return self._message_result(sent)

    # -- Telegram's limits --------------------------------------------------

    def limit_breaches(self, slack: float = 0.05) -> list[str]:
        """Every moment a limit was exceeded: more than 20 messages in one
        group within a minute, more than one in a private chat within a
        second, more than 30 in all within a second. ``slack`` forgives
        timer jitter at the window's edge."""
        breaches = []
        per_chat: dict[int, list[float]] = defaultdict(list)
        for chat_id, at in self.send_times:
            per_chat[chat_id].append(at)
        for chat_id, times in per_chat.items():
            if chat_id < 0:
                most = most_in_window(times, 60.0 - slack)
                if most > GROUP_PER_MINUTE:
                    breaches.append(f"group {chat_id}: {most} messages within a minute")
            else:
                most = most_in_window(times, 1.0 - slack)
                if most > PRIVATE_PER_SECOND:
                    breaches.append(f"private chat {chat_id}: {most} messages within a second")
        most = most_in_window([at for _, at in self.send_times], 1.0 - slack)
        if most > OVERALL_PER_SECOND:
            breaches.append(f"overall: {most} messages within a second")
        return breaches

    def _would_breach(self, chat_id: int) -> bool:
        now = self._clock()
        times = [at for chat, at in self.send_times if chat == chat_id]
        if chat_id < 0:
            return sum(1 for at in times if now - at < 60.0) >= GROUP_PER_MINUTE
        if sum(1 for at in times if now - at < 1.0) >= PRIVATE_PER_SECOND:
            return True
        return sum(1 for _, at in self.send_times if now - at < 1.0) >= OVERALL_PER_SECOND

    # -- the Bot API --------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return _error(401, "Unauthorized")
        method = request.match_info["method"]
        params = await _read_params(request)
        call = Call(method, params, self._clock())
        self.calls.append(call)
        fault = self._take_fault(method)
        if fault is not None and fault.kind == "drop":
            call.outcome = "dropped"
            request.transport.close()  # the client sees the connection die, unanswered
            return web.Response(status=500)
        if fault is not None and fault.kind == "429":
            call.outcome = "error 429"
            return _error(429, f"Too Many Requests: retry after {fault.retry_after}", retry_after=fault.retry_after)
        answer = getattr(self, f"_api_{method}", None)
        if answer is None:
            call.outcome = "error 404"
            return _error(404, "Not Found")
        response = await answer(params)
        if response.status != 200:
            call.outcome = f"error {response.status}"
        return response

    def _take_fault(self, method: str) -> Fault | None:
        for index, fault in enumerate(self._faults):
            applies = method in fault.methods if fault.methods else method != "getUpdates"
            if applies:
                return self._faults.pop(index)
        return None

    async def _api_getMe(self, params: dict) -> web.Response:
        return web.json_response(fixture("getMe"))

    async def _api_deleteWebhook(self, params: dict) -> web.Response:
        self.webhook = None
        return _ok(True)

    async def _api_setWebhook(self, params: dict) -> web.Response:
        self.webhook = params
        return _ok(True)

    async def _api_setMyCommands(self, params: dict) -> web.Response:
        return _ok(True)

    async def _api_answerCallbackQuery(self, params: dict) -> web.Response:
        return _ok(True)

    async def _api_getChatAdministrators(self, params: dict) -> web.Response:
        owner, administrator = fixture("getChatAdministrators")["result"]
        members = []
        for rank, user_id in enumerate(self.admins.get(int(params["chat_id"]), [])):
            member = dict(owner if rank == 0 else administrator)
            member["user"] = {"id": user_id, "is_bot": False, "first_name": f"admin{user_id}"}
            members.append(member)
        members.append(administrator)  # the bot itself, as admin (it gets reactions)
        return _ok(members)

    async def _api_getUpdates(self, params: dict) -> web.Response:
        offset = params.get("offset")
        if offset is not None:
            # an offset acknowledges every update before it, for good
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        limit = params.get("limit") or 100
        deadline = asyncio.get_running_loop().time() + float(params.get("timeout") or 0)
        async with self._new_update:
            while True:
                ready = [u for u in self._updates if offset is None or u["update_id"] >= offset]
                remaining = deadline - asyncio.get_running_loop().time()
                if ready or remaining <= 0:
                    return _ok(ready[:limit])
                try:
                    await asyncio.wait_for(self._new_update.wait(), remaining)
                except asyncio.TimeoutError:
                    pass

    async def _api_sendMessage(self, params: dict) -> web.Response:
        return self._accept_send("sendMessage", params, text=params["text"])

    async def _api_sendPhoto(self, params: dict) -> web.Response:
        return self._accept_send("sendPhoto", params, text=params.get("caption"), file=params.get("photo"))

    async def _api_sendDocument(self, params: dict) -> web.Response:
        return self._accept_send("sendDocument", params, text=params.get("caption"), file=params.get("document"))

    async def _api_editMessageText(self, params: dict) -> web.Response:
        chat_id, message_id = int(params["chat_id"]), int(params["message_id"])
        found = next(
            (m for m in self.sent if m.chat_id == chat_id and m.message_id == message_id), None
        )
        if found is None:
            return _from_fixture("error_message_to_edit_not_found")
        markup = params.get("reply_markup")
        if found.text == params["text"] and found.reply_markup == markup:
            return _from_fixture("error_not_modified")
        found.text, found.reply_markup = params["text"], markup
        found.edits.append(params["text"])
        result = self._message_result(found)
        result["edit_date"] = int(time.time())
        return _ok(result)

    def _accept_send(self, method: str, params: dict, *, text: str | None, file: Any = None) -> web.Response:
        chat_id = int(params["chat_id"])
        if chat_id in self.not_started:
            return _from_fixture("error_403_not_started")
        if self.enforce_limits and self._would_breach(chat_id):
            return _error(429, "Too Many Requests: retry after 3", retry_after=3)
        reply = params.get("reply_parameters") or {}
        message = SentMessage(
            chat_id=chat_id,
            message_id=next(self._message_ids[chat_id]),
            method=method,
            text=text,
            reply_markup=params.get("reply_markup"),
            reply_to=reply.get("message_id"),
            entities=params.get("entities"),
            file=file,
        )
        self.sent.append(message)
        self.send_times.append((chat_id, self._clock()))
        return _ok(self._message_result(message))

    def _message_result(self, sent: SentMessage) -> dict:
        result = fixture("sendMessage")["result"]
        result["message_id"] = sent.message_id
        result["chat"] = _chat_json(sent.chat_id)
        result["date"] = int(time.time())
        for key in ("text", "reply_markup", "caption", "entities", "document", "photo"):
            result.pop(key, None)
        if sent.method == "sendMessage":
            result["text"] = sent.text
            if sent.entities:
                result["entities"] = sent.entities
        else:
            if sent.text:
                result["caption"] = sent.text
            name = (sent.file or {}).get("filename", "file")
            if sent.method == "sendPhoto":
                result["photo"] = [{"file_id": f"photo{sent.message_id}", "file_unique_id": f"p{sent.message_id}", "width": 800, "height": 600}]
            else:
                result["document"] = {"file_id": f"doc{sent.message_id}", "file_unique_id": f"d{sent.message_id}", "file_name": name}
        if sent.reply_markup:
            result["reply_markup"] = sent.reply_markup
        return result

    # -- webhook delivery, as Telegram does it --------------------------------

    async def deliver_to_webhook(self) -> list[int]:
        """Post each pending update to the registered webhook with its secret
        header, in order; an update answered other than 200 stays pending and
        stops the round (Telegram tries again later). Returns the statuses."""
        assert self.webhook is not None, "no webhook set"
        statuses = []
        headers = {}
        if self.webhook.get("secret_token"):
            headers["X-Telegram-Bot-Api-Secret-Token"] = self.webhook["secret_token"]
        async with aiohttp.ClientSession() as session:
            while self._updates:
                update = self._updates[0]
                async with session.post(self.webhook["url"], json=update, headers=headers) as response:
                    statuses.append(response.status)
                    if response.status != 200:
                        break
                self._updates.pop(0)
        return statuses


def most_in_window(times: list[float], window: float) -> int:
    ordered = sorted(times)
    most, start = 0, 0
    for end, at in enumerate(ordered):
        while at - ordered[start] >= window:
            start += 1
        most = max(most, end - start + 1)
    return most


def _chat_json(chat_id: int) -> dict:
    if chat_id < 0:
        group = fixture("update_group_message")["message"]["chat"]
        return {**group, "id": chat_id}
    return {"id": chat_id, "first_name": f"user{chat_id}", "type": "private"}


async def _read_params(request: web.Request) -> dict[str, Any]:
    """Form fields, strings raw and JSON-encoded values decoded; an uploaded
    file becomes ``{"filename", "content"}``."""
    params: dict[str, Any] = {}
    if request.content_type == "application/json":
        return await request.json()
    form = await request.post()
    for key, value in form.items():
        if isinstance(value, web.FileField):
            params[key] = {"filename": value.filename, "content": value.file.read()}
        elif key in _JSON_PARAMS:
            params[key] = json.loads(value)
        else:
            params[key] = value
    # PTB sends an upload as "attach://<name>" with the file in its own part
    for key, value in list(params.items()):
        if isinstance(value, str) and value.startswith("attach://"):
            params[key] = params.pop(value.removeprefix("attach://"), value)
    return params


def _ok(result: Any) -> web.Response:
    return web.json_response({"ok": True, "result": result})


def _error(code: int, description: str, *, retry_after: int | None = None) -> web.Response:
    body: dict[str, Any] = {"ok": False, "error_code": code, "description": description}
    if retry_after is not None:
        body["parameters"] = {"retry_after": retry_after}
    return web.json_response(body, status=code)


def _from_fixture(name: str) -> web.Response:
    body = fixture(name)
    return web.json_response(body, status=body["error_code"])
