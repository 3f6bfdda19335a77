"""``from_config`` reads the [telegram] section and names what is wrong."""
from __future__ import annotations

import pathlib

import pytest

from adapters.telegram import TelegramAdapter, parse_telegram_config

from .fixtures import BOT_TOKEN

ENV = {"TELEGRAM_TOKEN": BOT_TOKEN, "HOOK_SECRET": "abc_DEF-123-456-789"}


def test_defaults_poll_the_public_api():
    config = parse_telegram_config({"token_env": "TELEGRAM_TOKEN"}, ENV)
    assert config.token == BOT_TOKEN
    assert config.api_url == "https://api.telegram.org/bot"
    assert config.file_url == "https://api.telegram.org/file/bot"
    assert config.webhook is None
    assert config.admin_cache_seconds == 300


def test_from_config_builds_an_adapter_on_the_given_api_url():
    adapter = TelegramAdapter.from_config(
        {"token_env": "TELEGRAM_TOKEN", "api_url": "http://127.0.0.1:8081/bot"}, pathlib.Path("."), ENV
    )
    assert adapter.bot.base_url == f"http://127.0.0.1:8081/bot{BOT_TOKEN}"
    assert adapter.platform == "telegram"


def test_webhook_mode_reads_its_keys():
    config = parse_telegram_config(
        {
            "token_env": "TELEGRAM_TOKEN",
            "mode": "webhook",
            "webhook_url": "https://bot.example.org/tg",
            "webhook_port": 8443,
            "webhook_path": "/tg",
            "webhook_secret_env": "HOOK_SECRET",
        },
        ENV,
    )
    assert config.webhook.url == "https://bot.example.org/tg"
    assert (config.webhook.listen_host, config.webhook.listen_port, config.webhook.path) == ("127.0.0.1", 8443, "/tg")
    assert config.webhook.secret_token == "abc_DEF-123-456-789"


@pytest.mark.parametrize(
    "section, env, message",
    [
        ({"token_env": "MISSING"}, ENV, "telegram.token_env: environment variable MISSING is not set"),
        ({"token_env": "TELEGRAM_TOKEN"}, {"TELEGRAM_TOKEN": "not a token"}, "telegram.token_env: the variable's value does not look like a bot token"),
        ({"token_env": 5}, ENV, "telegram.token_env: must be a non-empty string"),
        ({"token_env": "TELEGRAM_TOKEN", "api_url": "api.telegram.org"}, ENV, "telegram.api_url: must be an http:// or https:// address"),
        ({"token_env": "TELEGRAM_TOKEN", "mode": "push"}, ENV, "telegram.mode: must be one of polling, webhook"),
        ({"token_env": "TELEGRAM_TOKEN", "poll_timeout": "30"}, ENV, "telegram.poll_timeout: must be a number"),
        ({"token_env": "TELEGRAM_TOKEN", "api_ur": "http://x/bot"}, ENV, "telegram.api_ur: unknown key"),
        ({"token_env": "TELEGRAM_TOKEN", "mode": "webhook", "webhook_secret_env": "HOOK_SECRET"}, ENV, "telegram.webhook_url: missing"),
        ({"token_env": "TELEGRAM_TOKEN", "mode": "webhook", "webhook_url": "https://x/tg"}, ENV, "telegram.webhook_secret_env: environment variable TELEGRAM_WEBHOOK_SECRET is not set"),
        ({"token_env": "TELEGRAM_TOKEN", "mode": "webhook", "webhook_url": "https://x/tg", "webhook_secret_env": "HOOK_SECRET", "webhook_port": 70000}, ENV, "telegram.webhook_port: must be between 0 and 65535"),
        ({"token_env": "TELEGRAM_TOKEN", "mode": "webhook", "webhook_url": "https://x/tg", "webhook_secret_env": "HOOK_SECRET", "webhook_path": "tg"}, ENV, "telegram.webhook_path: must start with '/'"),
    ],
)
def test_bad_values_name_the_key_and_the_problem(section, env, message):
    with pytest.raises(ValueError) as raised:
        TelegramAdapter.from_config(section, pathlib.Path("."), env)
    assert str(raised.value).startswith(message)
