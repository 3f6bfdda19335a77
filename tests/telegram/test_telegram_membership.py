"""Membership follows Telegram (issue 14, finding 5): leave, kick, ban and
demotion reach the engine as events, through the real python-telegram-bot
client polling the local Bot API server."""
from __future__ import annotations

from datetime import datetime, timezone

from bot.events import AdminChanged, IncomingMessage, MemberLeft

from .fixtures import GROUP_ID, JO_ID, fixture, text_message, user

T = 1796224160  # update_chat_member's date


def at(unix: int) -> datetime:
    return datetime.fromtimestamp(unix, timezone.utc)


_RESTRICTED = {"is_member": False, "until_date": 0, **{f"can_{right}": False for right in (
    "change_info", "invite_users", "pin_messages", "send_messages", "send_polls", "send_other_messages",
    "add_web_page_previews", "manage_topics", "send_audios", "send_documents", "send_photos", "send_videos",
    "send_video_notes", "send_voice_notes", "edit_tag", "react_to_messages")}}


def chat_member(old: str, new: str) -> dict:
    """update_chat_member with jo going from status ``old`` to ``new``, each
    with the fields the Bot API sends for that status."""
    update = fixture("update_chat_member")
    body = update["chat_member"]
    admin_fields = {k: v for k, v in body["new_chat_member"].items() if k not in ("user", "status")}
    extra = {"administrator": admin_fields, "kicked": {"until_date": 0}, "restricted": _RESTRICTED}
    for side, status in (("old_chat_member", old), ("new_chat_member", new)):
        body[side] = {"user": body[side]["user"], "status": status, **extra.get(status, {})}
    return update


async def test_a_promotion_and_a_demotion_become_admin_changed(api, adapter, recorder):
    await adapter.start(recorder)
    await api.push_update(fixture("update_chat_member"))  # jo made administrator
    demoted = chat_member("administrator", "member")
    demoted["update_id"] += 1
    await api.push_update(demoted)
    events = await recorder.wait_for(2)
    assert events == [
        AdminChanged(platform="telegram", chat_id=str(GROUP_ID), user_id=str(JO_ID), is_admin=True,
                     sent_at=at(T), handle="jo_helps"),
        AdminChanged(platform="telegram", chat_id=str(GROUP_ID), user_id=str(JO_ID), is_admin=False,
                     sent_at=at(T), handle="jo_helps"),
    ]


async def test_leaving_being_kicked_banned_or_restricted_out_become_member_left(api, adapter, recorder):
    await adapter.start(recorder)
    for n, (old, new) in enumerate([("member", "left"), ("administrator", "kicked"), ("member", "restricted")]):
        update = chat_member(old, new)
        update["update_id"] += n
        await api.push_update(update)
    events = await recorder.wait_for(3)
    left = MemberLeft(platform="telegram", chat_id=str(GROUP_ID), user_id=str(JO_ID), sent_at=at(T))
    assert events == [left, left, left]


async def test_a_left_chat_member_message_becomes_member_left(api, adapter, recorder):
    # small groups tell a leave as a service message too; the engine takes both alike
    await adapter.start(recorder)
    update = text_message(user("jo"), "", message_id=90)
    message = update["message"]
    del message["text"]
    message.pop("entities", None)
    message["left_chat_member"] = user("jo")
    await api.push_update(update)
    events = await recorder.wait_for(1)
    assert events == [MemberLeft(platform="telegram", chat_id=str(GROUP_ID), user_id=str(JO_ID),
                                 sent_at=at(1796223600))]


async def test_a_change_that_keeps_the_role_says_nothing(api, adapter, recorder):
    await adapter.start(recorder)
    same = chat_member("member", "member")
    await api.push_update(same)
    await api.push_update(text_message(user("jo"), "hello", message_id=91))
    events = await recorder.wait_for(1)
    assert [type(e) for e in events] == [IncomingMessage]


async def test_a_banned_member_can_no_longer_claim_by_direct_message(tmp_path):
    # the whole way: the local Bot API, the adapter, the runtime, the engine
    from .test_telegram_conversation import Conversation, runtime_available

    if not runtime_available:
        return
    from bot.runtime import Runtime

    from .conftest import adapter_for
    from .fake_bot_api import FakeBotApi

    api = FakeBotApi()
    await api.start()
    runtime = Runtime(database_url=f"sqlite:///{tmp_path}/mutualaid.db", adapters=[adapter_for(api)],
                      default_zone="America/New_York", default_lang="en")
    await runtime.start()
    try:
        talk = Conversation(api, runtime)
        await api.push_update(fixture("update_my_chat_member"))
        await talk.settle()
        await talk.say(user("jo"), "hello all")
        await talk.say(user("maria"), "need groceries Tuesday, 12 Elm St apt 3")
        banned = chat_member("member", "kicked")
        banned["update_id"] = 900000100
        await api.push_update(banned)
        await talk.settle()
        await talk.say(user("jo"), "I'll take #1", direct=True)
        said_to_jo = " ".join(m.text or "" for m in api.sent_to(JO_ID))
        assert "12 Elm" not in said_to_jo and "You claimed" not in said_to_jo
        assert not any(m.edits for m in talk.group_messages() if "#1" in (m.text or ""))
    finally:
        await runtime.stop()
        await api.stop()
