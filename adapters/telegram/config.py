"""The ``[telegram]`` config section, read and checked in one place.

Every problem is a ``ValueError`` naming the key (``telegram.KEY``) and what
is wrong with it, so a deployment can fix its file without reading code.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Mapping

SECTION = "telegram"

_SECRET_TOKEN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
_MODES = ("polling", "webhook")


@dataclass(frozen=True)
class WebhookConfig:
    url: str  # the public https address Telegram posts updates to
    listen_host: str
    listen_port: int
    path: str
    secret_token: str
    max_connections: int


@dataclass(frozen=True)
class TelegramConfig:
    token: str
    api_url: str = "https://api.telegram.org/bot"
    file_url: str = "https://api.telegram.org/file/bot"
    poll_timeout: int = 30  # seconds one getUpdates long poll may wait
    admin_cache_seconds: float = 300.0
    webhook: WebhookConfig | None = None  # None: long polling


_KNOWN_KEYS = {
    "token_env",
    "api_url",
    "file_url",
    "mode",
    "poll_timeout",
    "admin_cache_seconds",
    "webhook_url",
    "webhook_host",
    "webhook_port",
    "webhook_path",
    "webhook_secret_env",
    "webhook_max_connections",
}


def _key(name: str) -> str:
    return f"{SECTION}.{name}"


def _string(section: Mapping[str, Any], name: str, default: str | None) -> str:
    value = section.get(name, default)
    if value is None:
        raise ValueError(f"{_key(name)}: missing (required)")
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{_key(name)}: must be a non-empty string, got {value!r}")
    return value.strip()


def _number(section: Mapping[str, Any], name: str, default: float, low: float, high: float) -> float:
    value = section.get(name, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"{_key(name)}: must be a number, got {value!r}")
    if not low <= value <= high:
        raise ValueError(f"{_key(name)}: must be between {low:g} and {high:g}, got {value!r}")
    return value


def _url(section: Mapping[str, Any], name: str, default: str | None) -> str:
    value = _string(section, name, default)
    if not re.match(r"^https?://[^/\s]+", value):
        raise ValueError(f"{_key(name)}: must be an http:// or https:// address, got {value!r}")
    return value


def _env_value(section: Mapping[str, Any], name: str, default: str | None, env: Mapping[str, str]) -> str:
    variable = _string(section, name, default)
    value = env.get(variable, "").strip()
    if not value:
        raise ValueError(f"{_key(name)}: environment variable {variable} is not set or empty")
    return value


def parse_telegram_config(section: Mapping[str, Any], env: Mapping[str, str]) -> TelegramConfig:
    if not isinstance(section, Mapping):
        raise ValueError(f"{SECTION}: must be a table, got {type(section).__name__}")
    unknown = sorted(set(section) - _KNOWN_KEYS)
    if unknown:
        raise ValueError(
            f"{_key(unknown[0])}: unknown key (known: {', '.join(sorted(_KNOWN_KEYS))})"
        )
    token = _env_value(section, "token_env", "TELEGRAM_TOKEN", env)
    if not re.match(r"^\d+:[A-Za-z0-9_-]+$", token):
        raise ValueError(
            f"{_key('token_env')}: the variable's value does not look like a bot token"
            " (digits, ':', then letters/digits/_/-)"
        )
    mode = section.get("mode", "polling")
    if mode not in _MODES:
        raise ValueError(f"{_key('mode')}: must be one of {', '.join(_MODES)}, got {mode!r}")
    webhook = _parse_webhook(section, env) if mode == "webhook" else None
    return TelegramConfig(
        token=token,
        api_url=_url(section, "api_url", TelegramConfig.api_url),
        file_url=_url(section, "file_url", TelegramConfig.file_url),
        poll_timeout=int(_number(section, "poll_timeout", 30, 0, 600)),
        admin_cache_seconds=float(_number(section, "admin_cache_seconds", 300, 0, 86400)),
        webhook=webhook,
    )


WEBHOOK_SECRET_MIN = 16


def _parse_webhook(section: Mapping[str, Any], env: Mapping[str, str]) -> WebhookConfig:
    path = _string(section, "webhook_path", "/telegram")
    if not path.startswith("/"):
        raise ValueError(f"{_key('webhook_path')}: must start with '/', got {path!r}")
    secret = _env_value(section, "webhook_secret_env", "TELEGRAM_WEBHOOK_SECRET", env)
    if not _SECRET_TOKEN.match(secret):
        raise ValueError(
            f"{_key('webhook_secret_env')}: the secret must be 1-256 characters of"
            " A-Z, a-z, 0-9, _ and -"
        )
    if len(secret) < WEBHOOK_SECRET_MIN:
        # the secret is all that tells Telegram's calls from anyone's who
        # finds the webhook's address: a short one can be guessed
        raise ValueError(
            f"{_key('webhook_secret_env')}: the secret must be at least {WEBHOOK_SECRET_MIN} characters"
            f" (it has {len(secret)}); make one with: openssl rand -hex 32"
        )
    return WebhookConfig(
        url=_url(section, "webhook_url", None),
        listen_host=_string(section, "webhook_host", "127.0.0.1"),
        listen_port=int(_number(section, "webhook_port", 8443, 0, 65535)),
        path=path,
        secret_token=secret,
        max_connections=int(_number(section, "webhook_max_connections", 1, 1, 100)),
    )
