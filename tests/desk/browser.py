"""A real browser for the desk's tests: Debian's chromium, driven by the
Playwright package (which cannot download a browser here: it is told where
the system's is). Missing chromium is installed with apt-get; only when that
is impossible are the tests skipped, with the reason said loudly."""
from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import threading

import pytest
import uvicorn

CHROMIUM = "/usr/bin/chromium"


def ensure_chromium() -> str:
    if os.path.exists(CHROMIUM):
        return CHROMIUM
    apt = shutil.which("apt-get")
    if apt is None or os.geteuid() != 0:
        pytest.skip("BROWSER TESTS SKIPPED: chromium is not installed and apt-get cannot run here "
                    "(install Debian's chromium package)")
    for args in ([apt, "update", "-q"], [apt, "install", "-y", "-q", "chromium"]):
        done = subprocess.run(args, capture_output=True, text=True, env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
        if done.returncode != 0 and args[1] == "install":
            pytest.skip(f"BROWSER TESTS SKIPPED: apt-get install chromium failed: {done.stderr.strip()[-300:]}")
    if not os.path.exists(CHROMIUM):
        pytest.skip("BROWSER TESTS SKIPPED: chromium was installed but /usr/bin/chromium is missing")
    return CHROMIUM


class ServedDesk:
    """The desk application on 127.0.0.1 (a free port), in a thread with its
    own event loop, as uvicorn serves it in the bot."""

    def __init__(self, app) -> None:
        config = uvicorn.Config(app, host="127.0.0.1", port=0, access_log=False, log_config=None, lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=lambda: asyncio.run(self.server.serve()), daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        waited = threading.Event()
        while not self.server.started:
            if not self.thread.is_alive():
                raise RuntimeError("the desk did not start")
            waited.wait(0.01)  # a started server answers at once; this only waits for the bind
        port = self.server.servers[0].sockets[0].getsockname()[1]
        return f"http://127.0.0.1:{port}"

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
