"""The config file: the documented example loads, every platform accepts
its section, and a wrong key or value stops the start with its path."""
from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from bot import config
from bot.runtime import _adapter_class

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "config.example.toml"
ENV = {"TELEGRAM_TOKEN": "123456:ABC-test", "MATRIX_PASSWORD": "secret",
       "MATRIX_STORE_PASSPHRASE": "a-passphrase-of-our-own"}


def test_the_example_config_loads_with_every_platform():
    cfg = config.load(EXAMPLE)
    assert cfg.database_url.endswith("/data/mutualaid.db") and cfg.database_url.startswith("sqlite:////")
    assert cfg.zone == "America/New_York" and cfg.lang == "en"
    assert set(cfg.platforms) == {"telegram", "matrix", "signal"}
    for name, section in cfg.platforms.items():
        adapter = _adapter_class(name).from_config(section, cfg.base_dir, ENV)
        assert adapter.platform == name


@pytest.mark.parametrize("body, path", [
    ('[database]\nurl = "mysql://x"\n', "database.url"),
    ('[defaults]\nzone = "Mars/Olympus"\n', "defaults.zone"),
    ('[defaults]\nlang = "fr"\n', "defaults.lang"),
    ('[defaults]\ncolour = "blue"\n', "defaults.colour"),
    ('[runtime]\ntick_seconds = 0\n', "runtime.tick_seconds"),
    ('[irc]\nserver = "x"\n', "irc"),
])
def test_a_wrong_key_or_value_names_its_path(tmp_path, body, path):
    f = tmp_path / "c.toml"
    f.write_text(body)
    with pytest.raises(config.ConfigError) as err:
        config.load(f)
    assert str(err.value).startswith(path)


def test_relative_paths_are_relative_to_the_config_folder(tmp_path):
    (tmp_path / "sub").mkdir()
    f = tmp_path / "sub" / "c.toml"
    f.write_text('[database]\nurl = "sqlite:///state/bot.db"\n')
    assert config.load(f).database_url == f"sqlite:///{tmp_path}/sub/state/bot.db"


def test_mutualaid_run_refuses_a_bad_config_with_one_line(tmp_path):
    f = tmp_path / "c.toml"
    f.write_text('[telegram]\ntoken_env = "NO_SUCH_VARIABLE_HERE"\n')
    result = subprocess.run([sys.executable, "-m", "bot.cli", "run", "--config", str(f)],
                            capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert result.returncode == 2
    assert result.stderr.startswith("mutualaid: telegram")
    assert "Traceback" not in result.stderr
