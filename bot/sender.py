"""The outbox sender: delivers what the engine wrote, per chat in the order
it was decided, at each platform's pace, honouring "retry after"."""
from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict, deque
from datetime import datetime, timedelta
from typing import Awaitable, Callable

from bot.platform import CannotReachPerson, Pace, PermanentFailure, RetryLater
from bot.actions import EditMessage
from bot.events import DeliveryFailed
from bot.outbox import Owed, OutboxQueue
from bot.logging_setup import log_failure

log = logging.getLogger(__name__)


class Pacer:
    """Spaces sends so no window of a platform's limits is ever exceeded:
    per group chat, per direct chat, and overall."""

    def __init__(self, pace: Pace) -> None:
        self.group_gap = 60.0 / pace.per_group_per_minute
        self.direct_gap = 1.0 / pace.per_direct_per_second
        self.overall_gap = 1.0 / pace.overall_per_second
        self.next_at: dict[tuple, float] = {}
        self.overall_next = 0.0

    def ready_at(self, key: tuple) -> float:
        return max(self.next_at.get(key, 0.0), self.overall_next)

    def sent(self, key: tuple, at: float) -> None:
        gap = self.group_gap if key[1] == "group" else self.direct_gap
        self.next_at[key] = at + gap
        self.overall_next = at + self.overall_gap

    def block(self, key: tuple, until: float) -> None:
        self.next_at[key] = max(self.next_at.get(key, 0.0), until)


class OutboxSender:
    def __init__(self, queue: OutboxQueue, adapters: dict, clock: Callable[[], datetime],
                 report_failure: Callable[[DeliveryFailed], Awaitable[None]],
                 monotonic: Callable[[], float] | None = None,
                 sleep: Callable[[float], Awaitable[None]] | None = None) -> None:
        self.queue = queue
        self.adapters = adapters
        self.clock = clock
        self.report_failure = report_failure
        self.monotonic = monotonic or asyncio.get_running_loop().time
        self.sleep = sleep or asyncio.sleep
        self.pacers = {name: Pacer(a.pace) for name, a in adapters.items()}
        self.wake = asyncio.Event()
        self.idle = asyncio.Event()
        self._stopping = False

    def stop(self) -> None:
        self._stopping = True
        self.wake.set()

    async def run(self) -> None:
        """Deliver until stopped. A database that goes away (a restart, a
        network cut) pauses delivery; nothing is lost, since rows stay in the
        outbox until they are marked sent."""
        backoff = 1.0
        while not self._stopping:
            try:
                await self._round()
                backoff = 1.0
            except asyncio.CancelledError:
                raise
            except Exception:
                log_failure(log, "outbox round failed; retrying in %.0fs", backoff)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 30.0)

    async def _round(self) -> None:
        owed = await asyncio.to_thread(self.queue.take, self.clock(), 50)
        if not owed:
            self.idle.set()
            self.wake.clear()
            try:
                await asyncio.wait_for(self.wake.wait(), timeout=1.0)
            except asyncio.TimeoutError:
                pass
            return
        self.idle.clear()
        await self._deliver(owed)

    async def _deliver(self, owed: list[Owed]) -> None:
        lanes: OrderedDict[tuple, deque[Owed]] = OrderedDict()
        for o in owed:
            lanes.setdefault(o.pace_key, deque()).append(o)
        while lanes and not self._stopping:
            key = min(lanes, key=lambda k: self.pacers[k[0]].ready_at(k))
            pacer = self.pacers[key[0]]
            wait = pacer.ready_at(key) - self.monotonic()
            if wait > 0:
                await self.sleep(wait)
            o = lanes[key].popleft()
            until = await self._perform(o, pacer, key)
            if until is not None:
                # keep the chat's order: what follows waits as long as this one
                for rest in lanes[key]:
                    await asyncio.to_thread(self.queue.later, rest.id, until)
                lanes[key].clear()
            if not lanes[key]:
                del lanes[key]

    async def _perform(self, o: Owed, pacer: Pacer, key: tuple) -> datetime | None:
        """None once the row is settled (sent, or failed for good); else the
        moment to try it again."""
        adapter = self.adapters.get(key[0])
        if adapter is None:
            log.error("no adapter for platform=%s outbox=%d", key[0], o.id)
            await asyncio.to_thread(self.queue.failed, o.id, "no adapter")
            return None
        if not await asyncio.to_thread(self.queue.still_ours, o.id, self.clock()):
            log.info("outbox row taken over by another sender outbox=%d", o.id)
            return None
        if isinstance(o.action, EditMessage) and not o.action.message_id:
            # the message it edits has not gone out yet
            return await self._later(o, timedelta(seconds=1))
        try:
            message_id = await adapter.perform(o.action)
        except RetryLater as exc:
            log.warning("platform asked to wait platform=%s outbox=%d seconds=%.1f", key[0], o.id, exc.seconds)
            pacer.block(key, self.monotonic() + exc.seconds)
            return await self._later(o, timedelta(seconds=exc.seconds))
        except CannotReachPerson as exc:
            log.info("person unreachable by direct message platform=%s outbox=%d", key[0], o.id)
            await asyncio.to_thread(self.queue.failed, o.id, "unreachable")
            await self.report_failure(DeliveryFailed(o.id, str(exc)[:100], self.clock(), exc.start_link))
            return None
        except PermanentFailure as exc:
            log.error("action cannot be performed platform=%s outbox=%d cause=%s", key[0], o.id, type(exc).__name__)
            await asyncio.to_thread(self.queue.failed, o.id, "permanent")
            return None
        except Exception:
            log_failure(log, "sending failed platform=%s outbox=%d; will retry", key[0], o.id)
            pacer.block(key, self.monotonic() + 5)
            return await self._later(o, timedelta(seconds=5))
        pacer.sent(key, self.monotonic())
        await self._record_sent(o, message_id)
        return None

    async def _record_sent(self, o: Owed, message_id: str | None) -> None:
        """The platform has the message: record it, waiting out a database
        that is away, since a row left unrecorded would be sent again."""
        delay = 0.5
        while True:
            try:
                await asyncio.to_thread(self.queue.sent, o.id, message_id, self.clock())
                return
            except Exception:
                log.warning("cannot record a sent message yet outbox=%d; retrying in %.1fs", o.id, delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 15.0)

    async def _later(self, o: Owed, delay: timedelta) -> datetime:
        until = self.clock() + delay
        await asyncio.to_thread(self.queue.later, o.id, until)
        return until
