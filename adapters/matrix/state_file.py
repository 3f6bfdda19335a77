"""What the adapter keeps in its store folder besides nio's crypto store.

- ``session.json``: user id, device id and access token of the bot's device
  (a Matrix device owns its encryption keys, so the bot logs in once and
  then reuses that device).
- ``sync.json``: the sync token, written only after every event it covers
  was submitted, and the direct rooms the bot knows (room id -> person).

Files are replaced atomically (write, fsync, rename), so a crash leaves the
old version or the new one, never half of one. The folder and everything in
it are the bot's alone (0700 folders, 0600 files): the crypto store holds
the keys that read encrypted rooms, and sync.json the direct rooms (who
wrote to the bot).
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


def _write_atomically(path: Path, data: dict[str, Any]) -> None:
    temporary = path.with_suffix(path.suffix + ".tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
    fd = os.open(temporary, flags, 0o600)
    os.fchmod(fd, 0o600)  # a leftover .tmp of an older version keeps its mode otherwise
    with os.fdopen(fd, "w") as handle:
        json.dump(data, handle)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def _make_private(folder: Path) -> None:
    """0700 folders and 0600 files throughout (stores made by older versions were 0755/0644)."""
    for path in [folder, *folder.rglob("*")]:
        try:
            wanted = 0o700 if path.is_dir() else 0o600
            if path.stat().st_mode & 0o777 != wanted:
                path.chmod(wanted)
        except FileNotFoundError:
            pass  # a .tmp renamed meanwhile


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
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.crypto_folder = self.folder / "crypto"
        self.crypto_folder.mkdir(mode=0o700, exist_ok=True)
        _make_private(self.folder)

    def make_private(self) -> None:
        """After matrix-nio made or opened its store (with the umask's modes)."""
        _make_private(self.folder)

    def load_session(self) -> dict[str, str] | None:
        return _read(self.folder / "session.json")

    def save_session(self, user_id: str, device_id: str, access_token: str) -> None:
        _write_atomically(
            self.folder / "session.json",
            {"user_id": user_id, "device_id": device_id, "access_token": access_token},
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
