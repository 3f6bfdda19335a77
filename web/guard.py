"""Every page but login's: the coordinator behind the session cookie, or a
page saying how to log in; an item or a group outside their groups is 403."""
from __future__ import annotations

from functools import wraps

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

from web import auth
from web.words import NOT_LOGGED_IN



def coordinator_page(desk):
    """Wraps ``view(request, db, me)``, run in a worker thread inside one
    read transaction."""
    def wrap(view):
        @wraps(view)
        async def endpoint(request: Request):
            def run():
                with desk.sessions() as db, db.begin():
                    me = auth.current(db, request, desk.clock())
                    if me is None:
                        return desk.refuse(request, 401, NOT_LOGGED_IN)
                    return view(request, db, me)
            return await run_in_threadpool(run)
        return endpoint
    return wrap


def int_param(value, default=None):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default
