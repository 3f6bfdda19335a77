"""Every string the bot says has a Spanish translation, with the same
placeholders."""
from __future__ import annotations

import re
from pathlib import Path

from babel.messages.extract import extract_from_dir

from bot.i18n import _catalog

ROOT = Path(__file__).parent.parent / "bot"
# the coordinators' desk: its code and its Jinja2 templates
WEB = Path(__file__).parent.parent / "web"
WEB_METHODS = [("**.py", "python"), ("templates/**.html", "jinja2.ext:babel_extract")]


def marked_strings() -> set[str]:
    found = set()
    extracted = [*extract_from_dir(str(ROOT), keywords={"_": None}),
                 *extract_from_dir(str(WEB), method_map=WEB_METHODS, keywords={"_": None})]
    for _file, _line, message, _comments, _ctx in extracted:
        found.add(message if isinstance(message, str) else message[0])
    return found


def test_the_desk_pages_strings_are_found():
    found = marked_strings()
    assert "Hotline intake" in found and "Private details for the volunteer (address, phone, what to know)" in found


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
