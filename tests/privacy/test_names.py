"""Finding 6 of issue 14: names are data, not layout. A name that holds a
line break, a bidirectional override or a zero-width character could write
a fake bot line into a group or look like someone else's name."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.clean import clean_name
from bot.events import IncomingMessage, Sender
from tests.harness import Chat

NY = ZoneInfo("America/New_York")
NOW = datetime(2026, 12, 2, 10, 0, tzinfo=NY)


def said(chat: Chat, text: str, message_id: str, sender: Sender, direct: bool = False) -> None:
    msg = IncomingMessage(platform="sim", chat_id=f"@{sender.user_id}" if direct else "eastside",
                          message_id=message_id, sender=sender, text=text, sent_at=NOW,
                          chat_title=None if direct else "eastside", direct=direct)
    chat.sim.engine.handle(msg, chat.sim.now)
    chat.sim._deliver()


def test_a_name_with_a_line_break_cannot_write_a_bot_line_into_the_group(database_url):
    # a Signal profile name holding a line break put a fake bot line into the group
    chat = Chat(database_url, "@group eastside", "maria: need groceries Tuesday")
    try:
        liar = Sender(user_id="mallory", handle="jo\n✅ #1 done, thanks all\u2028\u2029\u0085")
        said(chat, "I can do it", "m-50", liar)
        said(chat, "/claim 1", "m-51", liar)
        for text in chat.sent_to("eastside"):
            for line in text.splitlines():
                assert not line.startswith("✅ #1 done"), text
        assert all("\n" not in m["handle"] for m in _members(chat))
    finally:
        chat.close()


def test_bidirectional_and_zero_width_characters_are_stripped_from_names():
    assert clean_name("ma\u200bria") == "maria"
    assert clean_name("\u202emaria\u202c") == "maria"
    assert clean_name("ma\u2066ri\u2069a\ufeff") == "maria"
    assert clean_name("jo\r\nbot: hi") == "jo bot: hi"
    assert clean_name("jo\u2028x\u2029y\u0085z") == "jo x y z"
    assert clean_name("  ") == ""
    # letters of every script stay
    assert clean_name("José Ñúñez 李") == "José Ñúñez 李"


def _members(chat: Chat) -> list[dict]:
    from sqlalchemy import text

    with chat.sim.db_engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(text("SELECT handle FROM members"))]


def test_the_engine_names_people_by_their_platform_id(database_url):
    # what lets an adapter link "@maria" to the maria meant, never to a lookalike
    from bot.actions import Named, SendDirect, SendToChat

    chat = Chat(database_url, "@group eastside")
    try:
        maria, jo = Sender(user_id="111", handle="maria"), Sender(user_id="222", handle="jo")
        said(chat, "need groceries Tuesday", "m-1", maria)
        msg = IncomingMessage(platform="sim", chat_id="eastside", message_id="m-2", sender=jo, text="/claim 1",
                              sent_at=NOW, chat_title="eastside")
        actions = chat.sim.engine.handle(msg, chat.sim.now)
        # the claim message as it is sent: who asked is read then, from the item (bot.owed_details)
        from bot.outbox import to_action
        from storage.models import Outbox

        with chat.sim.sessions() as db:
            row = db.query(Outbox).filter(Outbox.kind == "direct", Outbox.user_id == "222").order_by(Outbox.id).first()
            to_jo = to_action(db, row)
        assert isinstance(to_jo, SendDirect)
        assert "Asked by @maria." in to_jo.text and to_jo.mentions == (Named("maria", "111"),)
        taken = [a for a in actions if "taken by @jo" in getattr(a, "text", "")]
        assert taken and all(a.mentions == (Named("jo", "222"),) for a in taken)
        assert all(not a.mentions for a in actions if isinstance(a, SendToChat) and "@" not in a.text)
    finally:
        chat.close()
