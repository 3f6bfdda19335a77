"""What the bot keeps of the words platforms hand it: no control characters
(they carry no meaning in a chat, and PostgreSQL refuses NUL in text), and
no more than the columns hold."""
from __future__ import annotations

import re

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MAX_TEXT = 20_000
NAME_MAX = 255  # names as shown (handles, chat titles) are cut to what the columns hold


def clean_text(text: str) -> str:
    """A message's text: control characters dropped (line breaks and tabs kept), length bounded."""
    return CONTROL.sub("", text[:MAX_TEXT])


def clean_name(name: str) -> str:
    """A handle or chat title as the platform gave it, without control characters, cut to NAME_MAX."""
    return CONTROL.sub("", name[:MAX_TEXT])[:NAME_MAX]


def has_control(s: str) -> bool:
    return CONTROL.search(s) is not None
