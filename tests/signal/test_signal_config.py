"""SignalAdapter.from_config reads the [signal] section."""
from __future__ import annotations

import pathlib

import pytest

from adapters.signal import SignalAdapter

BASE = pathlib.Path("/srv/mutualaid")


def test_reads_api_url_and_number():
    adapter = SignalAdapter.from_config(
        {"api_url": "http://signal-cli:8080/", "number": "+4915112345678"}, BASE, {})
    assert adapter.config.api_url == "http://signal-cli:8080"
    assert adapter.config.number == "+4915112345678"
    assert adapter.config.admin_cache_seconds == 300
    assert adapter.platform == "signal"


def test_number_may_come_from_the_environment():
    adapter = SignalAdapter.from_config(
        {"api_url": "https://signal.example.org", "number_env": "BOT_NUMBER",
         "admin_cache_seconds": 60}, BASE, {"BOT_NUMBER": "+4915112345679"})
    assert adapter.config.number == "+4915112345679"
    assert adapter.config.admin_cache_seconds == 60


@pytest.mark.parametrize("section, env, key", [
    ({"number": "+4915112345678"}, {}, "signal.api_url"),
    ({"api_url": "signal-cli:8080", "number": "+4915112345678"}, {}, "signal.api_url"),
    ({"api_url": "http://127.0.0.1:8080"}, {}, "signal.number"),
    ({"api_url": "http://127.0.0.1:8080", "number": "+15555550123"}, {}, "signal.number"),
    ({"api_url": "http://127.0.0.1:8080", "number": 4915112345678}, {}, "signal.number"),
    ({"api_url": "http://127.0.0.1:8080", "number_env": "NUM"}, {}, "signal.number_env"),
    ({"api_url": "http://127.0.0.1:8080", "number_env": "NUM"}, {"NUM": "12"}, "signal.number_env"),
    ({"api_url": "http://127.0.0.1:8080", "number": "+4915112345678",
      "admin_cache_seconds": "soon"}, {}, "signal.admin_cache_seconds"),
])
def test_bad_values_name_the_key_but_not_the_number(section, env, key):
    with pytest.raises(ValueError) as caught:
        SignalAdapter.from_config(section, BASE, env)
    message = str(caught.value)
    assert message.startswith(key)
    assert "15555550123" not in message and "4915112345678" not in message
