"""Webhook mode: Telegram posts updates to the adapter's own aiohttp server."""
from __future__ import annotations

import socket

import aiohttp

from bot.events import IncomingMessage

from .conftest import adapter_for
from .fixtures import fixture


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def webhook_adapter(api):
    port = free_port()
    return adapter_for(
        api,
        mode="webhook",
        webhook_url=f"http://127.0.0.1:{port}/tg-hook",
        webhook_host="127.0.0.1",
        webhook_port=port,
        webhook_path="/tg-hook",
        webhook_secret_env="TEST_WEBHOOK_SECRET",
    )


async def test_webhook_is_registered_with_secret_and_update_kinds(api, recorder):
    adapter = webhook_adapter(api)
    try:
        await adapter.start(recorder)
        assert api.webhook["url"].endswith("/tg-hook")
        assert api.webhook["secret_token"] == "s3cret-Token_1-of-24chars"
        assert "message_reaction" in api.webhook["allowed_updates"]
        assert "callback_query" in api.webhook["allowed_updates"]
        assert api.calls_of("getUpdates") == []  # no polling in webhook mode
    finally:
        await adapter.stop()


async def test_update_posted_to_the_webhook_reaches_submit(api, recorder):
    adapter = webhook_adapter(api)
    try:
        await adapter.start(recorder)
        await api.push_update(fixture("update_group_message"))
        assert await api.deliver_to_webhook() == [200]
        [event] = recorder.events  # submitted before the 200 went back
        assert isinstance(event, IncomingMessage) and event.message_id == "41"
    finally:
        await adapter.stop()


async def test_failed_submit_answers_500_so_telegram_delivers_again(api, recorder):
    adapter = webhook_adapter(api)
    recorder.failures_left = 1
    try:
        await adapter.start(recorder)
        await api.push_update(fixture("update_group_message"))
        await api.push_update(fixture("update_reply"))
        assert await api.deliver_to_webhook() == [500]
        assert recorder.events == []
        assert len(api.pending_updates) == 2
        assert await api.deliver_to_webhook() == [200, 200]
        assert [e.message_id for e in recorder.events] == ["41", "43"]
    finally:
        await adapter.stop()


async def test_request_without_the_secret_is_refused(api, recorder):
    adapter = webhook_adapter(api)
    try:
        await adapter.start(recorder)
        async with aiohttp.ClientSession() as session:
            for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": "wrong"}):
                async with session.post(api.webhook["url"], json=fixture("update_group_message"), headers=headers) as response:
                    assert response.status == 403
        assert recorder.events == []
    finally:
        await adapter.stop()


async def test_a_body_that_is_no_update_is_refused(api, recorder):
    adapter = webhook_adapter(api)
    try:
        await adapter.start(recorder)
        headers = {"X-Telegram-Bot-Api-Secret-Token": "s3cret-Token_1-of-24chars"}
        async with aiohttp.ClientSession() as session:
            for body in (b"not json", b"null", b"[1, 2]"):
                async with session.post(api.webhook["url"], data=body, headers=headers) as response:
                    assert response.status == 400
        assert recorder.events == []
    finally:
        await adapter.stop()
