"""Real matrix-nio clients playing the group's members, and a recording
``submit`` standing in for the runtime."""
from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any, Callable

from nio import (
    AsyncClient,
    AsyncClientConfig,
    InviteMemberEvent,
    LoginResponse,
    RegisterResponse,
    RoomCreateResponse,
    RoomPreset,
    RoomSendResponse,
    SyncResponse,
)

from bot.events import Event

ENCRYPTION_STATE = {"type": "m.room.encryption", "state_key": "", "content": {"algorithm": "m.megolm.v1.aes-sha2"}}


async def register(homeserver: str, username: str, password: str) -> str:
    client = AsyncClient(homeserver, username)
    try:
        response = await client.register(username, password, device_name="setup")
        if not isinstance(response, RegisterResponse):
            raise RuntimeError(f"registering {username} failed: {response}")
        return response.user_id
    finally:
        await client.close()


async def wait_until(condition: Callable[[], Any], timeout: float = 10.0, what: str = "condition") -> Any:
    """Poll ``condition`` every 20 ms until it is truthy."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.02)


class RecordingSubmit:
    """What the runtime's ``submit`` would receive, in order."""

    def __init__(self) -> None:
        self.events: list[Event] = []
        self.fail_next = 0  # make the next N submits raise, as a crashed engine would

    async def __call__(self, event: Event) -> None:
        if self.fail_next:
            self.fail_next -= 1
            raise RuntimeError("engine unavailable")
        self.events.append(event)

    def in_chat(self, chat_id: str, kind: type | None = None) -> list:
        return [
            e for e in self.events
            if getattr(e, "chat_id", None) == chat_id and (kind is None or isinstance(e, kind))
        ]

    async def wait_for(self, condition: Callable[[Event], bool], timeout: float = 10.0, what: str = "event") -> Event:
        found = await wait_until(lambda: next((e for e in self.events if condition(e)), None), timeout, what)
        return found


class Member:
    """A person in the group: a logged-in nio client (with encryption) that
    syncs in the background, keeps what it saw, and accepts invites."""

    def __init__(self, homeserver: str, user_id: str, password: str, store: Path) -> None:
        store.mkdir(parents=True, exist_ok=True)
        self.user_id = user_id
        self.password = password
        self.client = AsyncClient(
            homeserver, user_id, store_path=str(store),
            config=AsyncClientConfig(encryption_enabled=True, store_sync_tokens=False, max_timeouts=None),
        )
        self.accept_invites = True
        self.seen: list[tuple[str, Any]] = []  # (room id, nio event), decrypted where possible
        self._task: asyncio.Task | None = None

    async def start(self) -> None:
        response = await self.client.login(self.password, device_name="member")
        assert isinstance(response, LoginResponse), response
        await self._sync_once(0)
        self._task = asyncio.create_task(self._loop())

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            try:
                await self._task
            except (asyncio.CancelledError, Exception):
                pass
        await self.client.close()

    async def _loop(self) -> None:
        while True:
            try:
                await self._sync_once(500)
            except asyncio.CancelledError:
                raise
            except Exception:
                await asyncio.sleep(0.2)  # the homeserver may be down in a test

    async def _sync_once(self, timeout_ms: int) -> None:
        client = self.client
        response = await client.sync(timeout=timeout_ms, sync_filter={"room": {"timeline": {"limit": 100}}})
        if not isinstance(response, SyncResponse):
            await asyncio.sleep(0.2)
            return
        if client.should_upload_keys:
            await client.keys_upload()
        if client.should_query_keys:
            await client.keys_query()
        if client.should_claim_keys:
            await client.keys_claim(client.get_users_for_key_claiming())
        await client.send_to_device_messages()
        for room_id, info in response.rooms.join.items():
            for event in info.timeline.events:
                self.seen.append((room_id, event))
        for room_id, info in response.rooms.invite.items():
            if self.accept_invites and any(
                isinstance(e, InviteMemberEvent) and e.state_key == self.user_id for e in info.invite_state
            ):
                await client.join(room_id)

    # ---- what members do ----

    async def create_room(
        self, name: str | None, invite: list[str], encrypted: bool = False, is_direct: bool = False,
        room_version: str | None = None,
    ) -> str:
        response = await self.client.room_create(
            name=name, invite=invite, is_direct=is_direct,
            preset=RoomPreset.trusted_private_chat if is_direct else RoomPreset.private_chat,
            initial_state=[ENCRYPTION_STATE] if encrypted else [],
            room_version=room_version,
        )
        assert isinstance(response, RoomCreateResponse), response
        await wait_until(lambda: response.room_id in self.client.rooms, what="own room synced")
        return response.room_id

    async def send(self, room_id: str, content: dict[str, Any], event_type: str = "m.room.message") -> str:
        await wait_until(lambda: room_id in self.client.rooms, what="room known to member")
        room = self.client.rooms[room_id]
        if room.encrypted:
            # Make sure the bot's device is known before sharing the room key.
            await self.client.joined_members(room_id)
            if self.client.should_query_keys:
                await self.client.keys_query()
        response = await self.client.room_send(room_id, event_type, content, ignore_unverified_devices=True)
        assert isinstance(response, RoomSendResponse), response
        return response.event_id

    async def say(self, room_id: str, text: str, reply_to: str | None = None, **extra: Any) -> str:
        content: dict[str, Any] = {"msgtype": "m.text", "body": text, **extra}
        if reply_to:
            content["body"] = f"> <@someone:localhost> the quoted message\n\n{text}"
            content["m.relates_to"] = {"m.in_reply_to": {"event_id": reply_to}}
        return await self.send(room_id, content)

    async def react(self, room_id: str, event_id: str, key: str) -> str:
        return await self.send(
            room_id, {"m.relates_to": {"rel_type": "m.annotation", "event_id": event_id, "key": key}}, "m.reaction"
        )

    async def edit(self, room_id: str, event_id: str, text: str) -> str:
        return await self.send(room_id, {
            "msgtype": "m.text",
            "body": "* " + text,
            "m.new_content": {"msgtype": "m.text", "body": text},
            "m.relates_to": {"rel_type": "m.replace", "event_id": event_id},
        })

    async def wait_joined(self, room_id: str, user_id: str, timeout: float = 10.0) -> None:
        await wait_until(
            lambda: room_id in self.client.rooms
            and user_id in self.client.rooms[room_id].users
            and user_id not in self.client.rooms[room_id].invited_users,
            timeout, f"{user_id} joined",
        )

    def seen_event(self, event_id: str):
        return next((e for _, e in self.seen if getattr(e, "event_id", None) == event_id), None)

    async def wait_seen(self, event_id: str, timeout: float = 10.0):
        return await wait_until(lambda: self.seen_event(event_id), timeout, f"member saw {event_id}")
