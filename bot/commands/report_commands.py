"""Coordinators' reports: /stats (numbers in the chat), /export (the
group's items as a CSV, always by direct message) and /report (the last
eight weeks' chart, as an image in the chat). The table
(``bot.commands.table``) refuses them to members."""
from __future__ import annotations

from bot.commands.call import Call
from bot.i18n import _
from bot.reports import export, stats, weekly
from bot.reports.words import file_name
from storage import reports as store


def stats_cmd(call: Call) -> None:
    turn, group = call.turn, call.group
    week, month = stats.week_and_month(turn.db, group.id, turn.zone(group), turn.now)
    any_requests = bool(week.asked or month.asked) or store.has_requests(turn.db, group.id)
    call.reply(stats.message(group.name, week, month, turn.lang(group), any_requests=any_requests))


def export_cmd(call: Call) -> None:
    turn, group = call.turn, call.group
    zone = turn.zone(group)
    t = turn.tr(group)
    content, count = export.csv_file(turn.db, group.id, zone, turn.now)
    if count == 0:
        turn.direct(call.member, t(_("{group} has no items yet, so there is nothing to export.")).format(
            group=group.name), group=group)
        return
    caption = t(_("{count} items of {group}, times in {zone}. No names, handles or private details.")).format(
        count=count, group=group.name, zone=zone.key)
    turn.send_file(call.member, file_name(group.name, "items", turn.now, zone, "csv"), content, caption,
                   is_image=False, group=group)


def report_cmd(call: Call) -> None:
    turn, group = call.turn, call.group
    chart = weekly.chart_file(turn.db, group.name, group.id, turn.zone(group), turn.lang(group), turn.now)
    if chart is None:
        call.reply(turn.tr(group)(_("Nothing was asked or met in {group} in the last eight weeks, so there is no chart yet.")).format(
            group=group.name))
        return
    turn.post_file(group, chart.name, chart.png, chart.caption, is_image=True)
