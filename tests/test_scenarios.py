"""Every script in tests/scenarios/ played through ``mutualaid simulate``'s
code on SQLite and PostgreSQL, checked against the outcome it states."""
from __future__ import annotations

from pathlib import Path

import pytest

from bot.simulate import Simulation
from tests.scenario_check import check

SCENARIOS = sorted((Path(__file__).parent / "scenarios").glob("*.script"))


def play(path: Path, database_url: str) -> dict:
    lines = path.read_text(encoding="utf-8").splitlines()
    sim = Simulation(database_url)
    try:
        sim.play(lines)
        return sim.state()
    finally:
        sim.close()


def test_there_are_enough_scenarios():
    assert len(SCENARIOS) >= 25


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_scenario(path: Path, database_url: str):
    lines = path.read_text(encoding="utf-8").splitlines()
    state = play(path, database_url)
    failures = check(state, lines)
    assert not failures, "\n".join(failures)
