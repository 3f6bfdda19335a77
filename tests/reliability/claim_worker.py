"""One bot worker for the concurrent-claims test, as its own OS process:
an Engine on the shared PostgreSQL database that handles claims of one
item by its own volunteers, one message at a time as the runtime does.

Its volunteers have spoken in the group before (which also warms the
worker up: connections open, queries compiled), then it says it is ready
(``START_FILE.ready-<pid>``) and waits for the start file, which holds the
wall-clock moment both workers begin claiming.

    python -m tests.reliability.claim_worker URL CHAT ITEM START_FILE FIRST COUNT

prints one JSON line: how many it handled and what failed."""
from __future__ import annotations

import json
import os
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

from bot.engine import Engine
from bot.events import IncomingMessage, Sender
from storage.db import open_database, session_factory

PLATFORM = "matrix"


def volunteer(n: int) -> Sender:
    return Sender(user_id=f"@volunteer{n}:localhost", handle=f"volunteer{n}")


def claim_message(chat_id: str, item: int, n: int) -> IncomingMessage:
    # both ways of claiming by number: the command and free text
    text = f"/claim {item}" if n % 2 else f"I'll take #{item}"
    return IncomingMessage(PLATFORM, chat_id, f"$claim-{n}", volunteer(n), text,
                           datetime.now(timezone.utc), chat_title="Eastside")


def hello(chat_id: str, n: int) -> IncomingMessage:
    return IncomingMessage(PLATFORM, chat_id, f"$hello-{n}", volunteer(n), "hello everyone",
                           datetime.now(timezone.utc), chat_title="Eastside")


def main(url: str, chat_id: str, item: int, start_file: Path, first: int, count: int) -> dict:
    engine = open_database(url)
    bot = Engine(session_factory(engine))
    for n in range(first, first + count):
        bot.handle(hello(chat_id, n), datetime.now(timezone.utc))
    messages = [claim_message(chat_id, item, n) for n in range(first, first + count)]
    Path(f"{start_file}.ready-{os.getpid()}").touch()
    while not start_file.exists():
        time.sleep(0.001)
    start_at = float(start_file.read_text())
    while time.time() < start_at:
        pass  # a spin, not a sleep: both begin within a scheduler tick of each other
    began = time.monotonic()
    errors = []
    for message in messages:
        try:
            bot.handle(message, datetime.now(timezone.utc))
        except Exception as exc:  # reported, not hidden: the test fails on it
            errors.append(f"{message.message_id}: {type(exc).__name__}: {exc}"[:300])
    engine.dispose()
    return {"pid": os.getpid(), "handled": count - len(errors), "errors": errors,
            "seconds": round(time.monotonic() - began, 3)}


if __name__ == "__main__":
    url, chat, item, start, first, count = sys.argv[1:7]
    print(json.dumps(main(url, chat, int(item), Path(start), int(first), int(count))))
