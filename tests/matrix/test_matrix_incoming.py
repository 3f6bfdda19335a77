"""Matrix events from real nio clients -> the engine's events."""
from __future__ import annotations

from bot.events import BotAddedToChat, IncomingMessage, MessageEdited, ReactionAdded

from .members import wait_until


async def open_group(adapter, recorder, owner, invitees, name="Elm Street", encrypted=False, room_version=None):
    """``owner`` makes a room, invites the bot and ``invitees``; returns its
    id once the bot reported joining it and the invitees are in."""
    bot = adapter.config.user_id
    room_id = await owner.create_room(
        name, [bot] + [m.user_id for m in invitees], encrypted=encrypted, room_version=room_version
    )
    await recorder.wait_for(
        lambda e: isinstance(e, BotAddedToChat) and e.chat_id == room_id, what="BotAddedToChat"
    )
    for member in invitees:
        await owner.wait_joined(room_id, member.user_id)
    await owner.wait_joined(room_id, bot)
    return room_id


async def test_invite_from_allowed_server_is_joined_and_reported_once(make_adapter, recorder, members):
    adapter = await make_adapter(recorder)
    ana = members["ana"]
    room_id = await open_group(adapter, recorder, ana, [])
    added = recorder.in_chat(room_id, BotAddedToChat)
    assert len(added) == 1
    assert added[0].chat_title == "Elm Street"
    assert adapter.config.user_id in ana.client.rooms[room_id].users


async def test_invite_from_unlisted_user_is_declined(make_adapter, recorder, members):
    adapter = await make_adapter(recorder, allow_invites_from=["@ben:localhost"])
    ana = members["ana"]
    room_id = await ana.create_room("Not ours", [adapter.config.user_id])
    bot = adapter.config.user_id
    # The bot rejects: its invite turns into a leave, which ana's client sees.
    await wait_until(lambda: bot not in ana.client.rooms[room_id].users, what="invite declined")
    assert recorder.in_chat(room_id) == []


async def test_message_reply_reaction_and_edit_become_engine_events(make_adapter, recorder, members):
    adapter = await make_adapter(recorder)
    ana, ben = members["ana"], members["ben"]
    room_id = await open_group(adapter, recorder, ana, [ben])

    need = await ana.say(room_id, "need groceries tuesday")
    reply = await ben.say(room_id, "I can do it", reply_to=need)
    reaction = await ben.react(room_id, need, "👍️")  # Element adds U+FE0F
    edit = await ana.edit(room_id, need, "need groceries wednesday")
    command = await ben.say(room_id, "!mine")

    await recorder.wait_for(lambda e: getattr(e, "message_id", None) == command, what="last message")
    events = [e for e in recorder.in_chat(room_id) if not isinstance(e, BotAddedToChat)]
    assert [type(e).__name__ for e in events] == [
        "IncomingMessage", "IncomingMessage", "ReactionAdded", "MessageEdited", "IncomingMessage",
    ]
    first, answer, thumbs, edited, bang = events
    assert (first.message_id, first.text, first.direct) == (need, "need groceries tuesday", False)
    assert first.sender.user_id == ana.user_id and first.sender.handle == "ana"
    assert first.chat_title == "Elm Street"
    assert (answer.message_id, answer.reply_to, answer.text) == (reply, need, "I can do it")
    assert isinstance(thumbs, ReactionAdded)
    assert (thumbs.message_id, thumbs.emoji, thumbs.reaction_id) == (need, "👍", reaction)
    assert thumbs.sender.user_id == ben.user_id
    assert isinstance(edited, MessageEdited)
    assert (edited.message_id, edited.edit_id, edited.text) == (need, edit, "need groceries wednesday")
    assert bang.text == "!mine"
    # The edit event itself never arrives as a new message.
    assert all(e.message_id != edit for e in events if isinstance(e, IncomingMessage))


async def test_mentions_carry_user_ids_from_pills_and_typed_handles(make_adapter, recorder, members):
    adapter = await make_adapter(recorder)
    ana, ben, cy = members["ana"], members["ben"], members["cy"]
    room_id = await open_group(adapter, recorder, ana, [ben, cy])
    pill = await ana.say(
        room_id, "/assign 3 ben",
        format="org.matrix.custom.html",
        formatted_body='/assign 3 <a href="https://matrix.to/#/@ben:localhost">ben</a>',
        **{"m.mentions": {"user_ids": ["@ben:localhost"]}},
    )
    typed = await ana.say(room_id, "/assign 4 @cy")
    await recorder.wait_for(lambda e: getattr(e, "message_id", None) == typed)
    by_id = {e.message_id: e for e in recorder.in_chat(room_id, IncomingMessage)}
    assert [(m.user_id, m.handle) for m in by_id[pill].mentions] == [(ben.user_id, "ben")]
    assert [(m.text, m.user_id) for m in by_id[typed].mentions] == [("@cy", cy.user_id)]


async def test_power_level_50_and_v12_room_creator_are_admins(make_adapter, recorder, members):
    adapter = await make_adapter(recorder)
    ana, ben, cy = members["ana"], members["ben"], members["cy"]
    room_id = await open_group(adapter, recorder, ana, [ben, cy], room_version="12")
    levels = await ana.client.room_get_state_event(room_id, "m.room.power_levels")
    content = dict(levels.content)
    assert ana.user_id not in content.get("users", {}), "v12 creators are not in power_levels"
    content["users"] = {**content.get("users", {}), ben.user_id: 50}
    await ana.client.room_put_state(room_id, "m.room.power_levels", content)

    said = {name: await members[name].say(room_id, f"hello from {name}") for name in ("ana", "ben", "cy")}
    await recorder.wait_for(lambda e: getattr(e, "message_id", None) == said["cy"])
    admin = {e.message_id: e.sender.is_admin for e in recorder.in_chat(room_id, IncomingMessage)}
    assert admin[said["ana"]] is True   # creator of a version 12 room
    assert admin[said["ben"]] is True   # power level 50
    assert admin[said["cy"]] is False   # power level 0


async def test_room_a_member_opens_as_direct_chat_gives_direct_messages(make_adapter, recorder, members):
    adapter = await make_adapter(recorder)
    ana = members["ana"]
    room_id = await ana.create_room(None, [adapter.config.user_id], is_direct=True, encrypted=True)
    await ana.wait_joined(room_id, adapter.config.user_id)
    said = await ana.say(room_id, "need a ride to the clinic friday")
    message = await recorder.wait_for(lambda e: getattr(e, "message_id", None) == said)
    assert message.direct is True and message.chat_title is None
    assert message.text == "need a ride to the clinic friday"  # decrypted
    assert recorder.in_chat(room_id, BotAddedToChat) == []  # a direct chat is not a group


async def test_leave_kick_ban_and_demotion_reach_the_engine(make_adapter, recorder, members):
    # issue 14, finding 5: membership follows the platform
    from bot.events import AdminChanged, MemberLeft

    adapter = await make_adapter(recorder)
    ana, ben, cy = members["ana"], members["ben"], members["cy"]
    room_id = await open_group(adapter, recorder, ana, [ben, cy])
    levels = await ana.client.room_get_state_event(room_id, "m.room.power_levels")
    content = dict(levels.content)
    content["users"] = {**content.get("users", {}), ben.user_id: 50}
    await ana.client.room_put_state(room_id, "m.room.power_levels", content)
    await recorder.wait_for(lambda e: isinstance(e, AdminChanged) and e.is_admin, what="ben made admin")
    content["users"] = {k: v for k, v in content["users"].items() if k != ben.user_id}
    await ana.client.room_put_state(room_id, "m.room.power_levels", content)
    demoted = await recorder.wait_for(lambda e: isinstance(e, AdminChanged) and not e.is_admin, what="ben demoted")
    assert (demoted.chat_id, demoted.user_id) == (room_id, ben.user_id)

    await ana.client.room_kick(room_id, cy.user_id)
    kicked = await recorder.wait_for(lambda e: isinstance(e, MemberLeft), what="cy kicked")
    assert (kicked.chat_id, kicked.user_id) == (room_id, cy.user_id)
    await ana.client.room_ban(room_id, ben.user_id)
    await recorder.wait_for(lambda e: isinstance(e, MemberLeft) and e.user_id == ben.user_id, what="ben banned")
