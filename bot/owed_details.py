"""Private lines added to a direct message when it is SENT, not when it is
decided (issue 14, finding 2).

A claimer's message ("You claimed #3 …") is written to the outbox at once,
but it may wait there for days: a Telegram member who never pressed Start
gets it only when they do. So the row holds what to say and about which
item, and the author's handle, their message and the address or phone are
read from the item here, at the moment of sending, and only while the item
is still the recipient's. A cancelled, reopened, expired, forgotten or
retained item sends nothing private."""
from __future__ import annotations

from sqlalchemy.orm import Session

from bot.actions import Named
from bot.i18n import _, translator
from storage.models import Group, Item, ItemEvent, ItemPrivate, Member, Outbox

# the claimer of an item the group saw (its message was posted there)
DETAILS = "details"
# the claimer of a private item (sent by direct message, or holding an
# address or phone): counted against the group's `handoffs` setting
HANDOFF = "handoff"
# an edit of the item, to its claimer: the new message and details
CHANGED = "changed"
TEMPLATES = (DETAILS, HANDOFF, CHANGED)


def is_private(item: Item, private: ItemPrivate | None) -> bool:
    """Whether claiming the item hands someone details the group never saw."""
    return bool(item.via_direct or (private is not None and private.details))


def with_details(db: Session, row: Outbox) -> tuple[str, tuple[Named, ...]]:
    """The row's text as it goes out: its first line, then the private lines
    the item still allows, then the rest; and the person those lines name
    (the author, linked by platform id, never by a name that looks the same)."""
    text = row.text or ""
    if row.template not in TEMPLATES:
        return text, ()
    head, _sep, rest = text.partition("\n")
    lines, author = private_lines(db, row)
    text = "\n".join([head, *lines, *([rest] if rest else [])])
    if author is None or not author.handle or f"@{author.handle}" not in text:
        return text, ()
    return text, (Named(author.handle, author.user_id),)


def private_lines(db: Session, row: Outbox) -> tuple[list[str], Member | None]:
    group = db.get(Group, row.group_id) if row.group_id else None
    t = translator(_lang(group))
    item = db.get(Item, row.item_id) if row.item_id is not None else None
    if (item is None or item.scrubbed or row.member_id is None or item.status != "claimed"
            or item.claimer_id != row.member_id):
        return [t(_("It is no longer yours, so I am not sending its details."))], None
    lines = []
    author = db.get(Member, item.author_id) if item.author_id else None
    if author is not None and _entered_on_desk(db, item):
        lines.append(t(_("@{handle}, a coordinator, entered it for someone who called: ask them if anything is unclear.")).format(
            handle=author.handle))
    elif author is not None:
        lines.append((t(_("Offered by @{handle}.")) if item.kind == "offer" else t(_("Asked by @{handle}."))).format(
            handle=author.handle))
    private = db.get(ItemPrivate, item.id)
    if private is not None:
        lines.append(t(_("Their message: {text}")).format(text=private.text))
        if private.details:
            lines.append(t(_("Details (only for you): {details}")).format(details=", ".join(private.details.splitlines())))
    return lines, author


def _lang(group: Group | None) -> str:
    if group is None:
        return "en"
    import json

    return json.loads(group.settings or "{}").get("lang", "en")


def _entered_on_desk(db: Session, item: Item) -> bool:
    """A need a coordinator entered on the desk for someone who called (bot.history)."""
    return db.query(ItemEvent.id).filter(ItemEvent.item_id == item.id, ItemEvent.kind == "entered").first() is not None
