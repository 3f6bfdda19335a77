"""Keeping the websocket ``/v1/receive/{number}`` open.

The connection drops when signal-cli-rest-api restarts or the network
hiccups; it is opened again with a growing pause (reset once a connection
has carried a frame). Frames go into a queue that the adapter drains one at
a time, so a slow ``submit`` never stalls the socket.
"""
from __future__ import annotations

import asyncio
import logging

from adapters.signal.client import ServiceProblem, SignalClient

log = logging.getLogger(__name__)


class Backoff:
    def __init__(self, initial: float, maximum: float) -> None:
        self.initial, self.maximum = initial, maximum
        self.next = initial

    def reset(self) -> None:
        self.next = self.initial

    async def wait(self) -> None:
        delay, self.next = self.next, min(self.maximum, self.next * 2)
        await asyncio.sleep(delay)


class FrameReader:
    def __init__(self, client: SignalClient, frames: asyncio.Queue[str], *,
                 backoff: Backoff) -> None:
        self._client = client
        self._frames = frames
        self._backoff = backoff

    async def run(self) -> None:
        while True:
            try:
                await self._client.check_service()
                async for frame in self._client.receive():
                    self._backoff.reset()
                    await self._frames.put(frame)
                log.info("signal: receive socket closed by the service")
            except asyncio.CancelledError:
                raise
            except ServiceProblem as exc:
                log.error("signal: %s", exc)
            except Exception as exc:  # noqa: BLE001 - any failure: reconnect
                log.warning("signal: receive socket failed (%s), reconnecting",
                            type(exc).__name__)
            await self._backoff.wait()
