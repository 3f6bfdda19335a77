"""The desk's words that come from code (the templates hold the rest), in
the catalog of bot/locale like everything a person reads. Marked here with
``_``; translated at render time in the coordinator's language."""
from __future__ import annotations

from bot.i18n import _

STATUS = {"open": _("open"), "claimed": _("claimed"), "done": _("done"), "cancelled": _("cancelled"),
          "expired": _("expired")}
VIA = {"chat": _("chat"), "desk": _("desk"), "bot": _("the bot")}
HISTORY = {
    "posted": _("posted"), "entered": _("entered on the desk"), "claimed": _("claimed"), "assigned": _("assigned"),
    "unclaimed": _("unclaimed"), "reminded": _("reminder sent"), "checked_in": _("checked in"),
    "reposted": _("posted again"), "done": _("done"), "cancelled": _("cancelled"), "expired": _("expired"),
    "reopened": _("reopened"), "edited": _("edited"),
}
# what the item page says after a change (the address carries the action, never words)
DONE = {"assign": _("Assigned."), "unclaim": _("Put back on the open list."), "close": _("Closed as done."),
        "reopen": _("Reopened."), "cancel": _("Cancelled."), "edit": _("Changed."),
        "intake": _("Posted in the group.")}

NOT_LOGGED_IN = _("You are not logged in. Send /desk to the bot: it sends you a login link by direct message.")
NOT_YOURS = _("This belongs to a group you do not coordinate.")
NO_ITEM = _("There is no such item.")
CANNOT = _("The desk cannot do that.")
FORM_EXPIRED = _("This form has expired. Reload the page and try again.")
LOGIN_FORM_EXPIRED = _("This form has expired. Open the link from your direct messages again.")
LINK_SPENT = _("This link has expired or was already used. Send /desk to the bot for a new one.")
TOO_MANY = _("Too many login attempts. Wait a few minutes, then send /desk again.")
NO_CHART = _("No requests yet, so no chart.")
WENT_WRONG = _("Something went wrong; nothing was changed. Try again in a moment.")
