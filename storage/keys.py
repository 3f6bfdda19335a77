"""Message keys: a keyed one-way digest (HMAC-SHA256) of (platform, chat,
message id), so the record of handled messages and the link from a message
to its item keep no platform identifiers (on Signal a message id carries the
author's number).

The digest is keyed so that someone holding the database and a person's
message ids (the platform, or a member's phone) cannot match records to
that person's messages: the key is kept outside the database, in a file
beside it (0600) or in an environment variable. It is made once and never
changes; a new key makes the old records unmatched (see docs/PRIVACY.md, "Keys").
"""
from __future__ import annotations

import hashlib
import hmac
import logging
import os
import secrets
from pathlib import Path

log = logging.getLogger(__name__)

KEY_BYTES = 32
_key: bytes | None = None


class KeyError_(ValueError):
    """The key file or variable holds something that is not a key."""


def use_key(key: bytes) -> None:
    """The key every message key of this process is made with."""
    global _key
    if len(key) < 16:
        raise KeyError_("the handled-message key must be at least 16 bytes")
    _key = key


def key_in_use() -> bytes | None:
    return _key


def message_key(platform: str, chat_id: str, message_id: str, *extra: str) -> str:
    raw = "\x1f".join((platform, chat_id, message_id, *extra))
    return hmac.new(_current(), raw.encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()[:40]


# read when nothing else gave a key (a tool or a worker opening PostgreSQL)
DEFAULT_ENV = "MUTUALAID_HANDLED_KEY"


def _current() -> bytes:
    global _key
    if _key is None:
        if os.environ.get(DEFAULT_ENV):
            _key = key_from_env(os.environ[DEFAULT_ENV])
            return _key
        # nothing configured (a PostgreSQL URL given to a test or a tool): a key
        # for this process only, so records cannot be matched by anyone, but a
        # restarted process would not recognise a redelivered message
        log.warning("no handled-message key configured; using one for this process only")
        _key = secrets.token_bytes(KEY_BYTES)
    return _key


def load_or_create_key(path: Path) -> bytes:
    """The key kept in ``path``, made (0600, in a 0700 folder) the first time."""
    path = Path(path)
    try:
        key = path.read_bytes()
    except FileNotFoundError:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        key = secrets.token_bytes(KEY_BYTES)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another worker made it first: use theirs
            return load_or_create_key(path)
        with os.fdopen(fd, "wb") as out:
            out.write(key)
            out.flush()
            os.fsync(out.fileno())
        log.info("handled-message key created")
        return key
    if len(key) < 16:
        raise KeyError_(f"{path.name}: holds {len(key)} bytes, not a key; restore it from a backup or remove it")
    if stat_mode(path) & 0o077:
        path.chmod(0o600)
    return key


def key_from_env(value: str) -> bytes:
    """A key given in an environment variable: at least 32 hex digits."""
    try:
        key = bytes.fromhex(value.strip())
    except ValueError:
        raise KeyError_("must be hex digits (make one with: openssl rand -hex 32)") from None
    if len(key) < 16:
        raise KeyError_("must be at least 32 hex digits (make one with: openssl rand -hex 32)")
    return key


def stat_mode(path: Path) -> int:
    return path.stat().st_mode & 0o777
