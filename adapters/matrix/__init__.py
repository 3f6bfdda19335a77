"""The Matrix adapter (matrix-nio, end-to-end encryption included).

Modules: ``config`` (the [matrix] section), ``invites`` (who may invite the
bot, said at start), ``adapter`` (sync loop and perform), ``translate``
(Matrix events -> bot.events), ``room_facts`` (creators, direct rooms,
memberships), ``content`` (what the bot sends),
``errors`` (Matrix errors -> RetryLater / PermanentFailure), ``state_file``
(sync token and session in the store folder).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

from .adapter import LoginRefused, MatrixAdapter
from .config import MatrixConfig, parse_matrix_config


def from_config(section: Mapping[str, Any], base_dir: Path, env: Mapping[str, str]) -> MatrixAdapter:
    """Build the adapter from the ``[matrix]`` section; ValueError names
    the offending key (``matrix.user_id: ...``)."""
    return MatrixAdapter.from_config(section, base_dir, env)


__all__ = ["MatrixAdapter", "MatrixConfig", "LoginRefused", "from_config", "parse_matrix_config"]
