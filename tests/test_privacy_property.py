"""Issue 14's property: for any need sent by direct message, built from
addresses and phone numbers written as people write them in eight
countries, no message the bot writes to the group holds four digits in a
row or a word of the address. Played through the real engine and storage;
every example is a new member asking in the same group, and the group's
/open, re-posts and digest are read at the end."""
from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.harness import Chat

digits = lambda n: st.text("0123456789", min_size=n, max_size=n)  # noqa: E731
house = st.integers(1, 9999).map(str)
name = st.sampled_from(["Elm", "Maple", "Oak", "Birch", "Cedar", "Willow", "Baker", "Hawthorn", "Linden",
                        "Goethe", "Schiller", "Rivoli", "Voltaire", "Alcalá", "Serrano", "Hidalgo", "Juárez",
                        "Augusta", "Paulista", "Garibaldi", "Martin Luther King Jr"])

# (address, phone) as written in each country
US = st.tuples(st.builds(lambda n, s, t: f"{n} {s} {t}", house, name,
                         st.sampled_from(["St", "Street", "Ave", "Blvd", "Road", "Lane", "Drive", "Court"])),
               st.one_of(st.builds(lambda a, b, c: f"{a}-{b}-{c}", digits(3), digits(3), digits(4)),
                         st.builds(lambda a, b, c: f"({a}) {b}-{c}", digits(3), digits(3), digits(4))))
UK = st.tuples(st.builds(lambda n, s, t: f"{n} {s} {t}", house, name,
                         st.sampled_from(["Crescent", "Close", "Road", "Grove", "Gardens", "Mews"])),
               st.one_of(st.builds(lambda a, b: f"07{a} {b}", digits(3), digits(6)),
                         st.builds(lambda a, b: f"020 {a} {b}", digits(4), digits(4)),
                         st.builds(lambda a, b: f"+44 7{a} {b}", digits(3), digits(6))))
DE = st.tuples(st.builds(lambda s, t, n: f"{s}{t} {n}", name.filter(lambda s: " " not in s),
                         st.sampled_from(["straße", "strasse", "str.", "weg", "gasse", "allee", "platz"]),
                         st.integers(1, 200).map(str)),
               st.one_of(st.builds(lambda a, b: f"01{a} {b}", digits(2), digits(8)),
                         st.builds(lambda a, b: f"+49 1{a} {b}", digits(2), digits(8))))
FR = st.tuples(st.builds(lambda n, t, s: f"{n} {t} {s}", st.integers(1, 300).map(str),
                         st.sampled_from(["rue de", "avenue", "boulevard", "rue du", "allée"]), name),
               st.one_of(st.builds(lambda *p: "06 " + " ".join(p), digits(2), digits(2), digits(2), digits(2)),
                         st.builds(lambda *p: "07." + ".".join(p), digits(2), digits(2), digits(2), digits(2))))
ES = st.tuples(st.builds(lambda t, s, n: f"{t} {s} {n}", st.sampled_from(["Calle de", "Calle", "Avenida de", "Paseo de"]),
                         name, st.integers(1, 300).map(str)),
               st.one_of(st.builds(lambda a, b, c, d: f"6{a} {b} {c} {d}", digits(2), digits(2), digits(2), digits(2)),
                         st.builds(lambda a, b, c: f"+34 6{a} {b} {c}", digits(2), digits(3), digits(3))))
MX = st.tuples(st.builds(lambda s, n: f"Calle {s} #{n}", name, st.integers(1, 999).map(str)),
               st.builds(lambda a, b: f"55 {a} {b}", digits(4), digits(4)))
BR = st.tuples(st.builds(lambda s, n: f"Rua {s} {n}", name, st.integers(1, 3000).map(str)),
               st.builds(lambda a, b, c: f"({a}) 9{b}-{c}", digits(2), digits(4), digits(4)))
IT = st.tuples(st.builds(lambda s, n: f"Via {s} {n}", name, st.integers(1, 300).map(str)),
               st.builds(lambda a, b: f"+39 3{a} {b}", digits(2), digits(7)))
COUNTRIES = st.one_of(US, UK, DE, FR, ES, MX, BR, IT)

TEMPLATES = st.sampled_from([
    "need groceries tuesday, I'm at {address}, call {phone}",
    "need groceries delivered to {address} tuesday, call me at {phone}",
    "need a ride from {address} to the clinic friday at 10am, my number is {phone}",
    "need diapers at {address} saturday, text {phone}",
    "need someone to call {phone} about groceries near {address} tuesday",
    "necesito comida el martes en {address}, mi teléfono {phone}",
    "need diapers saturday. {address}. {phone}",
])


def street_words(address: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[^\W\d_]{3,}", address)}


def test_no_group_message_holds_a_digit_run_or_a_street_word_of_a_dm_need(tmp_path):
    chat = Chat(f"sqlite:///{tmp_path}/property.db", "@group eastside", "@coordinator ana", "ana: hi")
    asked: list[str] = []
    try:
        @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        @given(COUNTRIES, TEMPLATES)
        def one_need(address_phone, template):
            address, phone = address_phone
            who = f"m{len(asked) + 1}"
            asked.append(address)
            before = len(chat.state()["items"])
            chat.say("@group eastside", f"{who}: hi", f"@dm {who}", f"{who}: {template.format(address=address, phone=phone)}",
                     "@group eastside", "ana: /open")
            assert len(chat.state()["items"]) == before + 1, "the need was not read as a need"
            _check(chat, [address])

        one_need()
        chat.say("@wait 25h")  # re-posts and the digest
        _check(chat, asked)
    finally:
        chat.close()


def _check(chat: Chat, addresses: list[str]) -> None:
    group_text = "\n".join(chat.sent_to("eastside"))
    assert not re.search(r"\d{4}", group_text), group_text
    said = {w.lower() for w in re.findall(r"[^\W\d_]+", group_text)}
    for address in addresses:
        leaked = street_words(address) & said
        assert not leaked, (address, leaked)
