"""What the adapter keeps in its store folder besides nio's crypto store.

- ``session.json``: user id, device id and access token of the bot's device
  (a Matrix device owns its encryption keys, so the bot logs in once and
  then reuses that device).
- ``sync.json``: the sync token, written only after every event it covers
  was submitted, and the direct rooms the bot knows (room id -> person).

Files are replaced atomically (write, fsync, rename), so a crash leaves the
old version or the new one, never half of one.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


def _write_atomically(path: Path, data: dict[str, Any], private: bool = False) -> None:
    temporary = path.with_suffix(path.suffix + ".tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
    fd = os.open(temporary, flags, 0o600 if private else 0o644)
    with os.fdopen(fd, "w") as handle:
        json.dump(data, handle)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def _read(path: Path) -> dict[str, Any] | None:
    try:
        return json.loads(path.read_text())
    except FileNotFoundError:
        return None


@dataclass
class SyncState:
    next_batch: str | None = None
    direct_rooms: dict[str, str] = field(default_factory=dict)  # room id -> user id


class StateFiles:
    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.crypto_folder = self.folder / "crypto"
        self.crypto_folder.mkdir(exist_ok=True)

    def load_session(self) -> dict[str, str] | None:
        return _read(self.folder / "session.json")

    def save_session(self, user_id: str, device_id: str, access_token: str) -> None:
        _write_atomically(
            self.folder / "session.json",
            {"user_id": user_id, "device_id": device_id, "access_token": access_token},
            private=True,
        )

    def load_sync(self) -> SyncState:
        data = _read(self.folder / "sync.json") or {}
        return SyncState(
            next_batch=data.get("next_batch"),
            direct_rooms=dict(data.get("direct_rooms", {})),
        )

    def save_sync(self, state: SyncState) -> None:
        _write_atomically(
            self.folder / "sync.json",
            {"next_batch": state.next_batch, "direct_rooms": state.direct_rooms},
        )
