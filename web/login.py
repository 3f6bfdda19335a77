"""Logging in by the link /desk sends, and out. Opening the link shows a
button; pressing it uses the link up. (A link preview fetching the page, as
chat apps do, must not spend the link.)"""
from __future__ import annotations

import logging

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from storage import desk as tokens
from web import auth, csrf, words

log = logging.getLogger(__name__)


def routes(desk) -> list[Route]:
    async def login_page(request: Request):
        return desk.page(request, "login.html", secret=request.path_params["secret"], me=None)

    async def login(request: Request):
        form = await request.form()
        client = request.client.host if request.client else "?"
        if not desk.login_limit.allow(client, desk.clock()):
            log.warning("desk login refused: too many attempts")
            return desk.refuse(request, 429, words.TOO_MANY)
        if not csrf.valid(request, form):
            return desk.refuse(request, 403, words.LOGIN_FORM_EXPIRED)
        secret = form.get("secret", "")
        opened = await run_in_threadpool(_open, desk, str(secret))
        if opened is None:
            log.info("desk login refused: link unknown, used or expired")
            return desk.refuse(request, 403, words.LINK_SPENT)
        response = RedirectResponse("/board", status_code=303)
        auth.set_cookie(response, opened, desk.secure)
        return response

    async def logout(request: Request):
        form = await request.form()
        if not csrf.valid(request, form):
            return desk.refuse(request, 403, words.FORM_EXPIRED)
        secret = request.cookies.get(auth.COOKIE)
        if secret:
            await run_in_threadpool(_end, desk, secret)
        response = RedirectResponse("/logged-out", status_code=303)
        auth.clear_cookie(response, desk.secure)
        return response

    async def logged_out(request: Request):
        return desk.page(request, "logged_out.html", me=None)

    return [
        Route("/login/{secret}", login_page, methods=["GET"]),
        Route("/login", login, methods=["POST"]),
        Route("/logout", logout, methods=["POST"]),
        Route("/logged-out", logged_out, methods=["GET"]),
    ]


def _open(desk, secret: str) -> str | None:
    with desk.sessions() as db, db.begin():
        now = desk.clock()
        member_id = tokens.use_link(db, secret, now)
        if member_id is None:
            return None
        session = auth.open_session(db, member_id, now)
        if session is not None:
            log.info("desk login member=%d", member_id)
        return session


def _end(desk, secret: str) -> None:
    with desk.sessions() as db, db.begin():
        tokens.end_session(db, secret)
