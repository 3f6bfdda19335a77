"""A busy fortnight (tests/scenarios/107_busy_fortnight.script, written by
tests/fortnight.py) counted the way a group feels it (issue 15): no item
named twice in a group on one day, no digest that repeats the one before,
and everyone concerned told of each change exactly once."""
from __future__ import annotations

import re
import shlex
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest

from tests.test_scenarios import play

SCRIPT = Path(__file__).parent / "scenarios" / "107_busy_fortnight.script"
GROUPS = ("eastside", "westside")
ITEM = re.compile(r"#(\d+)\b")
DIGEST = ("Still open:",)


def member_messages(lines: list[str]) -> tuple[int, set[str]]:
    said = [ln for ln in lines if ln and not ln.startswith(("#", "@")) and re.match(r"^[\w-]+ ?[:>~]", ln)]
    return len(said), {re.match(r"^[\w-]+", ln).group(0) for ln in said}


@pytest.fixture(scope="module")
def fortnight(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('fortnight')}/mutualaid.db"
    return play(SCRIPT, url)


def _group_messages(state: dict, group: str) -> list[dict]:
    return [s for s in state["sent"] if s["chat"] == group and not s["edit"]]


def test_the_fortnight_is_busy():
    lines = SCRIPT.read_text(encoding="utf-8").splitlines()
    count, people = member_messages(lines)
    assert count >= 300
    assert len(people) >= 20
    text = "\n".join(lines)
    for what in ("every monday", "every thursday", "/cancel", "/unclaim", "/close", " ~ ", "@restart", "offering"):
        assert what in text, what


@pytest.mark.parametrize("group", GROUPS)
def test_no_item_is_named_twice_in_a_day(fortnight, group):
    named = Counter()
    for s in _group_messages(fortnight, group):
        day = datetime.fromisoformat(s["at"]).date()
        for n in set(ITEM.findall(s["text"] or "")):
            named[(day, n)] += 1
    twice = {k: v for k, v in named.items() if v > 1}
    assert not twice, twice


@pytest.mark.parametrize("group", GROUPS)
def test_no_digest_repeats_the_one_before(fortnight, group):
    digests = [s for s in _group_messages(fortnight, group) if s["text"].startswith(DIGEST)]
    assert digests, "a fortnight with open needs has some digest"
    days = [datetime.fromisoformat(s["at"]).date() for s in digests]
    assert len(days) == len(set(days)), "one digest a day at most"
    for before, after in zip(digests, digests[1:]):
        assert set(ITEM.findall(before["text"])) != set(ITEM.findall(after["text"])), after


def test_everyone_concerned_is_told_once(fortnight):
    lines = SCRIPT.read_text(encoding="utf-8").splitlines()
    told = [shlex.split(ln[len("# told "):]) for ln in lines if ln.startswith("# told ")]
    assert len(told) >= 20
    wrong = []
    for who, text in told:
        got = [s for s in fortnight["sent"] if s["chat"] == who and text.lower() in (s["text"] or "").lower()]
        if len(got) != 1:
            wrong.append((who, text, len(got)))
    assert not wrong, wrong


def group_messages_per_member_message(state: dict, lines: list[str]) -> float:
    """The README's figure: what the bot posted in the groups (new messages,
    not edits) for each message a member wrote."""
    posted = sum(len(_group_messages(state, g)) for g in GROUPS)
    return posted / member_messages(lines)[0]


def test_the_figure_in_the_readme_is_this_one(fortnight):
    lines = SCRIPT.read_text(encoding="utf-8").splitlines()
    figure = group_messages_per_member_message(fortnight, lines)
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert f"| after | {figure:.2f} (" in readme, figure


def test_the_script_is_what_its_generator_writes():
    from tests.fortnight import write

    assert write() == SCRIPT.read_text(encoding="utf-8"), "run: .venv/bin/python -m tests.fortnight"
