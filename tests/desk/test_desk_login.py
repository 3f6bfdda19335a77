"""Logging in to the desk: /desk in the chat, a link by direct message that
works once within 10 minutes, sessions that end with /desk logout or with
coordinator rights, and login attempts rate-limited. The desk is the real
application, driven here by Starlette's test client (the browser tests are
in test_desk_browser.py)."""
from __future__ import annotations

import logging
from urllib.parse import urlsplit

from starlette.testclient import TestClient

from tests.desk.deskchat import DeskChat

GROUPS = (
    "@group eastside", "@coordinator ana",
    "maria: need groceries tuesday",
    "jo: hello all",
)


def client(chat: DeskChat, base_url: str = "http://desk.test") -> TestClient:
    return TestClient(chat.app, base_url=base_url, follow_redirects=False)


def log_in(chat: DeskChat, web: TestClient, link: str):
    """Open the link (a page with a button), then press it."""
    page = web.get(urlsplit(link).path)
    assert page.status_code == 200
    csrf = web.cookies.get("desk_csrf")
    return web.post("/login", data={"csrf": csrf, "secret": urlsplit(link).path.rsplit("/", 1)[1]})


def test_a_coordinator_gets_a_link_by_direct_message_and_it_opens_the_board(database_url):
    chat = DeskChat(database_url, *GROUPS)
    try:
        said = chat.say("ana: /desk")
        assert any("direct message" in s for s in chat.sent_to("eastside")[-1:]), said
        link = chat.link_for("ana")
        assert link.startswith("http://desk.test/login/")
        web = client(chat)
        answer = log_in(chat, web, link)
        assert answer.status_code == 303 and answer.headers["location"] == "/board"
        cookie = answer.headers["set-cookie"]
        assert "desk_session=" in cookie and "HttpOnly" in cookie and "SameSite=strict" in cookie
        assert "Max-Age=43200" in cookie and "Secure" not in cookie  # http here; https below
        board = web.get("/board")
        assert board.status_code == 200 and "#1" in board.text and "groceries" in board.text
    finally:
        chat.close()


def test_the_link_works_once(database_url):
    chat = DeskChat(database_url, *GROUPS, "ana: /desk")
    try:
        link = chat.link_for("ana")
        assert log_in(chat, client(chat), link).status_code == 303
        second = log_in(chat, client(chat), link)
        assert second.status_code == 403 and "expired or was already used" in second.text
    finally:
        chat.close()


def test_the_link_fails_after_ten_minutes(database_url):
    chat = DeskChat(database_url, *GROUPS, "ana: /desk")
    try:
        link = chat.link_for("ana")
        chat.wait(10)
        web = client(chat)
        assert log_in(chat, web, link).status_code == 403
        assert web.get("/board").status_code == 401
    finally:
        chat.close()


def test_a_member_who_is_not_a_coordinator_gets_no_link_and_a_made_up_one_fails(database_url):
    chat = DeskChat(database_url, *GROUPS)
    try:
        said = chat.say("jo: /desk")
        assert said == ["The desk is for coordinators."]
        assert not any("/login/" in s for s in chat.sent_to("@jo"))
        assert log_in(chat, client(chat), "http://desk.test/login/not-a-real-link").status_code == 403
    finally:
        chat.close()


def test_a_link_sent_before_losing_coordinator_rights_opens_nothing(database_url):
    chat = DeskChat(database_url, *GROUPS, "ana: /promote @jo", "jo: /desk")
    try:
        link = chat.link_for("jo")
        chat.say("ana: /demote @jo")
        assert log_in(chat, client(chat), link).status_code == 403
    finally:
        chat.close()


def test_losing_coordinator_rights_ends_the_session(database_url):
    chat = DeskChat(database_url, *GROUPS, "ana: /promote @jo", "jo: /desk")
    try:
        web = client(chat)
        assert log_in(chat, web, chat.link_for("jo")).status_code == 303
        assert web.get("/board").status_code == 200
        chat.say("ana: /demote @jo")
        assert web.get("/board").status_code == 401
    finally:
        chat.close()


def test_desk_logout_in_the_chat_ends_every_session(database_url):
    chat = DeskChat(database_url, *GROUPS, "ana: /desk")
    try:
        first = client(chat)
        assert log_in(chat, first, chat.link_for("ana")).status_code == 303
        chat.say("ana: /desk")
        second = client(chat)
        assert log_in(chat, second, chat.link_for("ana")).status_code == 303
        said = chat.say("@dm ana", "ana: /desk logout")
        assert said == ["Logged out of the desk everywhere (2 sessions ended)."]
        assert first.get("/board").status_code == 401
        assert second.get("/board").status_code == 401
    finally:
        chat.close()


def test_a_session_lasts_twelve_hours(database_url):
    chat = DeskChat(database_url, *GROUPS, "ana: /desk")
    try:
        web = client(chat)
        log_in(chat, web, chat.link_for("ana"))
        chat.wait(11 * 60 + 59)
        assert web.get("/board").status_code == 200
        chat.wait(1)
        assert web.get("/board").status_code == 401
    finally:
        chat.close()


def test_under_https_the_cookie_is_secure(database_url):
    chat = DeskChat(database_url, *GROUPS, "ana: /desk", desk_url="https://desk.test")
    try:
        answer = log_in(chat, client(chat, "https://desk.test"), chat.link_for("ana"))
        assert "Secure" in answer.headers["set-cookie"]
        assert answer.headers["strict-transport-security"]
    finally:
        chat.close()


def test_login_attempts_are_rate_limited(database_url):
    chat = DeskChat(database_url, *GROUPS, "ana: /desk")
    try:
        web = client(chat)
        for n in range(10):
            assert log_in(chat, web, f"http://desk.test/login/guess{n}").status_code == 403
        # the real link, too, waits now: the eleventh attempt in ten minutes
        assert log_in(chat, web, chat.link_for("ana")).status_code == 429
    finally:
        chat.close()


def test_login_links_are_never_logged(database_url, caplog):
    caplog.set_level(logging.DEBUG)
    chat = DeskChat(database_url, *GROUPS, "ana: /desk")
    try:
        link = chat.link_for("ana")
        web = client(chat)
        log_in(chat, web, link)
        log_in(chat, web, link)
        secret = link.rsplit("/", 1)[1]
        assert secret not in caplog.text
        assert web.cookies.get("desk_session") not in caplog.text
    finally:
        chat.close()


def test_only_hashes_of_links_and_sessions_are_stored(database_url):
    chat = DeskChat(database_url, *GROUPS, "ana: /desk")
    try:
        link = chat.link_for("ana")
        web = client(chat)
        log_in(chat, web, link)
        from tests.harness import Chat

        dump = Chat.raw_dump(chat)  # every value of every table
        assert link.rsplit("/", 1)[1] not in dump
        assert web.cookies.get("desk_session") not in dump
    finally:
        chat.close()


def test_a_platform_admin_who_loses_admin_rights_loses_the_session_for_good(database_url):
    """Ended, not suspended: made coordinator again later, the old cookie stays dead."""
    from bot.events import IncomingMessage, Sender

    chat = DeskChat(database_url, *GROUPS, "ana: /desk")
    try:
        web = client(chat)
        assert log_in(chat, web, chat.link_for("ana")).status_code == 303
        no_longer_admin = IncomingMessage(platform="sim", chat_id="eastside", message_id="m-demoted",
                                          sender=Sender(user_id="ana", handle="ana", is_admin=False),
                                          text="hello again", sent_at=chat.sim.now, chat_title="eastside")
        chat.sim.engine.handle(no_longer_admin, chat.sim.now)
        chat.say("@group eastside", "ana: hi")  # the script still sees her as the chat's admin
        assert web.get("/board").status_code == 401
    finally:
        chat.close()
