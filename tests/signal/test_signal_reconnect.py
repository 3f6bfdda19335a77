"""The websocket drops, the service restarts: nothing lost, nothing twice.

signal-cli-rest-api keeps no messages for a client that is away (its
json-rpc receive loop hands a message only to the sockets connected at that
moment); the local service queues them so that the reconnect itself is what
is tested here.
"""
from __future__ import annotations

import asyncio

from adapters.signal import SignalAdapter
from adapters.signal.config import SignalConfig
from signal_fake_service import FakeSignalService
from signal_helpers import envelope
from signal_people import ALICE_UUID, BOB_UUID, BOT_NUMBER


def group_message(stamp: int, text: str) -> dict:
    return envelope("envelope_group_message.json", timestamp=stamp, text=text)


async def reconnected(service, opened_before: int, timeout: float = 5.0) -> None:
    async def wait() -> None:
        while service.connections_opened <= opened_before:
            await asyncio.sleep(0.02)
    await asyncio.wait_for(wait(), timeout)


async def test_cut_and_restart_lose_nothing_and_repeat_nothing(adapter, service, recorder):
    await service.push(group_message(1718816301000, "one"))
    await recorder.wait_for(1)

    # the socket is cut mid-conversation; what comes meanwhile waits
    opened = service.connections_opened
    await service.cut()
    await service.push(group_message(1718816302000, "two"))
    await service.push(group_message(1718816301000, "one"))  # delivered again
    await reconnected(service, opened)
    await recorder.wait_for(2)

    # the whole service restarts on the same port
    opened = service.connections_opened
    await service.stop()
    await service.push(group_message(1718816303000, "three"))
    await service.push(envelope("envelope_direct.json"))
    await service.push(group_message(1718816302000, "two"))  # delivered again
    await service.start()
    await reconnected(service, opened)
    await recorder.wait_for(4)

    events = await recorder.settle()
    assert [(e.message_id, e.text) for e in events] == [
        (f"{ALICE_UUID}:1718816301000", "one"),
        (f"{ALICE_UUID}:1718816302000", "two"),
        (f"{ALICE_UUID}:1718816303000", "three"),
        (f"{BOB_UUID}:1718816190000", "I can drive on Tuesday"),
    ]
    assert service.pending == []


async def test_adapter_started_before_the_service_connects_when_it_comes(recorder):
    service = FakeSignalService(BOT_NUMBER)
    config = SignalConfig(api_url=service.api_url, number=BOT_NUMBER)
    adapter = SignalAdapter(config, reconnect_initial=0.05, reconnect_max=0.2)
    await adapter.start(recorder)  # nothing listens yet: start still returns
    try:
        await service.push(group_message(1718816304000, "hello"))
        await service.start()
        await service.wait_for_client()
        await recorder.wait_for(1)
        [event] = await recorder.settle()  # an old group: no introduction
        assert event.text == "hello"
        assert event.chat_title == "Elm Street Helpers"  # the listing came late but came
    finally:
        await adapter.stop()
        await service.stop()
