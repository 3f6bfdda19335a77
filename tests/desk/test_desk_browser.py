"""The desk in a real browser (Debian's chromium through Playwright): a
coordinator asks /desk in the chat, opens the link, sees the board, assigns
an item, and the volunteer's direct message is in the outbox; the link's
limits; another group's coordinator gets 403; a form without its CSRF token
is refused; axe-core finds no serious or critical problem; hotline intake
end to end, by keyboard. The screenshots in docs/ are made here."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.desk.browser import ServedDesk, ensure_chromium
from tests.desk.deskchat import DeskChat

pytestmark = pytest.mark.slow

playwright_api = pytest.importorskip("playwright.sync_api", reason="BROWSER TESTS SKIPPED: the playwright package is missing (pip install -e '.[test]')")

ROOT = Path(__file__).parent.parent.parent
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
SCRIPT = (
    "@group eastside", "@coordinator ana", "ana: /settings areas Eastside, Northend",
    "maria: need groceries tuesday",
    "lee: URGENT need insulin pickup from the pharmacy today",
    "kim: need a ride to the clinic monday 9am",
    "sam: offering a crib and baby clothes, free",
    "jo: hello all",
    "@group westside", "@coordinator wes",
    "pat: need help moving boxes saturday",
    "wes: /desk",
    "@group eastside",
)


@pytest.fixture(scope="module")
def chromium():
    path = ensure_chromium()
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def desk(tmp_path):
    # the browser tests run on SQLite: the desk's storage is covered on both
    # databases by test_desk_login.py and test_desk_actions.py
    chat = DeskChat(f"sqlite:///{tmp_path}/mutualaid.db", *SCRIPT)
    with ServedDesk(chat.app) as url:
        chat.url = url
        yield chat
    chat.close()


def desk_link(chat: DeskChat, who: str) -> str:
    """/desk said in the chat; the link from the DM, on the served desk's address."""
    chat.say(f"{who}: /desk")
    return chat.link_for(who).replace("http://desk.test", chat.url)


def log_in(page, link: str) -> None:
    page.goto(link)
    # wait for the page the button leads to, not only its address
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name="Log in").click()


def axe_problems(page) -> list[str]:
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']} ({v['impact']}): {v['help']}" for v in result["violations"]
            if v["impact"] in ("serious", "critical")]


def test_ask_open_see_assign_and_the_volunteer_is_told(chromium, desk):
    link = desk_link(desk, "ana")
    page = chromium.new_page(viewport={"width": 1200, "height": 800})
    log_in(page, link)
    assert page.url.endswith("/board")
    table = page.get_by_role("table")
    assert table.get_by_role("link", name="#1", exact=True).is_visible()
    rows = table.locator("tbody tr").all_inner_texts()
    assert rows[0].startswith("#2") and "urgent" in rows[0]  # the urgent one first
    assert "moving boxes" not in page.content()  # another group's item
    page.screenshot(path=str(ROOT / "docs" / "desk-board.png"), full_page=True)
    assert axe_problems(page) == []

    with page.expect_navigation(wait_until="load"):
        page.get_by_role("link", name="#1", exact=True).click()
    assert page.get_by_role("heading", level=1).inner_text() == "#1 groceries"
    page.get_by_label("Assign to").select_option(label="@jo")
    before = len(desk.sim.sent)
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name="Assign").click()
    assert page.get_by_role("status").inner_text() == "Assigned."
    told = [s for s in desk.sim.sent[before:] if s.chat == "@jo"]
    assert told and "@ana assigned you #1 groceries" in told[0].text
    assert re.search(r"assigned · @jo\s+@ana\s+desk", page.get_by_role("table").inner_text())
    page.screenshot(path=str(ROOT / "docs" / "desk-item.png"), full_page=True)
    assert axe_problems(page) == []
    for address in ("/volunteers", "/reports", "/intake"):
        page.goto(desk.url + address)
        assert axe_problems(page) == [], address


def test_the_link_fails_the_second_time_and_after_ten_minutes(chromium, desk):
    link = desk_link(desk, "ana")
    first = chromium.new_context()
    log_in(first.new_page(), link)
    second = chromium.new_context().new_page()
    log_in(second, link)
    assert "expired or was already used" in second.get_by_role("alert").inner_text()
    second.goto(desk.url + "/board")
    assert "not logged in" in second.get_by_role("alert").inner_text()

    late = desk_link(desk, "ana")
    desk.wait(10)
    page = chromium.new_context().new_page()
    log_in(page, late)
    assert "expired or was already used" in page.get_by_role("alert").inner_text()


def test_a_member_who_is_not_a_coordinator_cannot_log_in(chromium, desk):
    desk.say("jo: /desk")
    assert desk.sent_to("eastside")[-1] == "The desk is for coordinators."
    assert not any("/login/" in t for t in desk.sent_to("@jo"))
    page = chromium.new_context().new_page()
    log_in(page, desk.url + "/login/a-link-jo-made-up")
    assert "expired or was already used" in page.get_by_role("alert").inner_text()


def test_a_coordinator_of_another_group_gets_403_on_the_item_and_its_form(chromium, desk):
    context = chromium.new_context()
    page = context.new_page()
    log_in(page, desk.link_for("wes").replace("http://desk.test", desk.url))
    assert page.url.endswith("/board") and "moving boxes" in page.content()
    shown = page.goto(desk.url + "/items/1")
    assert shown.status == 403 and "groceries" not in page.content()
    csrf = next(c["value"] for c in context.cookies() if c["name"] == "desk_csrf")
    before = len(desk.sim.sent)
    posted = context.request.post(desk.url + "/items/1/close", form={"csrf": csrf, "request_id": "w1"})
    assert posted.status == 403 and len(desk.sim.sent) == before


def test_a_form_without_its_csrf_token_is_refused(chromium, desk):
    context = chromium.new_context()
    page = context.new_page()
    log_in(page, desk_link(desk, "ana"))
    before = len(desk.sim.sent)
    posted = context.request.post(desk.url + "/items/1/close", form={"request_id": "no-csrf"})
    assert posted.status == 403 and "expired" in posted.text()
    assert len(desk.sim.sent) == before
    session = next(c for c in context.cookies() if c["name"] == "desk_session")
    assert session["httpOnly"] and session["sameSite"] == "Strict"
    assert "default-src 'none'" in page.goto(desk.url + "/board").headers["content-security-policy"]


def test_hotline_intake_end_to_end_by_keyboard(chromium, desk):
    page = chromium.new_context().new_page()
    log_in(page, desk_link(desk, "ana"))
    page.goto(desk.url + "/intake")
    page.get_by_label("What is needed").focus()
    page.keyboard.type("groceries")
    page.keyboard.press("Tab")
    page.get_by_label("Category").select_option("food")
    page.get_by_label("Day").fill("2026-12-05")
    page.get_by_label("Time").fill("11:00")
    page.get_by_label("Area").focus()
    page.keyboard.type("Eastside")
    page.get_by_label("Private details").focus()
    page.keyboard.type("Mrs Alvarez, 412 Elm St apt 3, 555-201-3344")
    page.get_by_label("Urgent").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")  # to "Post in the group"
    assert page.evaluate("document.activeElement.textContent") == "Post in the group"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/items/\d+\?done=intake"))
    number = int(re.search(r"/items/(\d+)", page.url).group(1))
    announced = desk.sent_to("eastside")[-1]
    # the group reads the allow list only: category, day and time, urgency, a named area
    assert announced.startswith(f"⚠ #{number} food · Sat Dec 5, 11:00 AM · Eastside"), announced
    assert not re.search(r"Alvarez|412|Elm|555", announced)
    desk.say(f"jo > #{number}: I can do it")
    to_jo = desk.sent_to("@jo")[-1]
    assert "412 Elm St apt 3" in to_jo and "555-201-3344" in to_jo
    page.goto(desk.url + f"/items/{number}")
    assert re.search(r"claimed · @jo|claimed\s+@jo", page.get_by_role("table").inner_text())
