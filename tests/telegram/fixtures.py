"""Recorded Bot API shapes (``fixtures/*.json``) and small factories on them."""
from __future__ import annotations

import copy
import json
import pathlib

FIXTURES = pathlib.Path(__file__).parent / "fixtures"

BOT_TOKEN = "7000000001:AAF-test-token_for-local-server"
BOT_ID = 7000000001
BOT_USERNAME = "mutualaid_bot"
GROUP_ID = -1001234567890
OLD_GROUP_ID = -4012345678
MARIA_ID = 111000111
JO_ID = 222000222
ANA_ID = 333000333
ROSA_ID = 444000444

_cache: dict[str, object] = {}


def fixture(name: str) -> dict:
    """A fresh copy of ``fixtures/NAME.json``, safe to change."""
    if name not in _cache:
        _cache[name] = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    return copy.deepcopy(_cache[name])  # type: ignore[return-value]


def user(name: str) -> dict:
    """The recorded user object of maria, jo, ana or rosa."""
    found = {
        "maria": fixture("update_group_message")["message"]["from"],
        "jo": fixture("update_reply")["message"]["from"],
        "ana": fixture("update_my_chat_member")["my_chat_member"]["from"],
        "rosa": fixture("update_text_mention")["message"]["entities"][1]["user"],
    }
    return found[name]


def group_chat() -> dict:
    return fixture("update_group_message")["message"]["chat"]


def private_chat(of: dict) -> dict:
    chat = {"id": of["id"], "first_name": of["first_name"], "type": "private"}
    if "username" in of:
        chat["username"] = of["username"]
    return chat


def text_message(
    who: dict,
    text: str,
    *,
    message_id: int,
    chat: dict | None = None,
    date: int = 1796223600,
    reply_to: dict | None = None,
) -> dict:
    """An update carrying a text message shaped like ``update_group_message``,
    with a ``bot_command`` entity where the text starts with ``/``."""
    update = fixture("update_group_message")
    message = update["message"]
    message.update(message_id=message_id, date=date, text=text)
    message["from"] = who
    message["chat"] = chat or group_chat()
    if text.startswith("/"):
        command = text.split()[0]
        message["entities"] = [{"offset": 0, "length": len(command), "type": "bot_command"}]
    if reply_to is not None:
        message["reply_to_message"] = reply_to
    return update


def button_press(who: dict, bot_message: dict, data: str, query_id: str) -> dict:
    update = fixture("update_callback_query")
    query = update["callback_query"]
    query.update({"id": query_id, "from": who, "message": bot_message, "data": data})
    return update


def reaction(who: dict, chat: dict, message_id: int, emoji: str, *, old: tuple[str, ...] = (), date: int = 1796223840) -> dict:
    update = fixture("update_message_reaction")
    body = update["message_reaction"]
    body.update(chat=chat, message_id=message_id, user=who, date=date)
    body["old_reaction"] = [{"type": "emoji", "emoji": e} for e in old]
    body["new_reaction"] = [{"type": "emoji", "emoji": e} for e in (*old, emoji)]
    return update
