"""/forget really removes a member: after it, no row of any table holds
their handle, platform id, address or phone number."""
from __future__ import annotations

from tests.harness import Chat


def test_forget_leaves_nothing_of_the_member_in_any_table(database_url):
    chat = Chat(
        database_url,
        "@group eastside",
        "@coordinator ana",
        "ana: /settings timebank on",
        "marisol: hello everyone",
        "@dm marisol",
        "marisol: need groceries tuesday, I'm at 12 Elm St apt 3, call 555-201-4477",
        "@group eastside",
        "rosa: need a ride to the pharmacy friday at 10am",
        "marisol > #2: I can do it",
        "rosa: /done 2 2h",
        "rosa: need someone to walk my dog saturday morning",
        "marisol > #3: I can do it",
        "jo > #1: I can do it",
    )
    try:
        before = chat.raw_dump()
        assert "marisol" in before and "Elm St" in before  # the test can see them before
        chat.say("@dm marisol", "marisol: /forget")
        after = chat.raw_dump()
        for secret in ("marisol", "Elm St", "555-201-4477"):
            assert secret not in after, secret
        state = chat.state()
        items = {i["id"]: i for i in state["items"]}
        assert items[1]["status"] == "cancelled" and items[1]["author"] is None
        assert items[3]["status"] == "open" and items[3]["claimer"] is None
        assert items[2]["status"] == "done"  # stays, as a count
        assert "erased" in chat.sent_to("@marisol")[-1]
    finally:
        chat.close()


def test_a_forgotten_member_who_comes_back_starts_afresh(database_url):
    chat = Chat(database_url, "@group eastside", "maria: need groceries Tuesday", "@dm maria", "maria: /forget",
                "@group eastside", "maria: need diapers friday")
    try:
        items = chat.state()["items"]
        assert [i["author"] for i in items] == [None, "maria"]
    finally:
        chat.close()
