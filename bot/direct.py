"""A member's direct chat with the bot: needs sent privately, the question
"which group?", the question "what do you need?", and free-text claims.

A need sent here is announced without the author's name, and its address
or phone number goes only to the claimer."""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime

from bot import items
from bot.due_runner import alert_coordinators
from bot.events import IncomingMessage
from bot.group_choice import choose
from bot.i18n import _
from bot.asking import ask_what_is_needed
from bot.intake import MAX_TEXT, claim_one_of, claim_quietly
from bot.parsing import ParseResult, parse, reads_as_help
from bot.turn import Turn
from storage import repo
from storage.keys import message_key
from storage.models import Group, Member


# the answer to "what do you need?" withdraws the question
_NEVER_MIND = re.compile(
    r"^\W*(?:never ?mind|nvm|no thanks|no thank you|cancel|forget it|all good|i'?m good|im good|figured it out|"
    r"not anymore|no longer|olvidalo|olvídalo|ya no|no gracias|ya esta|ya está|ya lo resolvi|ya lo resolví|cancelar|nada)\b"
)


def on_direct_text(turn: Turn, msg: IncomingMessage, member: Member, forced_kind: str | None = None,
                   text: str | None = None) -> None:
    text = (msg.text if text is None else text)[:MAX_TEXT]
    conv = repo.get_conversation(turn.db, member.id)
    if conv is not None and forced_kind is None:
        if conv["flow"] == "which_group" and _answer_which_group(turn, msg, member, conv):
            return
        if conv["flow"] == "what" and _answer_what(turn, msg, member, conv, text):
            return
    groups = repo.groups_of_member(turn.db, member.id)
    zone_group = groups[0] if len(groups) == 1 else None
    zone = turn.zone(zone_group) if zone_group else turn.zone_default()
    parsed = parse(text, msg.sent_at, zone)
    kind = forced_kind or parsed.kind
    t = turn.tr(turn.member_lang_group(member))
    if kind in ("request", "offer"):
        source = message_key(msg.platform, msg.chat_id, msg.message_id)
        if not groups:
            turn.direct(member, t(_("I don't know your group yet: say hello in your group first, then write to me again.")))
        elif len(groups) == 1:
            post_from_direct(turn, member, groups[0], text, msg.sent_at, kind, source)
        else:
            repo.set_conversation(turn.db, member.id, {
                "flow": "which_group", "text": text, "sent_at": msg.sent_at.isoformat(),
                "kind": kind, "source": source, "groups": [g.id for g in groups]}, turn.now)
            turn.direct(member, t(_("Which group should I post it in? Answer with its name or number: {names}")).format(
                names=_numbered(groups)))
    elif parsed.kind == "claim" and parsed.numbers:
        named = [i for i in (repo.get_item(turn.db, n) for n in parsed.numbers)
                 if i is not None and repo.membership(turn.db, i.group_id, member.id) is not None]
        claim_one_of(turn, named, member)
    elif parsed.vague and not reads_as_help(text):  # "I can help!" offers, it does not plead
        ask_what_is_needed(turn, member, zone_group, text, msg.sent_at)
    else:
        turn.direct(member, t(_("I didn't find a need or an offer there. Write what you need and when (\"need groceries tuesday\"), or /help.")))


def _answer_what(turn: Turn, msg: IncomingMessage, member: Member, conv: dict, text: str) -> bool:
    group = turn.db.get(Group, conv["group"]) if conv.get("group") else None
    if group is None:
        repo.end_conversation(turn.db, member.id)
        return False  # read as a fresh message: the group is chosen as usual
    if _NEVER_MIND.search(text.lower()):
        repo.end_conversation(turn.db, member.id)
        turn.direct(member, turn.tr(group)(_("OK, nothing posted.")), group=group)
        return True
    parsed = parse(text, msg.sent_at, turn.zone(group))
    if parsed.kind not in ("request", "offer"):
        # the answer to "what do you need?" is a need even without "I need",
        # when it names something or a day
        assumed = parse(text, msg.sent_at, turn.zone(group), assume="request")
        if assumed.category not in (None, "other") or assumed.when is not None:
            parsed = assumed
    if parsed.kind not in ("request", "offer"):
        t = turn.tr(group)
        if conv.get("asked_again"):
            # asked twice and still no need: stop asking, the member can write again any time
            repo.end_conversation(turn.db, member.id)
            turn.direct(member, t(_("OK, nothing posted. Write to me any time with what you need.")), group=group)
            return True
        repo.set_conversation(turn.db, member.id, {**conv, "asked_again": True}, turn.now)
        turn.direct(member, t(_("Tell me what you need and when, for example \"groceries on Tuesday\".")), group=group)
        return True
    repo.end_conversation(turn.db, member.id)
    if conv.get("said"):
        # what the first message said of its day, time, place and urgency ("i need
        # help tomorrow at noon, asap") stands where the answer says nothing of them;
        # it is read against the moment it was written
        said = parse(conv["said"], datetime.fromisoformat(conv["said_at"]), turn.zone(group), assume=parsed.kind)
        parsed = replace(parsed, when=parsed.when or said.when, where=parsed.where or said.where,
                         urgent=parsed.urgent or said.urgent, private=parsed.private + said.private)
    # `parsed` is already what post_from_direct would read (a parse that found the
    # kind reads the same as one told it): no third parse of the same answer
    post_from_direct(turn, member, group, text, msg.sent_at, parsed.kind,
                     message_key(msg.platform, msg.chat_id, msg.message_id), parsed=parsed)
    return True


def _numbered(groups: list[Group]) -> str:
    """"1 eastside, 2 westside": the numbers an answer may give instead of a name."""
    return ", ".join(f"{k} {g.name}" for k, g in enumerate(groups, start=1))


def _answer_which_group(turn: Turn, msg: IncomingMessage, member: Member, conv: dict) -> bool:
    # the groups in the order the question listed them, so "2" and "the first one" mean what was shown
    groups = [g for g in (turn.db.get(Group, gid) for gid in conv["groups"]) if g is not None]
    k = choose(msg.text[:200], [g.name for g in groups])
    if k is None:
        groups_now = repo.groups_of_member(turn.db, member.id)
        parsed = parse(msg.text[:MAX_TEXT], msg.sent_at, turn.zone(groups_now[0]) if groups_now else turn.zone_default())
        if parsed.kind in ("request", "offer", "claim") or parsed.vague or conv.get("asked_again"):
            return False  # a new message of its own (or asked twice already): read as such
        # not a group we can tell: ask once more, with the numbers
        repo.set_conversation(turn.db, member.id, {**conv, "asked_again": True}, turn.now)
        t = turn.tr(turn.member_lang_group(member))
        turn.direct(member, t(_("I didn't catch which group. Answer with its name or number: {names}")).format(
            names=_numbered(groups)))
        return True
    repo.end_conversation(turn.db, member.id)
    post_from_direct(turn, member, groups[k], conv["text"], datetime.fromisoformat(conv["sent_at"]),
                     conv["kind"], conv["source"])
    return True


def post_from_direct(turn: Turn, member: Member, group: Group, text: str, sent_at: datetime, kind: str,
                     source_key: str, parsed: ParseResult | None = None) -> None:
    if parsed is None:
        parsed = parse(text, sent_at, turn.zone(group), assume=kind)
    t = turn.tr(group)
    for item in items.make_items(turn, group, member, kind=kind, parsed=parsed, source_key=source_key, via_direct=True):
        if item.status != items.OPEN:
            continue  # held back from a flood (bot.flood): the member was told
        if item.urgent:
            alert_coordinators(turn, group, item, urgent=True)
        turn.direct(member, t(_("Posted as #{n} in {group}, without your name or address. Whoever takes it gets your details.")).format(
            n=item.id, group=group.name), item=item, group=group)
