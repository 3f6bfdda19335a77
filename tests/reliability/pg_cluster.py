"""A throwaway PostgreSQL server that a test may stop and start: ``initdb``
into a temporary folder, ``pg_ctl`` on a free port, ``fsync=off`` (nothing
here must survive a power cut). Never the machine's shared server.

``initdb`` refuses to run as root, so when the tests run as root the
server's commands run as the ``postgres`` user (Debian installs its
binaries under /usr/lib/postgresql/*/bin)."""
from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from .bot_process import wait_for


def postgres_bin() -> Path | None:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"),
                        key=lambda p: int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0)
    return Path(candidates[-1]).parent if candidates else None


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ThrowawayPostgres:
    def __init__(self) -> None:
        self.bin = postgres_bin()
        if self.bin is None:
            raise FileNotFoundError("no PostgreSQL binaries (pg_ctl, initdb) on this machine")
        # not under pytest's tmp_path: its folders are private to root, and
        # the server runs as postgres
        self.folder = Path(tempfile.mkdtemp(prefix="mutualaid-pg-"))
        self.data = self.folder / "data"
        self.port = free_port()
        self.as_postgres = os.geteuid() == 0
        if self.as_postgres:
            shutil.chown(self.folder, "postgres", "postgres")

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *args: str) -> None:
        command = [str(self.bin / args[0]), *args[1:]]
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, cwd=self.folder)
        if done.returncode != 0:
            raise RuntimeError(f"{args[0]} failed: {done.stdout[-1000:]} {done.stderr[-1000:]}")

    def create(self) -> None:
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8")

    def start(self) -> float:
        """Start and wait until it accepts connections; the seconds it took."""
        began = time.monotonic()
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.folder} -c fsync=off"
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.folder / "server.log"), "-w", "start")
        wait_for(self.accepts, 30, "the throwaway PostgreSQL to accept connections")
        return time.monotonic() - began

    def accepts(self) -> bool:
        import psycopg

        try:
            psycopg.connect(host="127.0.0.1", port=self.port, user="postgres", dbname="postgres",
                            connect_timeout=2).close()
            return True
        except psycopg.OperationalError:
            return False

    def stop(self) -> None:
        """A fast shutdown: sessions are cut, transactions in flight roll back."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def destroy(self) -> None:
        if (self.data / "postmaster.pid").exists():
            try:
                self.stop()
            except RuntimeError:
                pass
        shutil.rmtree(self.folder, ignore_errors=True)
