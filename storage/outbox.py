"""The outbox's own queries: taking rows to send (leased, so two workers
never send one row), and marking them sent, failed or postponed. A sent
row keeps no words and no address of a person."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from storage.models import Outbox

# short, so that rows a crashed sender held go out soon after a restart;
# a sender renews a row's lease right before sending it
LEASE = timedelta(seconds=30)


def take_pending(s: Session, now: datetime, limit: int = 100, owner: str = "") -> list[Outbox]:
    """Unsent rows in the order they were decided, leased to ``owner``."""
    q = (
        select(Outbox)
        .where(
            Outbox.sent_at.is_(None),
            Outbox.failed.is_(None),
            or_(Outbox.not_before.is_(None), Outbox.not_before <= now),
            or_(Outbox.lease_until.is_(None), Outbox.lease_until <= now),
        )
        .order_by(Outbox.id)
        .limit(limit)
    )
    if s.get_bind().dialect.name == "postgresql":
        q = q.with_for_update(skip_locked=True)
    rows = list(s.scalars(q))
    for row in rows:
        row.lease_until = now + LEASE
        row.lease_owner = owner
    return rows


def renew_lease(s: Session, row_id: int, owner: str, now: datetime) -> bool:
    """Right before sending: whether the row is still unsent and this
    sender's (its lease may have run out while the chat's pace held it, and
    another sender taken it), extending the lease if so."""
    result = s.execute(
        update(Outbox)
        .where(Outbox.id == row_id, Outbox.lease_owner == owner, Outbox.sent_at.is_(None), Outbox.failed.is_(None))
        .values(lease_until=now + LEASE)
    )
    return result.rowcount == 1


def target_message_id(s: Session, row: Outbox) -> str | None:
    if row.edit_of is None:
        return None
    target = s.get(Outbox, row.edit_of)
    return None if target is None else target.message_id


def mark_sent(s: Session, row_id: int, message_id: str | None, now: datetime) -> None:
    """``message_id`` for an edit means the platform posted the new text as
    a new message (Signal, for messages too old to edit): that message is
    now the item's announcement."""
    row = s.get(Outbox, row_id)
    if row is not None and row.kind == "edit" and message_id and row.item_id is not None:
        from storage.models import Announcement

        s.add(Announcement(outbox_id=row_id, item_id=row.item_id))
    s.execute(
        update(Outbox)
        .where(Outbox.id == row_id)
        .values(sent_at=now, message_id=message_id, text=None, user_id=None, mentions=None, file_data=None,
                lease_until=None)
    )


def mark_failed(s: Session, row_id: int, reason: str) -> None:
    s.execute(update(Outbox).where(Outbox.id == row_id).values(failed=reason[:255], lease_until=None))


def postpone(s: Session, row_id: int, until: datetime) -> None:
    s.execute(
        update(Outbox)
        .where(Outbox.id == row_id)
        .values(not_before=until, lease_until=None, attempts=Outbox.attempts + 1)
    )


def unsent_count(s: Session) -> int:
    from sqlalchemy import func

    return s.scalar(select(func.count()).select_from(Outbox).where(Outbox.sent_at.is_(None), Outbox.failed.is_(None)))
