"""Turning outbox rows back into actions, and the sending loop's
bookkeeping (shared by the runtime's sender and ``mutualaid simulate``)."""
from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from bot.actions import Action, Button, EditMessage, Named, SendDirect, SendFile, SendToChat
from bot.owed_details import with_details
from storage import outbox as store
from storage.models import Outbox


@dataclass(frozen=True)
class Owed:
    """One row to deliver: its id, what to do, and the pace key it counts
    against (a group chat, or a person's direct chat)."""

    id: int
    action: Action
    pace_key: tuple[str, str, str]
    decided_at: datetime
    item_id: int | None


def _buttons(raw: str | None) -> tuple[Button, ...]:
    return tuple(Button(label, data) for label, data in json.loads(raw)) if raw else ()


def _mentions(raw: str | None) -> tuple[Named, ...]:
    return tuple(Named(handle, user_id) for handle, user_id in json.loads(raw)) if raw else ()


def to_action(db: Session, row: Outbox) -> Action:
    key = f"mutualaid-{row.id}"
    named = _mentions(row.mentions)
    if row.kind == "send":
        return SendToChat(row.platform, row.chat_id, row.text or "", row.reply_to, _buttons(row.buttons), key, named)
    if row.kind == "direct":
        # private lines are read now, from the item, never kept on the row; the
        # author they name is linked by platform id like any other mention
        text, also_named = with_details(db, row)
        return SendDirect(row.platform, row.user_id or "", text, _buttons(row.buttons), key, named + also_named)
    if row.kind == "edit":
        return EditMessage(row.platform, row.chat_id or "", store.target_message_id(db, row) or "",
                           row.text or "", _buttons(row.buttons), key, named)
    if row.kind == "file":
        return SendFile(row.platform, row.chat_id, row.user_id, row.file_name or "file", row.file_data or b"",
                        row.text or "", row.is_image, key)
    raise ValueError(f"unknown outbox kind {row.kind}")


def _pace_key(row: Outbox) -> tuple[str, str, str]:
    if row.chat_id:
        return (row.platform, "group", row.chat_id)
    return (row.platform, "direct", str(row.member_id or row.id))


class OutboxQueue:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions
        # this sender's name on the rows it leases
        self.owner = uuid.uuid4().hex

    def take(self, now: datetime, limit: int = 100) -> list[Owed]:
        with self.sessions() as db, db.begin():
            rows = store.take_pending(db, now, limit, self.owner)
            return [Owed(r.id, to_action(db, r), _pace_key(r), r.created_at, r.item_id) for r in rows]

    def still_ours(self, row_id: int, now: datetime) -> bool:
        with self.sessions() as db, db.begin():
            return store.renew_lease(db, row_id, self.owner, now)

    def sent(self, row_id: int, message_id: str | None, now: datetime) -> None:
        with self.sessions() as db, db.begin():
            store.mark_sent(db, row_id, message_id, now)

    def failed(self, row_id: int, reason: str) -> None:
        with self.sessions() as db, db.begin():
            store.mark_failed(db, row_id, reason)

    def later(self, row_id: int, until: datetime) -> None:
        with self.sessions() as db, db.begin():
            store.postpone(db, row_id, until)

    def unsent(self) -> int:
        with self.sessions() as db:
            return store.unsent_count(db)
