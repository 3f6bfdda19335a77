"""Writes tests/scenarios/107_busy_fortnight.script: a busy fortnight in two
groups, made from a fixed seed so it never changes unless this file does.

    .venv/bin/python -m tests.fortnight

Needs taken and not, recurring needs, offers, cancellations by authors and
coordinators, a coordinator's /close, unclaims, edits that move a claimed
need, a restart, and chatter. It plays each line as it writes it (through
the real engine, on a throw-away SQLite file) to learn the numbers of the
items it goes on to talk about. Each change that concerns someone is written
down as a ``# told @handle "text"`` line: tests/test_fortnight.py checks
that each of those people got exactly one message holding that text."""
from __future__ import annotations

import random
import tempfile
from pathlib import Path

from bot.simulate import Simulation

OUT = Path(__file__).parent / "scenarios" / "107_busy_fortnight.script"
SEED = 15
DAYS = ["2026-12-%02d" % d for d in range(2, 16)]  # Wed Dec 2 to Tue Dec 15
SLOTS = ["10:00", "12:30", "15:00", "18:00"]
GROUPS = {
    "eastside": ("ana", ["maria", "jo", "rosa", "lee", "kim", "sam", "tom", "bea", "dan", "eve"]),
    "westside": ("ben", ["liz", "max", "ned", "oli", "pam", "raj", "sue", "ted", "uma", "vic"]),
}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
NEEDS = [
    "need groceries {day}",
    "need a ride to the clinic {day} at {hour}pm",
    "need someone to walk my dog {day} morning",
    "need help moving a couch {day}",
    "need a ride to the pharmacy {day} at {hour}pm",
    "need diapers size 4 by {day}",
    "need someone to pick up my prescription {day}",
]
OFFERS = ["offering a crib, free, pick up {day}", "offering soup for two families {day}"]
CHATTER = [
    "good morning everyone!",
    "thanks all, you're the best",
    "what time does the pantry open?",
    "stay warm everyone",
    "meeting thursday at 7 in the library",
]
CLAIMS = ["I can do it", "on it", "I can help"]


class Writer:
    def __init__(self, sim: Simulation) -> None:
        self.sim = sim
        self.lines: list[str] = []
        self.member_messages = 0
        self.chat = None
        # what each member's latest message in each group made: the only message they can edit
        self.last_made: dict[tuple[str, str], tuple[int, str, str]] = {}

    def line(self, text: str) -> None:
        self.lines.append(text)
        self.sim.play([text])

    def say(self, chat: str, who: str, text: str) -> None:
        self.enter(chat)
        self.last_made.pop((chat, who), None)
        self.line(f"{who}: {text}")
        self.member_messages += 1

    def reply(self, chat: str, who: str, n: int, text: str) -> None:
        self.enter(chat)
        self.last_made.pop((chat, who), None)
        self.line(f"{who} > #{n}: {text}")
        self.member_messages += 1

    def edit(self, chat: str, who: str, text: str) -> None:
        self.enter(chat)
        self.line(f"{who} ~ {text}")
        self.member_messages += 1

    def enter(self, chat: str) -> None:
        if chat != self.chat:
            self.line(f"@group {chat}" if not chat.startswith("@") else f"@dm {chat[1:]}")
            self.chat = chat

    def told(self, who: str, text: str) -> None:
        self.lines.append(f'# told @{who} "{text}"')

    def items(self) -> list[dict]:
        return self.sim.state()["items"]


def write() -> str:
    rng = random.Random(SEED)
    with tempfile.TemporaryDirectory() as tmp:
        sim = Simulation(f"sqlite:///{tmp}/fortnight.db")
        try:
            w = Writer(sim)
            _play(w, rng)
            count = len(w.items())
        finally:
            sim.close()
    head = [
        "# A busy fortnight in two groups (written by tests/fortnight.py, seed %d; do not edit by hand)." % SEED,
        "# tests/test_fortnight.py counts what the bot posted in each group: no item named twice",
        "# in a group on one day, no digest repeating the one before, and everyone concerned told",
        "# of each change (the `# told` lines) exactly once. Member messages: %d." % w.member_messages,
    ]
    tail = [f"#> items {count}"]
    return "\n".join(head + w.lines + tail) + "\n"


def _play(w: Writer, rng: random.Random) -> None:
    w.line("@now 2026-12-02 09:00")
    w.line("@zone America/New_York")
    for group, (coordinator, _members) in GROUPS.items():
        w.line(f"@group {group}")
        w.line(f"@coordinator {coordinator}")
    w.chat = "westside"
    w.say("eastside", "maria", "need a ride to dialysis every monday at 8am")
    w.say("westside", "liz", "need someone to check on my dad every thursday at 5pm")
    handled: set[int] = set()  # items something was already done to (one change each)
    for d, day in enumerate(DAYS):
        if d == 7:
            w.line("@restart")
        for slot in SLOTS:
            w.line(f"@until {day} {slot}")
            for group, (coordinator, members) in GROUPS.items():
                _slot(w, rng, group, coordinator, members, d, handled)
    w.line("@until 2026-12-16 20:00")


def _slot(w: Writer, rng: random.Random, group: str, coordinator: str, members: list[str], d: int,
          handled: set[int]) -> None:
    # chatter nobody should answer
    for _ in range(rng.randint(1, 2)):
        w.say(group, rng.choice(members), rng.choice(CHATTER))
    # a new need or offer, now and then
    if rng.random() < 0.55:
        author = rng.choice(members)
        ahead = WEEKDAYS[(2 + d + rng.randint(2, 5)) % 7]  # Dec 2 is a Wednesday
        template = rng.choice(OFFERS if rng.random() < 0.15 else NEEDS)
        before = {i["id"] for i in w.items()}
        w.say(group, author, template.format(day=ahead, hour=rng.randint(1, 5)))
        made = [i for i in w.items() if i["id"] not in before]
        # sometimes the author corrects the day at once
        if made and rng.random() < 0.2:
            ahead = WEEKDAYS[(WEEKDAYS.index(ahead) + 1) % 7]
            w.edit(group, author, template.format(day=ahead, hour=3))
        if len(made) == 1:
            w.last_made[(group, author)] = (made[0]["id"], template, ahead)
    items = [i for i in w.items() if i["group"] == group]
    open_ = [i for i in items if i["status"] == "open" and i["author"]]
    claimed = [i for i in items if i["status"] == "claimed" and i["id"] not in handled]
    # a volunteer takes something (about half of the needs ever are taken)
    if open_ and rng.random() < 0.6:
        item = rng.choice(open_)
        helper = rng.choice([m for m in members if m != item["author"]])
        w.reply(group, helper, item["id"], "yes please" if item["kind"] == "offer" else rng.choice(CLAIMS))
        if item["kind"] == "offer" and rng.random() < 0.7:
            late = rng.choice([m for m in members if m not in (helper, item["author"])])
            if item["kind"] == "offer":
                w.reply(group, late, item["id"], "could I have it too?")
                w.told(late, f"#{item['id']} is already taken")
    if not claimed:
        return
    roll = rng.random()
    item = rng.choice(claimed)
    n, author, claimer = item["id"], item["author"], item["claimer"]
    if author is None or claimer is None:
        return
    if roll < 0.12:
        w.say(group, claimer, f"/unclaim {n}")
        w.told(author, f"can no longer help with #{n},")
    elif roll < 0.20:
        w.say(group, author, f"/cancel {n}")
        w.told(claimer, f"#{n} was cancelled")
    elif roll < 0.26:
        w.say(group, coordinator, f"/cancel {n}")
        w.told(claimer, f"#{n} was cancelled")
    elif roll < 0.31:
        w.say(group, coordinator, f"/close {n}")
        w.told(claimer, f"#{n} was closed")
    elif roll < 0.55:
        w.say(group, claimer, f"/done {n}")
    elif roll < 0.8 and w.last_made.get((group, author), (None,))[0] == n:
        # the author moves a need someone has taken: the claimer must hear of it
        _n, template, ahead = w.last_made.pop((group, author))
        moved = WEEKDAYS[(WEEKDAYS.index(ahead) + 1) % 7]
        w.edit(group, author, template.format(day=moved, hour=4))
        w.told(claimer, f"#{n} changed")
    else:
        return
    handled.add(n)


if __name__ == "__main__":
    OUT.write_text(write(), encoding="utf-8")
    print(f"wrote {OUT}")
