"""A real Synapse homeserver on loopback, for tests.

Synapse lives in its own virtual environment (``.cache/synapse-venv`` at the
project root, created on first use and reused), so its many dependencies
never mix with the bot's. The homeserver runs on 127.0.0.1 on a free port
with SQLite, open registration, no federation and every rate limit raised
(docs/PLATFORMS.md, "Testing against real servers", says why each key
is there).

Usable from any test suite::

    server = SynapseServer(workdir)
    server.start()      # returns once the client API answers
    server.stop()       # SIGTERM, then SIGKILL if it lingers
    server.restart()    # same port, same database
"""
from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SYNAPSE_VENV = Path(os.environ.get("MUTUALAID_SYNAPSE_VENV", PROJECT_ROOT / ".cache" / "synapse-venv"))
SYNAPSE_REQUIREMENT = "matrix-synapse>=1.163,<1.164"
SERVER_NAME = "localhost"

_BIG = {"per_second": 10000, "burst_count": 10000}
RATE_LIMITS = {
    "rc_message": _BIG,
    "rc_registration": _BIG,
    "rc_registration_token_validity": _BIG,
    "rc_login": {"address": _BIG, "account": _BIG, "failed_attempts": _BIG},
    "rc_admin_redaction": _BIG,
    "rc_joins": {"local": _BIG, "remote": _BIG},
    "rc_joins_per_room": _BIG,
    "rc_3pid_validation": _BIG,
    "rc_invites": {"per_room": _BIG, "per_user": _BIG, "per_issuer": _BIG},
    "rc_third_party_invite": _BIG,
    "rc_media_create": _BIG,
    "rc_federation": {
        "window_size": 1000,
        "sleep_limit": 10000,
        "sleep_delay": 0,
        "reject_limit": 10000,
        "concurrent": 10000,
    },
    "rc_presence": {"per_user": _BIG},
    "rc_delayed_event_mgmt": _BIG,
    "rc_reports": _BIG,
    "rc_room_creation": _BIG,
    "rc_key_requests": _BIG,
    "rc_send_to_device": _BIG,
}


def synapse_python() -> Path:
    return SYNAPSE_VENV / "bin" / "python"


def ensure_synapse_installed() -> Path:
    """Create the Synapse virtual environment unless it already works."""
    python = synapse_python()
    if python.exists() and _imports_synapse(python):
        return python
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(SYNAPSE_VENV)], check=True)
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", SYNAPSE_REQUIREMENT],
        check=True,
    )
    return python


def _imports_synapse(python: Path) -> bool:
    probe = subprocess.run([str(python), "-c", "import synapse"], capture_output=True)
    return probe.returncode == 0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SynapseServer:
    """One homeserver with its data in ``workdir``."""

    def __init__(self, workdir: Path, port: int | None = None) -> None:
        self.workdir = Path(workdir)
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.registration_shared_secret = secrets.token_hex(16)
        self.process: subprocess.Popen | None = None
        self.last_start_seconds: float | None = None
        self._log = None

    @property
    def config_path(self) -> Path:
        return self.workdir / "homeserver.yaml"

    def write_config(self) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)
        (self.workdir / "media").mkdir(exist_ok=True)
        log_config = self.workdir / "log.yaml"
        # JSON is YAML: no YAML writer needed on our side.
        log_config.write_text(json.dumps({
            "version": 1,
            "formatters": {"plain": {"format": "%(asctime)s %(name)s %(levelname)s %(message)s"}},
            "handlers": {"file": {
                "class": "logging.FileHandler",
                "formatter": "plain",
                "filename": str(self.workdir / "homeserver.log"),
            }},
            "root": {"level": "WARNING", "handlers": ["file"]},
            "disable_existing_loggers": False,
        }))
        config = {
            "server_name": SERVER_NAME,
            "pid_file": str(self.workdir / "homeserver.pid"),
            "listeners": [{
                "port": self.port,
                "bind_addresses": ["127.0.0.1"],
                "type": "http",
                "tls": False,
                "x_forwarded": False,
                "resources": [{"names": ["client"], "compress": False}],
            }],
            "database": {"name": "sqlite3", "args": {"database": str(self.workdir / "homeserver.db")}},
            "log_config": str(log_config),
            "media_store_path": str(self.workdir / "media"),
            "signing_key_path": str(self.workdir / "signing.key"),
            "registration_shared_secret": self.registration_shared_secret,
            "macaroon_secret_key": secrets.token_hex(16),
            "form_secret": secrets.token_hex(16),
            "report_stats": False,
            "trusted_key_servers": [],
            "suppress_key_server_warning": True,
            "federation_domain_whitelist": [],
            "presence": {"enabled": False},
            "enable_registration": True,
            "enable_registration_without_verification": True,
            # Fast password hashing: these are throwaway test accounts.
            "bcrypt_rounds": 4,
            "url_preview_enabled": False,
            **RATE_LIMITS,
        }
        self.config_path.write_text(json.dumps(config, indent=1))
        self._write_signing_key()

    def _write_signing_key(self) -> None:
        key_path = self.workdir / "signing.key"
        if key_path.exists():
            return
        # signedjson ships with Synapse; near instant, unlike --generate-keys.
        script = (
            "import sys\n"
            "from signedjson.key import generate_signing_key, write_signing_keys\n"
            "with open(sys.argv[1], 'w') as f:\n"
            "    write_signing_keys(f, [generate_signing_key('a_test')])\n"
        )
        subprocess.run([str(synapse_python()), "-c", script, str(key_path)], check=True)

    def start(self, timeout: float = 30.0) -> float:
        """Start the homeserver and wait until its client API answers;
        returns how many seconds that took."""
        if self.process is not None:
            raise RuntimeError("already running")
        if not self.config_path.exists():
            self.write_config()
        began = time.monotonic()
        self._log = open(self.workdir / "stdout.log", "ab")
        self.process = subprocess.Popen(
            [str(synapse_python()), "-m", "synapse.app.homeserver", "-c", str(self.config_path)],
            stdout=self._log,
            stderr=subprocess.STDOUT,
            cwd=self.workdir,
        )
        deadline = began + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                code = self.process.returncode
                self.process = None
                raise RuntimeError(f"synapse exited with status {code}; see {self.workdir}/stdout.log")
            if self.is_answering():
                self.last_start_seconds = time.monotonic() - began
                return self.last_start_seconds
            time.sleep(0.05)
        self.stop()
        raise TimeoutError(f"synapse did not answer within {timeout}s")

    def is_answering(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.url}/_matrix/client/versions", timeout=0.5) as resp:
                return resp.status == 200
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            return False

    def stop(self, timeout: float = 10.0) -> None:
        process, self.process = self.process, None
        if process is None:
            return
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if self._log is not None:
            self._log.close()
            self._log = None

    def restart(self) -> float:
        self.stop()
        return self.start()
