"""Every string the bot says has a Spanish translation, with the same
placeholders."""
from __future__ import annotations

import re
from pathlib import Path

from babel.messages.extract import extract_from_dir

from bot.i18n import _catalog

ROOT = Path(__file__).parent.parent / "bot"


def marked_strings() -> set[str]:
    found = set()
    for _file, _line, message, _comments, _ctx in extract_from_dir(str(ROOT), keywords={"_": None}):
        found.add(message if isinstance(message, str) else message[0])
    return found


def test_there_are_strings_to_translate():
    assert len(marked_strings()) > 50


def test_every_string_has_a_spanish_translation():
    catalog = _catalog("es")
    missing = sorted(m for m in marked_strings() if not catalog.get(m))
    assert not missing, f"{len(missing)} strings have no Spanish translation, e.g. {missing[:5]}"


def test_translations_keep_their_placeholders():
    catalog = _catalog("es")
    wrong = [m for m in marked_strings() if m in catalog
             and set(re.findall(r"{\w+}", m)) != set(re.findall(r"{\w+}", catalog[m]))]
    assert not wrong, wrong[:5]
