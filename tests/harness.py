"""A chat harness for tests: say lines as members, read what the bot sent,
look at the raw tables. It is ``mutualaid simulate``'s own Simulation."""
from __future__ import annotations

from sqlalchemy import text

from bot.simulate import Simulation

HEADER = ["@now 2026-12-02 10:00", "@zone America/New_York"]


class Chat:
    def __init__(self, database_url: str, *lines: str) -> None:
        self.sim = Simulation(database_url)
        self.sim.play(HEADER + list(lines))

    def say(self, *lines: str) -> list[str]:
        """Play lines; return the texts the bot sent because of them."""
        before = len(self.sim.sent)
        self.sim.play(lines)
        return [s.text for s in self.sim.sent[before:]]

    def sent_to(self, chat: str) -> list[str]:
        return [s.text for s in self.sim.sent if s.chat == chat]

    def state(self) -> dict:
        return self.sim.state()

    def item(self, number: int) -> dict:
        return next(i for i in self.state()["items"] if i["id"] == number)

    def raw_dump(self) -> str:
        """Every value of every table, as text: what a disk thief would read."""
        from storage.models import Base

        out = []
        with self.sim.db_engine.connect() as conn:
            for table in Base.metadata.sorted_tables:
                for row in conn.execute(text(f'SELECT * FROM "{table.name}"')):
                    out.append(" ".join(str(v) for v in row))
        return "\n".join(out)

    def close(self) -> None:
        self.sim.close()
