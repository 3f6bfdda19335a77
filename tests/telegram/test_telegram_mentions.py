"""Names are data, not layout (issue 14, finding 6), on Telegram: a mention
is linked by the platform id the engine gives, never by a name that looks
the same. "Asked by @maria" was linked to another user whose first name is
"MARIA"."""
from __future__ import annotations

from bot.actions import Named, SendDirect, SendToChat

from .fixtures import GROUP_ID, MARIA_ID, ROSA_ID, text_message, user

MALLORY_ID = 555000555


async def test_a_first_name_that_looks_like_a_handle_is_never_linked(api, adapter, recorder):
    await adapter.start(recorder)
    mallory = {"id": MALLORY_ID, "is_bot": False, "first_name": "MARIA"}  # no @username
    await api.push_update(text_message(mallory, "hello", message_id=80))
    await recorder.wait_for(1)
    await adapter.perform(SendDirect(platform="telegram", user_id=str(user("jo")["id"]),
                                     text="You claimed #1.\nAsked by @maria."))
    [sent] = api.sent
    assert not any(e.get("user", {}).get("id") == MALLORY_ID for e in sent.entities or [])


async def test_mentions_are_linked_by_the_platform_id_the_engine_gives(api, adapter, recorder):
    await adapter.start(recorder)
    await adapter.perform(SendToChat(platform="telegram", chat_id=str(GROUP_ID),
                                     text="🙌 #1 → @Rosa, thanks @Rosa and @maria",
                                     mentions=(Named("Rosa", str(ROSA_ID)), Named("maria", str(MARIA_ID)))))
    [sent] = api.sent
    # "🙌" is two UTF-16 units, so "@Rosa" starts at unit 8, not 7
    assert [(e["offset"], e["length"], e["user"]["id"]) for e in sent.entities] == [
        (8, 5, ROSA_ID), (22, 5, ROSA_ID), (32, 6, MARIA_ID)]
    assert all(e["type"] == "text_mention" for e in sent.entities)
