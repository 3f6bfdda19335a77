"""Envelopes from the local signal-cli-rest-api become the right events."""
from __future__ import annotations

from datetime import datetime, timezone

from bot.events import BotAddedToChat, IncomingMessage, Mention, MessageEdited, ReactionAdded
from signal_fake_service import fixture
from signal_helpers import envelope
from signal_people import (
    ALICE_UUID, BOB_NUMBER, BOB_UUID, CLEO_UUID, DAN_UUID, GROUP_ID, NEW_GROUP_ID,
)


async def test_group_message_becomes_incoming_message(adapter, service, recorder):
    await service.push(envelope("envelope_group_message.json"))
    [event] = await recorder.wait_for(1)
    assert event == IncomingMessage(
        platform="signal", chat_id=GROUP_ID, message_id=f"{ALICE_UUID}:1718816184062",
        sender=event.sender, text="need groceries tuesday",
        sent_at=datetime(2024, 6, 19, 16, 56, 24, 62000, tzinfo=timezone.utc),
        direct=False, chat_title="Elm Street Helpers", reply_to=None, mentions=(),
    )
    assert (event.sender.user_id, event.sender.handle) == (ALICE_UUID, "Alice")
    assert event.sender.is_person and not event.sender.is_admin


async def test_direct_message_is_direct_in_the_senders_chat(adapter, service, recorder):
    await service.push(envelope("envelope_direct.json"))
    [event] = await recorder.wait_for(1)
    assert isinstance(event, IncomingMessage)
    assert event.direct is True
    assert event.chat_id == BOB_UUID == event.sender.user_id
    assert event.message_id == f"{BOB_UUID}:1718816190000"
    assert event.chat_title is None


async def test_quote_of_a_bot_message_replies_to_the_bots_id(adapter, service, recorder):
    await service.push(envelope("envelope_quote.json"))
    [event] = await recorder.wait_for(1)
    assert event.reply_to == "bot:1718816195000"
    assert event.text == "I can do it"


async def test_quote_of_a_members_message_replies_to_that_message(adapter, service, recorder):
    await service.push(envelope("envelope_group_message.json"))
    await service.push(envelope("envelope_quote_member.json"))
    original, reply = await recorder.wait_for(2)
    assert reply.reply_to == original.message_id == f"{ALICE_UUID}:1718816184062"


async def test_hand_raise_reaction_on_a_bot_message(adapter, service, recorder):
    await service.push(envelope("envelope_reaction.json"))
    [event] = await recorder.wait_for(1)
    assert isinstance(event, ReactionAdded)
    assert event.chat_id == GROUP_ID
    assert event.message_id == "bot:1718816195000"
    assert event.emoji == "🙋"
    assert event.sender.user_id == CLEO_UUID


async def test_thumbs_up_in_any_skin_tone_counts_and_other_reactions_do_not(adapter, service, recorder):
    def reaction(stamp: int, emoji: str, remove: bool = False) -> dict:
        frame = envelope("envelope_reaction.json", timestamp=stamp)
        frame["envelope"]["dataMessage"]["reaction"].update(emoji=emoji, isRemove=remove)
        return frame

    await service.push(reaction(1718816300001, "❤️"))
    await service.push(reaction(1718816300002, "🙋", remove=True))
    await service.push(reaction(1718816300003, "👍🏽"))
    await service.push(reaction(1718816300004, "🙋\u200d♀️"))
    events = await recorder.settle()
    assert [(e.emoji, e.sent_at.timestamp()) for e in events] == [
        ("👍", 1718816300.003), ("🙋", 1718816300.004)]


async def test_edit_becomes_message_edited_of_the_original(adapter, service, recorder):
    await service.push(envelope("envelope_edit.json"))
    [event] = await recorder.wait_for(1)
    assert isinstance(event, MessageEdited)
    assert event.message_id == f"{ALICE_UUID}:1718816184062"
    assert event.edit_id == "1718816220000"
    assert event.text == "need groceries wednesday"
    assert event.chat_id == GROUP_ID and event.direct is False


async def test_typing_notices_and_receipts_are_ignored(adapter, service, recorder):
    await service.push(envelope("envelope_typing.json"))
    await service.push(envelope("envelope_receipt.json"))
    await service.push(envelope("envelope_direct.json"))
    events = await recorder.settle()
    assert [e.message_id for e in events] == [f"{BOB_UUID}:1718816190000"]


async def test_member_with_hidden_number_is_known_by_uuid(adapter, service, recorder):
    await service.push(envelope("envelope_hidden_number.json"))
    [event] = await recorder.wait_for(1)
    assert event.sender.user_id == CLEO_UUID
    assert event.message_id == f"{CLEO_UUID}:1718816250000"
    assert event.sender.handle == "Cleo"
    # the group lists her as admin by UUID only
    assert event.sender.is_admin is True


async def test_handle_falls_back_to_a_short_uuid_never_the_number(adapter, service, recorder):
    frame = envelope("envelope_direct.json")
    del frame["envelope"]["sourceName"]
    await service.push(frame)
    [event] = await recorder.wait_for(1)
    assert event.sender.handle == BOB_UUID[:8]


async def test_admins_come_from_the_group_listing_and_are_cached(adapter, service, recorder):
    await service.push(envelope("envelope_group_message.json"))  # Alice: member
    await service.push(envelope("envelope_mention.json"))  # Dan: admin, listed by number
    await service.push(envelope("envelope_hidden_number.json"))  # Cleo: admin by UUID
    alice, dan, cleo = await recorder.wait_for(3)
    assert (alice.sender.is_admin, dan.sender.is_admin, cleo.sender.is_admin) == (False, True, True)
    listings = [p for m, p in service.requests if p.startswith("/v1/groups/")]
    assert len(listings) == 1  # the start-up listing served all three


async def test_mention_becomes_at_handle_with_the_user_id(adapter, service, recorder):
    await service.push(envelope("envelope_direct.json"))  # the bot learns Bob's profile name
    await service.push(envelope("envelope_mention.json"))
    _, assign = await recorder.wait_for(2)
    assert assign.text == "/assign 1 @Bob"
    assert assign.mentions == (Mention(text="@Bob", user_id=BOB_UUID, handle="Bob"),)
    assert assign.sender.user_id == DAN_UUID
    assert assign.sender.handle == "Dan K"


async def test_mention_of_someone_unseen_uses_a_short_uuid(adapter, service, recorder):
    await service.push(envelope("envelope_mention.json"))
    [assign] = await recorder.wait_for(1)
    assert BOB_NUMBER not in assign.text
    assert assign.text == f"/assign 1 @{BOB_UUID[:8]}"
    assert assign.mentions[0].user_id == BOB_UUID


async def test_mention_offsets_count_utf16_units(adapter, service, recorder):
    frame = envelope("envelope_mention.json")
    data = frame["envelope"]["dataMessage"]
    data["message"] = "🙏 thanks \ufffc!"  # 🙏 is two UTF-16 units
    data["mentions"][0]["start"] = 10
    await service.push(frame)
    [event] = await recorder.wait_for(1)
    assert event.text == f"🙏 thanks @{BOB_UUID[:8]}!"


async def test_same_author_and_timestamp_is_submitted_once(adapter, service, recorder):
    await service.push(envelope("envelope_group_message.json"))
    await service.push(envelope("envelope_group_message.json"))
    await service.push(envelope("envelope_direct.json"))
    await service.push(envelope("envelope_group_message.json"))
    events = await recorder.settle()
    assert [e.message_id for e in events] == [
        f"{ALICE_UUID}:1718816184062", f"{BOB_UUID}:1718816190000"]


async def test_a_failing_submit_is_retried_not_dropped(adapter, service, recorder):
    recorder.failures_left = 2
    await service.push(envelope("envelope_group_message.json"))
    await service.push(envelope("envelope_direct.json"))
    first, second = await recorder.wait_for(2)
    assert recorder.attempts == 4  # two failures, then each event once
    assert first.message_id == f"{ALICE_UUID}:1718816184062"
    assert second.message_id == f"{BOB_UUID}:1718816190000"
    assert len(await recorder.settle()) == 2


async def test_being_added_to_a_group_gives_bot_added_to_chat_once(adapter, service, recorder):
    service.add_group(fixture("group_added.json"))  # signal-cli has stored the group
    await service.push(envelope("envelope_group_update.json"))
    await service.push(envelope("envelope_group_update.json", timestamp=1718816280000))
    [added] = await recorder.settle()
    assert added == BotAddedToChat(
        platform="signal", chat_id=NEW_GROUP_ID,
        sent_at=datetime.fromtimestamp(1718816270, tz=timezone.utc), chat_title="Oak Lane Pantry")


async def test_first_message_from_an_unknown_group_introduces_the_bot_first(adapter, service, recorder):
    service.add_group(fixture("group_added.json"))
    frame = envelope("envelope_group_message.json")
    frame["envelope"]["dataMessage"]["groupInfo"]["groupId"] = fixture("group_added.json")["internal_id"]
    await service.push(frame)
    await service.push(envelope("envelope_group_message.json", timestamp=1718816290000))
    added, message, elsewhere = await recorder.settle()
    assert isinstance(added, BotAddedToChat) and added.chat_id == NEW_GROUP_ID
    assert isinstance(message, IncomingMessage) and message.chat_id == NEW_GROUP_ID
    assert message.sender.is_admin is True  # Alice is admin of the new group
    assert message.chat_title == "Oak Lane Pantry"
    # a group the bot was in when it started is not announced
    assert isinstance(elsewhere, IncomingMessage) and elsewhere.chat_id == GROUP_ID


async def test_a_group_change_in_a_known_group_gives_nothing(adapter, service, recorder):
    frame = envelope("envelope_group_update.json")
    frame["envelope"]["dataMessage"]["groupInfo"]["groupId"] = fixture("groups.json")[0]["internal_id"]
    await service.push(frame)
    await service.push(envelope("envelope_direct.json"))
    events = await recorder.settle()
    assert [type(e).__name__ for e in events] == ["IncomingMessage"]
