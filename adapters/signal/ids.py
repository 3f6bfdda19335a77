"""How Signal things are named in mutualaid's opaque ids.

A Signal message is identified by its author and its sent timestamp, so a
message id here is ``"<author>:<timestamp>"``: the author's UUID (their
number only for legacy senders that carry no UUID), or ``bot`` for messages
this bot sent. The same string comes back from ``perform`` and goes into
``reply_to`` / ``ReactionAdded.message_id`` when someone quotes or reacts.

A person's id is their UUID when the envelope has one, else their number
(members who hide their number are known by UUID only). A group's chat id is
the ``group.<base64>`` form that ``/v2/send`` takes; a direct chat's id is
the person's id.
"""
from __future__ import annotations

import base64
import hashlib
import uuid

import phonenumbers

BOT_AUTHOR = "bot"
GROUP_PREFIX = "group."


def message_id(author: str, timestamp: int) -> str:
    return f"{author}:{timestamp}"


def split_message_id(value: str) -> tuple[str, int]:
    """``"<author>:<timestamp>"`` -> (author, timestamp); ValueError if not ours."""
    author, sep, stamp = value.rpartition(":")
    if not sep or not author or not stamp.isdigit():
        raise ValueError("not a Signal message id")
    return author, int(stamp)


def group_chat_id(internal_id: str) -> str:
    """Envelopes name a group by its internal id; sends and the groups API
    by ``group.`` + base64 of that id (signal-cli-rest-api's convention)."""
    return GROUP_PREFIX + base64.b64encode(internal_id.encode("utf-8")).decode("ascii")


def is_group_chat(chat_id: str) -> bool:
    return chat_id.startswith(GROUP_PREFIX)


def is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except (ValueError, AttributeError, TypeError):
        return False
    return True


def is_phone_number(value: str) -> bool:
    # signal-cli-rest-api rejects numbers that phonenumbers judges invalid
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(value, None))
    except phonenumbers.NumberParseException:
        return False


def is_person_id(value: str) -> bool:
    return is_uuid(value) or is_phone_number(value)


def person_id(uuid_: str | None, number: str | None) -> str | None:
    """The id a member is known by: UUID first, the number only without one."""
    return uuid_ or number or None


def short_handle(uuid_: str | None, number: str | None) -> str:
    """A handle for someone without a profile name: never their number."""
    if uuid_:
        return uuid_.split("-", 1)[0][:8]
    if number:
        return "member-" + hashlib.sha256(number.encode()).hexdigest()[:6]
    return "member"


def loggable(identifier: str | None) -> str:
    """An id fit for a log line: UUIDs and group ids as they are, phone
    numbers (personal data) as a short hash."""
    if not identifier:
        return "-"
    if is_group_chat(identifier) or is_uuid(identifier) or identifier == BOT_AUTHOR:
        return identifier
    author, sep, stamp = identifier.rpartition(":")
    if sep and stamp.isdigit():
        return f"{loggable(author)}:{stamp}"
    return "tel#" + hashlib.sha256(identifier.encode()).hexdigest()[:8]
