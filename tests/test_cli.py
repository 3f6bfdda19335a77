"""The command line as a user meets it: simulate, parse, and the console."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "tests" / "scenarios" / "01_example.script"


def mutualaid(*args: str, stdin: str = "", cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "bot.cli", *args], input=stdin, capture_output=True,
                          text=True, cwd=cwd or ROOT, env=env, timeout=120)


def test_simulate_prints_the_example_conversation():
    result = mutualaid("simulate", str(EXAMPLE))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "[2026-12-02 10:00] bot -> eastside: 📋 #1 groceries · Tue Dec 8 · reply to claim"
    assert any(l.startswith("[2026-12-08 09:00] bot -> @jo: ") for l in lines)
    assert any(l.startswith("[2026-12-09 10:00] bot -> @maria: ") for l in lines)


def test_simulate_json_has_the_final_state():
    result = mutualaid("simulate", "--json", str(EXAMPLE))
    doc = json.loads(result.stdout)
    item = doc["items"][0]
    assert item == {"id": 1, "kind": "request", "status": "done", "category": "food", "group": "eastside",
                    "author": "maria", "claimer": "jo", "when": "2026-12-08T00:00:00-05:00", "has_time": False,
                    "recurrence": None, "urgent": False}
    assert doc["hours"] == {}
    assert all(set(s) == {"at", "chat", "text", "edit", "file"} for s in doc["sent"])
    assert doc["sent"][1]["edit"] is True and doc["sent"][0]["at"] == "2026-12-02T10:00:00-05:00"


def test_a_script_the_bot_cannot_read_stops_with_its_line(tmp_path):
    bad = tmp_path / "bad.script"
    bad.write_text("@now 2026-12-02 10:00\n@group eastside\n@frobnicate 3\n")
    result = mutualaid("simulate", str(bad))
    assert result.returncode == 2
    assert "line 3" in result.stderr and "@frobnicate" in result.stderr
    bad.write_text("@now 2026-12-02 10:00\n@until 2026-12-01 10:00\n")
    result = mutualaid("simulate", str(bad))
    assert result.returncode == 2 and "line 2" in result.stderr


def test_parse_reads_lines_and_writes_json():
    result = mutualaid("parse", "--now", "2026-12-02T10:00", "--tz", "America/New_York",
                       stdin="need groceries Tuesday\n\nthanks!\n")
    rows = [json.loads(l) for l in result.stdout.splitlines()]
    assert [r["kind"] for r in rows] == ["request", "other", "other"]
    assert rows[0]["when"]["start"] == "2026-12-08T00:00:00-05:00"


def test_the_console_is_a_group_chat_on_the_terminal(tmp_path):
    result = mutualaid("run", stdin="maria: need groceries tuesday\njo > #1: I can do it\nana: /open\n", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "bot -> neighbours: 📋 #1 groceries" in out
    assert "bot -> @jo: You claimed #1" in out
    assert "Nothing is open right now." in out
    assert (tmp_path / "data" / "mutualaid.db").exists()
    assert "Traceback" not in result.stderr
