"""One command as written: who, where, its words, and where its answer goes."""
from __future__ import annotations

import re
from dataclasses import dataclass

from bot.events import IncomingMessage
from bot.i18n import _
from bot.turn import Turn
from storage.models import Group, Member

_COMMAND = re.compile(r"^[/!]([A-Za-z_]+)(?:@\S+)?(?=\s|$)")


def split_command(text: str) -> tuple[str, str] | None:
    """("claim", "3") from "/claim 3" or "!claim 3"; None for other text.
    A command addressed to another bot ("/start@otherbot") is the adapter's
    to strip when it is ours."""
    stripped = text.strip()
    m = _COMMAND.match(stripped)
    if not m:
        return None
    return m.group(1).lower(), stripped[m.end():].strip()


@dataclass
class Call:
    turn: Turn
    msg: IncomingMessage
    member: Member
    group: Group | None  # None in a direct chat
    name: str
    rest: str

    @property
    def args(self) -> list[str]:
        return self.rest.split()

    @property
    def lang_group(self) -> Group | None:
        return self.group or self.turn.member_lang_group(self.member)

    def t(self, msgid: str) -> str:
        return self.turn.tr(self.lang_group)(msgid)

    def reply(self, text: str, naming: tuple = ()) -> None:
        """Answer in the chat the command came from; ``naming``: the members
        the text names as @handle (linked by their id, see bot.turn.named)."""
        if self.group is not None:
            self.turn.post(self.group, text, naming=naming)
        else:
            self.turn.direct(self.member, text, naming=naming)

    def how_to_write(self, usage: str, example: str) -> None:
        """The one line a wrong command gets."""
        self.reply(self.t(_("Write it as {usage}, for example {example}.")).format(usage=usage, example=example))

    def reply_direct(self, text: str, group: Group | None = None) -> None:
        self.turn.direct(self.member, text, group=group)
