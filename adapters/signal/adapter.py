"""The Signal adapter: signal-cli-rest-api (json-rpc mode) <-> mutualaid.

Receiving: websocket frames are read (receiving.FrameReader), parsed
(envelopes), turned into events (translate) and handed to ``submit`` one at
a time. signal-cli-rest-api has no acknowledgement or redelivery on this
socket, so "acknowledge after submit" means: a frame is done (and its
author+timestamp remembered, to drop repeats) only once ``submit`` returned;
if ``submit`` raises, the same frame is offered again with a growing pause,
never dropped. A frame still in memory when the process dies is lost: the
platform gives no way to fetch it again.

Being added to a group: signal-cli delivers a group change (``groupInfo``
of type ``UPDATE``, no text). The first such change, or the first message,
from a group the bot did not belong to when it started gives
``BotAddedToChat`` before anything else from that group. Groups joined
while the adapter was down are already in the service's list at start and
are not announced again.
"""
from __future__ import annotations

import asyncio
import logging
import pathlib
from collections import OrderedDict
from typing import Callable, Mapping

from adapters.base import Pace, Submit
from adapters.signal.client import SignalClient, ServiceProblem
from adapters.signal.config import SignalConfig, read_signal_section
from adapters.signal.envelopes import Author, Received, read_frame
from adapters.signal.groups import GroupDirectory
from adapters.signal.ids import group_chat_id, is_uuid, loggable, person_id, short_handle
from adapters.signal.receiving import Backoff, FrameReader
from adapters.signal.sending import ActionSender
from adapters.signal.translate import PLATFORM, Self, sender_of, sent_at, to_event
from bot.actions import Action
from bot.events import AdminChanged, BotAddedToChat, Event, MemberLeft

log = logging.getLogger(__name__)

REMEMBERED_MESSAGES = 20_000  # author+timestamp pairs kept to drop repeats
REMEMBERED_NAMES = 5_000  # profile names kept to write mentions as @name


class _Recent(OrderedDict):
    """A bounded memory: the oldest entries go first."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self._size = size

    def remember(self, key, value=True) -> None:
        self[key] = value
        self.move_to_end(key)
        while len(self) > self._size:
            self.popitem(last=False)


class SignalAdapter:
    platform = PLATFORM
    # Signal publishes no limits, but a burst of messages (above all direct
    # messages to people who never wrote to the bot) earns a rate limit that
    # only a captcha lifts, and signal-cli encrypts a group message once per
    # member, so faster sending would only queue inside signal-cli anyway.
    pace = Pace(per_group_per_minute=30, per_direct_per_second=1, overall_per_second=3)

    def __init__(self, config: SignalConfig, *, reconnect_initial: float = 1.0,
                 reconnect_max: float = 60.0, clock: Callable[[], float] | None = None) -> None:
        self.config = config
        self._client = SignalClient(config.api_url, config.number)
        self._groups = GroupDirectory(self._client, config.admin_cache_seconds)
        self._me = Self(number=config.number)
        self._sender = ActionSender(self._client, config.number,
                                    **({"clock": clock} if clock else {}))
        self._reconnect = (reconnect_initial, reconnect_max)
        self._frames: asyncio.Queue[str] = asyncio.Queue()
        self._handled = _Recent(REMEMBERED_MESSAGES)
        self._names = _Recent(REMEMBERED_NAMES)
        # a number -> the UUID it came with: group listings name a member by
        # number where they can, the engine knows them by UUID
        self._uuid_of_number = _Recent(REMEMBERED_NAMES)
        self._known_groups: set[str] | None = None
        self._tasks: list[asyncio.Task] = []
        self._submit: Submit | None = None

    @classmethod
    def from_config(cls, section: dict, base_dir: pathlib.Path,
                    env: Mapping[str, str]) -> "SignalAdapter":
        # base_dir is unused: api_url is taken as given and nothing is stored
        return cls(read_signal_section(section, env))

    # -- lifecycle --------------------------------------------------------

    async def start(self, submit: Submit) -> None:
        self._submit = submit
        try:
            await self._client.check_service()
        except ServiceProblem:
            await self._client.close()
            raise  # a wrong deployment: say so at once
        except Exception as exc:  # noqa: BLE001 - not up yet: the reader retries
            log.warning("signal: service not reachable at start (%s)", type(exc).__name__)
        else:
            if await self._groups.refresh():
                self._known_groups = self._groups.chat_ids()
        reader = FrameReader(self._client, self._frames, backoff=Backoff(*self._reconnect))
        self._tasks = [
            asyncio.create_task(reader.run(), name="signal-receive"),
            asyncio.create_task(self._handle_frames(), name="signal-handle"),
        ]
        log.info("signal: started")

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks = []
        await self._client.close()
        log.info("signal: stopped")

    async def perform(self, action: Action) -> str | None:
        return await self._sender.perform(action)

    # -- receiving --------------------------------------------------------

    async def _handle_frames(self) -> None:
        while True:
            frame = await self._frames.get()
            try:
                received = read_frame(frame)
            except Exception:  # a bug in reading: log it with its trace, go on
                log.exception("signal: could not read a frame")
                continue
            if received is not None:
                await self._handle(received)

    async def _handle(self, received: Received) -> None:
        author = received.author
        if author.number == self._me.number:
            if author.uuid:
                self._me = Self(self._me.number, self._me.uuids | {author.uuid})
            return  # the bot's own account (note to self)
        key = (person_id(author.uuid, author.number), received.timestamp)
        if key in self._handled:
            log.debug("signal: %s seen before, dropped", loggable(f"{key[0]}:{key[1]}"))
            return
        if author.uuid and author.number:
            self._uuid_of_number.remember(author.number, author.uuid)
        if received.author_name:
            for ident in (author.uuid, author.number):
                if ident:
                    self._names.remember(ident, received.author_name)

        backoff = Backoff(*self._reconnect)
        events: list[Event] | None = None
        submitted = 0
        while True:
            try:
                if events is None:  # worked out once: a retry resumes, not restarts
                    events = await self._events_for(received)
                for event in events[submitted:]:
                    await self._submit(event)
                    submitted += 1
                    if isinstance(event, BotAddedToChat) and self._known_groups is not None:
                        self._known_groups.add(event.chat_id)
                break
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # noqa: BLE001 - retried, never dropped
                log.warning("signal: handing %s %s to the engine failed (%s), retrying",
                            received.kind, loggable(f"{key[0]}:{key[1]}"), type(exc).__name__)
                await backoff.wait()
        self._handled.remember(key)

    async def _events_for(self, received: Received) -> list[Event]:
        if received.group_internal_id is None:
            sender = sender_of(received, is_admin=False)
            event = to_event(received, chat_id=sender.user_id, direct=True, sender=sender,
                             chat_title=None, me=self._me, handle_for=self._handle_for)
            return [event] if event else []

        chat_id = group_chat_id(received.group_internal_id)
        if self._known_groups is None:
            # the start-up listing failed; until it works we cannot tell a new
            # group from an old one (raising retries this frame later)
            if not await self._groups.refresh():
                raise ConnectionError("group listing unavailable")
            self._known_groups = self._groups.chat_ids()
        if received.kind == "group_update" and chat_id in self._known_groups:
            # someone left, was removed, or gained or lost admin rights: the
            # envelope does not say which, the listing does
            await self._groups.refresh()
        group = await self._groups.lookup(chat_id)
        title = group.name if group else received.group_name
        events: list[Event] = self._role_changes(sent_at(received.timestamp))
        if chat_id not in self._known_groups:
            log.info("signal: added to group %s", chat_id)
            events.append(BotAddedToChat(platform=PLATFORM, chat_id=chat_id,
                                         sent_at=sent_at(received.timestamp), chat_title=title))
        is_admin = await self._groups.is_admin(chat_id, received.author.uuid, received.author.number)
        sender = sender_of(received, is_admin=is_admin)
        event = to_event(received, chat_id=chat_id, direct=False, sender=sender,
                         chat_title=title, me=self._me, handle_for=self._handle_for)
        if event is not None:
            events.append(event)
        return events

    def _role_changes(self, at) -> list[Event]:
        """What refreshes of the group listing found changed (issue 14: a
        removed member must lose the group at once, not when they next write)."""
        events: list[Event] = []
        for change in self._groups.take_changes():
            user_id = self._uuid_of_number.get(change.who, change.who)
            if change.left:
                events.append(MemberLeft(platform=PLATFORM, chat_id=change.chat_id, user_id=user_id, sent_at=at))
            else:
                author = Author(uuid=user_id if is_uuid(user_id) else None,
                                number=None if is_uuid(user_id) else user_id)
                events.append(AdminChanged(platform=PLATFORM, chat_id=change.chat_id, user_id=user_id,
                                           is_admin=change.is_admin, sent_at=at, handle=self._handle_for(author)))
        return events

    def _handle_for(self, author: Author) -> str:
        for ident in (author.uuid, author.number):
            if ident and ident in self._names:
                return self._names[ident]
        return short_handle(author.uuid, author.number)
