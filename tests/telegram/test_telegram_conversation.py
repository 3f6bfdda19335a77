"""The whole conversation through the Runtime: the engine, storage and outbox
sender driving the real Telegram adapter against the local Bot API server.

need -> claim by reply -> details by direct message; need -> claim by the
"I can help" button by someone who never pressed Start -> a t.me link in the
group -> ``/start TOKEN`` -> the details arrive; ``/done``. Once more with
the server answering 429s and dropping connections: nothing lost, nothing
sent twice, Telegram's limits never exceeded.
"""
from __future__ import annotations

import re
import time
from collections import Counter

import pytest

from .conftest import adapter_for, eventually
from .fake_bot_api import FakeBotApi
from .fixtures import (
    GROUP_ID,
    JO_ID,
    ROSA_ID,
    button_press,
    fixture,
    private_chat,
    text_message,
    user,
)

try:
    from bot.runtime import Runtime

    runtime_available = True
except Exception:  # not written yet, or not importable yet
    runtime_available = False

pytestmark = [
    pytest.mark.skipif(not runtime_available, reason="bot.runtime is not available yet"),
    pytest.mark.slow,
]

START_LINK = re.compile(r"https://t\.me/mutualaid_bot\?start=([A-Za-z0-9_-]+)")


class Conversation:
    def __init__(self, api: FakeBotApi, runtime) -> None:
        self.api = api
        self.runtime = runtime
        self._ids = iter(range(100, 10_000))

    async def say(self, who: dict, text: str, *, reply_to=None, direct: bool = False) -> None:
        chat = private_chat(who) if direct else None
        reply = self.api.message_json(reply_to) if reply_to is not None else None
        await self.api.push_update(
            text_message(who, text, message_id=next(self._ids), chat=chat, date=int(time.time()), reply_to=reply)
        )
        await self.settle()

    async def press(self, who: dict, bot_message, data: str) -> None:
        await self.api.push_update(button_press(who, self.api.message_json(bot_message), data, f"q{next(self._ids)}"))
        await self.settle()

    async def settle(self) -> None:
        # handed to the engine (the adapter acknowledged it), then all owed sent
        await eventually(lambda: not self.api.pending_updates, timeout=20)
        await self.runtime.drain_outbox(timeout=90)

    def group_messages(self):
        return [m for m in self.api.sent_to(GROUP_ID)]

    def announcement_of(self, number: int):
        found = [m for m in self.group_messages() if m.reply_markup and f"claim:{number}" in str(m.reply_markup)]
        assert found, f"no announcement with a claim button for #{number}"
        return found[-1]


@pytest.fixture
async def conversation(tmp_path):
    api = FakeBotApi()
    await api.start()
    adapter = adapter_for(api)
    runtime = Runtime(
        database_url=f"sqlite:///{tmp_path}/mutualaid.db",
        adapters=[adapter],
        default_zone="America/New_York",
        default_lang="en",
    )
    await runtime.start()
    try:
        yield Conversation(api, runtime)
    finally:
        await runtime.stop()
        await api.stop()


async def play_the_conversation(talk: Conversation) -> None:
    api = talk.api
    maria, jo, rosa = user("maria"), user("jo"), user("rosa")
    api.not_started.add(ROSA_ID)

    await api.push_update(fixture("update_my_chat_member"))
    await talk.settle()
    assert len(talk.group_messages()) == 1  # the introduction

    # a need, claimed by a reply
    await talk.say(maria, "need groceries Tuesday, 12 Elm St apt 3")
    first = talk.announcement_of(1)
    assert "#1" in first.text and "12 Elm" not in first.text
    await talk.say(jo, "I can do it", reply_to=first)
    assert first.edits and first.reply_markup is None  # taken: no more button
    to_jo = api.sent_to(JO_ID)
    assert any("#1" in (m.text or "") for m in to_jo)

    # a second need, claimed by the button by Rosa, who never pressed Start
    await talk.say(maria, "need a ride to the clinic Friday")
    second = talk.announcement_of(2)
    await talk.press(rosa, second, "claim:2")
    assert second.edits
    notices = [m for m in talk.group_messages() if m.text and START_LINK.search(m.text)]
    assert len(notices) == 1
    notice = notices[0]
    # Rosa has no @username: her handle is linked to her as a text_mention
    assert any(e["type"] == "text_mention" and e["user"]["id"] == ROSA_ID for e in notice.entities or [])
    assert api.sent_to(ROSA_ID) == []

    token = START_LINK.search(notice.text).group(1)
    api.not_started.discard(ROSA_ID)  # she pressed the link, then Start
    await talk.say(rosa, f"/start {token}", direct=True)
    assert any("#2" in (m.text or "") for m in api.sent_to(ROSA_ID))

    # done, with the bot's name on the command
    await talk.say(jo, "/done@mutualaid_bot 1")
    assert len(first.edits) >= 2


def assert_nothing_doubled_and_limits_kept(api: FakeBotApi) -> None:
    texts = Counter((m.chat_id, m.text) for m in api.sent)
    doubled = [key for key, count in texts.items() if count > 1]
    assert doubled == []
    assert api.limit_breaches() == []


async def test_the_whole_conversation(conversation):
    await play_the_conversation(conversation)
    assert_nothing_doubled_and_limits_kept(conversation.api)


async def test_the_runtime_publishes_the_command_menu_in_both_languages(conversation):
    menus = {call.params.get("language_code"): call.params["commands"]
             for call in conversation.api.calls_of("setMyCommands")}
    assert set(menus) == {None, "es"}
    assert "'claim'" in str(menus[None]) and "take item N" in str(menus[None])
    assert "'claim'" in str(menus["es"]) and "take item N" not in str(menus["es"])


async def test_the_conversation_survives_429s_and_dropped_connections(conversation):
    api = conversation.api
    sending = {"sendMessage", "editMessageText"}
    api.fail_next(1, kind="429", retry_after=1, methods=sending)
    api.fail_next(1, kind="drop", methods=sending)
    api.fail_next(1, kind="drop", methods={"getUpdates"})
    api.fail_next(1, kind="429", retry_after=2, methods=sending)
    api.fail_next(2, kind="drop", methods=sending)
    await play_the_conversation(conversation)
    faults = Counter(c.outcome for c in api.calls if c.method in sending)
    assert faults["error 429"] >= 2 and faults["dropped"] >= 3  # the faults did happen
    assert_nothing_doubled_and_limits_kept(api)
