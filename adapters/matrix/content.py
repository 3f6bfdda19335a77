"""Bodies of the events the bot sends.

The bot speaks in ``m.notice``, the message type the spec reserves for
automated clients (other bots do not answer it). Matrix has no buttons:
they are dropped, and people claim by replying or reacting instead.
"""
from __future__ import annotations

import mimetypes
from typing import Any

BOT_MSGTYPE = "m.notice"


def text_content(text: str, reply_to: str | None = None) -> dict[str, Any]:
    content: dict[str, Any] = {"msgtype": BOT_MSGTYPE, "body": text, "m.mentions": {}}
    if reply_to:
        content["m.relates_to"] = {"m.in_reply_to": {"event_id": reply_to}}
    return content


def edit_content(original_event_id: str, text: str) -> dict[str, Any]:
    return {
        "msgtype": BOT_MSGTYPE,
        "body": "* " + text,
        "m.mentions": {},
        "m.new_content": {"msgtype": BOT_MSGTYPE, "body": text, "m.mentions": {}},
        "m.relates_to": {"rel_type": "m.replace", "event_id": original_event_id},
    }


def guess_mimetype(filename: str, is_image: bool) -> str:
    guessed, _ = mimetypes.guess_type(filename)
    if guessed:
        return guessed
    return "image/png" if is_image else "application/octet-stream"


def file_content(
    filename: str,
    caption: str,
    mimetype: str,
    size: int,
    is_image: bool,
    content_uri: str,
    decryption_keys: dict[str, Any] | None,
) -> dict[str, Any]:
    """An ``m.file`` / ``m.image``; in an encrypted room the media is
    encrypted too and its keys travel in ``file`` instead of ``url``."""
    content: dict[str, Any] = {
        "msgtype": "m.image" if is_image else "m.file",
        "body": caption or filename,
        "filename": filename,
        "info": {"mimetype": mimetype, "size": size},
        "m.mentions": {},
    }
    if decryption_keys is not None:
        content["file"] = {**decryption_keys, "url": content_uri}
    else:
        content["url"] = content_uri
    return content
