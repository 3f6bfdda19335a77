"""The desk's forms: each becomes a DeskAction handed to the engine, which
applies the chat's rules, writes what the chat is told to the outbox, and
answers with a DeskAnswer. The page then shows the item again (after a
change, by redirect, with no words in the address) or the refusal."""
from __future__ import annotations

import logging
import secrets

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from bot.actions import DeskAnswer
from bot.i18n import translator
from bot.events import DeskAction
from storage.models import Item
from web import auth, csrf
from web import words
from web.guard import int_param

log = logging.getLogger(__name__)

ITEM_ACTIONS = ("assign", "unclaim", "close", "reopen", "cancel", "edit")
FIELDS = ("volunteer", "summary", "day", "time", "urgent", "category", "area", "details")
FIELD_MAX = 2000


def routes(desk) -> list[Route]:
    async def checked(request: Request):
        """(form, coordinator) or a refusal: logged in, and the CSRF token matches."""
        form = await request.form()
        me = await run_in_threadpool(_coordinator, desk, request)
        if me is None:
            return None, desk.refuse(request, 401, words.NOT_LOGGED_IN)
        if not csrf.valid(request, form):
            log.info("desk form refused: CSRF token missing or wrong")
            return None, desk.refuse(request, 403, words.FORM_EXPIRED, me)
        return (form, me), None

    async def item_action(request: Request):
        got, refused = await checked(request)
        if refused is not None:
            return refused
        form, me = got
        action = request.path_params["action"]
        number = int_param(request.path_params["number"], 0)
        group_id = await run_in_threadpool(_group_of_item, desk, number)
        if group_id is None:
            return desk.refuse(request, 404, words.NO_ITEM, me)
        if group_id not in me.groups:
            log.info("desk action refused: item of another group action=%s", action)
            return desk.refuse(request, 403, words.NOT_YOURS, me)
        if action not in ITEM_ACTIONS:
            return desk.refuse(request, 404, words.CANNOT, me)
        answer = await _submit(desk, me, action, form, item_id=number)
        if answer.ok:
            return RedirectResponse(f"/items/{number}?done={action}", status_code=303)
        return desk.refuse(request, 409, answer.text(translator(desk.lang(me))), me)

    async def intake(request: Request):
        got, refused = await checked(request)
        if refused is not None:
            return refused
        form, me = got
        group_id = int_param(form.get("group"))
        if group_id not in me.groups:
            return desk.refuse(request, 403, words.NOT_YOURS, me)
        answer = await _submit(desk, me, "intake", form, group_id=group_id)
        if answer.ok and answer.item_id is not None:
            return RedirectResponse(f"/items/{answer.item_id}?done=intake", status_code=303)
        return desk.page(request, "intake.html", status=400, me=me, notice=answer.text(translator(desk.lang(me))),
                         values={k: str(form.get(k, "")) for k in FIELDS + ("group",)})

    return [
        Route("/items/{number}/{action}", item_action, methods=["POST"]),
        Route("/intake", intake, methods=["POST"]),
    ]


async def _submit(desk, me, action: str, form, *, item_id=None, group_id=None) -> DeskAnswer:
    fields = tuple((k, str(form.get(k, ""))[:FIELD_MAX]) for k in FIELDS if k in form)
    request_id = str(form.get("request_id") or secrets.token_urlsafe(16))[:64]
    event = DeskAction(member_id=me.member_id, action=action, request_id=request_id, sent_at=desk.clock(),
                       item_id=item_id, group_id=group_id, fields=fields)
    actions = await desk.submit(event) or []
    return next((a for a in actions if isinstance(a, DeskAnswer)),
                DeskAnswer(False, words.WENT_WRONG))


def _coordinator(desk, request):
    with desk.sessions() as db, db.begin():
        return auth.current(db, request, desk.clock())


def _group_of_item(desk, number: int) -> int | None:
    with desk.sessions() as db:
        item = db.get(Item, number)
        return None if item is None else item.group_id
