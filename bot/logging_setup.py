"""How the bot logs: its own records at the configured level; the
libraries it drives only from WARNING up, since at INFO they name people
(matrix-nio logs user ids as it sets up encryption; HTTP clients log the
addresses they call, which for Telegram hold the token)."""
from __future__ import annotations

import logging
import sys

QUIET_LIBRARIES = (
    "nio", "telegram", "httpx", "httpcore", "signalbot", "websockets", "aiohttp",
    "apscheduler", "alembic", "peewee", "asyncio",
)


def configure_logging(level: str) -> None:
    logging.basicConfig(level=level, stream=sys.stderr, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for name in QUIET_LIBRARIES:
        logging.getLogger(name).setLevel(max(logging.WARNING, logging.getLevelName(level)))


def shown_when_running(record: logging.LogRecord) -> bool:
    """Whether a record would reach the log of a running bot at INFO."""
    top = record.name.split(".", 1)[0]
    return record.levelno >= logging.WARNING or top not in QUIET_LIBRARIES
