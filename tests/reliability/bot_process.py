"""The bot as production runs it: ``python -m bot.cli run --config FILE``
in a process of its own, which a test can kill with SIGKILL and start
again on the same config (same database, same Matrix store)."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]


class BotProcess:
    def __init__(self, config: Path, env: dict[str, str], log: Path) -> None:
        self.config = config
        self.env = {**os.environ, **env, "PYTHONUNBUFFERED": "1"}
        self.log = log
        self.process: subprocess.Popen | None = None
        self.starts = 0
        self.kills = 0

    def start(self) -> None:
        assert self.process is None or self.process.poll() is not None, "already running"
        self.starts += 1
        with open(self.log, "ab") as out:
            out.write(f"\n--- start {self.starts} ---\n".encode())
            self.process = subprocess.Popen(
                [sys.executable, "-m", "bot.cli", "run", "--config", str(self.config)],
                cwd=PROJECT_ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT,
            )

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL: no handler runs, nothing is flushed or acknowledged."""
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()
        self.kills += 1

    def stop(self, timeout: float = 15.0) -> int | None:
        """SIGTERM (a clean stop), SIGKILL if it lingers; the exit status."""
        process = self.process
        if process is None:
            return None
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        return process.returncode

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except FileNotFoundError:
            return ""

    def words_logged(self, words) -> list[str]:
        """Which of ``words`` (people's messages, names, handles) the bot's
        log holds: it must hold none, only ids and kinds."""
        try:
            text = self.log.read_text(errors="replace").lower()
        except FileNotFoundError:
            return []
        return sorted({w for w in words if w.lower() in text})

    def tracebacks(self) -> list[str]:
        """Each traceback the bot logged (its own logs carry no message text)."""
        try:
            text = self.log.read_text(errors="replace")
        except FileNotFoundError:
            return []
        return [chunk for chunk in text.split("\n\n") if "Traceback (most recent call last)" in chunk]


def wait_for(condition, timeout: float, what: str, every: float = 0.05):
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}")
        time.sleep(every)
