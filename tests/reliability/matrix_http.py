"""The homeserver seen from outside the bot, over plain HTTP: members who
post (no encryption, no sync loop: cheap enough for a burst of a thousand
messages on two cores) and an admin account that reads every room, so what
the bot said is counted on the homeserver's side, not the bot's."""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import itertools
import secrets
import urllib.parse
from dataclasses import dataclass, field
from typing import Any

import aiohttp

_txn = itertools.count(1)


def _q(part: str) -> str:
    return urllib.parse.quote(part, safe="")


class MatrixError(Exception):
    pass


async def _call(session: aiohttp.ClientSession, method: str, url: str, token: str | None = None,
                body: Any = None, attempts: int = 20) -> dict:
    """One client-server API call; rate limits and a busy homeserver are
    waited out (the members are not under test)."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    for attempt in range(attempts):
        try:
            async with session.request(method, url, json=body, headers=headers) as response:
                answer = await response.json(content_type=None)
                if response.status == 429:
                    await asyncio.sleep(answer.get("retry_after_ms", 500) / 1000)
                    continue
                if response.status >= 500:
                    await asyncio.sleep(0.2 * (attempt + 1))
                    continue
                if response.status != 200:
                    raise MatrixError(f"{method} {url.split('?')[0]}: {response.status} {answer}")
                return answer
        except (aiohttp.ClientConnectionError, asyncio.TimeoutError):
            await asyncio.sleep(0.2 * (attempt + 1))
    raise MatrixError(f"{method} {url.split('?')[0]}: gave up after {attempts} attempts")


@dataclass
class MemberClient:
    """A person with an account: creates rooms and posts text."""

    homeserver: str
    session: aiohttp.ClientSession
    user_id: str
    token: str
    password: str = ""

    async def create_room(self, name: str, invite: list[str]) -> str:
        answer = await _call(self.session, "POST", f"{self.homeserver}/_matrix/client/v3/createRoom", self.token,
                             {"name": name, "invite": invite, "preset": "private_chat"})
        return answer["room_id"]

    async def join(self, room_id: str) -> None:
        await _call(self.session, "POST", f"{self.homeserver}/_matrix/client/v3/join/{_q(room_id)}", self.token, {})

    async def say(self, room_id: str, text: str) -> str:
        txn = f"m{next(_txn)}-{secrets.token_hex(4)}"
        url = f"{self.homeserver}/_matrix/client/v3/rooms/{_q(room_id)}/send/m.room.message/{txn}"
        answer = await _call(self.session, "PUT", url, self.token, {"msgtype": "m.text", "body": text})
        return answer["event_id"]


async def register_member(homeserver: str, session: aiohttp.ClientSession, username: str) -> MemberClient:
    password = secrets.token_urlsafe(12)
    answer = await _call(session, "POST", f"{homeserver}/_matrix/client/v3/register", None,
                         {"username": username, "password": password, "auth": {"type": "m.login.dummy"},
                          "inhibit_login": False, "initial_device_display_name": "test"})
    return MemberClient(homeserver, session, answer["user_id"], answer["access_token"], password)


async def register_admin(homeserver: str, session: aiohttp.ClientSession, shared_secret: str,
                         username: str) -> "Admin":
    """An admin account through Synapse's shared-secret registration."""
    url = f"{homeserver}/_synapse/admin/v1/register"
    nonce = (await _call(session, "GET", url))["nonce"]
    password = secrets.token_urlsafe(12)
    mac = hmac.new(shared_secret.encode(), digestmod=hashlib.sha1)
    mac.update(b"\x00".join([nonce.encode(), username.encode(), password.encode(), b"admin"]))
    answer = await _call(session, "POST", url, None, {
        "nonce": nonce, "username": username, "password": password, "admin": True, "mac": mac.hexdigest(),
    })
    return Admin(homeserver, session, answer["access_token"])


@dataclass
class RoomMessages:
    room_id: str
    members: list[str]
    events: list[dict] = field(default_factory=list)

    def from_user(self, user_id: str) -> list[dict]:
        return [e for e in self.events if e.get("sender") == user_id and e.get("type") == "m.room.message"]


@dataclass
class Admin:
    """Reads any room, joined or not: the homeserver's own record."""

    homeserver: str
    session: aiohttp.ClientSession
    token: str

    async def rooms(self) -> list[str]:
        found, start = [], 0
        while True:
            answer = await _call(self.session, "GET",
                                 f"{self.homeserver}/_synapse/admin/v1/rooms?limit=500&from={start}", self.token)
            found += [r["room_id"] for r in answer["rooms"]]
            if "next_batch" not in answer:
                return found
            start = answer["next_batch"]

    async def members(self, room_id: str) -> list[str]:
        answer = await _call(self.session, "GET", f"{self.homeserver}/_synapse/admin/v1/rooms/{_q(room_id)}/members",
                             self.token)
        return list(answer["members"])

    async def messages(self, room_id: str) -> RoomMessages:
        """Every event of the room, oldest first."""
        events: list[dict] = []
        token = ""
        while True:
            query = f"dir=f&limit=1000" + (f"&from={_q(token)}" if token else "")
            answer = await _call(self.session, "GET",
                                 f"{self.homeserver}/_synapse/admin/v1/rooms/{_q(room_id)}/messages?{query}",
                                 self.token)
            events += answer.get("chunk", [])
            if not answer.get("chunk") or not answer.get("end") or answer.get("end") == token:
                break
            token = answer["end"]
        return RoomMessages(room_id, await self.members(room_id), events)

    async def every_room(self) -> list[RoomMessages]:
        return [await self.messages(room_id) for room_id in await self.rooms()]


def body(event: dict) -> str:
    return (event.get("content") or {}).get("body", "")


def is_edit(event: dict) -> bool:
    return ((event.get("content") or {}).get("m.relates_to") or {}).get("rel_type") == "m.replace"
