"""The Matrix adapter: matrix-nio as a transport only.

Its own sync loop (not ``sync_forever``) so that the sync token is stored
only after every event of a sync was submitted: a crash or restart then
redelivers what the engine may not have committed, and skips nothing.
"""
from __future__ import annotations

import asyncio
import logging
import time
from pathlib import Path
from typing import Any, Callable, Mapping

from nio import (
    AsyncClient,
    AsyncClientConfig,
    ErrorResponse,
    InviteMemberEvent,
    LocalProtocolError,
    LoginResponse,
    MatrixRoom,
    MegolmEvent,
    MessageDirection,
    OlmUnverifiedDeviceError,
    RoomCreateResponse,
    RoomGetStateResponse,
    RoomMessagesResponse,
    SendRetryError,
    SyncResponse,
    WhoamiResponse,
)
from nio.api import RoomPreset

from adapters.base import CannotReachPerson, Pace, PermanentFailure, RetryLater, Submit
from bot.actions import Action, EditMessage, SendDirect, SendFile, SendToChat
from bot.events import BotAddedToChat

from .backoff import Backoff
from .config import MatrixConfig, parse_matrix_config
from .content import edit_content, file_content, guess_mimetype, text_content
from .errors import NETWORK_ERRORS, http_status, is_rate_limited, rate_limit_wait, raise_for_error
from .invites import invite_allowed, log_invite_policy
from .room_facts import RoomFacts
from .state_file import StateFiles
from .translate import PLATFORM, membership_events, sent_at, translate_room_event

log = logging.getLogger(__name__)

# A larger timeline than Synapse's default of 10, so that a short outage
# rarely leaves a gap; gaps are filled from /messages anyway.
SYNC_FILTER = {"room": {"timeline": {"limit": 100}}}
GAP_PAGE = 100
ENCRYPTION_STATE = {
    "type": "m.room.encryption",
    "state_key": "",
    "content": {"algorithm": "m.megolm.v1.aes-sha2"},
}


class LoginRefused(Exception):
    """The homeserver refused the bot's credentials: a config problem."""


def client_config(config: MatrixConfig) -> AsyncClientConfig:
    return AsyncClientConfig(
        encryption_enabled=True,
        store_sync_tokens=False,  # ours are stored after submit
        max_limit_exceeded=0,  # rate limits come back to us
        max_timeouts=0,  # so do network errors
        request_timeout=30,
        # the store's pickles are locked with our passphrase (matrix.store_passphrase_env)
        pickle_key=config.store_passphrase,
    )


class MatrixAdapter:
    platform = PLATFORM
    pace = Pace(per_group_per_minute=60, per_direct_per_second=2, overall_per_second=10)

    def __init__(
        self,
        config: MatrixConfig,
        *,
        max_backoff: float = 30.0,
        direct_join_wait: float = 5.0,
    ) -> None:
        self.config = config
        self.max_backoff = max_backoff
        # How long one perform() waits for a new direct room's invitee to
        # join before it hands back RetryLater.
        self.direct_join_wait = direct_join_wait
        self._files = StateFiles(config.store)
        self._state = self._files.load_sync()
        self._facts = RoomFacts(config.user_id, self._state.direct_rooms)
        self._client: AsyncClient | None = None
        self._submit: Submit | None = None
        self._task: asyncio.Task | None = None
        self._synced = asyncio.Event()
        self._progress = asyncio.Condition()
        self._perform_backoff = Backoff(0.5, max_backoff)
        self._created_direct: dict[str, float] = {}  # room id -> when (monotonic)
        self.failure: BaseException | None = None

    @classmethod
    def from_config(cls, section: Mapping[str, Any], base_dir: Path, env: Mapping[str, str]) -> "MatrixAdapter":
        """Build from the ``[matrix]`` section (ValueError names the bad key)."""
        return cls(parse_matrix_config(section, Path(base_dir), env))

    # ---- lifecycle -------------------------------------------------------

    async def start(self, submit: Submit) -> None:
        self._submit = submit
        log_invite_policy(self.config, log)
        self._client = AsyncClient(
            self.config.homeserver,
            self.config.user_id,
            device_id=self.config.device_id or "",
            store_path=str(self._files.crypto_folder),
            config=client_config(self.config),
        )
        self._task = asyncio.create_task(self._run(), name="matrix-sync")

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            try:
                await task
            except (asyncio.CancelledError, Exception):
                pass
        if self._client is not None:
            await self._client.close()
        self._synced.clear()

    async def wait_until_synced(self, timeout: float = 30.0) -> None:
        """Until the first sync was handled (room state known). For tests
        and for a runtime that wants to know the adapter is live."""
        waiter = asyncio.ensure_future(self._synced.wait())
        watched = [waiter] + ([self._task] if self._task else [])
        done, _ = await asyncio.wait(watched, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
        waiter.cancel()
        if not self._synced.is_set():
            raise self.failure or TimeoutError("matrix adapter did not sync in time")

    async def _run(self) -> None:
        try:
            await self._log_in()
            self._files.make_private()  # nio made its store files with the umask's modes
            first = True
            while True:
                response = await self._sync(full_state=first and self._state.next_batch is not None)
                await self._maintain_keys()
                await self._handle_sync(response)
                first = False
                self._synced.set()
                async with self._progress:
                    self._progress.notify_all()
        except asyncio.CancelledError:
            raise
        except BaseException as error:  # logged and kept: the loop cannot go on
            self.failure = error
            log.exception("matrix sync loop stopped")
            raise

    # ---- login and sync --------------------------------------------------

    async def _log_in(self) -> None:
        client = self._client
        assert client is not None
        session = self._files.load_session()
        if session and session.get("user_id") == self.config.user_id:
            client.restore_login(session["user_id"], session["device_id"], session["access_token"])
            log.info("matrix: reusing device %s", session["device_id"])
            return
        backoff = Backoff(0.5, self.max_backoff)
        while True:
            try:
                if self.config.access_token:
                    client.access_token = self.config.access_token
                    who = await client.whoami()
                    if isinstance(who, WhoamiResponse):
                        client.restore_login(who.user_id, who.device_id or self.config.device_id or "", self.config.access_token)
                        self._files.save_session(who.user_id, client.device_id, self.config.access_token)
                        return
                    response: Any = who
                else:
                    response = await client.login(self.config.password, device_name=self.config.device_name)
                    if isinstance(response, LoginResponse):
                        self._files.save_session(response.user_id, response.device_id, response.access_token)
                        log.info("matrix: logged in as new device %s", response.device_id)
                        return
            except NETWORK_ERRORS as error:
                log.warning("matrix: homeserver unreachable at login (%s)", type(error).__name__)
                await backoff.sleep()
                continue
            if is_rate_limited(response):
                await asyncio.sleep(rate_limit_wait(response))
            elif response.status_code in ("M_FORBIDDEN", "M_UNKNOWN_TOKEN", "M_INVALID_USERNAME", "M_USER_DEACTIVATED"):
                raise LoginRefused(f"matrix login refused: {response.status_code}")
            else:
                await backoff.sleep()

    async def _sync(self, full_state: bool) -> SyncResponse:
        client = self._client
        assert client is not None
        backoff = Backoff(0.5, self.max_backoff)
        while True:
            try:
                response = await client.sync(
                    timeout=self.config.sync_timeout_ms,
                    since=self._state.next_batch,
                    full_state=full_state or None,
                    sync_filter=SYNC_FILTER,
                )
            except NETWORK_ERRORS as error:
                log.warning("matrix: sync failed (%s), retrying", type(error).__name__)
                await backoff.sleep()
                continue
            if isinstance(response, SyncResponse):
                return response
            if is_rate_limited(response):
                await asyncio.sleep(rate_limit_wait(response))
            elif response.status_code == "M_UNKNOWN_TOKEN":
                raise LoginRefused("matrix access token no longer valid; delete session.json to log in again")
            else:
                log.warning("matrix: sync error %s, retrying", response.status_code)
                await backoff.sleep()

    async def _maintain_keys(self) -> None:
        """Upload our keys, learn members' devices, claim one-time keys and
        send queued to-device messages, as the client says they are due."""
        client = self._client
        assert client is not None
        try:
            if client.should_upload_keys:
                await client.keys_upload()
            if client.should_query_keys:
                await client.keys_query()
            if client.should_claim_keys:
                await client.keys_claim(client.get_users_for_key_claiming())
            await client.send_to_device_messages()
        except NETWORK_ERRORS as error:
            log.warning("matrix: key upkeep failed (%s); will retry after the next sync", type(error).__name__)

    # ---- incoming --------------------------------------------------------

    async def _handle_sync(self, response: SyncResponse) -> None:
        """Submit everything the sync holds, then store its token. A failed
        submit is retried (with backoff) from where it failed, never skipped."""
        baseline = self._state.next_batch is None  # the very first start: no history replay
        work: list[tuple[str, Callable[[], Any]]] = []
        for room_id, info in response.rooms.invite.items():
            work.append(("invite", lambda room_id=room_id, info=info: self._answer_invite(room_id, info)))
        for room_id, info in response.rooms.join.items():
            for event in info.state:
                self._facts.learn_from_state_event(room_id, event.source)
            events = list(info.timeline.events)
            if info.timeline.limited and not baseline and info.timeline.prev_batch:
                events = await self._fetch_gap(room_id, info.timeline.prev_batch) + events
            for event in events:
                if "state_key" in event.source:
                    self._facts.learn_from_state_event(room_id, event.source)
            events = self._after_own_join(events)
            for event in events:
                work.append(("event", lambda room_id=room_id, event=event: self._handle_room_event(room_id, event, baseline)))

        backoff = Backoff(0.5, self.max_backoff)
        index = 0
        while index < len(work):
            kind, step = work[index]
            try:
                await step()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("matrix: handling a %s failed; retrying it", kind)
                await backoff.sleep()
                continue
            index += 1
            backoff.reset()
        self._state.next_batch = response.next_batch
        self._files.save_sync(self._state)

    def _after_own_join(self, events: list) -> list:
        """In a room the bot just joined, the timeline starts with history
        from before it was there: that is not for the engine."""
        for index in range(len(events) - 1, -1, -1):
            if self._is_own_join(events[index].source):
                return events[index:]
        return events

    def _is_own_join(self, source: dict[str, Any]) -> bool:
        if source.get("type") != "m.room.member" or source.get("state_key") != self.config.user_id:
            return False
        if (source.get("content") or {}).get("membership") != "join":
            return False
        previous = ((source.get("unsigned") or {}).get("prev_content") or {}).get("membership")
        return previous != "join"  # not a display name change

    async def _fetch_gap(self, room_id: str, prev_batch: str) -> list:
        """Events between our stored token and the start of a limited
        timeline, oldest first."""
        client = self._client
        assert client is not None
        gathered: list = []
        start = prev_batch
        while True:
            response = await client.room_messages(
                room_id, start=start, end=self._state.next_batch, direction=MessageDirection.back, limit=GAP_PAGE
            )
            if not isinstance(response, RoomMessagesResponse):
                raise RuntimeError(f"could not fetch missed events: {getattr(response, 'status_code', '?')}")
            gathered.extend(response.chunk)
            if not response.chunk or not response.end or response.end == start:
                break
            start = response.end
        gathered.reverse()
        log.info("matrix: filled a gap of %d events in %s", len(gathered), room_id)
        return gathered

    async def _answer_invite(self, room_id: str, info: Any) -> None:
        client = self._client
        assert client is not None
        # nio moves a stripped member event's content out of ``source``.
        invite = next(
            (e for e in info.invite_state
             if isinstance(e, InviteMemberEvent)
             and e.state_key == self.config.user_id
             and e.membership == "invite"),
            None,
        )
        if invite is None:
            return
        inviter = invite.sender
        if not self._invite_allowed(inviter):
            log.info("matrix: declining invite to %s from a server or user not allowed", room_id)
            await client.room_leave(room_id)
            return
        if invite.content.get("is_direct"):
            self._facts.direct_rooms[room_id] = inviter
        response = await client.join(room_id)
        if isinstance(response, ErrorResponse):
            if is_rate_limited(response):
                await asyncio.sleep(rate_limit_wait(response))
                raise RuntimeError("join rate limited")
            if response.status_code in ("M_FORBIDDEN", "M_NOT_FOUND"):
                log.warning("matrix: could not join %s: %s", room_id, response.status_code)
                return
            raise RuntimeError(f"join failed: {response.status_code}")
        log.info("matrix: joined %s", room_id)

    def _invite_allowed(self, inviter: str) -> bool:
        return invite_allowed(self.config.allow_invites_from, inviter)

    async def _handle_room_event(self, room_id: str, event: Any, baseline: bool) -> None:
        client = self._client
        assert client is not None and self._submit is not None
        source = event.source
        if baseline:
            return
        if isinstance(event, MegolmEvent):
            log.warning("matrix: could not decrypt %s in %s (session %s)", event.event_id, room_id, event.session_id)
            return
        room = client.rooms.get(room_id)
        if room is None:
            return
        if source.get("sender") == self.config.user_id:
            if self._is_own_join(source) and not self._facts.is_direct(room) and room_id not in self._created_direct:
                await self._submit(BotAddedToChat(
                    platform=PLATFORM, chat_id=room_id, sent_at=sent_at(source), chat_title=room.display_name,
                ))
            return
        await self._know_creators(room_id)
        if "state_key" in source and source.get("state_key") != self.config.user_id:
            try:
                changes = membership_events(source, self._facts.view(room))
            except Exception:  # a bug of ours: retrying would not help
                log.exception("matrix: could not translate %s", source.get("event_id"))
                changes = []
            for change in changes:
                await self._submit(change)
            if changes:
                return
        try:
            translated = translate_room_event(source, self._facts.view(room))
        except Exception:  # a bug of ours: retrying would not help
            log.exception("matrix: could not translate %s", source.get("event_id"))
            return
        if translated is not None:
            log.debug("matrix: submitting %s %s", type(translated).__name__, source.get("event_id"))
            await self._submit(translated)

    async def _know_creators(self, room_id: str) -> None:
        """Creators outrank power levels in version 12 rooms; read the
        ``m.room.create`` event where a sync did not bring it."""
        if room_id in self._facts.creators:
            return
        client = self._client
        assert client is not None
        # The full state, not the single state event: only whole events
        # carry the sender, the creator of a version 12 room.
        response = await client.room_get_state(room_id)
        if isinstance(response, RoomGetStateResponse):
            for source in response.events:
                if source.get("type") == "m.room.create":
                    self._facts.learn_from_state_event(room_id, source)

    # ---- outgoing --------------------------------------------------------

    async def perform(self, action: Action) -> str | None:
        if not self._synced.is_set() or self._client is None:
            raise RetryLater(1.0, "matrix not synced yet")
        try:
            result = await self._perform(action)
        except (RetryLater, CannotReachPerson, PermanentFailure):
            raise
        except NETWORK_ERRORS as error:
            raise RetryLater(self._perform_backoff.next_delay(), f"network: {type(error).__name__}") from error
        except (SendRetryError, OlmUnverifiedDeviceError) as error:
            raise RetryLater(self._perform_backoff.next_delay(), f"encryption: {type(error).__name__}") from error
        self._perform_backoff.reset()
        return result

    async def _perform(self, action: Action) -> str | None:
        if isinstance(action, SendToChat):
            room = self._joined_room(action.chat_id)
            return await self._send(room, text_content(action.text, action.reply_to), "send", action.key)
        if isinstance(action, SendDirect):
            room = await self._direct_room(action.user_id)
            return await self._send(room, text_content(action.text), "direct", action.key)
        if isinstance(action, EditMessage):
            room = self._joined_room(action.chat_id)
            await self._send(room, edit_content(action.message_id, action.text), "edit", action.key)
            return None
        if isinstance(action, SendFile):
            if action.chat_id is not None:
                room = self._joined_room(action.chat_id)
            elif action.user_id is not None:
                room = await self._direct_room(action.user_id)
            else:
                raise PermanentFailure("SendFile without chat_id or user_id")
            return await self._send_file(room, action)
        raise PermanentFailure(f"matrix cannot perform {type(action).__name__}")

    def _joined_room(self, room_id: str) -> MatrixRoom:
        client = self._client
        assert client is not None
        room = client.rooms.get(room_id)
        if room is None:
            if room_id in client.invited_rooms:
                raise RetryLater(2.0, "still joining the room")
            raise PermanentFailure(f"the bot is not in room {room_id}")
        return room

    async def _send(self, room: MatrixRoom, content: dict[str, Any], what: str, key: str = "") -> str:
        """Send with the outbox row's key as the transaction id: the
        homeserver answers a retry of a send it already took with the same
        event instead of posting it again (after a crash, a lost response)."""
        client = self._client
        assert client is not None
        await self._prepare_encryption(room)
        tx_id = key or None
        try:
            response = await client.room_send(
                room.room_id, "m.room.message", content, tx_id=tx_id,
                ignore_unverified_devices=self.config.trust == "all",
            )
        except OlmUnverifiedDeviceError:
            # A device appeared between our trust pass and the send.
            await self._prepare_encryption(room)
            response = await client.room_send(
                room.room_id, "m.room.message", content, tx_id=tx_id,
                ignore_unverified_devices=self.config.trust == "all",
            )
        except LocalProtocolError as error:
            raise PermanentFailure(f"{what}: {error}") from error
        raise_for_error(response, what, self._perform_backoff.next_delay())
        return response.event_id

    async def _prepare_encryption(self, room: MatrixRoom) -> None:
        """Know every member's devices and, under trust-on-first-use, trust
        the ones seen for the first time."""
        client = self._client
        assert client is not None
        if not room.encrypted:
            return
        if not room.members_synced:
            raise_for_error(await client.joined_members(room.room_id), "members", self._perform_backoff.next_delay())
        if client.should_query_keys:
            raise_for_error(await client.keys_query(), "keys", self._perform_backoff.next_delay())
        if self.config.trust != "tofu":
            return
        for user_id in list(room.users):
            for device in client.device_store.active_user_devices(user_id):
                if not device.verified and not device.blacklisted:
                    client.verify_device(device)
                    log.info("matrix: trusting device %s on first use", device.device_id)

    async def _direct_room(self, user_id: str) -> MatrixRoom:
        """The direct room with this person, opened if needed; in an
        encrypted one only once they joined (nio shares the room key only
        with joined members, so earlier messages would stay unreadable)."""
        client = self._client
        assert client is not None
        if user_id == self.config.user_id:
            raise PermanentFailure("a direct message to the bot itself")
        room_id = self._known_direct_room_id(user_id)
        if room_id is None:
            room_id = await self._open_direct_room(user_id)
        await self._wait_for(lambda: room_id in client.rooms, self.direct_join_wait)
        room = client.rooms.get(room_id)
        if room is None:
            raise RetryLater(2.0, "direct room not synced yet")
        if room.encrypted and not self._facts.has_joined(room, user_id):
            await self._wait_for(
                lambda: self._facts.has_joined(room, user_id) or self._facts.declined(room_id, user_id),
                self.direct_join_wait,
            )
            if self._facts.declined(room_id, user_id):
                raise CannotReachPerson("declined the direct chat")
            if not self._facts.has_joined(room, user_id):
                raise RetryLater(5.0, "waiting for the person to join the direct chat")
        return room

    def _known_direct_room_id(self, user_id: str) -> str | None:
        client = self._client
        assert client is not None
        for room_id, other in list(self._facts.direct_rooms.items()):
            if other != user_id:
                continue
            if self._facts.declined(room_id, user_id):
                continue
            room = client.rooms.get(room_id)
            if room is None:
                if room_id in self._created_direct:
                    return room_id  # opened moments ago, not synced yet
                continue  # a room the bot is no longer in
            if self._facts.membership.get((room_id, user_id)) in ("leave", "ban"):
                continue
            return room_id
        room = self._facts.direct_room_with(user_id, client.rooms)
        return room.room_id if room is not None else None

    async def _open_direct_room(self, user_id: str) -> str:
        client = self._client
        assert client is not None
        # Synapse accepts an invitation for a local user who does not exist;
        # ask for the profile first so the engine hears at once.
        profile = await client.get_profile(user_id)
        if isinstance(profile, ErrorResponse) and http_status(profile) == 404:
            raise CannotReachPerson("no such Matrix user")
        response = await client.room_create(
            is_direct=True,
            invite=[user_id],
            preset=RoomPreset.trusted_private_chat,
            initial_state=[ENCRYPTION_STATE] if self.config.encrypt_direct else [],
        )
        if not isinstance(response, RoomCreateResponse):
            if is_rate_limited(response):
                raise RetryLater(rate_limit_wait(response), "rate limited opening a direct room")
            status = getattr(getattr(response, "transport_response", None), "status", None)
            if status is not None and 400 <= status < 500:
                raise CannotReachPerson(f"cannot open a direct chat: {response.status_code}")
            raise RetryLater(self._perform_backoff.next_delay(), f"opening a direct room: {response.status_code}")
        room_id = response.room_id
        self._created_direct[room_id] = time.monotonic()
        self._facts.direct_rooms[room_id] = user_id
        self._facts.membership[(room_id, user_id)] = "invite"
        self._files.save_sync(self._state)  # remembered even if we crash before the next sync
        log.info("matrix: opened direct room %s", room_id)
        return room_id

    async def _wait_for(self, condition: Callable[[], bool], timeout: float) -> bool:
        """Wait (at most ``timeout``) until a sync makes ``condition`` true."""
        if condition():
            return True
        try:
            async with self._progress:
                await asyncio.wait_for(self._progress.wait_for(condition), timeout)
        except asyncio.TimeoutError:
            pass
        return condition()

    async def _send_file(self, room: MatrixRoom, action: SendFile) -> str:
        client = self._client
        assert client is not None
        mimetype = guess_mimetype(action.filename, action.is_image)
        data = action.content
        upload, keys = await client.upload(
            lambda _got_429, _got_timeouts: data,
            content_type=mimetype,
            filename=action.filename,
            encrypt=room.encrypted,
            filesize=len(data),
        )
        raise_for_error(upload, "upload", self._perform_backoff.next_delay())
        content = file_content(
            action.filename, action.caption, mimetype, len(data), action.is_image,
            upload.content_uri, keys if room.encrypted else None,
        )
        return await self._send(room, content, "file", action.key)
