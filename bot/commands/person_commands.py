"""Commands a member runs about themselves: /need /offer /start /forget."""
from __future__ import annotations

from bot import items
from bot.commands.call import Call
from bot.direct import on_direct_text
from bot.due_runner import alert_coordinators
from bot.forget import forget_member
from bot.i18n import _
from bot.parsing import parse
from storage import repo
from storage.keys import message_key
from storage.models import Group


def need_cmd(call: Call) -> None:
    _post(call, "request", "/need TEXT")


def offer_cmd(call: Call) -> None:
    _post(call, "offer", "/offer TEXT")


def _post(call: Call, kind: str, usage: str) -> None:
    if not call.rest:
        call.how_to_write(usage, usage.replace("TEXT", "groceries tuesday" if kind == "request" else "a spare crib"))
        return
    if call.group is None:
        on_direct_text(call.turn, call.msg, call.member, forced_kind=kind, text=call.rest)
        return
    parsed = parse(call.rest, call.msg.sent_at, call.turn.zone(call.group), assume=kind)
    key = message_key(call.msg.platform, call.msg.chat_id, call.msg.message_id)
    # one item per need or offer the text holds ("groceries tuesday and also a ride thursday 10am")
    for item in items.make_items(call.turn, call.group, call.member, kind=kind, parsed=parsed, source_key=key,
                                 via_direct=False):
        if item.urgent and item.status == items.OPEN:
            alert_coordinators(call.turn, call.group, item, urgent=True)


def start_cmd(call: Call) -> None:
    """The first message of a direct chat, or the end of a hand-off: a
    person who could not be messaged pressed the link and Start."""
    pending = repo.take_handoffs(call.turn.db, call.member.id)
    for row in pending:
        if row.kind == "file" and row.file_data is not None:
            call.turn.send_file(call.member, row.file_name or "file", row.file_data, row.text or "", row.is_image)
        elif row.text:
            # a claim message gets its private lines now, if the item is still theirs
            item = repo.get_item(call.turn.db, row.item_id) if row.item_id is not None else None
            group = call.turn.db.get(Group, row.group_id) if row.group_id else None
            call.turn.direct(call.member, row.text, item=item, group=group, template=row.template)
        row.text, row.user_id, row.file_data = None, None, None  # delivered anew above
    if not pending:
        call.reply(call.t(_("Hello! I help your group share needs and offers. Write a need here and I'll post it without your name, or /help.")))


def forget_cmd(call: Call) -> None:
    forget_member(call.turn, call.member)
