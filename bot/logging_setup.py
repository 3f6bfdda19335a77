"""How the bot logs: its own records at the configured level; the
libraries it drives only from WARNING up, since at INFO they name people
(matrix-nio logs user ids as it sets up encryption; HTTP clients log the
addresses they call, which for Telegram hold the token)."""
from __future__ import annotations

import logging
import re
import sys
import traceback

QUIET_LIBRARIES = (
    "nio", "telegram", "httpx", "httpcore", "signalbot", "websockets", "aiohttp",
    "apscheduler", "alembic", "peewee", "asyncio",
)


# a Matrix user id names its person ("@ana:example.org"); a phone number is one
_MATRIX_USER = re.compile(r"@[A-Za-z0-9._=/+-]+:(?=[A-Za-z0-9.-]+)")
_PHONE = re.compile(r"\+\d{7,15}")


def redact(text: str) -> str:
    return _PHONE.sub("+…", _MATRIX_USER.sub("@…:", text))


class RedactPeople(logging.Filter):
    """Libraries' warnings keep their use (which device, which room) but lose
    who: Matrix user ids and phone numbers are masked before output."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # arguments that do not fit: leave the record as it is
            return True
        record.msg, record.args = redact(message), None
        return True


def configure_logging(level: str) -> None:
    logging.basicConfig(level=level, stream=sys.stderr, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for handler in logging.getLogger().handlers:
        handler.addFilter(RedactPeople())
    for name in QUIET_LIBRARIES:
        logging.getLogger(name).setLevel(max(logging.WARNING, logging.getLevelName(level)))


def shown_when_running(record: logging.LogRecord) -> bool:
    """Whether a record would reach the log of a running bot at INFO."""
    top = record.name.split(".", 1)[0]
    return record.levelno >= logging.WARNING or top not in QUIET_LIBRARIES


def log_failure(logger: logging.Logger, message: str, *args) -> None:
    """Log the exception being handled with where it happened, but not what
    it says: a database's refusal quotes the row it refused (a name, a
    message), and a network error the address it called. The type and the
    frames are enough to find the bug."""
    exc = sys.exc_info()[1]
    if exc is None:
        logger.error(message, *args)
        return
    orig = getattr(exc, "orig", None)  # the driver's own error, under SQLAlchemy's
    kind = type(exc).__name__ + (f"/{type(orig).__name__}" if orig is not None else "")
    code = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    frames = "".join(traceback.format_tb(exc.__traceback__))
    logger.error(message + " [%s%s]\n%s", *args, kind, f" sqlstate={code}" if code else "", frames.rstrip())
