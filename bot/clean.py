"""What the bot keeps of the words platforms hand it: no control characters
(they carry no meaning in a chat, and PostgreSQL refuses NUL in text), and
no more than the columns hold."""
from __future__ import annotations

import re

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MAX_TEXT = 20_000
NAME_MAX = 255  # names as shown (handles, chat titles) are cut to what the columns hold

# In a name, a line break could start a fake bot line in the group ("jo\n✅ #1
# done"), and bidirectional controls or invisible characters could make one
# name look like another's: a name is data, never layout. Line and paragraph
# breaks become a space; bidi embeddings, overrides and isolates, zero-width
# spaces and joiners, the word joiner, soft hyphen and byte-order mark go.
_NAME_BREAKS = re.compile(r"[\n\r\t\v\f\x85\u2028\u2029]+")
_NAME_INVISIBLE = re.compile(r"[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]")


def clean_text(text: str) -> str:
    """A message's text: control characters dropped (line breaks and tabs kept), length bounded."""
    return CONTROL.sub("", text[:MAX_TEXT])


def clean_name(name: str) -> str:
    """A handle or chat title as the platform gave it: one line (breaks become
    a space), without control, bidirectional or zero-width characters, cut to NAME_MAX."""
    name = _NAME_BREAKS.sub(" ", name[:MAX_TEXT])
    name = _NAME_INVISIBLE.sub("", CONTROL.sub("", name))
    return " ".join(name.split())[:NAME_MAX]


def has_control(s: str) -> bool:
    return CONTROL.search(s) is not None
