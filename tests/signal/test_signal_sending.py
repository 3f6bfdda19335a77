"""perform(): actions become /v2/send calls; failures become the adapter's
exceptions. Run with signalbot's real SignalAPI against the local service."""
from __future__ import annotations

import base64
import time

import pytest

from adapters.base import CannotReachPerson, PermanentFailure, RetryLater
from adapters.signal import SignalAdapter
from bot.actions import Button, EditMessage, SendDirect, SendFile, SendToChat
from signal_helpers import envelope
from signal_people import ALICE_UUID, BOT_NUMBER, CLEO_UUID, GROUP_ID, NOBODY_UUID

NOW = time.time()


@pytest.fixture
async def sender(config):
    adapter = SignalAdapter(config, clock=lambda: NOW + 60)
    yield adapter
    await adapter._client.close()


async def test_group_post_returns_the_id_a_quote_of_it_carries(adapter, service, recorder):
    posted = await adapter.perform(SendToChat(
        platform="signal", chat_id=GROUP_ID, text="#1 groceries, Tuesday",
        buttons=(Button("I can help", "claim:1"),)))
    [sent] = service.sends
    assert sent["recipients"] == [GROUP_ID] and sent["number"] == BOT_NUMBER
    assert sent["message"] == "#1 groceries, Tuesday"  # buttons: Signal has none
    assert posted == f"bot:{sent['timestamp']}"

    # a member quotes that message: the quote names the bot's number and the timestamp
    frame = envelope("envelope_quote.json")
    frame["envelope"]["dataMessage"]["quote"]["id"] = sent["timestamp"]
    await service.push(frame)
    [reply] = await recorder.wait_for(1)
    assert reply.reply_to == posted


async def test_reply_to_quotes_the_message(sender, service):
    await sender.perform(SendToChat(platform="signal", chat_id=GROUP_ID, text="taken",
                                    reply_to="bot:1718816195000"))
    await sender.perform(SendToChat(platform="signal", chat_id=GROUP_ID, text="noted",
                                    reply_to=f"{ALICE_UUID}:1718816184062"))
    to_bot, to_alice = service.sends
    assert (to_bot["quote_author"], to_bot["quote_timestamp"]) == (BOT_NUMBER, 1718816195000)
    assert (to_alice["quote_author"], to_alice["quote_timestamp"]) == (ALICE_UUID, 1718816184062)


async def test_direct_message_to_a_member_known_only_by_uuid(sender, service):
    message_id = await sender.perform(SendDirect(platform="signal", user_id=CLEO_UUID,
                                                 text="Here are the details"))
    [sent] = service.sent_to(CLEO_UUID)
    assert sent["recipients"] == [CLEO_UUID]
    assert message_id == f"bot:{sent['timestamp']}"


async def test_edit_within_a_day_edits_in_place(sender, service):
    original = await sender.perform(SendToChat(platform="signal", chat_id=GROUP_ID, text="#1 open"))
    result = await sender.perform(EditMessage(platform="signal", chat_id=GROUP_ID,
                                              message_id=original, text="#1 taken"))
    assert result is None
    first, edit = service.sends
    assert edit["edit_timestamp"] == first["timestamp"]
    assert edit["message"] == "#1 taken" and edit["recipients"] == [GROUP_ID]
    assert "quote_timestamp" not in edit


async def test_edit_of_a_message_older_than_a_day_answers_it_instead(config, service):
    old_stamp = int((NOW - 2 * 86400) * 1000)
    adapter = SignalAdapter(config, clock=lambda: NOW)
    try:
        result = await adapter.perform(EditMessage(platform="signal", chat_id=GROUP_ID,
                                                   message_id=f"bot:{old_stamp}", text="#1 taken"))
    finally:
        await adapter._client.close()
    [sent] = service.sends
    assert "edit_timestamp" not in sent
    assert (sent["quote_author"], sent["quote_timestamp"]) == (BOT_NUMBER, old_stamp)
    assert result == f"bot:{sent['timestamp']}"


async def test_editing_someone_elses_message_is_impossible(sender, service):
    with pytest.raises(PermanentFailure):
        await sender.perform(EditMessage(platform="signal", chat_id=GROUP_ID,
                                         message_id=f"{ALICE_UUID}:1718816184062", text="x"))
    assert service.sends == []


async def test_file_goes_as_a_base64_attachment(sender, service):
    content = b"number,status\n1,done\n"
    message_id = await sender.perform(SendFile(platform="signal", chat_id=None, user_id=ALICE_UUID,
                                               filename="items.csv", content=content,
                                               caption="Your export"))
    [sent] = service.sends
    assert sent["recipients"] == [ALICE_UUID] and sent["message"] == "Your export"
    [attachment] = sent["base64_attachments"]
    header, data = attachment.split(",", 1)
    assert header == "data:text/csv;filename=items.csv;base64"
    assert base64.b64decode(data) == content
    assert message_id == f"bot:{sent['timestamp']}"


async def test_image_to_a_group(sender, service):
    await sender.perform(SendFile(platform="signal", chat_id=GROUP_ID, user_id=None,
                                  filename="report.png", content=b"\x89PNG....", is_image=True))
    [sent] = service.sends
    assert sent["base64_attachments"][0].startswith("data:image/png;filename=report.png;base64,")


async def test_the_single_object_answer_of_the_services_schema_works_too(sender, service):
    service.send_answer_shape = "object"
    message_id = await sender.perform(SendToChat(platform="signal", chat_id=GROUP_ID, text="hi"))
    assert message_id == f"bot:{service.sends[0]['timestamp']}"


async def test_someone_without_signal_cannot_be_reached(sender, service):
    with pytest.raises(CannotReachPerson) as caught:
        await sender.perform(SendDirect(platform="signal", user_id=NOBODY_UUID, text="details"))
    assert caught.value.start_link is None  # Signal has no start link
    assert NOBODY_UUID not in str(caught.value)


async def test_rate_limit_means_retry_later_after_the_given_time(sender, service):
    service.fail_next_send(429, "Failed to send message due to rate limiting", {"Retry-After": "42"})
    with pytest.raises(RetryLater) as caught:
        await sender.perform(SendToChat(platform="signal", chat_id=GROUP_ID, text="hi"))
    assert caught.value.seconds == 42


async def test_server_error_means_retry_later(sender, service):
    service.fail_next_send(500, "internal error")
    with pytest.raises(RetryLater):
        await sender.perform(SendToChat(platform="signal", chat_id=GROUP_ID, text="hi"))
    # and the next attempt goes through
    assert (await sender.perform(SendToChat(platform="signal", chat_id=GROUP_ID, text="hi"))).startswith("bot:")


async def test_service_down_means_retry_later(sender, service):
    await service.stop()
    with pytest.raises(RetryLater):
        await sender.perform(SendDirect(platform="signal", user_id=ALICE_UUID, text="hi"))


async def test_other_refusals_are_permanent(sender, service):
    with pytest.raises(PermanentFailure):  # a group the bot is not in
        await sender.perform(SendToChat(platform="signal", chat_id="group.bm90LWEtZ3JvdXA=", text="hi"))
    service.fail_next_send(400, "Failed to send message: Untrusted Identity for a recipient")
    with pytest.raises(PermanentFailure):
        await sender.perform(SendDirect(platform="signal", user_id=ALICE_UUID, text="hi"))
    with pytest.raises(PermanentFailure):  # not a Signal id at all: never sent
        await sender.perform(SendDirect(platform="signal", user_id="jo", text="hi"))
    assert service.sends == []
