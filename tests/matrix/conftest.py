"""A real Synapse for the whole session, the bot's and three members'
accounts on it, and per-test adapters and member clients."""
from __future__ import annotations

import asyncio
import secrets
from dataclasses import dataclass
from pathlib import Path

import pytest

from adapters.matrix import MatrixAdapter, from_config

from .members import Member, RecordingSubmit, register
from .synapse import SynapseServer

MEMBER_NAMES = ("ana", "ben", "cy")


@dataclass(frozen=True)
class Account:
    user_id: str
    password: str


@pytest.fixture(scope="session")
def accounts(synapse: SynapseServer) -> dict[str, Account]:
    """The bot ("mutualaid") and three members, registered with nio."""
    names = ("mutualaid",) + MEMBER_NAMES

    async def register_all() -> dict[str, Account]:
        made = {}
        for name in names:
            password = secrets.token_urlsafe(12)
            made[name] = Account(await register(synapse.url, name, password), password)
        return made

    return asyncio.run(register_all())


@pytest.fixture
def recorder() -> RecordingSubmit:
    return RecordingSubmit()


@pytest.fixture
async def make_adapter(synapse, accounts, tmp_path: Path):
    """Build and start adapters on a store folder (the same folder again
    for a restarted bot); all are stopped at the end of the test."""
    started: list[MatrixAdapter] = []

    async def make(submit, store: str = "store", wait: bool = True, **overrides) -> MatrixAdapter:
        section = {
            "homeserver": synapse.url,
            "user_id": accounts["mutualaid"].user_id,
            "password_env": "MATRIX_PASSWORD",
            "store_passphrase_env": "MATRIX_STORE_PASSPHRASE",
            "store": store,
            "allow_invites_from": ["localhost"],
            "trust": "tofu",
            "encrypt_direct": True,
            "sync_timeout_seconds": 1,
            **overrides,
        }
        adapter = from_config(section, tmp_path, {"MATRIX_PASSWORD": accounts["mutualaid"].password,
                                                 "MATRIX_STORE_PASSPHRASE": "test-store-passphrase-0123"})
        # Short waits keep the suite fast; the defaults suit production.
        adapter.max_backoff = 1.0
        adapter._perform_backoff.cap = 1.0
        adapter.direct_join_wait = 3.0
        await adapter.start(submit)
        started.append(adapter)
        if wait:
            await adapter.wait_until_synced(20)
        return adapter

    yield make
    for adapter in started:
        await adapter.stop()


@pytest.fixture
async def members(synapse, accounts, tmp_path: Path):
    """ana, ben and cy, logged in (a new device each test) and syncing."""
    made = {
        name: Member(synapse.url, accounts[name].user_id, accounts[name].password, tmp_path / f"member-{name}")
        for name in MEMBER_NAMES
    }
    await asyncio.gather(*(m.start() for m in made.values()))
    yield made
    await asyncio.gather(*(m.stop() for m in made.values()))
