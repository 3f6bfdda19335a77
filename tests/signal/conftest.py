from __future__ import annotations

import logging

import pytest

from adapters.signal import SignalAdapter
from adapters.signal.config import SignalConfig
from signal_fake_service import FakeSignalService
from signal_helpers import Recorder
from signal_people import (
    ALICE_NUMBER, ALICE_UUID, BOB_NUMBER, BOB_UUID, BOT_NUMBER, CLEO_UUID, DAN_NUMBER,
    DAN_UUID, PHONE_NUMBERS,
)


@pytest.fixture(autouse=True)
def no_phone_numbers_in_logs(caplog):
    """Phone numbers are personal data: none may reach a log line."""
    caplog.set_level(logging.DEBUG)
    yield
    # caplog.text only holds the current phase: gather setup, call and teardown
    records = caplog.get_records("setup") + caplog.get_records("call") + caplog.records
    logged = "\n".join(f"{r.name} {r.getMessage()} {r.exc_text or ''}" for r in records)
    for number in PHONE_NUMBERS:
        assert number not in logged
        assert number.lstrip("+") not in logged


@pytest.fixture
async def service():
    svc = FakeSignalService(BOT_NUMBER)
    svc.registered |= {ALICE_UUID, ALICE_NUMBER, BOB_UUID, BOB_NUMBER, CLEO_UUID,
                       DAN_UUID, DAN_NUMBER}
    await svc.start()
    yield svc
    await svc.stop()


@pytest.fixture
def config(service) -> SignalConfig:
    return SignalConfig(api_url=service.api_url, number=BOT_NUMBER, admin_cache_seconds=300)


@pytest.fixture
async def recorder():
    return Recorder()


@pytest.fixture
async def adapter(config, recorder, service):
    a = SignalAdapter(config, reconnect_initial=0.05, reconnect_max=0.2)
    await a.start(recorder)
    await service.wait_for_client()
    yield a
    await a.stop()
