"""A whole conversation through the Runtime, over the local signal-cli-rest-api:
a need, a claim by quote, a claim by reaction, a need by direct message,
a coordinator's /assign with a mention, /done."""
from __future__ import annotations

import asyncio

import pytest

from adapters.signal import SignalAdapter
from signal_helpers import envelope
from signal_people import (
    ALICE_NUMBER, ALICE_UUID, BOB_NUMBER, BOB_UUID, BOT_NUMBER, BOT_UUID, CLEO_UUID, DAN_NUMBER,
    DAN_UUID, GROUP_ID,
)

try:
    from bot.runtime import Runtime
    runtime_available = True
except ImportError:  # the runtime is written separately
    runtime_available = False

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not runtime_available, reason="bot.runtime is not there yet")]

ALICE = (ALICE_UUID, ALICE_NUMBER, "Alice")
BOB = (BOB_UUID, BOB_NUMBER, "Bob")
CLEO = (CLEO_UUID, None, "Cleo")  # hides her number
DAN = (DAN_UUID, DAN_NUMBER, "Dan K")  # a group admin
_stamp = [1_718_820_000_000]


def said(person, text: str, *, group: bool = True, quote: int | None = None,
         mention=None) -> dict:
    _stamp[0] += 60_000
    frame = envelope("envelope_group_message.json", timestamp=_stamp[0], text=text)
    env = frame["envelope"]
    uuid, number, name = person
    env.update(source=number or uuid, sourceNumber=number, sourceUuid=uuid, sourceName=name)
    data = env["dataMessage"]
    if not group:
        del data["groupInfo"]
    if quote is not None:
        data["quote"] = {"id": quote, "author": BOT_NUMBER, "authorNumber": BOT_NUMBER,
                         "authorUuid": BOT_UUID, "text": "", "attachments": []}
    if mention is not None:
        m_uuid, m_number, _ = mention
        data["mentions"] = [{"name": m_number or m_uuid, "number": m_number, "uuid": m_uuid,
                             "start": text.index("\ufffc"), "length": 1}]
    return frame


def hand_raise(person, on: int) -> dict:
    _stamp[0] += 60_000
    frame = envelope("envelope_reaction.json", timestamp=_stamp[0])
    uuid, number, name = person
    frame["envelope"].update(source=number or uuid, sourceNumber=number, sourceUuid=uuid,
                             sourceName=name)
    frame["envelope"]["dataMessage"]["reaction"]["targetSentTimestamp"] = on
    return frame


async def until(condition, timeout: float = 10.0) -> None:
    async def wait() -> None:
        while not condition():
            await asyncio.sleep(0.02)
    await asyncio.wait_for(wait(), timeout)


async def test_need_claims_details_assign_done(tmp_path, config, service):
    adapter = SignalAdapter(config, reconnect_initial=0.05, reconnect_max=0.2)
    runtime = Runtime(database_url=f"sqlite:///{tmp_path / 'bot.db'}", adapters=[adapter],
                      default_zone="Europe/Berlin", default_lang="en")
    await runtime.start()
    try:
        await service.wait_for_client()

        async def step(frame: dict) -> list[dict]:
            before, handled = len(service.sends), len(adapter._handled)
            await service.push(frame)
            await until(lambda: len(adapter._handled) > handled)  # submitted and committed
            await runtime.drain_outbox()
            return service.sends[before:]

        def posts(sends, to):
            return [s for s in sends if s["recipients"] == [to] and "edit_timestamp" not in s]

        def edits_of(sends, stamp):
            return [s for s in sends if s.get("edit_timestamp") == stamp]

        # a need in the group: one announcement, nothing else
        sends = await step(said(ALICE, "need groceries tuesday"))
        [groceries] = posts(sends, GROUP_ID)
        assert len(sends) == 1 and "#1" in groceries["message"]

        # Bob claims by quoting it: the announcement is edited, Bob gets details by DM
        sends = await step(said(BOB, "I can do it", quote=groceries["timestamp"]))
        assert edits_of(sends, groceries["timestamp"])
        assert posts(sends, BOB_UUID)
        assert not posts(sends, GROUP_ID)

        # a second need; Cleo (number hidden) claims it with 🙋
        sends = await step(said(ALICE, "need a ride to the clinic friday 3pm"))
        [ride] = posts(sends, GROUP_ID)
        sends = await step(hand_raise(CLEO, ride["timestamp"]))
        assert edits_of(sends, ride["timestamp"])
        assert posts(sends, CLEO_UUID)  # reached by UUID

        # a need by direct message, with a private address: announced without it
        sends = await step(said(ALICE, "need diapers saturday, 12 Elm St apt 3", group=False))
        [diapers] = posts(sends, GROUP_ID)
        assert "12 Elm" not in diapers["message"]
        assert posts(sends, ALICE_UUID)  # "posted as #3 …"
        number = "#3" if "#3" in diapers["message"] else None
        assert number, diapers["message"]

        # a coordinator assigns it to Bob by mention: Bob is told by DM
        sends = await step(said(DAN, "/assign 3 \ufffc", mention=BOB))
        assert posts(sends, BOB_UUID)

        # Bob marks the groceries done: the announcement is edited
        sends = await step(said(BOB, "/done 1"))
        assert edits_of(sends, groceries["timestamp"])
    finally:
        await runtime.stop()
