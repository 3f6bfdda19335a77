"""A local stand-in for signal-cli-rest-api in json-rpc mode.

It answers what the adapter (through signalbot's SignalAPI) calls, with the
shapes kept in ``fixtures/``: ``GET /v1/about``, ``GET /v1/health``,
``GET /v1/groups/{number}[/{id}]``, the websocket ``/v1/receive/{number}``
and ``POST /v2/send``. Like the real service it reads request bodies as text
(signalbot sends no JSON content type), checks that recipients are valid
phone numbers, UUIDs or known groups, and answers a refused send with 400
and ``{"error": …}``.

``/v2/send`` answers 201 with a LIST of ``{"timestamp": "…"}``, the shape
signalbot 2.2.1 parses (signal-cli-rest-api's schema shows one object;
``send_answer_shape = "object"`` serves that one instead).

For tests it records sends, pushes envelopes to connected websocket clients,
queues them while none is connected and delivers them on the next
connection, can cut the socket, can fail the next sends, and can be stopped
and started again on the same port.
"""
from __future__ import annotations

import asyncio
import copy
import json
import pathlib
import socket
import time
import uuid as uuid_module

import phonenumbers
from aiohttp import WSMsgType, web

FIXTURES = pathlib.Path(__file__).parent / "fixtures"


def fixture(name: str):
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _valid_number(value: str) -> bool:
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(value, None))
    except phonenumbers.NumberParseException:
        return False


def _valid_uuid(value: str) -> bool:
    try:
        uuid_module.UUID(value)
    except ValueError:
        return False
    return True


class FakeSignalService:
    def __init__(self, account: str, *, port: int | None = None) -> None:
        self.account = account
        self.port = port or free_port()
        self.about = fixture("about.json")
        self.groups: list[dict] = fixture("groups.json")
        self.registered: set[str] = set()  # numbers and UUIDs that have Signal
        self.sends: list[dict] = []  # request bodies of accepted sends
        self.requests: list[tuple[str, str]] = []  # (method, path) of every call
        self.send_answer_shape = "list"
        self.failures: list[tuple[int, dict, dict]] = []  # next sends' (status, body, headers)
        self.pending: list[str] = []  # frames waiting for a websocket client
        self.delivered: list[str] = []
        self.connections_opened = 0
        self._sockets: set[web.WebSocketResponse] = set()
        self._clock = int(time.time() * 1000)  # sent timestamps are "now", as on Signal
        self._runner: web.AppRunner | None = None
        self._connected = asyncio.Event()

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # -- lifecycle ----------------------------------------------------------

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/v1/about", self._about)
        app.router.add_get("/v1/health", self._health)
        app.router.add_get("/v1/groups/{number}", self._list_groups)
        app.router.add_get("/v1/groups/{number}/{group_id}", self._one_group)
        app.router.add_get("/v1/receive/{number}", self._receive)
        app.router.add_post("/v2/send", self._send)
        # no access log: request paths carry the account's phone number
        self._runner = web.AppRunner(app, access_log=None, handler_cancellation=True,
                                     shutdown_timeout=0.5)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", self.port, reuse_address=True)
        await site.start()

    async def stop(self) -> None:
        await self.cut()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def restart(self) -> None:
        await self.stop()
        await self.start()

    # -- test controls --------------------------------------------------------

    async def push(self, frame: dict | str) -> None:
        """Deliver an envelope now, or when a client connects next."""
        text = frame if isinstance(frame, str) else json.dumps(frame, ensure_ascii=False)
        if not self._sockets:
            self.pending.append(text)
            return
        for ws in list(self._sockets):
            try:
                await ws.send_str(text)
            except (ConnectionError, RuntimeError):
                self.pending.append(text)
                continue
            self.delivered.append(text)

    async def cut(self) -> None:
        """Drop every websocket connection, as a restart of the service does."""
        for ws in list(self._sockets):
            await ws.close()
        self._sockets.clear()
        self._connected.clear()

    async def wait_for_client(self, timeout: float = 5.0) -> None:
        await asyncio.wait_for(self._connected.wait(), timeout)

    def fail_next_send(self, status: int, error: str, headers: dict | None = None) -> None:
        self.failures.append((status, {"error": error}, headers or {}))

    def add_group(self, group: dict) -> None:
        self.groups.append(copy.deepcopy(group))

    def sent_to(self, recipient: str) -> list[dict]:
        return [s for s in self.sends if recipient in s["recipients"]]

    # -- handlers -------------------------------------------------------------

    def _note(self, request: web.Request) -> None:
        self.requests.append((request.method, request.path))

    def _check_number(self, request: web.Request) -> None:
        if request.match_info.get("number") != self.account:
            raise web.HTTPBadRequest(text=json.dumps({"error": "account not registered"}),
                                     content_type="application/json")

    async def _about(self, request: web.Request) -> web.Response:
        self._note(request)
        return web.json_response(self.about)

    async def _health(self, request: web.Request) -> web.Response:
        self._note(request)
        return web.Response(status=204)

    async def _list_groups(self, request: web.Request) -> web.Response:
        self._note(request)
        self._check_number(request)
        return web.json_response(self.groups)

    async def _one_group(self, request: web.Request) -> web.Response:
        self._note(request)
        self._check_number(request)
        for group in self.groups:
            if group["id"] == request.match_info["group_id"]:
                return web.json_response(group)
        return web.json_response({"error": "No group with that group id found"}, status=404)

    async def _receive(self, request: web.Request) -> web.WebSocketResponse:
        self._note(request)
        self._check_number(request)
        ws = web.WebSocketResponse(heartbeat=30)
        await ws.prepare(request)
        self.connections_opened += 1
        self._sockets.add(ws)
        self._connected.set()
        queued, self.pending = self.pending, []
        for text in queued:
            await ws.send_str(text)
            self.delivered.append(text)
        async for message in ws:  # clients send nothing; wait for the close
            if message.type == WSMsgType.ERROR:
                break
        self._sockets.discard(ws)
        if not self._sockets:
            self._connected.clear()
        return ws

    async def _send(self, request: web.Request) -> web.Response:
        self._note(request)
        try:
            body = json.loads(await request.text())  # no JSON content type arrives
        except ValueError:
            return web.json_response({"error": "Couldn't process request - invalid request"}, status=400)
        if body.get("number") != self.account:
            return web.json_response({"error": "Couldn't process request - please provide a valid number"}, status=400)
        recipients = body.get("recipients") or []
        if not recipients or not isinstance(body.get("message"), str):
            return web.json_response({"error": "Couldn't process request - please provide at least one recipient"}, status=400)
        if self.failures:
            status, answer, headers = self.failures.pop(0)
            return web.json_response(answer, status=status, headers=headers)
        group_ids = {g["id"] for g in self.groups}
        for recipient in recipients:
            if recipient.startswith("group."):
                if recipient not in group_ids:
                    return web.json_response({"error": "Failed to send message: Group not found"}, status=400)
            elif not (_valid_number(recipient) or _valid_uuid(recipient)):
                return web.json_response({"error": "Invalid username: Username must contain a ."}, status=400)
            elif recipient not in self.registered:
                return web.json_response(
                    {"error": f"Failed to send message: {recipient}: Unregistered user \"{recipient}\""},
                    status=400)
        self._clock += 1000
        self.sends.append({**body, "timestamp": self._clock})
        answer = {"timestamp": str(self._clock)}
        return web.json_response([answer] if self.send_answer_shape == "list" else answer, status=201)
