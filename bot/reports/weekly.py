"""/report and the weekly report: the last eight weeks' chart of a group,
as a PNG with a caption in the group's language; None when nothing was
asked or met in those weeks (no empty chart is sent)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.i18n import _, format_when, translator
from bot.reports import periods
from bot.reports.words import CATEGORIES, file_name
from storage import reports as store


@dataclass(frozen=True)
class ChartFile:
    name: str
    png: bytes
    caption: str
    figure: object = field(default=None, repr=False, compare=False)  # what was drawn, to read back


def weekly_counts(db: Session, group_id: int, zone: ZoneInfo, now: datetime):
    from bot.reports.chart import WeeklyCounts

    mondays, bounds = periods.last_weeks(now, zone)
    asked, met = store.weekly(db, group_id, bounds)
    return WeeklyCounts(mondays, asked, met)


def chart_file(db: Session, group_name: str, group_id: int, zone: ZoneInfo, lang: str, now: datetime) -> ChartFile | None:
    # matplotlib is loaded on the first chart, not when the bot starts
    from bot.reports import chart

    counts = weekly_counts(db, group_id, zone, now)
    if counts.empty:
        return None
    t = translator(lang)
    figure = chart.draw(counts, chart_words(counts, group_name, lang))
    first_day = format_when(datetime.combine(counts.mondays[0], time()), False, lang)
    caption = t(_("{group}: requests asked and met per week, the eight weeks since {day}. In all, {asked} asked and {met} met.")).format(
        group=group_name, day=first_day, asked=sum(counts.asked.values()), met=sum(counts.met.values()))
    return ChartFile(file_name(group_name, "report", now, zone, "png"), chart.png(figure), caption, figure)


def chart_words(counts, group_name: str, lang: str):
    from bot.reports.chart import ChartWords

    t = translator(lang)
    weeks = [format_when(datetime.combine(m, time()), False, lang).split(" ", 1)[1] for m in counts.mondays]
    weeks[-1] = t(_("this week"))
    return ChartWords(
        title=t(_("Requests asked and met per week in {group}")).format(group=group_name),
        asked=t(_("asked (light, left)")),
        met=t(_("met (solid, right)")),
        axis=t(_("requests")),
        weeks=weeks,
        categories={c: t(marked) for c, marked in CATEGORIES.items()},
    )
