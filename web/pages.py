"""The desk's pages: the board, an item with its history, volunteers, the
numbers and chart, export, and the hotline intake form. Read-only."""
from __future__ import annotations

from datetime import date

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from bot.i18n import translator
from bot.reports import export, stats, weekly
from bot.reports.words import file_name
from storage.models import Item
from web import queries, words
from web.guard import coordinator_page, int_param


def board_filter(request: Request) -> queries.BoardFilter:
    p = request.query_params
    try:
        day = date.fromisoformat(p["day"]) if p.get("day") else None
    except ValueError:
        day = None
    return queries.BoardFilter(
        group=int_param(p.get("group")), category=p.get("category") or None,
        urgency=p.get("urgency") if p.get("urgency") in ("urgent", "normal") else None,
        day=day, status=p.get("status") if p.get("status") in queries.STATUSES else None,
        page=max(int_param(p.get("page"), 1), 1),
    )


def routes(desk) -> list[Route]:
    def _done(me, request) -> str | None:
        """What the last change was (the address names the action, never words)."""
        marked = words.DONE.get(request.query_params.get("done", ""))
        return translator(desk.lang(me))(marked) if marked else None

    guarded = coordinator_page(desk)

    async def home(request: Request):
        return RedirectResponse("/board", status_code=303)

    @guarded
    def board(request, db, me):
        f = board_filter(request)
        zones = {g: desk.zone(group) for g, group in me.groups.items()}
        rows, total = queries.board(db, me.groups, zones, f)
        pages = max((total + queries.PAGE - 1) // queries.PAGE, 1)
        return desk.page(request, "board.html", me=me, rows=rows, total=total, f=f, pages=pages,
                         statuses=queries.STATUSES)

    @guarded
    def item_page(request, db, me):
        item = db.get(Item, int_param(request.path_params["number"], 0))
        if item is None:
            return desk.refuse(request, 404, words.NO_ITEM, me)
        if item.group_id not in me.groups:
            return desk.refuse(request, 403, words.NOT_YOURS, me)
        group = me.groups[item.group_id]
        handles = {m: h for m, h in queries.members_of(db, group.id)}
        return desk.page(request, "item.html", me=me, item=item, group=group,
                         author=handles.get(item.author_id), claimer=handles.get(item.claimer_id),
                         members=sorted(handles.items(), key=lambda kv: kv[1].lower()),
                         history=queries.history(db, item.id),
                         zone_day=item.when_at.astimezone(desk.zone(group)) if item.when_at else None,
                         done=_done(me, request))

    @guarded
    def volunteers(request, db, me):
        return desk.page(request, "volunteers.html", me=me, rows=queries.volunteers(db, list(me.groups)))

    @guarded
    def reports(request, db, me):
        now = desk.clock()
        numbers = []
        for group in me.groups.values():
            week, month = stats.week_and_month(db, group.id, desk.zone(group), now)
            numbers.append((group, week, month))
        return desk.page(request, "reports.html", me=me, numbers=numbers)

    @guarded
    def chart(request, db, me):
        group = me.groups.get(int_param(request.path_params["group"], 0))
        if group is None:
            return desk.refuse(request, 403, words.NOT_YOURS, me)
        made = weekly.chart_file(db, group.name, group.id, desk.zone(group), desk.lang(me), desk.clock())
        if made is None:
            return desk.refuse(request, 404, words.NO_CHART, me)
        return Response(made.png, media_type="image/png")

    @guarded
    def export_csv(request, db, me):
        group = me.groups.get(int_param(request.path_params["group"], 0))
        if group is None:
            return desk.refuse(request, 403, words.NOT_YOURS, me)
        now = desk.clock()
        content, _count = export.csv_file(db, group.id, desk.zone(group), now)
        name = file_name(group.name, "items", now, desk.zone(group), "csv")
        return Response(content, media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})

    @guarded
    def intake_form(request, db, me):
        return desk.page(request, "intake.html", me=me, notice=None, values={})

    return [
        Route("/", home),
        Route("/board", board),
        Route("/items/{number}", item_page),
        Route("/volunteers", volunteers),
        Route("/reports", reports),
        Route("/reports/{group}/chart.png", chart),
        Route("/export/{group}.csv", export_csv),
        Route("/intake", intake_form, methods=["GET"]),
    ]
