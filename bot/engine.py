"""The engine: ``Engine.handle(event, now) -> actions``.

No network, no wall clock, no platform. Each event is handled in one
database transaction that records the message as handled, changes the
state, and writes everything the bot will say to the outbox; the outbox
sender delivers it afterwards. A redelivered message finds its record and
is ignored."""
from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime

from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from bot import intake, membership, people, scheduling
from bot.actions import Action
from bot.clean import clean_text, has_control
from bot.commands.call import Call, split_command
from bot.commands.table import run_command
from bot.direct import on_direct_text
from bot.due_runner import run_due
from bot.events import (
    AdminChanged,
    BotAddedToChat,
    ButtonPressed,
    ChatMigrated,
    DeliveryFailed,
    DeskAction,
    Event,
    IncomingMessage,
    MemberLeft,
    MessageEdited,
    ReactionAdded,
    Tick,
)
from bot.i18n import _
from bot.turn import Defaults, Turn
from bot.logging_setup import log_failure
from storage import desk, repo
from storage.keys import message_key
from storage.models import Outbox

log = logging.getLogger(__name__)


class Engine:
    def __init__(self, sessions: sessionmaker[Session], defaults: Defaults | None = None) -> None:
        self.sessions = sessions
        self.defaults = defaults or Defaults()

    def handle(self, event: Event, now: datetime) -> list[Action]:
        """Handle one event at ``now``; return what the bot will say (already
        stored in the outbox)."""
        for attempt in range(5):
            try:
                return self._in_transaction(event, now, self._dispatch)
            except _Repeat:
                return []
            except IntegrityError:
                # another worker wrote the same row first (this message's
                # record, or a new member or group): try again, which either
                # finds the message handled or uses the row it wrote
                log.info("conflict with another worker, retrying kind=%s attempt=%d", type(event).__name__, attempt + 1)
                if attempt == 4:
                    log_failure(log, "conflict did not clear kind=%s", type(event).__name__)
                    return self._in_transaction(event, now, self._apologise)
            except OperationalError as exc:
                if attempt == 4 or not _transient(exc):
                    raise
                log.warning("database busy, retrying kind=%s attempt=%d", type(event).__name__, attempt + 1)
            except Exception:
                log_failure(log, "failed to handle event kind=%s", type(event).__name__)
                return self._in_transaction(event, now, self._apologise)
        return []

    def _in_transaction(self, event: Event, now: datetime, body) -> list[Action]:
        with self.sessions() as db:
            with db.begin():
                turn = Turn(db, now, self.defaults)
                body(turn, event)
                turn.flush_outbox()
            if turn.erased:
                erase_from_log(db.get_bind())
            return turn.actions

    # --- dispatch -------------------------------------------------------------

    def _dispatch(self, turn: Turn, event: Event) -> None:
        if isinstance(event, Tick):
            run_due(turn)
            repo.prune_handled(turn.db, turn.now)
            if repo.prune_conversations(turn.db, turn.now):
                turn.erased = True  # they may have held a message sent privately
            desk.prune(turn.db, turn.now)
        elif isinstance(event, IncomingMessage):
            self._message(turn, event)
        elif isinstance(event, ReactionAdded):
            self._reaction(turn, event)
        elif isinstance(event, ButtonPressed):
            self._button(turn, event)
        elif isinstance(event, MessageEdited):
            self._edit(turn, event)
        elif isinstance(event, BotAddedToChat):
            self._added(turn, event)
        elif isinstance(event, ChatMigrated):
            self._migrated(turn, event)
        elif isinstance(event, MemberLeft):
            membership.member_left(turn, event)
        elif isinstance(event, AdminChanged):
            membership.admin_changed(turn, event)
        elif isinstance(event, DeliveryFailed):
            self._undeliverable(turn, event)
        elif isinstance(event, DeskAction):
            from bot.desk_actions import on_desk_action

            on_desk_action(turn, event)
        else:
            raise TypeError(f"unknown event {type(event).__name__}")

    def _message(self, turn: Turn, msg: IncomingMessage) -> None:
        msg = replace(msg, text=clean_text(msg.text))
        key = message_key(msg.platform, msg.chat_id, msg.message_id)
        if not msg.sender.is_person or not plausible_ids(msg.sender, msg.chat_id):
            repo.first_time_handled(turn.db, key, None, turn.now)
            return
        member = people.member_for(turn, msg.platform, msg.sender)
        turn.actor = member
        group = None
        if not msg.direct:
            group = people.group_for(turn, msg.platform, msg.chat_id, msg.chat_title)
            people.seen_in_group(turn, group, member, msg.sender)
        if not repo.first_time_handled(turn.db, key, member.id, turn.now):
            log.info("repeat message dropped platform=%s", msg.platform)
            raise _Repeat()
        command = split_command(msg.text)
        if command is not None:
            run_command(Call(turn, msg, member, group, command[0], command[1]))
        elif group is None:
            on_direct_text(turn, msg, member)
        elif not group.paused:
            intake.on_group_text(turn, msg, group, member)

    def _reaction(self, turn: Turn, event: ReactionAdded) -> None:
        if not event.sender.is_person or not plausible_ids(event.sender, event.chat_id):
            return
        key = message_key(event.platform, event.chat_id, event.message_id, "reaction",
                          event.sender.user_id, event.emoji, event.reaction_id)
        member = people.member_for(turn, event.platform, event.sender)
        turn.actor = member
        group = people.group_for(turn, event.platform, event.chat_id, None)
        people.seen_in_group(turn, group, member, event.sender)
        if not repo.first_time_handled(turn.db, key, None, turn.now):
            raise _Repeat()
        intake.on_reaction(turn, event, group, member)

    def _button(self, turn: Turn, event: ButtonPressed) -> None:
        if not event.sender.is_person or not plausible_ids(event.sender, event.chat_id):
            return
        key = message_key(event.platform, event.chat_id, event.message_id, "button",
                          event.sender.user_id, event.press_id)
        member = people.member_for(turn, event.platform, event.sender)
        turn.actor = member
        group = people.group_for(turn, event.platform, event.chat_id, None)
        people.seen_in_group(turn, group, member, event.sender)
        if not repo.first_time_handled(turn.db, key, None, turn.now):
            raise _Repeat()
        intake.on_button(turn, event, group, member)

    def _edit(self, turn: Turn, event: MessageEdited) -> None:
        if not event.sender.is_person or not plausible_ids(event.sender, event.chat_id):
            return
        # an edit carries the original message's id: key it apart from the
        # original, by the edit's own id, so the record does not drop it
        key = message_key(event.platform, event.chat_id, event.message_id, "edit", event.edit_id or event.text)
        if not repo.first_time_handled(turn.db, key, None, turn.now):
            raise _Repeat()
        member = repo.find_member(turn.db, event.platform, event.sender.user_id)
        if member is not None:
            turn.actor = member
            intake.on_edit(turn, replace(event, text=clean_text(event.text)), member)

    def _added(self, turn: Turn, event: BotAddedToChat) -> None:
        group = people.group_for(turn, event.platform, event.chat_id, event.chat_title)
        if group.introduced:
            return
        group.introduced = True
        settings = turn.settings(group)
        t = turn.tr(group)
        turn.post(group, t(_(
            "Hello! I'm mutualaid. Post what you need or can offer in your own words, and I'll keep the list: "
            "reply to my announcement (or /claim N) to take something on. I keep items and who took them, "
            "and erase names and private details {days} after an item is closed. Addresses and phone numbers "
            "go only to the volunteer who claims. /forget erases what I hold about you; /help lists the commands."
        )).format(days=settings["retention"]))

    def _migrated(self, turn: Turn, event: ChatMigrated) -> None:
        group = repo.find_group(turn.db, event.platform, event.old_chat_id)
        if group is None or repo.find_group(turn.db, event.platform, event.new_chat_id) is not None:
            return
        group.chat_id = event.new_chat_id
        turn.flush_outbox()
        turn.db.query(Outbox).filter(Outbox.platform == event.platform, Outbox.chat_id == event.old_chat_id,
                                     Outbox.sent_at.is_(None)).update({Outbox.chat_id: event.new_chat_id},
                                                                      synchronize_session=False)

    def _undeliverable(self, turn: Turn, event: DeliveryFailed) -> None:
        from bot.handoff import offer_handoff

        offer_handoff(turn, event)

    def _apologise(self, turn: Turn, event: Event) -> None:
        """After a bug: record the message as handled (so a redelivery does
        not fail again) and say something went wrong, never a trace."""
        if not isinstance(event, IncomingMessage) or not event.sender.is_person:
            return
        key = message_key(event.platform, event.chat_id, event.message_id)
        if not repo.first_time_handled(turn.db, key, None, turn.now):
            return
        member = people.member_for(turn, event.platform, event.sender)
        t = turn.tr(turn.member_lang_group(member))
        text = t(_("Sorry, something went wrong on my side. Please try again in a moment."))
        if event.direct:
            turn.direct(member, text)
        else:
            group = people.group_for(turn, event.platform, event.chat_id, event.chat_title)
            turn.post(group, text)

    # --- set-up that platforms (and scripts) do before members speak ------------

    def prepare_group(self, platform: str, chat_id: str, name: str, settings: dict, now: datetime,
                      introduced: bool = True) -> None:
        """Make a group known with its settings (``mutualaid simulate``'s
        ``@zone``/``@lang``; a platform adapter that learns a group's name)."""
        import json

        with self.sessions() as db, db.begin():
            turn = Turn(db, now, self.defaults)
            group = people.group_for(turn, platform, chat_id, name)
            stored = json.loads(group.settings or "{}")
            stored.update(settings)
            group.settings = json.dumps(stored)
            group.introduced = group.introduced or introduced
            scheduling.plan_group(turn, group)

    def desk_link_for_admin(self, platform: str, chat_id: str, user_id: str, handle: str, now: datetime) -> str | None:
        """A coordinator of the group (made one if needed) and a desk login link
        for them: what the console prints at start (`make run`)."""
        from bot.commands.desk_commands import new_link

        if not self.defaults.desk_url:
            return None
        self.note_admin(platform, chat_id, user_id, handle, now)
        with self.sessions() as db, db.begin():
            member = repo.find_member(db, platform, user_id)
            return new_link(db, member.id, now, self.defaults.desk_url)

    def note_admin(self, platform: str, chat_id: str, user_id: str, handle: str, now: datetime) -> None:
        """A platform admin of a group, known before they speak."""
        from bot.events import Sender

        with self.sessions() as db, db.begin():
            turn = Turn(db, now, self.defaults)
            sender = Sender(user_id=user_id, handle=handle, is_admin=True)
            group = people.group_for(turn, platform, chat_id, None)
            member = people.member_for(turn, platform, sender)
            repo.touch_membership(db, group.id, member.id, True, now)




class _Repeat(Exception):
    """A message seen before: roll back whatever was touched on the way."""


def plausible_ids(sender, chat_id: str) -> bool:
    """Ids longer than any platform gives (Matrix's, the longest, stop at
    255), or holding control characters no platform gives, come from no real
    person or chat: ignored, and said in the log."""
    from bot.people import ID_MAX

    if len(sender.user_id) > ID_MAX or len(chat_id) > ID_MAX:
        log.warning("event with an implausibly long id ignored")
        return False
    if has_control(sender.user_id) or has_control(chat_id):
        log.warning("event with a control character in an id ignored")
        return False
    return True


def erase_from_log(bind) -> None:
    """After /forget or retention erased private text: SQLite's write-ahead
    log still holds the pages as they were, so copy it into the database
    (whose erased cells secure_delete has overwritten) and truncate it.
    PostgreSQL's own log is the server's to keep (see docs/PRIVACY.md)."""
    if bind.dialect.name != "sqlite":
        return
    raw = bind.raw_connection()  # outside any transaction: a checkpoint cannot run inside one
    try:
        busy = raw.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if busy and busy[0]:
            log.warning("write-ahead log not truncated after erasing: a reader was busy")
    finally:
        raw.close()


def _transient(exc: OperationalError) -> bool:
    text = str(exc.orig).lower()
    return any(s in text for s in ("locked", "busy", "deadlock", "could not serialize", "connection"))
