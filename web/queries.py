"""What the desk's pages read. Read-only: every change goes through the
engine (web/actions.py). Queries are limited to the coordinator's groups by
their callers (web/auth.py gives the ids)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session, aliased

from storage.models import Group, Hours, Item, ItemEvent, Member, Membership

ACTIVE = ("open", "claimed")
STATUSES = ("open", "claimed", "done", "cancelled", "expired")
PAGE = 100


@dataclass(frozen=True)
class BoardFilter:
    group: int | None = None
    category: str | None = None
    urgency: str | None = None  # urgent | normal
    day: date | None = None
    status: str | None = None  # one of STATUSES; None: open and claimed
    page: int = 1


@dataclass(frozen=True)
class BoardRow:
    id: int
    kind: str
    what: str
    category: str
    status: str
    urgent: bool
    when_at: datetime | None
    has_time: bool
    place: str | None
    created_at: datetime
    group_id: int
    claimer: str | None


def board(db: Session, groups: dict[int, Group], zones: dict[int, ZoneInfo], f: BoardFilter) -> tuple[list[BoardRow], int]:
    """One page of the board and how many items match, most urgent first,
    then by the item's time (items with no time after), then oldest first."""
    claimer = aliased(Member)
    ids = [f.group] if f.group in groups else list(groups)
    where = [Item.group_id.in_(ids)]
    where.append(Item.status == f.status if f.status in STATUSES else Item.status.in_(ACTIVE))
    if f.category:
        where.append(Item.category == f.category)
    if f.urgency == "urgent":
        where.append(Item.urgent.is_(True))
    elif f.urgency == "normal":
        where.append(Item.urgent.is_(False))
    if f.day is not None:
        # the day in each group's own zone
        where.append(or_(*[and_(Item.group_id == g, Item.when_at >= _midnight(f.day, zones[g]),
                                Item.when_at < _midnight(f.day + timedelta(days=1), zones[g])) for g in ids]))
    total = db.scalar(select(func.count()).select_from(Item).where(*where))
    q = (
        select(Item.id, Item.kind, Item.what, Item.category, Item.status, Item.urgent, Item.when_at, Item.has_time,
               Item.place, Item.created_at, Item.group_id, claimer.handle)
        .outerjoin(claimer, claimer.id == Item.claimer_id)
        .where(*where)
        .order_by(Item.urgent.desc(), case((Item.when_at.is_(None), 1), else_=0), Item.when_at, Item.created_at, Item.id)
        .limit(PAGE).offset((max(f.page, 1) - 1) * PAGE)
    )
    return [BoardRow(*row) for row in db.execute(q)], total


def _midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=zone)


def categories_in(db: Session, group_ids: list[int]) -> list[str]:
    return list(db.scalars(select(Item.category).where(Item.group_id.in_(group_ids)).distinct()))


def history(db: Session, item_id: int) -> list[tuple[ItemEvent, str | None, str | None]]:
    """The item's events, oldest first, with the handles of who acted and whom it concerned."""
    actor, subject = aliased(Member), aliased(Member)
    q = (select(ItemEvent, actor.handle, subject.handle)
         .outerjoin(actor, actor.id == ItemEvent.actor_id)
         .outerjoin(subject, subject.id == ItemEvent.subject_id)
         .where(ItemEvent.item_id == item_id).order_by(ItemEvent.id))
    return [tuple(row) for row in db.execute(q)]


def members_of(db: Session, group_id: int) -> list[tuple[int, str]]:
    """(member id, handle) of everyone seen in the group, for "assign to"."""
    q = (select(Member.id, Member.handle).join(Membership, Membership.member_id == Member.id)
         .where(Membership.group_id == group_id).order_by(func.lower(Member.handle)))
    return [tuple(r) for r in db.execute(q)]


@dataclass(frozen=True)
class VolunteerRow:
    handle: str
    group_id: int
    claims: int
    done: int
    hours: float
    last_active: datetime


def volunteers(db: Session, group_ids: list[int]) -> list[VolunteerRow]:
    """Per member and group: items they claimed (and of those, done), hours
    given, last seen. Never an address, a phone or a platform id."""
    claims = (select(Item.claimer_id.label("m"), Item.group_id.label("g"), func.count().label("n"),
                     func.sum(case((Item.status == "done", 1), else_=0)).label("d"))
              .where(Item.group_id.in_(group_ids), Item.claimer_id.is_not(None))
              .group_by(Item.claimer_id, Item.group_id).subquery())
    hours = (select(Hours.member_id.label("m"), Hours.group_id.label("g"), func.sum(Hours.hours).label("h"))
             .where(Hours.group_id.in_(group_ids), Hours.member_id.is_not(None))
             .group_by(Hours.member_id, Hours.group_id).subquery())
    q = (select(Member.handle, Membership.group_id, func.coalesce(claims.c.n, 0), func.coalesce(claims.c.d, 0),
                func.coalesce(hours.c.h, 0.0), Membership.last_seen_at)
         .join(Membership, Membership.member_id == Member.id)
         .outerjoin(claims, and_(claims.c.m == Member.id, claims.c.g == Membership.group_id))
         .outerjoin(hours, and_(hours.c.m == Member.id, hours.c.g == Membership.group_id))
         .where(Membership.group_id.in_(group_ids))
         .order_by(func.coalesce(claims.c.n, 0).desc(), Membership.last_seen_at.desc(), Member.handle))
    return [VolunteerRow(h, g, int(n), int(d), float(hrs), seen) for h, g, n, d, hrs, seen in db.execute(q)]
