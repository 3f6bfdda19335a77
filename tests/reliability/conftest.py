"""Fixtures of the reliability tests: a seed (printed, and taken from
MUTUALAID_RELIABILITY_SEED when set, to replay a run) and a real Synapse
for the Matrix crash test."""
from __future__ import annotations

import asyncio
import os
import random
import secrets

import pytest

from tests.matrix.members import register


@pytest.fixture
def seed() -> int:
    value = int(os.environ.get("MUTUALAID_RELIABILITY_SEED") or random.SystemRandom().randrange(10**6))
    print(f"\nreliability seed: {value} (replay with MUTUALAID_RELIABILITY_SEED={value})")
    return value


@pytest.fixture(scope="session")
def bot_account(synapse) -> tuple[str, str]:
    """The bot's Matrix account: (user id, password)."""
    password = secrets.token_urlsafe(12)
    return asyncio.run(register(synapse.url, "mutualaid_reliability", password)), password
