"""docs/MESSAGES.md is what bot/messages_doc.py writes from the code and
the catalog: a message added, changed or removed without it fails here."""
from __future__ import annotations

from pathlib import Path

from bot import messages_doc

DOC = Path(__file__).parent.parent / "docs" / "MESSAGES.md"


def test_every_function_that_speaks_has_its_cause_and_receiver():
    missing = set(messages_doc.strings_by_place()) - set(messages_doc.CAUSES)
    assert not missing, f"add them to CAUSES in bot/messages_doc.py: {sorted(missing)}"


def test_no_cause_is_left_for_a_function_that_no_longer_speaks():
    stale = set(messages_doc.CAUSES) - set(messages_doc.strings_by_place())
    assert not stale, sorted(stale)


def test_the_document_is_up_to_date():
    assert DOC.read_text(encoding="utf-8") == messages_doc.render(), \
        "run: .venv/bin/python -m bot.messages_doc > docs/MESSAGES.md"


def test_every_message_is_in_both_languages():
    text = DOC.read_text(encoding="utf-8")
    assert "| You claimed {line}. | Te anotaste para ayudar con {line}. |" in text
    rows = [ln for ln in text.splitlines() if ln.startswith("| ") and not ln.startswith(("| English", "| ---"))]
    assert len(rows) > 150
    for row in rows:
        cells = [c.strip() for c in row.strip("|").split(" | ")]
        assert len(cells) == 2 and all(cells), row
