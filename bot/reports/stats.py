"""/stats: this week's and this month's numbers, in the group's language,
short enough for a chat message.

For a period: *asked*, the requests posted in it; *met*, the requests
marked done in it (whenever they were posted); *open*, the requests posted
in it that nobody has taken yet; *expired*, the requests that expired in
it; the *median time to claim*, over the requests claimed in it."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.i18n import _, format_when, translator
from bot.reports import periods
from bot.reports.words import by_category_order, category_name, short_duration
from storage import reports as store

MOST_CATEGORIES_SHOWN = 6


@dataclass(frozen=True)
class Numbers:
    period: periods.Period
    asked: int
    met: int
    open: int
    expired: int
    claimed: int
    median_claim_seconds: float | None
    by_category: dict[str, tuple[int, int]]  # category -> (asked, met)


def numbers(db: Session, group_id: int, period: periods.Period) -> Numbers:
    asked = store.asked(db, group_id, period.start, period.end)
    closed = store.closed(db, group_id, period.start, period.end)
    claimed, median = store.median_claim_seconds(db, group_id, period.start, period.end)
    met = {c: n for (c, status), n in closed.items() if status == store.DONE}
    categories = set(asked) | set(met)
    return Numbers(
        period=period,
        asked=sum(n for n, _open in asked.values()),
        met=sum(met.values()),
        open=sum(still_open for _n, still_open in asked.values()),
        expired=sum(n for (_c, status), n in closed.items() if status == store.EXPIRED),
        claimed=claimed,
        median_claim_seconds=median,
        by_category={c: (asked.get(c, (0, 0))[0], met.get(c, 0)) for c in by_category_order(categories)},
    )


def week_and_month(db: Session, group_id: int, zone: ZoneInfo, now: datetime) -> tuple[Numbers, Numbers]:
    return (numbers(db, group_id, periods.this_week(now, zone)),
            numbers(db, group_id, periods.this_month(now, zone)))


def message(group_name: str, week: Numbers, month: Numbers, lang: str, *, any_requests: bool) -> str:
    t = translator(lang)
    if not any_requests:
        return t(_("No requests in {group} yet, so there is nothing to count.")).format(group=group_name)
    lines = [f"📊 {group_name}"]
    for label, n in ((_("This week (since {day})"), week), (_("This month (since {day})"), month)):
        day = format_when(datetime.combine(n.period.first_day, time()), False, lang)
        lines.append(f"{t(label).format(day=day)}: {_period_line(n, t)}")
        if n.by_category:
            lines.append(t(_("by category, asked/met: {list}")).format(list=_categories(n, t)))
    return "\n".join(lines)


def _period_line(n: Numbers, t) -> str:
    if not (n.asked or n.met or n.expired or n.claimed):
        return t(_("nothing asked, met or expired yet"))
    return t(_("{asked} asked · {met} met · {open} open · {expired} expired · median time to claim {median}")).format(
        asked=n.asked, met=n.met, open=n.open, expired=n.expired, median=short_duration(n.median_claim_seconds))


def _categories(n: Numbers, t) -> str:
    # the busiest first, so a long tail is what gets cut
    ranked = sorted(n.by_category.items(), key=lambda kv: (-kv[1][0], -kv[1][1]))
    shown = [f"{category_name(c, t)} {a}/{m}" for c, (a, m) in ranked[:MOST_CATEGORIES_SHOWN]]
    rest = len(ranked) - MOST_CATEGORIES_SHOWN
    if rest > 0:
        shown.append(t(_("+{count} more")).format(count=rest))
    return " · ".join(shown)
