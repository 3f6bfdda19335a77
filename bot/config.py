"""The config file (config.example.toml documents every key). A wrong key or
value stops the start with its path and what is wrong; secrets are read
from the environment variables the file names."""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_DB = "sqlite:///data/mutualaid.db"


class ConfigError(Exception):
    """``path: what is wrong``"""


@dataclass(frozen=True)
class WebConfig:
    """The coordinators' desk: where it listens, and the address people open
    (behind a TLS proxy, https://…; the session cookie is Secure then)."""

    host: str
    port: int
    public_url: str


@dataclass
class Config:
    base_dir: Path
    database_url: str = DEFAULT_DB
    # the handled-message key (storage.keys): from key_env, else a file
    handled_key_env: str | None = None
    handled_key_file: Path | None = None
    zone: str = "America/New_York"
    lang: str = "en"
    tick_seconds: float = 30.0
    log_level: str = "INFO"
    platforms: dict[str, dict[str, Any]] = field(default_factory=dict)
    web: WebConfig | None = None
    # with no config file, the console's desk on 127.0.0.1 (`make run`)
    console_desk: bool = False


_SECTIONS = {
    "database": {"url", "url_env", "key_env", "key_file"},
    "defaults": {"zone", "lang"},
    "runtime": {"tick_seconds"},
    "logging": {"level"},
    "web": {"listen", "public_url"},
}


def load(path: Path | None) -> Config:
    if path is None:
        return Config(base_dir=Path.cwd(), database_url=_absolute_sqlite(DEFAULT_DB, Path.cwd()), console_desk=True)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    return from_dict(raw, path.resolve().parent)


def from_dict(raw: dict, base_dir: Path, env: dict | None = None) -> Config:
    env = os.environ if env is None else env
    cfg = Config(base_dir=base_dir)
    from bot.plugins import adapter_names

    platforms = adapter_names()
    for section, body in raw.items():
        if section in platforms:
            if not isinstance(body, dict):
                raise ConfigError(f"{section}: must be a table")
            cfg.platforms[section] = body
            continue
        if section not in _SECTIONS:
            raise ConfigError(f"{section}: unknown section (known: {', '.join([*_SECTIONS, *platforms])})")
        if not isinstance(body, dict):
            raise ConfigError(f"{section}: must be a table")
        for key in body:
            if key not in _SECTIONS[section]:
                raise ConfigError(f"{section}.{key}: unknown key (known: {', '.join(sorted(_SECTIONS[section]))})")
    db = raw.get("database", {})
    url = db.get("url", DEFAULT_DB)
    where = "database.url"
    if "url_env" in db:
        # the URL (with the PostgreSQL password) from the environment, never the file
        if "url" in db:
            raise ConfigError("database: url or url_env, not both")
        name = db["url_env"]
        where = "database.url_env"
        if not isinstance(name, str) or not name:
            raise ConfigError("database.url_env: the name of an environment variable")
        url = env.get(name)
        if not url:
            raise ConfigError(f"database.url_env: environment variable {name} is empty or unset")
    if not isinstance(url, str) or not (url.startswith("sqlite") or url.startswith("postgresql")):
        raise ConfigError(f"{where}: must be a sqlite:/// or postgresql+psycopg:// URL")
    cfg.database_url = _absolute_sqlite(url, base_dir)
    _handled_key(db, cfg, base_dir, env)
    defaults = raw.get("defaults", {})
    cfg.zone = defaults.get("zone", cfg.zone)
    try:
        ZoneInfo(cfg.zone)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        raise ConfigError(f"defaults.zone: {cfg.zone!r} is not an IANA time zone such as America/New_York") from None
    cfg.lang = defaults.get("lang", cfg.lang)
    if cfg.lang not in ("en", "es"):
        raise ConfigError(f"defaults.lang: {cfg.lang!r} is not en or es")
    tick = raw.get("runtime", {}).get("tick_seconds", cfg.tick_seconds)
    if not isinstance(tick, (int, float)) or not 1 <= tick <= 3600:
        raise ConfigError("runtime.tick_seconds: a number of seconds from 1 to 3600")
    cfg.tick_seconds = float(tick)
    level = raw.get("logging", {}).get("level", cfg.log_level)
    if level not in ("DEBUG", "INFO", "WARNING", "ERROR"):
        raise ConfigError("logging.level: DEBUG, INFO, WARNING or ERROR")
    cfg.log_level = level
    if "web" in raw:
        cfg.web = _web(raw["web"])
    return cfg


def _handled_key(db: dict, cfg: Config, base_dir: Path, env) -> None:
    """Where the handled-message key is kept: ``key_env`` (an environment
    variable holding hex), else ``key_file``, else beside a SQLite database,
    else data/mutualaid.key beside the config file."""
    if "key_env" in db:
        name = db["key_env"]
        if not isinstance(name, str) or not env.get(name):
            raise ConfigError(f"database.key_env: environment variable {name} is empty or unset")
        cfg.handled_key_env = name
    elif "key_file" in db:
        if not isinstance(db["key_file"], str) or not db["key_file"]:
            raise ConfigError("database.key_file: a file name")
        cfg.handled_key_file = (base_dir / db["key_file"]).resolve()
    elif not cfg.database_url.startswith("sqlite"):
        cfg.handled_key_file = (base_dir / "data" / "mutualaid.key").resolve()


def handled_key(cfg: Config, env=None) -> bytes | None:
    """The key for storage.open_database; None: SQLite's file beside the database."""
    from storage import keys

    env = os.environ if env is None else env
    try:
        if cfg.handled_key_env:
            return keys.key_from_env(env.get(cfg.handled_key_env, ""))
        if cfg.handled_key_file:
            return keys.load_or_create_key(cfg.handled_key_file)
    except (keys.KeyError_, OSError) as exc:
        which = "database.key_env" if cfg.handled_key_env else "database.key_file"
        raise ConfigError(f"{which}: {exc}") from None
    return None


def _web(body: dict) -> WebConfig:
    listen = body.get("listen", "127.0.0.1:8470")
    host, _, port = listen.rpartition(":") if isinstance(listen, str) else ("", "", "")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ConfigError("web.listen: an address and port such as 127.0.0.1:8470")
    url = body.get("public_url")
    if not isinstance(url, str) or not (url.startswith("https://") or url.startswith("http://")):
        raise ConfigError("web.public_url: the address coordinators open, such as https://desk.example.org")
    return WebConfig(host=host.strip("[]"), port=int(port), public_url=url.rstrip("/"))


def _absolute_sqlite(url: str, base_dir: Path) -> str:
    """Relative SQLite paths are relative to the config file's folder."""
    prefix = "sqlite:///"
    if url.startswith(prefix) and not url.startswith(prefix + "/") and url != prefix + ":memory:":
        return prefix + str((base_dir / url[len(prefix):]).resolve())
    return url
