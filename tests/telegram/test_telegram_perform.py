"""Actions become Bot API calls; Telegram's refusals become the adapter
contract's exceptions. Real python-telegram-bot against the local server."""
from __future__ import annotations

import pytest

from adapters.base import CannotReachPerson, PermanentFailure, RetryLater
from bot.actions import Button, EditMessage, Named, SendDirect, SendFile, SendToChat
from bot.events import ButtonPressed, IncomingMessage

from .conftest import eventually
from .fixtures import GROUP_ID, JO_ID, MARIA_ID, ROSA_ID, button_press, fixture, text_message, user

I_CAN_HELP = (Button(label="I can help", data="claim:1"),)


def announcement(**changes) -> SendToChat:
    fields = dict(platform="telegram", chat_id=str(GROUP_ID), text="📋 #1 groceries · Tue Dec 8", buttons=I_CAN_HELP)
    fields.update(changes)
    return SendToChat(**fields)


async def test_pace_is_telegrams_limits(adapter):
    assert adapter.pace.per_group_per_minute == 20
    assert adapter.pace.per_direct_per_second == 1
    assert adapter.pace.overall_per_second == 30


async def test_buttons_render_as_an_inline_keyboard(api, adapter):
    message_id = await adapter.perform(announcement(reply_to="41"))
    [sent] = api.sent
    assert message_id == str(sent.message_id)
    assert sent.chat_id == GROUP_ID
    assert sent.text == "📋 #1 groceries · Tue Dec 8"
    assert sent.reply_markup == {"inline_keyboard": [[{"text": "I can help", "callback_data": "claim:1"}]]}
    assert sent.reply_to == 41
    assert api.calls_of("sendMessage")[0].params["reply_parameters"]["allow_sending_without_reply"] is True


async def test_returned_id_is_the_one_replies_and_buttons_point_at(api, adapter, recorder):
    message_id = await adapter.perform(announcement())
    bot_message = api.message_json(api.sent[0])
    await adapter.start(recorder)
    await api.push_update(button_press(user("jo"), bot_message, "claim:1", "q1"))
    await api.push_update(text_message(user("maria"), "I can do it", message_id=90, reply_to=bot_message))
    pressed, reply = await recorder.wait_for(2)
    assert isinstance(pressed, ButtonPressed) and pressed.message_id == message_id
    assert isinstance(reply, IncomingMessage) and reply.reply_to == message_id


async def test_edit_replaces_text_and_drops_the_button(api, adapter):
    message_id = await adapter.perform(announcement())
    result = await adapter.perform(
        EditMessage(platform="telegram", chat_id=str(GROUP_ID), message_id=message_id, text="📋 #1 groceries · taken")
    )
    assert result is None
    [sent] = api.sent
    assert sent.edits == ["📋 #1 groceries · taken"]
    assert sent.reply_markup is None


async def test_edit_that_changes_nothing_is_a_success(api, adapter):
    message_id = await adapter.perform(announcement())
    same = EditMessage(
        platform="telegram", chat_id=str(GROUP_ID), message_id=message_id, text="📋 #1 groceries · Tue Dec 8", buttons=I_CAN_HELP
    )
    assert await adapter.perform(same) is None
    assert api.calls_of("editMessageText")[0].outcome == "error 400"  # Telegram did refuse it


async def test_impossible_edit_is_a_permanent_failure(api, adapter, caplog):
    with pytest.raises(PermanentFailure):
        await adapter.perform(EditMessage(platform="telegram", chat_id=str(GROUP_ID), message_id="999", text="secret text"))
    assert "message to edit not found" in caplog.text.lower()
    assert "secret text" not in caplog.text  # causes are logged, never texts


async def test_flood_control_becomes_retry_later_with_telegrams_seconds(api, adapter):
    api.fail_next(1, kind="429", retry_after=7, methods={"sendMessage"})
    with pytest.raises(RetryLater) as raised:
        await adapter.perform(announcement())
    assert raised.value.seconds == 7
    assert api.sent == []
    await adapter.perform(announcement())
    assert len(api.sent) == 1


async def test_dropped_connection_is_retry_later_and_nothing_doubles(api, adapter):
    api.fail_next(2, kind="drop", methods={"sendMessage"})
    for _ in range(2):
        with pytest.raises(RetryLater) as raised:
            await adapter.perform(announcement())
        assert 0 < raised.value.seconds <= 5
    await adapter.perform(announcement())
    assert [c.outcome for c in api.calls_of("sendMessage")] == ["dropped", "dropped", "ok"]
    assert len(api.sent) == 1


async def test_person_who_never_pressed_start_cannot_be_reached(api, adapter):
    api.not_started.add(JO_ID)
    with pytest.raises(CannotReachPerson) as raised:
        await adapter.perform(SendDirect(platform="telegram", user_id=str(JO_ID), text="details of #1"))
    assert raised.value.start_link == "https://t.me/mutualaid_bot?start={token}"
    assert "initiate conversation" in str(raised.value)
    with pytest.raises(CannotReachPerson):
        await adapter.perform(
            SendFile(platform="telegram", chat_id=None, user_id=str(JO_ID), filename="mine.csv", content=b"a,b\n")
        )
    assert api.sent == []

    api.not_started.discard(JO_ID)  # they pressed Start
    message_id = await adapter.perform(SendDirect(platform="telegram", user_id=str(JO_ID), text="details of #1"))
    assert api.sent_to(JO_ID)[0].message_id == int(message_id)


async def test_a_group_refusal_is_permanent_not_unreachable(api, adapter):
    api.not_started.add(MARIA_ID)  # a 403 for a chat the engine thinks is a group chat
    with pytest.raises(PermanentFailure):
        await adapter.perform(SendToChat(platform="telegram", chat_id=str(MARIA_ID), text="hello"))


async def test_files_go_as_documents_or_photos(api, adapter):
    csv = b"number,status\n1,open\n"
    png = b"\x89PNG\r\n\x1a\nfake"
    doc_id = await adapter.perform(
        SendFile(platform="telegram", chat_id=str(GROUP_ID), user_id=None, filename="items.csv", content=csv, caption="export")
    )
    photo_id = await adapter.perform(
        SendFile(platform="telegram", chat_id=None, user_id=str(JO_ID), filename="chart.png", content=png, is_image=True)
    )
    document, photo = api.sent
    assert (document.method, document.chat_id, str(document.message_id)) == ("sendDocument", GROUP_ID, doc_id)
    assert document.file == {"filename": "items.csv", "content": csv}
    assert document.text == "export"
    assert (photo.method, photo.chat_id, str(photo.message_id)) == ("sendPhoto", JO_ID, photo_id)
    assert photo.file["content"] == png


async def test_command_menu_is_set_once_per_language(api, adapter):
    await adapter.set_commands(
        {
            "en": [("need", "Ask for help"), ("claim", "Take an item")],
            "es": [("need", "Pedir ayuda"), ("claim", "Tomar un pedido")],
        }
    )
    english, spanish = api.calls_of("setMyCommands")
    assert "language_code" not in english.params  # the default menu
    assert english.params["commands"] == [
        {"command": "need", "description": "Ask for help"},
        {"command": "claim", "description": "Take an item"},
    ]
    assert spanish.params["language_code"] == "es"
    assert spanish.params["commands"][0] == {"command": "need", "description": "Pedir ayuda"}


async def test_handles_without_username_are_sent_as_text_mentions(api, adapter, recorder):
    # linked by the user id the engine names, not by the name (test_telegram_mentions.py)
    await adapter.start(recorder)
    await adapter.perform(SendToChat(platform="telegram", chat_id=str(GROUP_ID), text="🙌 #1 → @Rosa, thanks @jo_helps",
                                     mentions=(Named("Rosa", str(ROSA_ID)),)))
    [sent] = api.sent
    # "🙌" is two UTF-16 units, so "@Rosa" starts at unit 8, not 7
    assert sent.entities == [
        {"type": "text_mention", "offset": 8, "length": 5, "user": {"id": ROSA_ID, "is_bot": False, "first_name": "Rosa"}}
    ]


async def test_migrated_group_gets_the_message_at_its_new_id(api, adapter, monkeypatch):
    old_group = -4012345678
    original = api._accept_send

    def migrated(method, params, **kwargs):
        if int(params["chat_id"]) == old_group:
            from aiohttp import web

            return web.json_response(
                {"ok": False, "error_code": 400, "description": "Bad Request: group chat was upgraded to a supergroup chat",
                 "parameters": {"migrate_to_chat_id": GROUP_ID}},
                status=400,
            )
        return original(method, params, **kwargs)

    monkeypatch.setattr(api, "_accept_send", migrated)
    message_id = await adapter.perform(SendToChat(platform="telegram", chat_id=str(old_group), text="hello"))
    assert [m.chat_id for m in api.sent] == [GROUP_ID]
    assert message_id == str(api.sent[0].message_id)


async def test_the_servers_limit_count_sees_a_breach(api, adapter):
    # the check the conversation tests rely on must be able to fail
    await adapter.perform(SendDirect(platform="telegram", user_id=str(JO_ID), text="one"))
    await adapter.perform(SendDirect(platform="telegram", user_id=str(JO_ID), text="two"))
    assert api.limit_breaches() == [f"private chat {JO_ID}: 2 messages within a second"]


async def test_enforced_limits_answer_429(api, adapter):
    api.enforce_limits = True
    await adapter.perform(SendDirect(platform="telegram", user_id=str(JO_ID), text="one"))
    with pytest.raises(RetryLater) as raised:
        await adapter.perform(SendDirect(platform="telegram", user_id=str(JO_ID), text="two"))
    assert raised.value.seconds == 3
    assert api.limit_breaches() == []
