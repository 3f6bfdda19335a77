"""The ``[matrix]`` section of the config file, checked."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from .translate import server_name

TRUST_POLICIES = ("tofu", "all")
_USER_ID = re.compile(r"^@[^:\s]+:[A-Za-z0-9.\-\[\]:]+$")
_SERVER = re.compile(r"^[A-Za-z0-9.\-\[\]:]+$")


@dataclass(frozen=True)
class MatrixConfig:
    homeserver: str
    user_id: str
    password: str | None
    access_token: str | None
    device_id: str | None
    device_name: str
    store: Path
    store_passphrase: str
    allow_invites_from: tuple[str, ...]
    trust: str
    encrypt_direct: bool
    sync_timeout_ms: int = 30_000
    # True when the section has no allow_invites_from: the bot then accepts
    # invites from users of its own homeserver (allow_invites_from holds it).
    invites_defaulted: bool = False


def _fail(key: str, why: str) -> ValueError:
    return ValueError(f"matrix.{key}: {why}")


def _string(section: Mapping[str, Any], key: str, default: str | None = None) -> str | None:
    value = section.get(key, default)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise _fail(key, "must be a non-empty string")
    return value.strip()


def parse_matrix_config(section: Mapping[str, Any], base_dir: Path, env: Mapping[str, str]) -> MatrixConfig:
    homeserver = _string(section, "homeserver")
    if homeserver is None or not homeserver.startswith(("http://", "https://")):
        raise _fail("homeserver", "must be the homeserver's URL, http:// or https://")
    user_id = _string(section, "user_id")
    if user_id is None or not _USER_ID.match(user_id):
        raise _fail("user_id", "must be a full Matrix id like @mutualaid:example.org")

    password = access_token = None
    password_env = _string(section, "password_env")
    token_env = _string(section, "access_token_env")
    if password_env is None and token_env is None:
        raise _fail("password_env", "set password_env or access_token_env")
    if token_env is not None:
        access_token = env.get(token_env)
        if not access_token:
            raise _fail("access_token_env", f"environment variable {token_env} is empty or unset")
    else:
        password = env.get(password_env)  # type: ignore[arg-type]
        if not password:
            raise _fail("password_env", f"environment variable {password_env} is empty or unset")

    store = _string(section, "store", "matrix-store")
    # the crypto store's pickles are locked with this, not matrix-nio's
    # built-in "DEFAULT_KEY", which anyone holding the store's files could use
    passphrase_env = _string(section, "store_passphrase_env")
    if passphrase_env is None:
        raise _fail("store_passphrase_env", "name the environment variable holding the store's passphrase "
                    "(make one with: openssl rand -hex 32)")
    passphrase = env.get(passphrase_env) or ""
    if not passphrase:
        raise _fail("store_passphrase_env", f"environment variable {passphrase_env} is empty or unset")
    if len(passphrase) < 16:
        raise _fail("store_passphrase_env", f"environment variable {passphrase_env} must hold at least 16 characters")
    # No key: the bot's own homeserver, so that a bot added by a neighbour
    # on its server joins without a second setting. An explicit list
    # (even an empty one) is taken as written, and judged at start.
    invites_defaulted = section.get("allow_invites_from") is None
    allow = [server_name(user_id)] if invites_defaulted else section["allow_invites_from"]
    if not isinstance(allow, (list, tuple)):
        raise _fail("allow_invites_from", "must be a list of server names or user ids")
    for index, entry in enumerate(allow):
        if not isinstance(entry, str) or not (_USER_ID.match(entry) or _SERVER.match(entry)):
            raise _fail(f"allow_invites_from[{index}]", "must be a server name (example.org) or a user id (@ana:example.org)")

    trust = section.get("trust", "tofu")
    if trust not in TRUST_POLICIES:
        raise _fail("trust", f"must be one of {', '.join(TRUST_POLICIES)}")
    encrypt_direct = section.get("encrypt_direct", True)
    if not isinstance(encrypt_direct, bool):
        raise _fail("encrypt_direct", "must be true or false")
    timeout = section.get("sync_timeout_seconds", 30)
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not 0 < timeout <= 300:
        raise _fail("sync_timeout_seconds", "must be a number of seconds between 0 and 300")

    return MatrixConfig(
        homeserver=homeserver.rstrip("/"),
        user_id=user_id,
        password=password,
        access_token=access_token,
        device_id=_string(section, "device_id"),
        device_name=_string(section, "device_name", "mutualaid") or "mutualaid",
        store=(Path(base_dir) / store).resolve(),  # type: ignore[operator]
        store_passphrase=passphrase,
        allow_invites_from=tuple(allow),
        trust=trust,
        encrypt_direct=encrypt_direct,
        sync_timeout_ms=int(timeout * 1000),
        invites_defaulted=invites_defaulted,
    )
