"""CSRF tokens: every form carries the value of the ``desk_csrf`` cookie (a
random value set on the first page), and a POST whose field does not match
it is refused. The cookie is SameSite=Strict and HttpOnly, so another site
can neither send it nor read it to copy into a form."""
from __future__ import annotations

import secrets

from starlette.requests import Request
from starlette.responses import Response

COOKIE = "desk_csrf"
FIELD = "csrf"


def token_for(request: Request) -> str:
    """The token the page's forms carry: the cookie's, or a new one that
    ``remember`` sets on the response."""
    existing = request.cookies.get(COOKIE)
    if existing:
        return existing
    fresh = getattr(request.state, "new_csrf", None) or secrets.token_urlsafe(32)
    request.state.new_csrf = fresh
    return fresh


def remember(request: Request, response: Response, secure: bool) -> None:
    fresh = getattr(request.state, "new_csrf", None)
    if fresh:
        response.set_cookie(COOKIE, fresh, httponly=True, samesite="strict", secure=secure, path="/")


def valid(request: Request, form) -> bool:
    cookie = request.cookies.get(COOKIE, "")
    sent = form.get(FIELD, "")
    return bool(cookie) and isinstance(sent, str) and secrets.compare_digest(cookie, sent)
