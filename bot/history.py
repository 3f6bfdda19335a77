"""An item's history for the coordinators' desk: one row per thing that
happened to it (posted, claimed, reminded, checked in, reopened, done…),
with who did it. The actor is the turn's (the member whose message, reaction
or desk action this is; none for what the bot does on its own), so the
functions of bot.items record without being told who is acting."""
from __future__ import annotations

from sqlalchemy import insert

from bot.turn import Turn
from storage.models import Item, ItemEvent, Member

# what the item page says for each kind (bot.items and bot.due_runner write them)
KINDS = ("posted", "entered", "claimed", "assigned", "unclaimed", "reminded", "checked_in", "reposted",
         "done", "cancelled", "expired", "reopened", "edited")


def record(turn: Turn, item: Item, kind: str, subject: Member | None = None) -> None:
    actor = turn.actor
    turn.db.execute(insert(ItemEvent).values(
        item_id=item.id, kind=kind, actor_id=actor.id if actor is not None else None,
        subject_id=subject.id if subject is not None else None,
        via=turn.via if actor is not None else "bot", at=turn.now,
    ))


def entered_on_desk(turn: Turn, item: Item) -> bool:
    """A need a coordinator entered on the desk for someone who called."""
    return turn.db.query(ItemEvent.id).filter(ItemEvent.item_id == item.id, ItemEvent.kind == "entered").first() is not None
