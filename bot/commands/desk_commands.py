"""/desk: a login link to the coordinators' desk, by direct message; /desk
logout ends every desk session of the person. The link's secret is kept
only as a hash (storage.desk) and lives in the outbox row until sent."""
from __future__ import annotations

from datetime import timedelta

from bot.commands.call import Call
from bot.i18n import _
from storage import desk, repo

LINK_LIFETIME = timedelta(minutes=10)


def desk_cmd(call: Call) -> None:
    turn = call.turn
    if call.args[:1] == ["logout"]:
        ended = desk.end_all(turn.db, call.member.id)
        call.reply_direct(call.t(_("Logged out of the desk everywhere ({count} sessions ended).")).format(count=ended))
        return
    if call.args:
        call.how_to_write("/desk", "/desk logout")
        return
    if not repo.coordinated_groups(turn.db, call.member.id):
        call.reply(call.t(_("The desk is for coordinators.")))
        return
    if not turn.defaults.desk_url:
        call.reply(call.t(_("This bot serves no desk: whoever runs it adds a [web] section to its config.")))
        return
    link = new_link(turn.db, call.member.id, turn.now, turn.defaults.desk_url)
    call.reply_direct(call.t(_("Your link to the coordinators' desk (it works once, for 10 minutes; do not share it): {link}\n/desk logout ends every desk session.")).format(link=link))
    if call.group is not None:
        call.reply(call.t(_("I've sent you a link to the desk by direct message.")))


def new_link(db, member_id: int, now, desk_url: str) -> str:
    """A login link that works once, for 10 minutes."""
    secret = desk.add_token(db, desk.LINK, member_id, now, LINK_LIFETIME)
    return f"{desk_url.rstrip('/')}/login/{secret}"
