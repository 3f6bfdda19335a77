"""What the adapter knows about rooms beyond nio's ``MatrixRoom``:

- who created a room (room version 12 makes its creators outrank every
  power level, and they are not listed in ``m.room.power_levels``; nio 0.26
  does not know this, so ``m.room.create`` is read here);
- which rooms are direct chats, and with whom;
- whether the other person of a direct chat has joined, declined or left.
"""
from __future__ import annotations

from typing import Any

from nio import MatrixRoom

from .translate import RoomView, localpart

ADMIN_POWER_LEVEL = 50


def creators_from_create_event(source: dict[str, Any]) -> frozenset[str] | None:
    """The creators a room version 12 ``m.room.create`` names, or None for
    older room versions (where the creator is an ordinary power level 100)."""
    content = source.get("content") or {}
    if not _creators_are_privileged(str(content.get("room_version", "1"))):
        return frozenset()
    creators = {source.get("sender")}
    extra = content.get("additional_creators")
    if isinstance(extra, list):
        creators.update(u for u in extra if isinstance(u, str))
    return frozenset(u for u in creators if isinstance(u, str))


def _creators_are_privileged(room_version: str) -> bool:
    if room_version.isdigit():
        return int(room_version) >= 12
    return "hydra" in room_version  # the pre-release of version 12


class RoomFacts:
    def __init__(self, own_user_id: str, direct_rooms: dict[str, str]) -> None:
        self.own_user_id = own_user_id
        self.direct_rooms = direct_rooms  # room id -> the other person (persisted)
        self.creators: dict[str, frozenset[str]] = {}
        # (room id, user id) -> "invite" | "join" | "leave" | "declined"
        self.membership: dict[tuple[str, str], str] = {}

    def learn_from_state_event(self, room_id: str, source: dict[str, Any]) -> None:
        event_type = source.get("type")
        if event_type == "m.room.create":
            creators = creators_from_create_event(source)
            if creators is not None:
                self.creators[room_id] = creators
        elif event_type == "m.room.member":
            user_id = source.get("state_key")
            membership = (source.get("content") or {}).get("membership")
            if not isinstance(user_id, str) or not isinstance(membership, str):
                return
            previous = ((source.get("unsigned") or {}).get("prev_content") or {}).get("membership")
            if membership in ("leave", "ban") and (previous == "invite" or self.membership.get((room_id, user_id)) == "invite"):
                membership = "declined"
            self.membership[(room_id, user_id)] = membership

    def is_admin(self, room: MatrixRoom | None, user_id: str) -> bool:
        if room is None:
            return False
        if user_id in self.creators.get(room.room_id, frozenset()):
            return True
        return room.power_levels.get_user_level(user_id) >= ADMIN_POWER_LEVEL

    def is_direct(self, room: MatrixRoom) -> bool:
        """A direct chat: one the bot knows as such (it opened it, or was
        invited to it as a direct chat), or an unnamed room with just the bot
        and one other person."""
        if room.room_id in self.direct_rooms:
            return True
        return room.name is None and len(room.users) == 2 and self.own_user_id in room.users

    def view(self, room: MatrixRoom) -> RoomView:
        direct = self.is_direct(room)
        return RoomView(
            room_id=room.room_id,
            title=None if direct else room.display_name,
            direct=direct,
            is_admin=lambda user_id: self.is_admin(room, user_id),
            members_by_localpart={localpart(u): u for u in room.users},
        )

    def direct_room_with(self, user_id: str, rooms: dict[str, MatrixRoom]) -> MatrixRoom | None:
        """An existing direct room the person has not left or declined."""
        candidates = [rid for rid, other in self.direct_rooms.items() if other == user_id]
        candidates += [
            rid for rid, room in rooms.items()
            if rid not in self.direct_rooms and self.is_direct(room) and user_id in room.users
        ]
        for room_id in candidates:
            room = rooms.get(room_id)
            if room is None or self.own_user_id not in room.users:
                continue
            if self.membership.get((room_id, user_id)) in ("leave", "ban", "declined"):
                continue
            if user_id in room.users:
                return room
        return None

    def has_joined(self, room: MatrixRoom, user_id: str) -> bool:
        state = self.membership.get((room.room_id, user_id))
        if state is not None:
            return state == "join"
        return user_id in room.users and user_id not in room.invited_users

    def declined(self, room_id: str, user_id: str) -> bool:
        return self.membership.get((room_id, user_id)) == "declined"
