"""The whole conversation through the Runtime (engine, storage, outbox
sender) driving the Matrix adapter against the real Synapse, in a plain and
in an encrypted room: a need, a claim by reply, a second need claimed by a
🙋 reaction, details by direct message, ``/done``."""
from __future__ import annotations

import asyncio
import time
from collections import Counter

import pytest
from nio import MegolmEvent

from .members import wait_until

try:
    from bot.runtime import Runtime

    runtime_available = True
except Exception:  # not written yet, or not importable yet
    runtime_available = False

pytestmark = pytest.mark.skipif(not runtime_available, reason="bot.runtime is not available yet")


def bot_messages(member, bot_id: str, room_id: str | None = None) -> list:
    return [
        (rid, e) for rid, e in member.seen
        if getattr(e, "sender", None) == bot_id and (room_id is None or rid == room_id)
    ]


def bodies(member, bot_id: str, room_id: str | None = None) -> list[str]:
    return [getattr(e, "body", "") for _, e in bot_messages(member, bot_id, room_id)]


def edits_of(member, room_id: str, event_id: str) -> list:
    return [
        e for rid, e in member.seen
        if rid == room_id and (e.source.get("content", {}).get("m.relates_to") or {}).get("rel_type") == "m.replace"
        and e.source["content"]["m.relates_to"].get("event_id") == event_id
    ]


@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
async def test_the_whole_conversation(make_adapter, recorder, members, tmp_path, encrypted):
    adapter = await make_adapter(None, wait=False, store="runtime-store")
    await adapter.stop()  # the runtime starts it, with its own submit
    runtime = Runtime(
        database_url=f"sqlite:///{tmp_path}/mutualaid.db",
        adapters=[adapter],
        default_zone="America/New_York",
        default_lang="en",
    )
    await runtime.start()
    try:
        await adapter.wait_until_synced(20)
        await play(runtime, adapter, members, encrypted)
    finally:
        await runtime.stop()


async def play(runtime, adapter, members, encrypted: bool) -> None:
    bot = adapter.config.user_id
    ana, ben, cy = members["ana"], members["ben"], members["cy"]

    async def settle() -> None:
        await asyncio.sleep(0.3)  # let the bot's sync bring the member's event
        await runtime.drain_outbox(timeout=30)

    started_ms = int(time.time() * 1000)
    room_id = await ana.create_room("Eastside", [bot, ben.user_id, cy.user_id], encrypted=encrypted)
    await wait_until(lambda: bot_messages(ana, bot, room_id), timeout=20, what="the introduction")

    # a need, claimed by a reply
    await ana.say(room_id, "need groceries Tuesday, 12 Elm St apt 3")
    first = await wait_until(
        lambda: next((e for _, e in bot_messages(ana, bot, room_id) if "#1" in getattr(e, "body", "")), None),
        timeout=20, what="announcement #1",
    )
    assert not isinstance(first, MegolmEvent)
    assert "12 Elm" not in first.body
    await ben.say(room_id, "I can do it", reply_to=first.event_id)
    await settle()
    await wait_until(lambda: edits_of(ben, room_id, first.event_id), timeout=20, what="#1 edited as taken")
    await wait_until(
        lambda: any("#1" in b for rid, e in bot_messages(ben, bot) if rid != room_id for b in [getattr(e, "body", "")]),
        timeout=20, what="details of #1 by direct message",
    )

    # a second need, claimed by a reaction
    await ana.say(room_id, "need a ride to the clinic Friday")
    second = await wait_until(
        lambda: next((e for _, e in bot_messages(ana, bot, room_id) if "#2" in getattr(e, "body", "")
                      and "#1" not in getattr(e, "body", "")), None),
        timeout=20, what="announcement #2",
    )
    await cy.react(room_id, second.event_id, "🙋")
    await settle()
    await wait_until(
        lambda: any("#2" in getattr(e, "body", "") for rid, e in bot_messages(cy, bot) if rid != room_id),
        timeout=20, what="details of #2 by direct message",
    )

    # done
    edits_before = len(edits_of(ana, room_id, first.event_id))
    await ben.say(room_id, "/done 1")
    await settle()
    await wait_until(lambda: len(edits_of(ana, room_id, first.event_id)) > edits_before, timeout=20, what="#1 done")

    # nothing the bot said was unreadable or said twice
    # (members' new devices cannot read earlier tests' history: only this test's)
    for member in (ana, ben, cy):
        unreadable = [e for _, e in bot_messages(member, bot) if isinstance(e, MegolmEvent)
                      and e.server_timestamp >= started_ms]
        assert unreadable == []
    said = Counter((rid, getattr(e, "body", "")) for rid, e in bot_messages(ana, bot, room_id))
    assert [key for key, n in said.items() if n > 1] == []
