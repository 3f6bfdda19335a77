"""Matrix room events (their raw JSON) -> ``bot.events``.

Pure functions: no client, no network. The adapter hands in what it knows
about the room as a ``RoomView`` so that these stay testable on their own.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Callable

from bot.events import AdminChanged, IncomingMessage, MemberLeft, Mention, MessageEdited, ReactionAdded, Sender

PLATFORM = "matrix"
TEXT_MSGTYPES = {"m.text", "m.notice", "m.emote"}

_PILL = re.compile(r'href="https://matrix\.to/#/(@[^"?/]+)"')
_TYPED_MENTION = re.compile(r"(?<![\w@])@([A-Za-z0-9._=\-/+]+(?::[A-Za-z0-9.\-]+(?::\d+)?)?)")
# Variation selectors and skin tones: Element sends "👍️" (with U+FE0F); the
# engine compares plain emoji.
_EMOJI_DECORATION = re.compile("[\ufe0e\ufe0f\U0001f3fb-\U0001f3ff]")


def localpart(user_id: str) -> str:
    """``@jo:localhost`` -> ``jo``: a Matrix user's handle."""
    return user_id[1:].split(":", 1)[0] if user_id.startswith("@") else user_id


def server_name(user_id: str) -> str:
    return user_id.split(":", 1)[1] if ":" in user_id else ""


@dataclass(frozen=True)
class RoomView:
    """What the translation needs to know about the room an event is in."""

    room_id: str
    title: str | None
    direct: bool
    is_admin: Callable[[str], bool]
    # localpart -> user id of the room's members, to resolve a typed "@jo"
    members_by_localpart: dict[str, str] = field(default_factory=dict)


def sent_at(source: dict[str, Any]) -> datetime:
    return datetime.fromtimestamp(source.get("origin_server_ts", 0) / 1000, tz=timezone.utc)


def strip_reply_fallback(body: str) -> str:
    """Drop the quoted "> <@x:y> ..." lines a reply starts with (and the blank
    line after them): the engine wants only what the person wrote."""
    lines = body.split("\n")
    if not lines or not lines[0].startswith("> "):
        return body
    index = 0
    while index < len(lines) and lines[index].startswith(">"):
        index += 1
    if index < len(lines) and lines[index] == "":
        index += 1
    return "\n".join(lines[index:])


def reply_target(content: dict[str, Any]) -> str | None:
    """The event a message answers: a rich reply's ``m.in_reply_to``, or, for
    a message in a thread without an explicit reply, the thread's root (a
    thread under an announcement reads as a reply to it)."""
    relates = content.get("m.relates_to")
    if not isinstance(relates, dict):
        return None
    if relates.get("rel_type") == "m.thread" and relates.get("is_falling_back", False):
        root = relates.get("event_id")
        return root if isinstance(root, str) else None
    in_reply_to = relates.get("m.in_reply_to")
    if isinstance(in_reply_to, dict) and isinstance(in_reply_to.get("event_id"), str):
        return in_reply_to["event_id"]
    if relates.get("rel_type") == "m.thread":
        root = relates.get("event_id")
        return root if isinstance(root, str) else None
    return None


def find_mentions(content: dict[str, Any], text: str, room: RoomView) -> tuple[Mention, ...]:
    """Mentions with user ids: ``m.mentions.user_ids``, pills in the HTML
    body, and typed ``@jo`` / ``@jo:server`` naming a member of the room."""
    user_ids: list[str] = []
    mentions_block = content.get("m.mentions")
    if isinstance(mentions_block, dict):
        user_ids += [u for u in mentions_block.get("user_ids", []) if isinstance(u, str)]
    formatted = content.get("formatted_body")
    if isinstance(formatted, str):
        user_ids += _PILL.findall(formatted)
    found: dict[str, Mention] = {}
    for user_id in user_ids:
        if user_id.startswith("@") and user_id not in found:
            found[user_id] = Mention(text="@" + localpart(user_id), user_id=user_id, handle=localpart(user_id))
    for typed in _TYPED_MENTION.findall(text):
        if ":" in typed:
            user_id = "@" + typed
        else:
            user_id = room.members_by_localpart.get(typed)
        if user_id is None or user_id in found:
            continue
        found[user_id] = Mention(text="@" + typed, user_id=user_id, handle=localpart(user_id))
    return tuple(found.values())


def make_sender(user_id: str, room: RoomView, is_person: bool = True) -> Sender:
    return Sender(
        user_id=user_id,
        handle=localpart(user_id),
        is_person=is_person,
        is_admin=room.is_admin(user_id),
    )


def translate_room_event(
    source: dict[str, Any], room: RoomView
) -> IncomingMessage | MessageEdited | ReactionAdded | None:
    """One timeline event -> the engine's event, or None for what the engine
    does not care about (state, redactions, media without text...)."""
    event_type = source.get("type")
    content = source.get("content")
    sender_id = source.get("sender")
    event_id = source.get("event_id")
    if not isinstance(content, dict) or not isinstance(sender_id, str) or not isinstance(event_id, str):
        return None
    if event_type == "m.reaction":
        return _reaction(source, content, sender_id, event_id, room)
    if event_type == "m.room.message":
        return _message(source, content, sender_id, event_id, room)
    return None


# a room's admins (the engine's coordinators) have at least this power level
ADMIN_POWER_LEVEL = 50


def membership_events(source: dict[str, Any], room: RoomView) -> list[MemberLeft | AdminChanged]:
    """A member leaving or banned (``m.room.member``), or power levels that
    make or unmake a room admin (``m.room.power_levels``): the engine must
    know at once, since a removed member must not claim by direct message
    and a demoted admin must not get urgent alerts. Direct rooms say nothing:
    they are no group."""
    if room.direct or not isinstance(source.get("content"), dict):
        return []
    at = sent_at(source)
    content = source["content"]
    previous = (source.get("unsigned") or {}).get("prev_content")
    event_type = source.get("type")
    if event_type == "m.room.member":
        user_id = source.get("state_key")
        was = previous.get("membership") if isinstance(previous, dict) else None
        if not isinstance(user_id, str) or content.get("membership") not in ("leave", "ban"):
            return []
        if was in ("invite", "leave", "ban", "knock"):
            return []  # a declined invitation or a repeat: never a member
        return [MemberLeft(platform=PLATFORM, chat_id=room.room_id, user_id=user_id, sent_at=at)]
    if event_type == "m.room.power_levels" and isinstance(previous, dict):
        before, after = _admins_by_level(previous), _admins_by_level(content)
        return [
            AdminChanged(platform=PLATFORM, chat_id=room.room_id, user_id=user_id, is_admin=user_id in after,
                         sent_at=at, handle=localpart(user_id))
            for user_id in sorted(before ^ after)
        ]
    return []


def _admins_by_level(power_levels: dict[str, Any]) -> set[str]:
    users = power_levels.get("users")
    default = power_levels.get("users_default", 0)
    if not isinstance(users, dict):
        return set()
    out = set()
    for user_id, level in users.items():
        level = level if isinstance(level, int) else default
        if isinstance(user_id, str) and isinstance(level, int) and level >= ADMIN_POWER_LEVEL:
            out.add(user_id)
    return out


def _reaction(source, content, sender_id, event_id, room) -> ReactionAdded | None:
    relates = content.get("m.relates_to")
    if not isinstance(relates, dict) or relates.get("rel_type") != "m.annotation":
        return None
    target, key = relates.get("event_id"), relates.get("key")
    if not isinstance(target, str) or not isinstance(key, str):
        return None
    return ReactionAdded(
        platform=PLATFORM,
        chat_id=room.room_id,
        message_id=target,
        sender=make_sender(sender_id, room),
        emoji=_EMOJI_DECORATION.sub("", key),
        sent_at=sent_at(source),
        reaction_id=event_id,
    )


def _message(source, content, sender_id, event_id, room) -> IncomingMessage | MessageEdited | None:
    relates = content.get("m.relates_to")
    # m.notice is how automated clients speak: another bot, never a person.
    is_person = content.get("msgtype") != "m.notice"
    if isinstance(relates, dict) and relates.get("rel_type") == "m.replace":
        new_content = content.get("m.new_content")
        original = relates.get("event_id")
        if not isinstance(new_content, dict) or not isinstance(original, str):
            return None
        new_body = new_content.get("body")
        if new_content.get("msgtype") not in TEXT_MSGTYPES or not isinstance(new_body, str):
            return None
        return MessageEdited(
            platform=PLATFORM,
            chat_id=room.room_id,
            message_id=original,
            sender=make_sender(sender_id, room, is_person),
            text=new_body,
            sent_at=sent_at(source),
            edit_id=event_id,
            direct=room.direct,
        )
    body = content.get("body")
    if content.get("msgtype") not in TEXT_MSGTYPES or not isinstance(body, str):
        return None
    reply_to = reply_target(content)
    text = strip_reply_fallback(body) if reply_to else body
    return IncomingMessage(
        platform=PLATFORM,
        chat_id=room.room_id,
        message_id=event_id,
        sender=make_sender(sender_id, room, is_person),
        text=text,
        sent_at=sent_at(source),
        direct=room.direct,
        chat_title=None if room.direct else room.title,
        reply_to=reply_to,
        mentions=find_mentions(content, text, room),
    )
