"""Issue 14: what reaches whom. Each test is an attack that worked on the
main branch before the fix (findings 1, 2, 3, 4 and 9), played through the
real engine and storage; scripts in tests/scenarios/8x_*.script show the
rest as conversations."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.events import DeliveryFailed, IncomingMessage, Mention, Sender
from tests.harness import Chat

NY = ZoneInfo("America/New_York")
NOW = datetime(2026, 12, 2, 10, 0, tzinfo=NY)
LINK = "https://t.me/mutualaid_bot?start={token}"
SECRET_WORDS = ("Elm Crescent", "0151", "12345678", "Crescent")


def message(text: str, message_id: str, who: str = "maria", chat: str = "eastside", **kw) -> IncomingMessage:
    sender = kw.pop("sender", Sender(user_id=who, handle=who))
    return IncomingMessage(platform="sim", chat_id=chat, message_id=message_id, sender=sender, text=text,
                           sent_at=NOW, chat_title=chat, **kw)


def handle(chat: Chat, event) -> None:
    chat.sim.engine.handle(event, chat.sim.now)
    chat.sim._deliver()


def _latest_direct_row(chat: Chat, user: str, holding: str | None = None) -> int:
    from storage.models import Outbox

    with chat.sim.sessions() as db:
        rows = db.query(Outbox).filter(Outbox.kind == "direct", Outbox.user_id == user,
                                       Outbox.sent_at.is_(None)).order_by(Outbox.id).all()
        rows = [r for r in rows if holding is None or holding in (r.text or "")]
        return rows[-1].id


def _unsent_texts(chat: Chat) -> list[str]:
    from storage.models import Outbox

    with chat.sim.sessions() as db:
        return [r.text or "" for r in db.query(Outbox).filter(Outbox.sent_at.is_(None))]


def _dm_need_claimed_by_unreachable_jo(chat: Chat) -> str:
    """maria asks by direct message; jo claims but has never pressed Start:
    the platform refuses the claim message. Returns the Start token."""
    handle(chat, message("hi", "g-1"))
    handle(chat, message("hello", "g-2", who="jo"))
    handle(chat, message("need groceries tuesday, delivered to 12 Elm Crescent, call me at 0151 12345678",
                         "d-1", chat="@maria", direct=True))
    # jo's claim is decided, but not yet delivered
    chat.sim.engine.handle(message("I can do it", "g-3", who="jo", reply_to=chat.sim._announcement_of(1)),
                           chat.sim.now)
    # finding 2: the owed message holds a reference, not the secret
    assert not any(w in t for t in _unsent_texts(chat) for w in SECRET_WORDS)
    row = _latest_direct_row(chat, "jo", "#1")
    handle(chat, DeliveryFailed(row, "blocked", NOW, LINK))
    notice = chat.sent_to("eastside")[-1]
    return notice.split("start=")[1].split()[0]


# --- finding 2: a failed hand-off keeps no secret ------------------------------


def test_an_owed_hand_off_still_gives_the_details_when_the_item_is_still_theirs(database_url):
    chat = Chat(database_url, "@group eastside")
    try:
        token = _dm_need_claimed_by_unreachable_jo(chat)
        handle(chat, message(f"/start {token}", "j-1", who="jo", chat="@jo", direct=True))
        got = chat.sent_to("@jo")[-1]
        assert "12 Elm Crescent" in got and "0151 12345678" in got and "@maria" in got
    finally:
        chat.close()


def test_an_owed_hand_off_sends_nothing_private_once_the_item_is_cancelled(database_url):
    chat = Chat(database_url, "@group eastside")
    try:
        token = _dm_need_claimed_by_unreachable_jo(chat)
        handle(chat, message("/cancel 1", "d-2", chat="@maria", direct=True))
        handle(chat, message(f"/start {token}", "j-1", who="jo", chat="@jo", direct=True))
        to_jo = "\n".join(chat.sent_to("@jo"))
        assert not any(w in to_jo for w in SECRET_WORDS) and "maria" not in to_jo
    finally:
        chat.close()


def test_an_owed_hand_off_sends_nothing_private_after_the_author_forgets(database_url):
    chat = Chat(database_url, "@group eastside")
    try:
        token = _dm_need_claimed_by_unreachable_jo(chat)
        handle(chat, message("/forget", "d-2", chat="@maria", direct=True))
        handle(chat, message(f"/start {token}", "j-1", who="jo", chat="@jo", direct=True))
        to_jo = "\n".join(chat.sent_to("@jo"))
        assert not any(w in to_jo for w in SECRET_WORDS) and "maria" not in to_jo
        assert not any(w in chat.raw_dump() for w in SECRET_WORDS)
    finally:
        chat.close()


def test_an_owed_hand_off_sends_nothing_private_after_a_reopen(database_url):
    chat = Chat(database_url, "@group eastside", "@coordinator ana", "ana: hi")
    try:
        token = _dm_need_claimed_by_unreachable_jo(chat)
        handle(chat, message("/reopen 1", "a-1", who="ana", sender=Sender("ana", "ana", is_admin=True)))
        handle(chat, message(f"/start {token}", "j-1", who="jo", chat="@jo", direct=True))
        to_jo = "\n".join(chat.sent_to("@jo"))
        assert not any(w in to_jo for w in SECRET_WORDS) and "maria" not in to_jo
    finally:
        chat.close()


# --- finding 1: the stored summary and the erasure ------------------------------


def test_forget_and_retention_leave_no_private_text_in_any_table(database_url):
    chat = Chat(database_url, "@group eastside", "@coordinator ana", "ana: /settings retention 1d",
                "maria: hi", "rosa: hola", "jo: hello",
                "@dm maria", "maria: need a ride to my abortion appointment tuesday, 12 Elm Crescent, call me at 0151 12345678",
                "@dm rosa", "rosa: need a lawyer for my asylum hearing friday at 10am, Hauptstraße 5, phone 07911 123456",
                "@group eastside", "jo > #1: I can do it", "jo > #2: on it")
    try:
        chat.say("@dm maria", "maria: /forget")
        dump = chat.raw_dump()
        assert not any(w in dump for w in SECRET_WORDS + ("abortion",))
        assert "Hauptstraße" in dump  # rosa's need is still open: her details are still owed to jo
        chat.say("@dm rosa", "rosa: /done 2", "@wait 2d")
        dump = chat.raw_dump()
        assert "Hauptstraße" not in dump and "07911" not in dump and "asylum" not in dump
    finally:
        chat.close()


def test_forget_leaves_no_private_text_in_the_sqlite_files(tmp_path):
    path = tmp_path / "mutualaid.db"
    chat = Chat(f"sqlite:///{path}", "@group eastside", "maria: hi",
                "@dm maria", "maria: need groceries tuesday, delivered to 12 Elm Crescent, call me at 0151 12345678",
                "@group eastside", "jo > #1: I can do it")
    try:
        chat.say("@dm maria", "maria: /forget")
        for f in (path, Path(f"{path}-wal")):
            if f.exists():
                raw = f.read_bytes()
                assert b"Elm Crescent" not in raw and b"12345678" not in raw, f.name
    finally:
        chat.close()


# --- finding 3: the group never learns who asked privately ---------------------


def test_an_unreachable_dm_author_is_not_named_in_the_group(database_url):
    chat = Chat(database_url, "@group eastside")
    try:
        handle(chat, message("hi", "g-1"))
        chat.sim.engine.handle(message("need groceries tuesday, 12 Elm Crescent", "d-1", chat="@maria", direct=True),
                               chat.sim.now)
        row = _latest_direct_row(chat, "maria", "#1")
        handle(chat, DeliveryFailed(row, "blocked", NOW, LINK))
        handle(chat, DeliveryFailed(row, "blocked", NOW, None))
        assert not any("maria" in t for t in chat.sent_to("eastside"))
    finally:
        chat.close()


# --- finding 9: /assign and /promote reach only members of the group -------------


def test_assign_and_promote_refuse_someone_who_never_wrote_in_the_group(database_url):
    chat = Chat(database_url, "@group eastside", "@coordinator ana", "maria: need groceries tuesday, 12 Elm St",
                "@group westside", "zed: hello")
    try:
        coord = Sender("ana", "ana", is_admin=True)
        zed = (Mention("@zed", user_id="zed", handle="zed"),)
        handle(chat, message("/assign 1 @zed", "a-1", who="ana", sender=coord, mentions=zed))
        handle(chat, message("/promote @zed", "a-2", who="ana", sender=coord, mentions=zed))
        assert chat.item(1)["claimer"] is None
        assert not chat.sent_to("@zed")
        assert not any("is now a coordinator" in t for t in chat.sent_to("eastside"))
    finally:
        chat.close()


# --- the detector, broadened (but never relied on for direct messages) ----------

import pytest  # noqa: E402

FORMATS_THE_REVIEW_USED = [
    ("call me at 0151 12345678", "0151 12345678"),
    ("delivered to 12 Elm Crescent", "12 Elm Crescent"),
    ("llámame al 55 1234 5678", "55 1234 5678"),
    ("vivo en Calle de Alcalá 42", "Calle de Alcalá 42"),
    ("bitte zur Hauptstraße 5", "Hauptstraße 5"),
    ("ring 07911 123456", "07911 123456"),
    ("at twelve elm street", "twelve elm street"),
    ("12 Martin Luther King Jr Blvd", "12 Martin Luther King Jr Blvd"),
    ("near 4417 maple", "4417 maple"),
    ("au 12 rue de Rivoli", "12 rue de Rivoli"),
    ("appelle le 06 12 34 56 78", "06 12 34 56 78"),
    ("0151.1234.5678", "0151.1234.5678"),
    ("liga (11) 91234-5678", "(11) 91234-5678"),
    ("Via Roma 10", "Via Roma 10"),
]


@pytest.mark.parametrize("text,secret", FORMATS_THE_REVIEW_USED)
def test_the_detector_finds_the_formats_the_review_used(text, secret):
    from bot.parsing.private import find_private

    assert [text[s:e] for s, e in find_private(text)] == [secret]


@pytest.mark.parametrize("text", ["need 2 rooms on 5th st", "ride at 10:30 to the clinic", "size 4 diapers, 2 packs",
                                  "on 12.05.2026 at 3pm", "need 20 bags at 1030 tomorrow"])
def test_the_detector_leaves_times_dates_and_amounts(text):
    from bot.parsing.private import find_private

    assert find_private(text) == []


# --- finding 4: claim, unclaim and claim again is counted -------------------------


def test_claiming_again_and_again_counts_against_the_hour(database_url):
    chat = Chat(database_url, "@group eastside", "maria: hi", "jo: hello",
                "@dm maria", "maria: need groceries tuesday, 12 Elm Crescent",
                "@group eastside")
    try:
        for _ in range(3):
            chat.say("jo: /claim 1", "jo: /unclaim 1")
        chat.say("jo: /claim 1")
        assert chat.item(1)["status"] == "open"
        assert "3 private requests in the last hour" in chat.sent_to("@jo")[-1]
        assert sum("Your details went to @jo for #1" in t for t in chat.sent_to("@maria")) == 3
        chat.say("@wait 61m", "jo: /claim 1")
        assert chat.item(1)["claimer"] == "jo"
    finally:
        chat.close()


def test_an_unanswered_question_does_not_keep_a_private_message(database_url):
    chat = Chat(database_url, "@group eastside", "maria: hi", "@group westside", "maria: hello",
                "@dm maria", "maria: need groceries tuesday, 12 Elm Crescent, call me at 0151 12345678")
    try:
        assert "Elm Crescent" in chat.raw_dump()  # "which group?" waits for her answer
        chat.say("@wait 8d")
        assert "Elm Crescent" not in chat.raw_dump()
    finally:
        chat.close()
