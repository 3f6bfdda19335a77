"""Reading signal-cli-rest-api's websocket frames.

A frame is ``{"envelope": {...}, "account": "+…"}``. What the bot acts on:

- ``dataMessage`` with ``message`` text (group when it has ``groupInfo``,
  else a direct message), maybe with ``quote`` and ``mentions``;
- ``dataMessage.reaction``;
- ``dataMessage.groupInfo.type == "UPDATE"`` without text: a group change,
  which is what signal-cli delivers when the bot is added to a group;
- ``editMessage`` (``targetSentTimestamp`` + a new ``dataMessage``).

Typing notices, receipts, sync messages (what the bot's account sent from
another device), stories and calls carry none of these and are skipped.
Nothing here logs: frames are full of names and numbers.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Literal

from adapters.signal.ids import is_uuid

Kind = Literal["message", "reaction", "edit", "group_update"]

OBJECT_REPLACEMENT = "\ufffc"  # what Signal puts in the text where a mention is


@dataclass(frozen=True)
class Author:
    uuid: str | None
    number: str | None


@dataclass(frozen=True)
class RawMention:
    author: Author
    start: int  # in UTF-16 code units, as Signal counts
    length: int


@dataclass(frozen=True)
class Received:
    kind: Kind
    author: Author
    author_name: str | None
    timestamp: int  # the sent timestamp of this message (reaction, edit)
    group_internal_id: str | None = None
    group_name: str | None = None
    text: str = ""
    mentions: tuple[RawMention, ...] = ()
    quote: tuple[Author, int] | None = None  # author and sent timestamp quoted
    emoji: str = ""
    target: tuple[Author, int] | None = None  # what a reaction points at
    removes: bool = False  # a reaction taken back
    edit_of: int | None = None  # sent timestamp of the message edited


def read_frame(frame: str) -> Received | None:
    """The part of a frame the bot acts on, or None."""
    try:
        payload = json.loads(frame)
    except ValueError:
        return None
    envelope = payload.get("envelope") if isinstance(payload, dict) else None
    if not isinstance(envelope, dict):
        return None  # an {"error": …} frame, or something newer than us
    author = Author(uuid=_text(envelope.get("sourceUuid")),
                    number=_text(envelope.get("sourceNumber")))
    if author.uuid is None and author.number is None:
        source = _text(envelope.get("source"))
        if source is None:
            return None
        author = Author(uuid=source, number=None) if is_uuid(source) else Author(None, source)
    name = _text(envelope.get("sourceName"))

    edit = envelope.get("editMessage")
    if isinstance(edit, dict) and isinstance(edit.get("dataMessage"), dict):
        data = edit["dataMessage"]
        target = edit.get("targetSentTimestamp")
        if not isinstance(target, int):
            return None
        base = _from_data(data, author, name, envelope)
        if base is None or base.kind != "message":
            return None
        return Received(**{**base.__dict__, "kind": "edit", "edit_of": target})

    data = envelope.get("dataMessage")
    if not isinstance(data, dict):
        return None  # typing, receipt, sync, call, story
    return _from_data(data, author, name, envelope)


def _from_data(data: dict, author: Author, name: str | None, envelope: dict) -> Received | None:
    stamp = data.get("timestamp", envelope.get("timestamp"))
    if not isinstance(stamp, int):
        return None
    group = data.get("groupInfo") if isinstance(data.get("groupInfo"), dict) else {}
    common = dict(author=author, author_name=name, timestamp=stamp,
                  group_internal_id=_text(group.get("groupId")),
                  group_name=_text(group.get("groupName")))

    reaction = data.get("reaction")
    if isinstance(reaction, dict):
        target = reaction.get("targetSentTimestamp")
        if not isinstance(target, int):
            return None
        target_author = Author(uuid=_text(reaction.get("targetAuthorUuid")),
                               number=_text(reaction.get("targetAuthorNumber")))
        return Received(kind="reaction", emoji=_text(reaction.get("emoji")) or "",
                        target=(target_author, target),
                        removes=bool(reaction.get("isRemove")), **common)

    text = data.get("message")
    if not isinstance(text, str) or not text:
        if group.get("type") == "UPDATE":
            return Received(kind="group_update", **common)
        return None  # a sticker, an attachment alone, a delete, a profile key

    quote = data.get("quote")
    quoted = None
    if isinstance(quote, dict) and isinstance(quote.get("id"), int):
        quoted = (Author(uuid=_text(quote.get("authorUuid")),
                         number=_text(quote.get("authorNumber"))), quote["id"])
    mentions = tuple(
        RawMention(Author(_text(m.get("uuid")), _text(m.get("number"))),
                   int(m.get("start", 0)), int(m.get("length", 1)))
        for m in data.get("mentions") or []
        if isinstance(m, dict) and isinstance(m.get("start"), int)
    )
    return Received(kind="message", text=text, quote=quoted, mentions=mentions, **common)


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def splice_mentions(text: str, mentions: tuple[RawMention, ...],
                    inline: list[str]) -> str:
    """``text`` with each mention's span (UTF-16 offsets, usually one U+FFFC)
    replaced by ``inline[i]``."""
    units = text.encode("utf-16-le")
    out: list[bytes] = []
    cursor = 0
    for mention, replacement in sorted(zip(mentions, inline), key=lambda p: p[0].start):
        start, end = mention.start * 2, (mention.start + mention.length) * 2
        if start < cursor or end > len(units):
            continue  # overlapping or out of range: leave the text as it is there
        out.append(units[cursor:start])
        out.append(replacement.encode("utf-16-le"))
        cursor = end
    out.append(units[cursor:])
    return b"".join(out).decode("utf-16-le")
