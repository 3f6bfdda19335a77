"""The bot's own words in the group's language.

Strings are written in English in the code, marked with ``_``, and
translated in gettext catalogs (``bot/locale/<lang>/LC_MESSAGES/mutualaid.po``)
read through Babel. A test extracts every marked string and fails when one
has no translation."""
from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Callable

from babel import Locale
from babel.dates import format_date, format_time
from babel.messages.pofile import read_po

LOCALES = Path(__file__).parent / "locale"
LANGUAGES = ("en", "es")
DOMAIN = "mutualaid"


@lru_cache(maxsize=None)
def _catalog(lang: str) -> dict[str, str]:
    path = LOCALES / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not path.exists():
        return {}
    with path.open("rb") as f:
        cat = read_po(f, locale=lang)
    return {m.id: m.string for m in cat if m.id and m.string and not m.fuzzy}


def translator(lang: str) -> Callable[[str], str]:
    table = _catalog(lang) if lang != "en" else {}
    return lambda msgid: table.get(msgid, msgid)


def _(msgid: str) -> str:
    """Marks a string for extraction; the engine translates it at use."""
    return msgid


_DAY = {"en": "EEE MMM d", "es": "EEE d MMM"}
_TIME = {"en": "h:mm a", "es": "H:mm"}


@lru_cache(maxsize=8)
def _locale(lang: str) -> Locale:
    return Locale.parse(lang)


@lru_cache(maxsize=4096)
def format_when(start: datetime, has_time: bool, lang: str) -> str:
    """"Tue Dec 8" or "Tue Dec 8, 3:00 PM" in the language's own words.
    Cached: a group's digest and reminders name the same moments often."""
    locale = _locale(lang)
    day = format_date(start, _DAY.get(lang, "EEE MMM d"), locale=locale).replace(".", "")
    if not has_time:
        return day
    return f"{day}, {format_time(start, _TIME.get(lang, 'HH:mm'), locale=locale)}"
