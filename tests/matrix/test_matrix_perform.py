"""perform(): what the engine asks for, seen by real member clients."""
from __future__ import annotations

import secrets

import pytest
from nio import MegolmEvent, RoomMessageFile, RoomMessageImage, RoomMessageNotice

from adapters.base import CannotReachPerson, RetryLater
from bot.actions import EditMessage, SendDirect, SendFile, SendToChat
from bot.events import IncomingMessage, ReactionAdded

from .members import register, wait_until
from .test_matrix_incoming import open_group


async def perform_until_done(adapter, action, attempts: int = 40):
    """Retry as the runtime's outbox would: honour RetryLater's wait."""
    import asyncio

    for _ in range(attempts):
        try:
            return await adapter.perform(action)
        except RetryLater as later:
            await asyncio.sleep(min(later.seconds, 1.0))
    raise AssertionError("action never succeeded")


@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
async def test_send_to_chat_reply_and_edit_reach_members(make_adapter, recorder, members, encrypted):
    adapter = await make_adapter(recorder)
    ana, ben = members["ana"], members["ben"]
    room_id = await open_group(adapter, recorder, ana, [ben], encrypted=encrypted)

    need = await ana.say(room_id, "need diapers size 3")
    if encrypted:  # the bot decrypts what members write
        seen = await recorder.wait_for(lambda e: getattr(e, "message_id", None) == need)
        assert seen.text == "need diapers size 3"
    announcement = await adapter.perform(SendToChat("matrix", room_id, "#1 diapers size 3", reply_to=need))
    assert announcement and announcement.startswith("$")

    shown = await ben.wait_seen(announcement)
    assert not isinstance(shown, MegolmEvent), "member could not decrypt the bot's message"
    assert isinstance(shown, RoomMessageNotice) and shown.body == "#1 diapers size 3"
    assert shown.source["content"]["m.relates_to"]["m.in_reply_to"]["event_id"] == need

    # The id perform returned is the one a reply or reaction points at.
    claim = await ben.say(room_id, "on it", reply_to=announcement)
    await ben.react(room_id, announcement, "🙋")
    reply = await recorder.wait_for(lambda e: getattr(e, "message_id", None) == claim)
    assert isinstance(reply, IncomingMessage) and reply.reply_to == announcement
    reaction = await recorder.wait_for(lambda e: isinstance(e, ReactionAdded) and e.message_id == announcement)
    assert reaction.emoji == "🙋"

    assert await adapter.perform(EditMessage("matrix", room_id, announcement, "#1 diapers size 3 (taken)")) is None
    edited = await wait_until(
        lambda: next((e for rid, e in ben.seen if rid == room_id and getattr(e, "source", {}).get("content", {}).get("m.relates_to", {}).get("rel_type") == "m.replace"), None),
        what="edit seen",
    )
    content = edited.source["content"]
    assert content["m.relates_to"]["event_id"] == announcement
    assert content["m.new_content"]["body"] == "#1 diapers size 3 (taken)"
    assert content["body"] == "* #1 diapers size 3 (taken)"


async def test_send_direct_opens_encrypted_room_waits_for_join_then_reuses_it(make_adapter, recorder, members):
    adapter = await make_adapter(recorder)
    cy = members["cy"]
    first = await perform_until_done(adapter, SendDirect("matrix", cy.user_id, "details: 12 Elm St"))
    shown = await cy.wait_seen(first)
    assert not isinstance(shown, MegolmEvent), "sent before cy joined: cy cannot read it"
    assert shown.body == "details: 12 Elm St"
    room_id = next(rid for rid, e in cy.seen if getattr(e, "event_id", None) == first)
    assert cy.client.rooms[room_id].encrypted

    second = await adapter.perform(SendDirect("matrix", cy.user_id, "and bring a bag"))
    shown = await cy.wait_seen(second)
    assert shown.body == "and bring a bag"
    assert next(rid for rid, e in cy.seen if getattr(e, "event_id", None) == second) == room_id

    # Their answer in that room is a direct message to the bot.
    answer = await cy.say(room_id, "thanks!")
    message = await recorder.wait_for(lambda e: getattr(e, "message_id", None) == answer)
    assert message.direct is True and message.chat_id == room_id


async def test_send_direct_to_someone_who_does_not_join_asks_to_retry_not_to_block(make_adapter, recorder, synapse):
    adapter = await make_adapter(recorder)
    adapter.direct_join_wait = 0.5
    # Someone new, with no direct room with the bot yet, who ignores invites.
    newcomer = await register(synapse.url, "new" + secrets.token_hex(4), "password123")
    with pytest.raises(RetryLater):
        await adapter.perform(SendDirect("matrix", newcomer, "hello"))
    # Still waiting: the same room is reused, no second invitation.
    rooms_before = set(adapter._facts.direct_rooms)
    with pytest.raises(RetryLater):
        await adapter.perform(SendDirect("matrix", newcomer, "hello"))
    assert set(adapter._facts.direct_rooms) == rooms_before


async def test_send_direct_to_unknown_user_cannot_reach_them(make_adapter, recorder):
    adapter = await make_adapter(recorder)
    with pytest.raises(CannotReachPerson):
        await adapter.perform(SendDirect("matrix", "@nobody:localhost", "hello"))


async def test_send_file_uploads_and_members_can_download_it(make_adapter, recorder, members):
    adapter = await make_adapter(recorder)
    ana, ben = members["ana"], members["ben"]
    room_id = await open_group(adapter, recorder, ana, [ben])
    data = b"number,item\n1,diapers\n"
    file_id = await adapter.perform(SendFile("matrix", room_id, None, "items.csv", data, caption="open items"))
    shown = await ben.wait_seen(file_id)
    assert isinstance(shown, RoomMessageFile)
    assert shown.source["content"]["filename"] == "items.csv"
    downloaded = await ben.client.download(shown.url)
    assert downloaded.body == data

    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 16
    image_id = await adapter.perform(SendFile("matrix", room_id, None, "chart.png", png, is_image=True))
    assert isinstance(await ben.wait_seen(image_id), RoomMessageImage)

    # To a person: an encrypted direct room, with the file encrypted too.
    dm_id = await perform_until_done(adapter, SendFile("matrix", None, ben.user_id, "mine.csv", data))
    shown = await ben.wait_seen(dm_id)
    assert not isinstance(shown, MegolmEvent)
    assert "file" in shown.source["content"] and "url" not in shown.source["content"]
