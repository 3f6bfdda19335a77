"""Expectations written in a script's own comments, so a script in
tests/scenarios/ carries the outcome it must reach. ``mutualaid simulate``
skips them like any comment.

    #> item 1 status=done claimer=jo         an item's final state (null for none)
    #> items 2                                how many items exist
    #> sent @jo "Reminder"                    some message to @jo contains the text
    #> sent eastside at 2026-12-08 09:00 "…"  …and was sent at that minute
    #> no sent eastside "Still open"          no message to eastside contains it
    #> count eastside 2                       exactly 2 new messages (edits not counted)
    #> edits eastside 1                       exactly 1 edit
    #> nth eastside 2 has "/assign"          the 2nd new message to eastside contains it
    #> nth eastside 1 lacks "/assign"        … or does not
    #> order "Reminder" "Did you get"        messages holding these come in this order
    #> hours jo 2                             time-bank hours credited
    #> total 5                                exactly 5 messages and edits in all
"""
from __future__ import annotations

import re
import shlex


def expectations(lines: list[str]) -> list[tuple[int, list[str]]]:
    out = []
    for number, line in enumerate(lines, start=1):
        if line.startswith("#>"):
            out.append((number, shlex.split(line[2:].strip())))
    return out


def check(state: dict, lines: list[str]) -> list[str]:
    failures = []
    items = {i["id"]: i for i in state["items"]}
    sent = state["sent"]
    exps = expectations(lines)
    assert exps, "a scenario must say what it expects (#> lines)"
    for number, words in exps:
        problem = _one(words, items, sent, state)
        if problem:
            failures.append(f"line {number}: {' '.join(words)}: {problem}")
    return failures


def _value(v: str):
    return {"null": None, "true": True, "false": False}.get(v, v)


def _matching(sent, chat, text, at=None):
    text = text.replace("\\n", "\n")
    return [s for s in sent if s["chat"] == chat and text.lower() in (s["text"] or "").lower()
            and (at is None or s["at"][:16].replace("T", " ") == at)]


def _one(words, items, sent, state) -> str | None:
    head, rest = words[0], words[1:]
    if head == "item":
        item = items.get(int(rest[0]))
        if item is None:
            return "no such item"
        for pair in rest[1:]:
            key, value = pair.split("=", 1)
            actual = item.get(key)
            if isinstance(actual, bool) or actual is None:
                want = _value(value)
            else:
                want = value
                actual = str(actual)
            if actual != want:
                return f"{key} is {actual!r}"
        return None
    if head == "items":
        return None if len(items) == int(rest[0]) else f"there are {len(items)}"
    if head == "sent":
        chat = rest[0]
        if len(rest) >= 5 and rest[1] == "at":
            found = _matching(sent, chat, rest[4], at=f"{rest[2]} {rest[3]}")
        else:
            found = _matching(sent, chat, rest[1])
        return None if found else "no such message; sent: " + repr([(s["at"][:16], s["chat"], s["text"][:60]) for s in sent])
    if head == "no" and rest[0] == "sent":
        if len(rest) >= 6 and rest[2] == "at":
            found = _matching(sent, rest[1], rest[5], at=f"{rest[3]} {rest[4]}")
        else:
            found = _matching(sent, rest[1], rest[2])
        return None if not found else f"found {found[0]['text']!r}"
    if head in ("count", "edits"):
        want_edit = head == "edits"
        n = sum(1 for s in sent if s["chat"] == rest[0] and s["edit"] == want_edit)
        return None if n == int(rest[1]) else f"{n} {'edits' if want_edit else 'messages'}: " + repr(
            [s["text"][:70] for s in sent if s["chat"] == rest[0]])
    if head == "nth":
        chat, n, how, text = rest[0], int(rest[1]), rest[2], rest[3]
        msgs = [s for s in sent if s["chat"] == chat and not s["edit"]]
        if len(msgs) < n:
            return f"only {len(msgs)} messages"
        has = text.replace("\\n", "\n").lower() in msgs[n - 1]["text"].lower()
        ok = has if how == "has" else not has
        return None if ok else f"message was {msgs[n - 1]['text']!r}"
    if head == "order":
        position = 0
        for text in rest:
            want = text.replace("\\n", "\n").lower()
            found = next((i for i in range(position, len(sent)) if want in (sent[i]["text"] or "").lower()), None)
            if found is None:
                return f"{text!r} not found after message {position}: " + repr([s["text"][:40] for s in sent[position:]])
            position = found + 1
        return None
    if head == "total":
        return None if len(sent) == int(rest[0]) else f"{len(sent)} in all"
    if head == "hours":
        got = state["hours"].get(rest[0], 0)
        return None if abs(got - float(rest[1])) < 1e-9 else f"{got} hours"
    return f"unknown expectation {head!r}"
