"""Membership follows Matrix (issue 14, finding 5): a member's leave or ban
and a power level lowered below a coordinator's become engine events. Pure
translation of the raw state events; the Synapse conversation test
(test_matrix_conversation.py) shows the same through a real homeserver."""
from __future__ import annotations

from datetime import datetime, timezone

from adapters.matrix.translate import RoomView, membership_events
from bot.events import AdminChanged, MemberLeft

ROOM = "!room:localhost"
AT = datetime.fromtimestamp(1_796_223_600, timezone.utc)


def view(direct: bool = False) -> RoomView:
    return RoomView(room_id=ROOM, title=None if direct else "Eastside", direct=direct, is_admin=lambda u: False)


def member_event(user: str, membership: str, previous: str | None = "join", sender: str | None = None) -> dict:
    source = {"type": "m.room.member", "state_key": user, "sender": sender or user, "event_id": "$e1",
              "origin_server_ts": 1_796_223_600_000, "content": {"membership": membership}}
    if previous is not None:
        source["unsigned"] = {"prev_content": {"membership": previous}}
    return source


def power_event(users: dict, previous: dict | None, default: int = 0) -> dict:
    source = {"type": "m.room.power_levels", "state_key": "", "sender": "@ana:localhost", "event_id": "$p1",
              "origin_server_ts": 1_796_223_600_000, "content": {"users": users, "users_default": default}}
    if previous is not None:
        source["unsigned"] = {"prev_content": {"users": previous, "users_default": default}}
    return source


def test_leave_kick_and_ban_become_member_left():
    left = [MemberLeft(platform="matrix", chat_id=ROOM, user_id="@jo:localhost", sent_at=AT)]
    assert membership_events(member_event("@jo:localhost", "leave"), view()) == left
    assert membership_events(member_event("@jo:localhost", "leave", sender="@ana:localhost"), view()) == left
    assert membership_events(member_event("@jo:localhost", "ban", previous="join"), view()) == left
    assert membership_events(member_event("@jo:localhost", "ban", previous=None), view()) == left


def test_joins_name_changes_declined_invites_and_direct_rooms_say_nothing():
    assert membership_events(member_event("@jo:localhost", "join", previous="invite"), view()) == []
    assert membership_events(member_event("@jo:localhost", "join", previous="join"), view()) == []
    assert membership_events(member_event("@jo:localhost", "leave", previous="invite"), view()) == []
    assert membership_events(member_event("@jo:localhost", "leave"), view(direct=True)) == []


def test_power_levels_crossing_fifty_become_admin_changed():
    event = power_event({"@ana:localhost": 100, "@jo:localhost": 0, "@bo:localhost": 50, "@cy:localhost": 75},
                        {"@ana:localhost": 100, "@jo:localhost": 50, "@cy:localhost": 10, "@bo:localhost": 60})
    assert sorted(membership_events(event, view()), key=lambda e: e.user_id) == [
        AdminChanged(platform="matrix", chat_id=ROOM, user_id="@cy:localhost", is_admin=True, sent_at=AT, handle="cy"),
        AdminChanged(platform="matrix", chat_id=ROOM, user_id="@jo:localhost", is_admin=False, sent_at=AT, handle="jo"),
    ]
    # a user dropped from the list falls to users_default
    dropped = power_event({"@ana:localhost": 100}, {"@ana:localhost": 100, "@jo:localhost": 50})
    assert membership_events(dropped, view()) == [
        AdminChanged(platform="matrix", chat_id=ROOM, user_id="@jo:localhost", is_admin=False, sent_at=AT, handle="jo")]
    assert membership_events(power_event({"@jo:localhost": 50}, None), view()) == []
