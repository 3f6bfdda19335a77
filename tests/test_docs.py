"""The repository stands on its own: the README and the guides in docs/
link only to files a clone has, no file points outside the repo, and the
guide to commands and settings names every command and setting the code
has."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from bot.commands.table import COMMANDS
from bot.settings import SETTINGS

ROOT = Path(__file__).resolve().parents[1]
GUIDES = sorted((ROOT / "docs").glob("*.md"))
SKIPPED_FOLDERS = {".git", ".venv", ".cache", ".pytest_cache", "data", "build", "node_modules", "__pycache__"}
# A Markdown link's target: [text](target) — not images hosted elsewhere.
_LINK = re.compile(r"\]\(([^)\s]+)\)")
# Paths that leave the repository: the contracts' folder beside it, or this
# machine's workspace.
_OUTSIDE = re.compile(r"\.\./shared/|/work/")
# The one note on where the contracts came from.
NOTE = ROOT / "docs" / "ARCHITECTURE.md"


def _project_files() -> list[Path]:
    """The files a clone has: git's list where this is a checkout, else the tree without caches."""
    try:
        out = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
        return [ROOT / name for name in out.decode("utf-8").split("\0") if name and (ROOT / name).is_file()]
    except (OSError, subprocess.CalledProcessError):
        pass
    found = []
    for path in ROOT.rglob("*"):
        parts = path.relative_to(ROOT).parts
        if path.is_file() and not set(parts) & SKIPPED_FOLDERS and not any(p.startswith(".") or p.endswith(".egg-info") for p in parts[:-1]):
            found.append(path)
    return found


@pytest.mark.parametrize("page", [ROOT / "README.md", *GUIDES], ids=lambda p: p.relative_to(ROOT).as_posix())
def test_links_point_at_files_in_the_repo(page: Path):
    broken = []
    for target in _LINK.findall(page.read_text(encoding="utf-8")):
        if re.match(r"^[a-z]+:", target) or target.startswith("#"):
            continue  # a web address, or a place on the same page
        path = (page.parent / target.split("#", 1)[0]).resolve()
        if not path.is_relative_to(ROOT) or not path.exists():
            broken.append(target)
    assert not broken, f"{page.name} links outside the repo or to nothing: {broken}"


def test_no_file_points_outside_the_repo():
    outside = []
    for path in _project_files():
        name = path.relative_to(ROOT).as_posix()
        if path == NOTE or path == Path(__file__):
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue  # images and other binary files
        outside += [f"{name}:{n}" for n, line in enumerate(text.splitlines(), 1) if _OUTSIDE.search(line)]
    assert not outside, f"paths outside the repository: {outside}"


def test_every_guide_says_docs_is_what_the_project_promises():
    for name in ("BEHAVIOUR", "PARSING", "SCENARIOS", "ARCHITECTURE", "PLATFORMS"):
        text = (ROOT / "docs" / f"{name}.md").read_text(encoding="utf-8")
        assert "the contracts the project started from" in text, name
        assert "is what the project promises" in text, name


def test_the_behaviour_guide_names_every_command_and_setting():
    text = (ROOT / "docs" / "BEHAVIOUR.md").read_text(encoding="utf-8")
    missing = [f"/{c.name}" for c in COMMANDS if f"/{c.name}" not in text]
    missing += [f"`{s.key}`" for s in SETTINGS if f"| `{s.key}` |" not in text]
    assert not missing, f"docs/BEHAVIOUR.md does not describe {missing}"


def test_the_architecture_guide_names_files_that_exist():
    text = NOTE.read_text(encoding="utf-8")
    named = set(re.findall(r"`((?:bot|adapters|storage|tests)/[\w/]+\.py)`", text))
    assert named, "the architecture guide names no file"
    assert not [n for n in named if not (ROOT / n).exists()], "named files that do not exist"
