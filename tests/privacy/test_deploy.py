"""Finding 10 of issue 14: deployment. deploy/ takes its secrets from an env
file it does not ship, pins every image, publishes nothing but the bot's
own port, explains the Signal identity-trust setting, and a webhook secret
shorter than 16 characters stops the start with one clear line."""
from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from adapters.telegram import parse_telegram_config

ROOT = Path(__file__).parent.parent.parent
DEPLOY = ROOT / "deploy"


def compose() -> dict:
    return yaml.safe_load((DEPLOY / "compose.yaml").read_text())


def test_every_image_is_pinned_to_a_version():
    images = [s["image"] for s in compose()["services"].values() if "image" in s]
    images += re.findall(r"^FROM\s+(\S+)", (DEPLOY / "Dockerfile").read_text(), re.M)
    assert images
    for image in images:
        name, _, tag = image.partition(":")
        assert tag and tag != "latest" and re.match(r"^\d+\.\d+", tag), image


def test_secrets_come_from_an_env_file_that_is_not_shipped():
    services = compose()["services"]
    text = (DEPLOY / "compose.yaml").read_text()
    assert "POSTGRES_PASSWORD: " not in text  # no password written in the file
    for name in ("postgres", "bot"):
        assert services[name].get("env_file") == ["mutualaid.env"], name
    assert not (DEPLOY / "mutualaid.env").exists()
    ignored = subprocess.run(["git", "check-ignore", "-q", "deploy/mutualaid.env"], cwd=ROOT)
    assert ignored.returncode == 0, "deploy/mutualaid.env must be git-ignored"
    example = (DEPLOY / "mutualaid.env.example").read_text()
    for variable in ("POSTGRES_PASSWORD", "MUTUALAID_DATABASE_URL", "MUTUALAID_HANDLED_KEY"):
        assert re.search(rf"^{variable}=", example, re.M), variable
    config = tomllib.loads((DEPLOY / "config.toml").read_text())
    assert config["database"] == {"url_env": "MUTUALAID_DATABASE_URL", "key_env": "MUTUALAID_HANDLED_KEY"}


def test_nothing_but_the_bots_own_port_is_published():
    for name, service in compose()["services"].items():
        for port in service.get("ports", []):
            if name != "bot":
                assert str(port).startswith("127.0.0.1:"), (name, port)


def test_the_signal_identity_trust_setting_is_explained():
    readme = (DEPLOY / "README.md").read_text()
    setting = compose()["services"]["signal-cli"]["environment"]["JSON_RPC_TRUST_NEW_IDENTITIES"]
    assert setting == "on-first-use"
    assert "JSON_RPC_TRUST_NEW_IDENTITIES" in readme
    for word in ("always", "on-first-use", "safety number", "/v1/identities"):
        assert word in readme, word


@pytest.mark.parametrize("secret", ["x", "s3cret-Token_1", "fifteen-chars15"])
def test_a_webhook_secret_shorter_than_16_characters_is_refused(secret):
    section = {"token_env": "T", "mode": "webhook", "webhook_url": "https://bot.example.org/telegram",
               "webhook_secret_env": "SECRET"}
    with pytest.raises(ValueError, match=r"^telegram\.webhook_secret_env: .*at least 16 characters"):
        parse_telegram_config(section, {"T": "123:abc", "SECRET": secret})
    assert parse_telegram_config(section, {"T": "123:abc", "SECRET": "sixteen-chars-16"}).webhook


def test_the_start_says_so_in_one_line(tmp_path):
    config = tmp_path / "c.toml"
    config.write_text('[telegram]\ntoken_env = "T"\nmode = "webhook"\nwebhook_url = "https://bot.example.org/t"\n'
                      'webhook_secret_env = "SECRET"\n')
    done = subprocess.run([sys.executable, "-m", "bot.cli", "run", "--config", str(config)], cwd=ROOT,
                          capture_output=True, text=True, env={"T": "123:abc", "SECRET": "short", "PATH": "/usr/bin"},
                          timeout=60)
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0 and "at least 16 characters" in done.stderr, done.stderr
