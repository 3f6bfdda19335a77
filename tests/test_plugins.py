"""Adapters are found through entry points: one installed only as a package
of its own (here, a distribution made in a temporary folder on sys.path) is
started from a config section of its name, and the core names no adapter."""
from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

from bot.config import ConfigError, from_dict
from bot.plugins import adapter_names
from bot.runtime import build_runtime

ROOT = Path(__file__).resolve().parents[1]

ADAPTER = '''
from bot.platform import Pace


class FakeAdapter:
    platform = "fakeplat"
    pace = Pace()

    def __init__(self, greeting):
        self.greeting = greeting

    @classmethod
    def from_config(cls, section, base_dir, environ):
        return cls(section["greeting"])

    async def start(self, submit): ...

    async def stop(self): ...

    async def perform(self, action):
        return None
'''


@pytest.fixture
def installed_elsewhere(tmp_path, monkeypatch):
    (tmp_path / "fakeplat_adapter.py").write_text(ADAPTER)
    info = tmp_path / "fakeplat_adapter-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: fakeplat-adapter\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text("[mutualaid.adapters]\nfakeplat = fakeplat_adapter:FakeAdapter\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield tmp_path
    sys.modules.pop("fakeplat_adapter", None)


def test_an_adapter_installed_as_its_own_package_is_started_from_its_section(installed_elsewhere):
    assert "fakeplat" in adapter_names()
    cfg = from_dict({"fakeplat": {"greeting": "hola"}}, installed_elsewhere)
    runtime, console = build_runtime(cfg)
    assert console is None
    adapter = runtime.adapters["fakeplat"]
    assert type(adapter).__name__ == "FakeAdapter" and adapter.greeting == "hola"


def test_a_section_no_installed_adapter_has_is_refused_in_one_line(tmp_path):
    with pytest.raises(ConfigError, match="fakeplat: unknown section"):
        from_dict({"fakeplat": {}}, tmp_path)


def test_the_three_platforms_and_the_console_are_registered():
    assert set(adapter_names()) >= {"telegram", "matrix", "signal"}


def test_the_core_imports_no_adapter():
    for path in (ROOT / "bot").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            assert not any(n == "adapters" or n.startswith("adapters.") for n in names), path
