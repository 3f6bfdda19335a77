"""The desk's application: its settings (the database, the way to the
engine, the clock), the pages' rendering, security headers, and the routes
of web/login.py, web/pages.py and web/actions.py."""
from __future__ import annotations

import json
import secrets
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Awaitable, Callable
from zoneinfo import ZoneInfo

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.middleware import Middleware
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from bot import settings as settings_mod
from bot.i18n import format_when, translator
from bot.reports.words import CATEGORIES, category_name
from storage.models import Group
from web import csrf, words
from web.ratelimit import RateLimit

HERE = Path(__file__).parent

# no script at all, no framing, forms only to ourselves; styles and images from here
CSP = ("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
       "frame-ancestors 'none'; base-uri 'none'")
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    # a page's address (a login link's secret) never leaves in a Referer
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


@dataclass
class Desk:
    """What the routes share. ``submit`` hands an event to the engine and
    returns its actions (the runtime's, or a test's); ``clock`` is the
    runtime's (a test's fake one)."""

    sessions: object
    submit: Callable[[object], Awaitable[list]]
    clock: Callable[[], datetime]
    base_url: str
    default_zone: str = "America/New_York"
    default_lang: str = "en"
    login_limit: RateLimit = field(default_factory=RateLimit)

    def __post_init__(self) -> None:
        self.secure = self.base_url.startswith("https://")
        self.templates = Environment(loader=FileSystemLoader(HERE / "templates"),
                                     autoescape=select_autoescape(["html"]))
        self.templates.globals.update(categories=list(CATEGORIES), new_id=lambda: secrets.token_urlsafe(12))

    def zone(self, group: Group) -> ZoneInfo:
        return ZoneInfo(settings_mod.effective(json.loads(group.settings or "{}"), self.default_zone)["zone"])

    def lang(self, me) -> str:
        """The desk speaks the language of the coordinator's first group."""
        if me is None or not me.groups:
            return self.default_lang
        group = next(iter(me.groups.values()))
        return settings_mod.effective(json.loads(group.settings or "{}"), self.default_zone)["lang"]

    def when(self, moment: datetime | None, group: Group, has_time: bool = True, lang: str = "en") -> str:
        if moment is None:
            return "–"
        return format_when(moment.astimezone(self.zone(group)), has_time, lang)

    def page(self, request: Request, name: str, status: int = 200, **context) -> HTMLResponse:
        lang = self.lang(context.get("me"))
        t = translator(lang)
        context.update(
            request=request, csrf=csrf.token_for(request), desk=self, lang=lang, _=t,
            when=lambda moment, group, has_time=True: self.when(moment, group, has_time, lang),
            category_name=lambda c: category_name(c, t),
            status_name=lambda s: t(words.STATUS.get(s, s)),
            history_name=lambda k: t(words.HISTORY.get(k, k)),
            via_name=lambda v: t(words.VIA.get(v, v)),
        )
        response = HTMLResponse(self.templates.get_template(name).render(**context), status_code=status)
        csrf.remember(request, response, self.secure)
        return response

    def refuse(self, request: Request, status: int, message: str, coordinator=None) -> HTMLResponse:
        """A page with one line saying why not; ``message`` is a marked string
        (web/words.py), or the engine's answer already in the right words."""
        t = translator(self.lang(coordinator))
        return self.page(request, "refused.html", status=status, message=t(message), me=coordinator)


def create_app(desk: Desk) -> Starlette:
    from web import actions, login, pages

    routes = [*login.routes(desk), *pages.routes(desk), *actions.routes(desk),
              Mount("/static", StaticFiles(directory=HERE / "static"), name="static")]
    headers = dict(HEADERS)
    if desk.secure:
        headers["Strict-Transport-Security"] = "max-age=31536000"
    app = Starlette(routes=routes, middleware=[Middleware(SecurityHeaders, headers=headers)])
    app.state.desk = desk
    return app


class SecurityHeaders:
    """Adds the security headers to every response (pages, files, refusals)."""

    def __init__(self, app, headers: dict[str, str]) -> None:
        self.app = app
        self.headers = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()]

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def with_headers(message) -> None:
            if message["type"] == "http.response.start":
                present = {k for k, _v in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []),
                                      *[(k, v) for k, v in self.headers if k not in present]]
            await send(message)

        await self.app(scope, receive, with_headers)
