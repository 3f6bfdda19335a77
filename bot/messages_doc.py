"""Writes docs/MESSAGES.md: every message the bot can send, with the event
that causes it and who receives it, in English and Spanish (issue 15).

    .venv/bin/python -m bot.messages_doc > docs/MESSAGES.md

The strings are read from the code (each ``_("...")`` and the function that
holds it) and their Spanish from the catalog; what causes each function's
messages and who gets them is the table ``CAUSES`` below, one row per
function. tests/test_messages_doc.py fails when the file is not what this
writes, or when a function that says something has no row here, so the list
cannot go stale."""
from __future__ import annotations

import ast
import sys
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).parent
CATALOG = ROOT / "locale" / "es" / "LC_MESSAGES" / "mutualaid.po"

GROUP, DM, ASKER = "the group", "by direct message", "where the command was written"
PART = "—"
DESK = "the coordinator, on the desk's page (never sent to a chat)"

# "module:function" -> (what causes it, who receives it)
CAUSES: dict[str, tuple[str, str]] = {
    "commands/desk_commands:desk_cmd": ("/desk, /desk logout", "the coordinator: the link by direct message, a short line where the command was written"),
    "commands/item_commands:close_as_done": ("/done, /close or the desk's close of an item someone else had claimed",
                                             "its claimer, by direct message"),
    "desk_actions:": ("a desk action that cannot be done", DESK),
    "desk_actions:on_desk_action": ("a desk action by someone not logged in, not a coordinator, or sent twice", DESK),
    "desk_actions:_assign": ("assign on the desk", DESK),
    "desk_actions:_unclaim": ("unclaim on the desk", DESK + "; the claimer, by direct message"),
    "desk_actions:_close": ("close on the desk", DESK),
    "desk_actions:_cancel": ("cancel on the desk", DESK),
    "desk_actions:_reopen": ("reopen on the desk", DESK),
    "desk_actions:_edit": ("an edit on the desk", DESK),
    "desk_actions:_intake": ("hotline intake on the desk", DESK),
    "commands/call:Call.how_to_write": ("a command written wrongly", ASKER),
    "commands/group_commands:_person": ("/promote or /demote naming nobody the bot knows", ASKER),
    "commands/group_commands:demote_cmd": ("/demote", ASKER),
    "commands/group_commands:pause_cmd": ("/pause", GROUP),
    "commands/group_commands:promote_cmd": ("/promote", ASKER),
    "commands/group_commands:resume_cmd": ("/resume", GROUP),
    "commands/group_commands:settings_cmd": ("/settings", ASKER),
    "commands/item_commands:answer_claim": ("/claim of an item that cannot be claimed", ASKER),
    "commands/item_commands:assign_cmd": ("/assign", ASKER),
    "commands/item_commands:cancel_cmd": ("/cancel", ASKER),
    "commands/item_commands:done_cmd": ("/done by someone who is neither author nor claimer", ASKER),
    "commands/item_commands:finish": ("/done or /close; the claimer is told when someone else closes their item",
                                      "the one who asked (in a direct chat), the claimer by direct message"),
    "commands/item_commands:say_absent": ("an item command naming an item the member cannot act on "
                                          "(in a direct chat, with the items they can act on)", ASKER),
    "commands/item_commands:reopen_cmd": ("/reopen of an open item", ASKER),
    "commands/item_commands:unclaim_cmd": ("/unclaim", ASKER),
    "commands/table:help_cmd": ("/help (in a group: a short line there, the list by direct message)",
                                        "the group and the one who asked, by direct message"),
    "commands/list_commands:hours_cmd": ("/hours", ASKER),
    "commands/list_commands:mine_text": ("/mine, or an item command in a direct chat naming an item not theirs", DM),
    "commands/list_commands:mine_text.line": ("part of /mine", PART),
    "commands/list_commands:open_cmd": ("/open", GROUP),
    "commands/person_commands:start_cmd": ("/start (Telegram's Start button) with nothing waiting", DM),
    "commands/report_commands:export_cmd": ("/export", "the coordinator, by direct message"),
    "commands/report_commands:report_cmd": ("/report with nothing to chart", ASKER),
    "commands/table:": ("the commands' descriptions in /help and the platforms' menus", PART),
    "commands/table:_coordinator_of_item": ("a coordinators' command by a member", ASKER),
    "commands/table:run_command": ("an unknown command, or one not allowed here", ASKER),
    "direct:_answer_what": ("the answer to \"what do you need, and when?\"", DM),
    "direct:_answer_which_group": ("the answer to \"which group?\"", DM),
    "asking:ask_what_is_needed": ("a need too vague to post (\"I need help\")", DM),
    "direct:on_direct_text": ("a direct message to the bot", DM),
    "direct:post_from_direct": ("a need sent by direct message, posted", "its author, by direct message"),
    "due_runner:_checkin": ("the morning after a claimed item's time", "its author and its claimer, by direct message"),
    "due_runner:_expire": ("an open item past its time", "its author, by direct message"),
    "due_runner:_remind": ("before a claimed item's time", "its claimer, by direct message"),
    "due_runner:_repost": ("an open request nobody took, before its time, unless named that day", GROUP),
    "due_runner:alert_coordinators": ("an urgent need, or an open request close to its time",
                                      "each coordinator, by direct message"),
    "due_runner:post_daily_digest": ("the daily digest, when its list changed", GROUP),
    "due_runner:post_digest": ("/digest", GROUP),
    "engine:Engine._added": ("the bot added to a group", GROUP),
    "engine:Engine._apologise": ("a failure on the bot's side", ASKER),
    "flood:tell_once": ("more new items from one member in an hour than `flood` allows",
                        "the member and each coordinator, by direct message"),
    "forget:forget_member": ("/forget", DM),
    "handoff:offer_handoff": ("a direct message that cannot reach its person", GROUP),
    "handoffs:tell_author": ("a private need claimed", "its author, by direct message"),
    "handoffs:tell_limit": ("a claim past the member's private hand-offs for the hour", DM),
    "items:moved": ("a change of a claimed item's time, place, message or details (the author's edit, or the desk)",
                    "its claimer, by direct message"),
    "intake:on_edit": ("an edit that no longer reads as a need", "its author, by direct message"),
    "intake:on_group_text": ("a reply claiming a message that asked for several things", DM),
    "intake:tell_one_claim": ("a message claiming several items", DM),
    "items:claim": ("/assign of an item someone else had", "the former claimer, by direct message"),
    "items:close": ("a claimed item cancelled", "its claimer, by direct message"),
    "items:reopen": ("/reopen of a claimed or closed item", "the former claimer, by direct message"),
    "items:say_open_again": ("an item given back: posted again (or its copy edited back, if named that day)", GROUP),
    "items:tell_claimer": ("a claim, an /assign, or the next occurrence of a series",
                          "the claimer (and an offer's author), by direct message"),
    "items:tell_dropped_out": ("a volunteer who unclaims, uses /forget or leaves the group",
                               "the author and the coordinator who assigned, by direct message"),
    "items:tell_taken": ("a claim of an item already taken, or asking for an offer already taken", DM),
    "owed_details:private_lines": ("private lines added to a claim message when it is sent", PART),
    "render:announcement": ("an item posted, re-posted, or its status changed (an edit)", GROUP),
    "render:claim_buttons": ("the claim button under an announcement (Telegram)", GROUP),
    "render:open_list": ("part of /open and the digests", PART),
    "render:posted_again": ("an earlier copy of a re-posted item (an edit)", GROUP),
    "reports/stats:_categories": ("part of /stats", PART),
    "reports/stats:_period_line": ("part of /stats", PART),
    "reports/stats:message": ("/stats", ASKER),
    "reports/weekly:chart_file": ("the weekly report, or /report", GROUP),
    "reports/weekly:chart_words": ("the chart's words", PART),
    "reports/words:": ("category and status names used in announcements, lists and reports", PART),
    "settings:": ("the settings' descriptions and errors in /settings", PART),
}


def strings_by_place(root: Path = ROOT) -> dict[str, list[str]]:
    """Each function's marked strings, in the order written."""
    found: dict[str, list[str]] = {}
    for path in sorted(root.rglob("*.py")):
        module = path.relative_to(root).with_suffix("").as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))

        def walk(node, stack):
            for child in ast.iter_child_nodes(node):
                if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    walk(child, stack + [child.name])
                    continue
                if (isinstance(child, ast.Call) and getattr(child.func, "id", None) == "_" and child.args
                        and isinstance(child.args[0], ast.Constant) and isinstance(child.args[0].value, str)):
                    key = f"{module}:{'.'.join(stack)}"
                    if child.args[0].value not in found.setdefault(key, []):
                        found[key].append(child.args[0].value)
                walk(child, stack)

        walk(tree, [])
    return found


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "<br>")


def render() -> str:
    catalog = {m.id: m.string for m in read_po(CATALOG.open("rb")) if m.id}
    places = strings_by_place()
    missing = sorted(set(places) - set(CAUSES))
    if missing:
        raise SystemExit(f"bot/messages_doc.py: say what causes these and who gets them: {missing}")
    out = [
        "# Every message the bot can send",
        "",
        "Generated by `bot/messages_doc.py` from the code and the Spanish catalog",
        "(`.venv/bin/python -m bot.messages_doc > docs/MESSAGES.md`); do not edit by",
        "hand: `tests/test_messages_doc.py` fails when this file is not what the",
        "code says. `{line}` is an item's line (\"#3 groceries · Tue Dec 8\"); the",
        "other `{…}` are filled in when the message is written. Rows marked",
        "\"—\" are parts of other messages. Private details never appear in a group",
        "message; see [PRIVACY.md](PRIVACY.md).",
        "",
    ]
    for key in sorted(places):
        event, who = CAUSES[key]
        module, function = key.split(":")
        out.append(f"## `{module}` {('· `' + function + '`') if function else ''}".rstrip())
        out.append("")
        out.append(f"**When:** {event}. **Who:** {who}.")
        out.append("")
        out.append("| English | Español |")
        out.append("| --- | --- |")
        for msgid in places[key]:
            out.append(f"| {_cell(msgid)} | {_cell(catalog.get(msgid) or msgid)} |")
        out.append("")
    return "\n".join(out)


if __name__ == "__main__":
    sys.stdout.write(render())
