"""A conversation and the desk on the same database: the chat is played
through the real engine (tests.harness), the desk is the real application,
and its actions go to the same engine at the conversation's clock."""
from __future__ import annotations

import logging
import re
from datetime import timedelta

from bot.simulate import Simulation
from bot.turn import Defaults
from tests.harness import HEADER
from web.app import Desk, create_app
from web.ratelimit import RateLimit

# the test client (httpx) logs each address it asks for, a login link's
# secret included; the desk's own server logs none (web/server.py)
logging.getLogger("httpx").setLevel(logging.WARNING)

DESK_URL = "http://desk.test"
LINK = re.compile(r"(https?://\S+/login/[A-Za-z0-9_\-]+)")


class DeskChat:
    def __init__(self, database_url: str, *lines: str, desk_url: str = DESK_URL) -> None:
        self.sim = Simulation(database_url, Defaults(zone="UTC", desk_url=desk_url))
        self.sim.play(HEADER + list(lines))
        self.desk = Desk(sessions=self.sim.sessions, submit=self._submit, clock=lambda: self.sim.now,
                         base_url=desk_url, default_zone="America/New_York",
                         login_limit=RateLimit(limit=10, window=timedelta(minutes=10)))
        self.app = create_app(self.desk)

    async def _submit(self, event) -> list:
        actions = self.sim.engine.handle(event, self.sim.now)
        self.sim._deliver()
        return actions

    def say(self, *lines: str) -> list[str]:
        before = len(self.sim.sent)
        self.sim.play(list(lines))
        return [s.text for s in self.sim.sent[before:]]

    def sent_to(self, chat: str) -> list[str]:
        return [s.text for s in self.sim.sent if s.chat == chat]

    def link_for(self, who: str) -> str:
        """The newest login link sent to @who by direct message."""
        for text in reversed(self.sent_to(f"@{who}")):
            found = LINK.search(text)
            if found:
                return found.group(1)
        raise AssertionError(f"no desk link was sent to @{who}")

    def wait(self, minutes: int) -> None:
        self.sim.advance(self.sim.now + timedelta(minutes=minutes))

    def close(self) -> None:
        self.sim.close()
