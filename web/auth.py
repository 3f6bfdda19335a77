"""Who is at the desk: a session cookie opened by a login link the bot
sent after /desk (storage.desk keeps only hashes). A session is for a
coordinator: each request re-reads the groups they coordinate now, so
losing coordinator rights everywhere ends their sessions."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from starlette.requests import Request
from starlette.responses import Response

from storage import desk, repo
from storage.models import Group, Member

COOKIE = "desk_session"
SESSION_LIFETIME = timedelta(hours=12)


@dataclass(frozen=True)
class Coordinator:
    member_id: int
    handle: str
    groups: dict[int, Group]  # the groups they coordinate, by id


def current(db, request: Request, now) -> Coordinator | None:
    secret = request.cookies.get(COOKIE)
    if not secret:
        return None
    member_id = desk.session_member(db, secret, now)
    if member_id is None:
        return None
    member = db.get(Member, member_id)
    groups = repo.coordinated_groups(db, member_id) if member is not None else []
    if not groups:
        desk.end_all(db, member_id)
        return None
    return Coordinator(member_id, member.handle, {g.id: g for g in groups})


def open_session(db, member_id: int, now) -> str | None:
    """A session for the member of a login link, if they coordinate a group."""
    if not repo.coordinated_groups(db, member_id):
        desk.end_all(db, member_id)
        return None
    return desk.add_token(db, desk.SESSION, member_id, now, SESSION_LIFETIME)


def set_cookie(response: Response, secret: str, secure: bool) -> None:
    response.set_cookie(COOKIE, secret, max_age=int(SESSION_LIFETIME.total_seconds()), httponly=True,
                        samesite="strict", secure=secure, path="/")


def clear_cookie(response: Response, secure: bool) -> None:
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict", secure=secure)
