"""Membership follows Signal (issue 14, finding 5). signal-cli-rest-api
reports a group change only as a ``groupInfo.type == "UPDATE"`` envelope
without saying what changed; the adapter reads the group listing again and
tells the engine who left or was removed, and whose admin rights went."""
from __future__ import annotations

from datetime import datetime, timezone

from bot.events import AdminChanged, IncomingMessage, MemberLeft
from signal_helpers import envelope
from signal_people import ALICE_NUMBER, ALICE_UUID, DAN_NUMBER, GROUP_ID, GROUP_INTERNAL_ID

AT = datetime.fromtimestamp(1718816270, tz=timezone.utc)


def update_of_the_group() -> dict:
    frame = envelope("envelope_group_update.json")
    frame["envelope"]["dataMessage"]["groupInfo"]["groupId"] = GROUP_INTERNAL_ID
    return frame


async def test_a_removed_member_and_a_demoted_admin_reach_the_engine(adapter, service, recorder):
    await service.push(envelope("envelope_group_message.json"))  # Alice writes: known by her UUID
    [message] = await recorder.wait_for(1)
    assert isinstance(message, IncomingMessage) and message.sender.user_id == ALICE_UUID
    group = service.groups[0]
    group["members"] = [m for m in group["members"] if m != ALICE_NUMBER]  # the listing names her by number
    group["admins"] = [a for a in group["admins"] if a != DAN_NUMBER]
    await service.push(update_of_the_group())
    events = await recorder.settle()
    changes = sorted(events[1:], key=lambda e: type(e).__name__)
    assert changes[1] == MemberLeft(platform="signal", chat_id=GROUP_ID, user_id=ALICE_UUID, sent_at=AT)
    demoted = changes[0]
    assert isinstance(demoted, AdminChanged) and (demoted.user_id, demoted.is_admin) == (DAN_NUMBER, False)
    assert DAN_NUMBER not in demoted.handle  # a handle never shows a phone number


async def test_a_new_admin_reaches_the_engine(adapter, service, recorder):
    group = service.groups[0]
    group["admins"] = [*group["admins"], ALICE_NUMBER]
    await service.push(update_of_the_group())
    [event] = await recorder.settle()
    # the update's envelope came from Alice, so her number is known to go with her UUID
    assert event == AdminChanged(platform="signal", chat_id=GROUP_ID, user_id=ALICE_UUID, is_admin=True,
                                 sent_at=AT, handle="Alice")
