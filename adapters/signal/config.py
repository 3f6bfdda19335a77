"""The ``[signal]`` section of the config file, checked.

    [signal]
    api_url = "http://127.0.0.1:8080"   # signal-cli-rest-api, in json-rpc mode
    number = "+4915112345678"           # the bot's account (or number_env)
    number_env = "SIGNAL_NUMBER"        # a variable holding the number instead
    admin_cache_seconds = 300           # how long a group's admin list is trusted

Errors name the key (``signal.number``) but never echo a phone number.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping
from urllib.parse import urlsplit

from adapters.signal.ids import is_phone_number


@dataclass(frozen=True)
class SignalConfig:
    api_url: str
    number: str
    admin_cache_seconds: float = 300.0


def read_signal_section(section: Mapping[str, object], env: Mapping[str, str]) -> SignalConfig:
    api_url = section.get("api_url")
    if not isinstance(api_url, str) or not api_url.strip():
        raise ValueError("signal.api_url: required, such as \"http://127.0.0.1:8080\"")
    parts = urlsplit(api_url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError("signal.api_url: must be an http:// or https:// URL with a host")

    number = _read_number(section, env)

    cache = section.get("admin_cache_seconds", 300)
    if isinstance(cache, bool) or not isinstance(cache, (int, float)) or cache < 0:
        raise ValueError("signal.admin_cache_seconds: must be a number of seconds, 0 or more")

    return SignalConfig(api_url=api_url.strip().rstrip("/"), number=number,
                        admin_cache_seconds=float(cache))


def _read_number(section: Mapping[str, object], env: Mapping[str, str]) -> str:
    if "number" in section:
        key, value = "signal.number", section["number"]
    elif "number_env" in section:
        variable = section["number_env"]
        if not isinstance(variable, str) or not variable:
            raise ValueError("signal.number_env: must name an environment variable")
        if variable not in env:
            raise ValueError(f"signal.number_env: the variable {variable} is not set")
        key, value = f"signal.number_env ({variable})", env[variable]
    else:
        raise ValueError("signal.number: required (or signal.number_env), the bot's "
                         "number in international form: + and the country code")
    if not isinstance(value, str) or not is_phone_number(value.strip()):
        # the value itself stays out of the message: it is a phone number
        raise ValueError(f"{key}: not a valid phone number in international form (+CC...)")
    return value.strip()
