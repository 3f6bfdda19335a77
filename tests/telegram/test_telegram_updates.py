"""Each kind of Telegram update becomes the right event, through the real
python-telegram-bot client polling the local Bot API server."""
from __future__ import annotations

import asyncio
from datetime import datetime, timezone

from bot.events import (
    AdminChanged,
    BotAddedToChat,
    ButtonPressed,
    ChatMigrated,
    IncomingMessage,
    Mention,
    MessageEdited,
    ReactionAdded,
    Sender,
)

from .conftest import eventually
from .fixtures import (
    ANA_ID,
    GROUP_ID,
    JO_ID,
    MARIA_ID,
    OLD_GROUP_ID,
    ROSA_ID,
    fixture,
    group_chat,
    reaction,
    text_message,
    user,
)

T = 1796223600  # the fixtures' time: 2026-12-02 15:00 UTC


def at(unix: int) -> datetime:
    return datetime.fromtimestamp(unix, timezone.utc)


async def one_event(api, adapter, recorder, update: dict):
    await adapter.start(recorder)
    await api.push_update(update)
    events = await recorder.wait_for(1)
    return events[0]


async def test_group_message_becomes_incoming_message(api, adapter, recorder):
    event = await one_event(api, adapter, recorder, fixture("update_group_message"))
    assert event == IncomingMessage(
        platform="telegram",
        chat_id=str(GROUP_ID),
        message_id="41",
        sender=Sender(user_id=str(MARIA_ID), handle="maria_e", is_person=True, is_admin=False),
        text="need groceries Tuesday",
        sent_at=at(T),
        direct=False,
        chat_title="Eastside Mutual Aid",
        reply_to=None,
        mentions=(),
    )


async def test_reply_carries_the_replied_message_id(api, adapter, recorder):
    event = await one_event(api, adapter, recorder, fixture("update_reply"))
    assert isinstance(event, IncomingMessage)
    assert event.reply_to == "42"
    assert event.text == "I can do it"
    assert event.sender.handle == "jo_helps"


async def test_command_loses_its_bot_name(api, adapter, recorder):
    event = await one_event(api, adapter, recorder, fixture("update_command"))
    assert event.text == "/claim 3"


async def test_command_for_another_bot_is_not_handed_on(api, adapter, recorder):
    await adapter.start(recorder)
    other = text_message(user("jo"), "/help@weather_bot", message_id=60)
    mine = text_message(user("jo"), "/help", message_id=61)
    await api.push_update(other)
    await api.push_update(mine)
    events = await recorder.wait_for(1)
    await eventually(lambda: not api.pending_updates)  # both acknowledged
    assert [e.message_id for e in events] == ["61"]
    assert events[0].text == "/help"


async def test_private_start_with_token_is_a_direct_message(api, adapter, recorder):
    event = await one_event(api, adapter, recorder, fixture("update_private_message"))
    assert isinstance(event, IncomingMessage)
    assert event.direct is True
    assert event.chat_id == str(JO_ID)
    assert event.text == "/start a1B2c3D4"
    assert event.chat_title is None
    assert api.calls_of("getChatAdministrators") == []  # no admins in a private chat


async def test_button_press_becomes_button_pressed_and_is_answered(api, adapter, recorder):
    event = await one_event(api, adapter, recorder, fixture("update_callback_query"))
    assert isinstance(event, ButtonPressed)
    assert (event.chat_id, event.message_id, event.data) == (str(GROUP_ID), "42", "claim:1")
    assert event.sender.user_id == str(JO_ID)
    assert event.press_id == "4382bfdwdsb323b2d9"
    await eventually(lambda: api.calls_of("answerCallbackQuery"))
    assert api.calls_of("answerCallbackQuery")[0].params["callback_query_id"] == "4382bfdwdsb323b2d9"


async def test_thumbs_up_reaction_becomes_reaction_added(api, adapter, recorder):
    event = await one_event(api, adapter, recorder, fixture("update_message_reaction"))
    assert event == ReactionAdded(
        platform="telegram",
        chat_id=str(GROUP_ID),
        message_id="42",
        sender=Sender(user_id=str(JO_ID), handle="jo_helps"),
        emoji="👍",
        sent_at=at(T + 240),
        reaction_id=str(T + 240),
    )


async def test_only_newly_added_emoji_count(api, adapter, recorder):
    await adapter.start(recorder)
    await api.push_update(reaction(user("jo"), group_chat(), 42, "❤", old=("👍",)))
    removed = reaction(user("jo"), group_chat(), 42, "👍")
    removed["message_reaction"]["old_reaction"] = [{"type": "emoji", "emoji": "👍"}]
    removed["message_reaction"]["new_reaction"] = []
    await api.push_update(removed)
    await eventually(lambda: not api.pending_updates)
    await recorder.wait_for(1)
    assert [e.emoji for e in recorder.events] == ["❤"]


async def test_edit_becomes_message_edited_with_edit_date(api, adapter, recorder):
    event = await one_event(api, adapter, recorder, fixture("update_edited_message"))
    assert isinstance(event, MessageEdited)
    assert (event.message_id, event.text, event.edit_id) == ("41", "need groceries Wednesday", str(T + 300))
    assert event.sent_at == at(T + 300)


async def test_bot_added_to_group_is_told_once(api, adapter, recorder):
    await adapter.start(recorder)
    # Telegram sends both when someone adds the bot to a group
    await api.push_update(fixture("update_my_chat_member"))
    await api.push_update(fixture("update_new_chat_members"))
    await eventually(lambda: not api.pending_updates)
    await recorder.wait_for(1)
    assert recorder.events == [
        BotAddedToChat(platform="telegram", chat_id=str(GROUP_ID), sent_at=at(T - 600), chat_title="Eastside Mutual Aid")
    ]


async def test_new_chat_members_alone_announces_the_bot(api, adapter, recorder):
    event = await one_event(api, adapter, recorder, fixture("update_new_chat_members"))
    assert isinstance(event, BotAddedToChat)
    assert event.chat_id == str(GROUP_ID)


async def test_group_upgrade_becomes_chat_migrated_once(api, adapter, recorder):
    await adapter.start(recorder)
    await api.push_update(fixture("update_migrate_to_chat_id"))
    await api.push_update(fixture("update_migrate_from_chat_id"))  # the new chat's half
    await eventually(lambda: not api.pending_updates)
    await recorder.wait_for(1)
    assert recorder.events == [
        ChatMigrated(platform="telegram", old_chat_id=str(OLD_GROUP_ID), new_chat_id=str(GROUP_ID), sent_at=at(T - 3600))
    ]


async def test_anonymous_admin_is_no_person_but_an_admin(api, adapter, recorder):
    event = await one_event(api, adapter, recorder, fixture("update_anonymous_admin"))
    assert event.text == "/digest"
    assert event.sender.is_person is False
    assert event.sender.is_admin is True
    assert event.sender.user_id == str(GROUP_ID)


async def test_channel_posts_and_other_bots_are_no_persons(api, adapter, recorder):
    await adapter.start(recorder)
    await api.push_update(fixture("update_channel_post"))
    await api.push_update(fixture("update_other_bot"))
    events = await recorder.wait_for(2)
    assert [e.sender.is_person for e in events] == [False, False]
    assert events[0].sender.handle == "eastside_news"
    assert events[1].sender.user_id == "5000000005"


async def test_admins_come_from_get_chat_administrators_and_are_cached(api, adapter, recorder):
    api.admins[GROUP_ID] = [ANA_ID]
    await adapter.start(recorder)
    await api.push_update(text_message(user("ana"), "/stats", message_id=70))
    await api.push_update(text_message(user("jo"), "/stats", message_id=71))
    await api.push_update(text_message(user("ana"), "/open", message_id=72))
    events = await recorder.wait_for(3)
    assert [e.sender.is_admin for e in events] == [True, False, True]
    assert len(api.calls_of("getChatAdministrators")) == 1  # cached

    # jo is promoted: the chat_member update makes the adapter ask again
    api.admins[GROUP_ID] = [ANA_ID, JO_ID]
    await api.push_update(fixture("update_chat_member"))
    await api.push_update(text_message(user("jo"), "/stats", message_id=73))
    events = await recorder.wait_for(5)
    assert isinstance(events[3], AdminChanged) and events[3].is_admin is True  # the engine hears it at once
    assert events[4].sender.is_admin is True
    assert len(api.calls_of("getChatAdministrators")) == 2


async def test_mentions_carry_user_ids_where_telegram_gives_them(api, adapter, recorder):
    await adapter.start(recorder)
    await api.push_update(fixture("update_reply"))  # jo_helps is seen once
    await api.push_update(fixture("update_text_mention"))
    events = await recorder.wait_for(2)
    assert events[1].text == "/assign 1 Rosa @jo_helps"
    assert events[1].mentions == (
        Mention(text="Rosa", user_id=str(ROSA_ID), handle="Rosa"),
        Mention(text="@jo_helps", user_id=str(JO_ID), handle="jo_helps"),
    )


async def test_update_is_acknowledged_only_after_submit_returned(api, adapter):
    release = asyncio.Event()
    submitted = []

    async def slow_submit(event):
        await release.wait()
        submitted.append(event)

    await adapter.start(slow_submit)
    update_id = await api.push_update(fixture("update_group_message"))
    await eventually(lambda: any(c.params.get("offset") is None for c in api.calls_of("getUpdates")))
    await asyncio.sleep(0.2)  # let a wrong implementation poll on meanwhile
    assert all((c.params.get("offset") or 0) <= update_id for c in api.calls_of("getUpdates"))
    assert [u["update_id"] for u in api.pending_updates] == [update_id]

    release.set()
    await eventually(lambda: any(c.params.get("offset") == update_id + 1 for c in api.calls_of("getUpdates")))
    assert api.pending_updates == []
    assert len(submitted) == 1


async def test_failed_submit_gets_the_update_again(api, adapter, recorder, caplog):
    caplog.set_level("DEBUG", logger="adapters")
    recorder.failures_left = 2
    await adapter.start(recorder)
    first = await api.push_update(fixture("update_group_message"))
    await api.push_update(fixture("update_reply"))
    events = await recorder.wait_for(2, timeout=10)
    assert recorder.attempts == 4  # two failures, then each update once
    assert [e.message_id for e in events] == ["41", "43"]  # order kept, nothing lost
    # while it failed, the offset never passed the failing update
    # Telegram was asked from the first update again after each failure (no
    # offset had been acknowledged yet), and never told to skip past it
    offsets = [c.params.get("offset") for c in api.calls_of("getUpdates")]
    assert offsets.count(None) >= 3
    assert set(offsets) <= {None, first + 2}
    assert "submit of IncomingMessage failed" in caplog.text
    assert "groceries" not in caplog.text and "I can do it" not in caplog.text  # ids, never texts


async def test_admin_lookup_failure_retries_the_update(api, adapter, recorder):
    api.fail_next(1, kind="drop", methods={"getChatAdministrators"})
    event = await one_event(api, adapter, recorder, fixture("update_group_message"))
    assert event.message_id == "41"
    outcomes = [c.outcome for c in api.calls_of("getChatAdministrators")]
    assert outcomes == ["dropped", "ok"]


async def test_get_updates_errors_do_not_stop_polling(api, adapter, recorder):
    api.fail_next(1, kind="drop", methods={"getUpdates"})
    api.fail_next(1, kind="429", retry_after=1, methods={"getUpdates"})
    event = await one_event(api, adapter, recorder, fixture("update_group_message"))
    assert event.message_id == "41"


async def test_stop_acknowledges_what_was_handled(api, adapter, recorder):
    await adapter.start(recorder)
    await api.push_update(fixture("update_group_message"))
    await recorder.wait_for(1)
    await adapter.stop()
    assert api.pending_updates == []


async def test_admin_list_expires_and_survives_a_network_blip(api, adapter):
    from adapters.telegram.admins import AdminCache

    await adapter.bot.initialize()
    now = [0.0]
    cache = AdminCache(adapter.bot, ttl_seconds=300, clock=lambda: now[0])
    api.admins[GROUP_ID] = [ANA_ID]
    assert await cache.is_admin(GROUP_ID, ANA_ID)
    api.admins[GROUP_ID] = []  # ana steps down
    now[0] = 299.0
    assert await cache.is_admin(GROUP_ID, ANA_ID)  # still cached
    now[0] = 301.0
    assert not await cache.is_admin(GROUP_ID, ANA_ID)  # expired, asked again
    assert len(api.calls_of("getChatAdministrators")) == 2

    api.admins[GROUP_ID] = [JO_ID]
    api.fail_next(1, kind="drop", methods={"getChatAdministrators"})
    now[0] = 700.0
    assert not await cache.is_admin(GROUP_ID, JO_ID)  # Telegram unreachable: the stale list
    assert await cache.is_admin(GROUP_ID, JO_ID)  # next time it is asked again
