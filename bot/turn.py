"""One event's handling: the open transaction, the moment, and the outbox
writer through which everything the bot says is stored before it is sent."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import insert
from sqlalchemy.orm import Session

from bot import settings as settings_mod
from bot.actions import Action, Button, EditMessage, Named, SendDirect, SendFile, SendToChat
from bot.i18n import translator
from storage.models import Announcement, Group, Item, Member, Outbox


@dataclass
class Defaults:
    zone: str = "America/New_York"
    lang: str = "en"
    # where the coordinators' desk is served ("https://desk.example.org"): /desk
    # sends a login link to it; None when the bot serves no desk
    desk_url: str | None = None


@dataclass
class Turn:
    db: Session
    now: datetime
    defaults: Defaults
    actions: list[Action] = field(default_factory=list)
    # who is acting in this turn, for items' history (bot.history): the member
    # whose message or desk action it is; None for what the bot does on its own
    actor: Member | None = None
    via: str = "chat"  # chat | desk
    _settings: dict = field(default_factory=dict, repr=False)
    _pending: list = field(default_factory=list, repr=False)
    # set when private text was erased (/forget, retention): the engine then
    # checkpoints SQLite's write-ahead log, which still holds the old pages
    erased: bool = False

    # --- a group's settings and language ------------------------------------

    def settings(self, group: Group) -> dict[str, str]:
        key = (group.id, group.settings)
        cached = self._settings.get(key)
        if cached is None:
            cached = settings_mod.effective(json.loads(group.settings or "{}"), self.defaults.zone)
            self._settings[key] = cached
        return cached

    def zone(self, group: Group) -> ZoneInfo:
        return ZoneInfo(self.settings(group)["zone"])  # ZoneInfo caches by key

    def zone_default(self) -> ZoneInfo:
        return ZoneInfo(self.defaults.zone)

    def lang(self, group: Group | None) -> str:
        return self.defaults.lang if group is None else self.settings(group)["lang"]

    def tr(self, group: Group | None):
        return translator(self.lang(group))

    def member_lang_group(self, member: Member, concerning: Group | None = None) -> Group | None:
        """Direct messages use the language of the group they concern, else
        that of the member's latest group."""
        if concerning is not None:
            return concerning
        if member.last_group_id is not None:
            return self.db.get(Group, member.last_group_id)
        return None

    # --- writing to the outbox ----------------------------------------------
    # Rows are numbered in the order they are written, which is the order
    # they are sent in. They are inserted in batches (``flush_outbox``), since
    # a tick may write a thousand reminders; a row others link to is
    # inserted at once.

    def post(self, group: Group, text: str, *, item: Item | None = None, announce: bool = False,
             reply_to: str | None = None, buttons: tuple[Button, ...] = (),
             naming: tuple[Member | None, ...] = ()) -> int | None:
        """``naming``: the members the text names as @handle (see ``named``)."""
        mentions = named(text, naming)
        row_id = self._row(group.platform, "send", text, chat_id=group.chat_id, group_id=group.id,
                           item_id=item.id if item else None, reply_to=reply_to, buttons=buttons,
                           need_id=announce, mentions=mentions)
        if announce and item is not None:
            # written at once, so later queries in this turn see it
            self.db.execute(insert(Announcement).values(outbox_id=row_id, item_id=item.id))
        self.actions.append(SendToChat(group.platform, group.chat_id, text, reply_to, buttons, mentions=mentions))
        return row_id

    def direct(self, member: Member, text: str, *, item: Item | None = None,
               group: Group | None = None, template: str | None = None,
               naming: tuple[Member | None, ...] = ()) -> None:
        """``template``: private lines the message gets when it is sent
        (bot.owed_details), never stored with it. ``naming``: the people the
        text names as @handle, linked by their platform id."""
        mentions = named(text, naming)
        self._row(member.platform, "direct", text, user_id=member.user_id, member_id=member.id,
                  item_id=item.id if item else None, group_id=group.id if group else None, template=template,
                  mentions=mentions)
        self.actions.append(SendDirect(member.platform, member.user_id, text, mentions=mentions))

    def direct_to_address(self, platform: str, user_id: str, text: str) -> None:
        """A direct message to a person the database no longer knows (the
        confirmation of /forget): the address lives only on this row, and is
        cleared once sent."""
        self._row(platform, "direct", text, user_id=user_id)
        self.actions.append(SendDirect(platform, user_id, text))

    def edit(self, target: Outbox, text: str, buttons: tuple[Button, ...] = (),
             naming: tuple[Member | None, ...] = ()) -> None:
        mentions = named(text, naming)
        if target.sent_at is None and target.lease_until is None and target.kind == "send":
            # not yet delivered nor being delivered: send the new words instead of an edit
            target.text = text
            target.buttons = _buttons_json(buttons)
            target.mentions = _mentions_json(mentions)
            return
        self._row(target.platform, "edit", text, chat_id=target.chat_id, group_id=target.group_id,
                  item_id=target.item_id, buttons=buttons, edit_of=target.id, mentions=mentions)
        self.actions.append(EditMessage(target.platform, target.chat_id or "", target.message_id or "", text, buttons,
                                        mentions=mentions))

    def send_file(self, member: Member, filename: str, content: bytes, caption: str, is_image: bool,
                  *, group: Group | None = None) -> None:
        """A file by direct message; ``group`` is the group it concerns
        (its language and chat, should the person be unreachable)."""
        self._row(member.platform, "file", caption, user_id=member.user_id, member_id=member.id,
                  file_name=filename, file_data=content, is_image=is_image, group_id=group.id if group else None)
        self.actions.append(SendFile(member.platform, None, member.user_id, filename, content, caption, is_image))

    def post_file(self, group: Group, filename: str, content: bytes, caption: str, is_image: bool) -> None:
        """A file or an image posted in a group chat (the weekly chart)."""
        self._row(group.platform, "file", caption, chat_id=group.chat_id, group_id=group.id,
                  file_name=filename, file_data=content, is_image=is_image)
        self.actions.append(SendFile(group.platform, group.chat_id, None, filename, content, caption, is_image))

    def _row(self, platform: str, kind: str, text: str, *, need_id: bool = False, **cols) -> int | None:
        values = {c: None for c in _OPTIONAL}
        values.update(platform=platform, kind=kind, text=text, created_at=self.now, attempts=0,
                      is_image=False, buttons=_buttons_json(cols.pop("buttons", ())),
                      mentions=_mentions_json(cols.pop("mentions", ())))
        values.update(cols)
        if not need_id:
            self._pending.append(values)
            return None
        self.flush_outbox()
        return self.db.execute(insert(Outbox).returning(Outbox.id), values).scalar_one()

    def mark(self) -> tuple[int, int]:
        """Where the writing stands, to go back to if a step fails."""
        return len(self._pending), len(self.actions)

    def back_to(self, mark: tuple[int, int]) -> None:
        del self._pending[mark[0]:]
        del self.actions[mark[1]:]

    def flush_outbox(self) -> None:
        """Insert the rows written so far; before anything reads or changes
        the outbox, and before the transaction commits."""
        if self._pending:
            self.db.execute(insert(Outbox), self._pending)
            self._pending = []


_OPTIONAL = ("chat_id", "user_id", "member_id", "reply_to", "edit_of", "file_name", "file_data",
             "group_id", "item_id", "not_before", "sent_at", "message_id", "failed", "lease_until", "template")


def named(text: str, people: tuple[Member | None, ...]) -> tuple[Named, ...]:
    """Who of ``people`` the text names as ``@handle``: each with their
    platform id, so an adapter links the person meant and never someone whose
    name merely looks the same (issue 14, finding 6)."""
    out: list[Named] = []
    for person in people:
        if person is None or not person.handle or f"@{person.handle}" not in text:
            continue
        mention = Named(person.handle, person.user_id)
        if mention not in out:
            out.append(mention)
    return tuple(out)


def _mentions_json(mentions: tuple[Named, ...]) -> str | None:
    return json.dumps([[m.handle, m.user_id] for m in mentions]) if mentions else None


def _buttons_json(buttons: tuple[Button, ...]) -> str | None:
    return json.dumps([[b.label, b.data] for b in buttons]) if buttons else None
