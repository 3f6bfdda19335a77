"""Start time and resident memory of ``mutualaid run`` with all three
platforms loaded (issue 8, performance). Goals: ready in under 2 seconds,
under 120 MB resident.

The bot runs as it would in production, ``python -m bot.cli run --config
FILE``, in a process of its own, with its three sections pointing at the
tests' local servers: the Bot API stand-in (tests/telegram/fake_bot_api.py),
the signal-cli-rest-api stand-in (tests/signal/signal_fake_service.py) and
a real Synapse (tests/matrix/synapse.py; installed on first use into
.cache/synapse-venv). Measured per start: the time from starting the
process to its "ready platforms=..." log line, and VmRSS from
/proc/PID/status at ready and a few seconds later (Matrix logs in and makes
its first sync after ready), with VmHWM (the peak). The first start makes
the database and logs in to Matrix; the later ones reuse both, as a
restarted bot does.

Beside it, in the same run: the same interpreter importing the libraries
the bot is built on and nothing else (``import sqlalchemy, telegram, nio,
signalbot``), and a bare interpreter, timed and measured the same way.
Wall time on a shared machine grows with the neighbours' load, so the CPU
time each process used (user + system) is reported too. Bytecode is
compiled by the first start into a folder of the run, as a deployed bot
has it compiled; the first start's figures include that compilation.

    .venv/bin/python benchmarks/start_memory_bench.py [--starts 5] [--settle 5]
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import secrets
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "signal"))  # the Signal stand-in imports its fixtures by plain name

from signal_fake_service import FakeSignalService  # noqa: E402
from signal_people import BOT_NUMBER  # noqa: E402
from tests.matrix.members import register  # noqa: E402
from tests.matrix.synapse import SynapseServer, ensure_synapse_installed  # noqa: E402
from tests.telegram.fake_bot_api import FakeBotApi  # noqa: E402
from tests.telegram.fixtures import BOT_TOKEN  # noqa: E402

PYTHON = sys.executable
LIBRARIES = "import sqlalchemy, telegram, nio, signalbot"


def status_kb(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM of a process, in kB."""
    found = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            found[key] = int(value.split()[0])
    return found


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used so far: unlike the wall
    time, it does not grow when neighbours on a shared machine are busy."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def write_config(folder: Path, telegram: FakeBotApi, signal_svc: FakeSignalService, synapse_url: str,
                 user_id: str) -> Path:
    config = folder / "config.toml"
    config.write_text(f"""
[database]
url = "sqlite:///data/mutualaid.db"

[logging]
level = "INFO"

[telegram]
token_env = "BENCH_TELEGRAM_TOKEN"
api_url = "{telegram.base_url}"
file_url = "{telegram.base_file_url}"
poll_timeout = 30

[matrix]
homeserver = "{synapse_url}"
user_id = "{user_id}"
password_env = "BENCH_MATRIX_PASSWORD"
store_passphrase_env = "BENCH_MATRIX_STORE"
store = "data/matrix"
allow_invites_from = ["localhost"]

[signal]
api_url = "{signal_svc.api_url}"
number = "{BOT_NUMBER}"
""", encoding="utf-8")
    return config


async def start_bot(config: Path, env: dict, settle: float) -> dict:
    """One start: seconds to ready, memory at ready and ``settle`` seconds
    later, then a clean stop."""
    began = time.perf_counter()
    proc = await asyncio.create_subprocess_exec(
        PYTHON, "-m", "bot.cli", "run", "--config", str(config), cwd=str(ROOT), env=env,
        stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE)
    lines: list[str] = []
    ready = None
    try:
        while ready is None:
            raw = await asyncio.wait_for(proc.stderr.readline(), timeout=60)
            if not raw:
                raise RuntimeError("the bot stopped before it was ready:\n" + "".join(lines[-20:]))
            line = raw.decode(errors="replace")
            lines.append(line)
            if "ready platforms=" in line:
                ready = time.perf_counter() - began
        at_ready = status_kb(proc.pid)
        cpu_ready = cpu_seconds(proc.pid)
        # keep reading stderr meanwhile, so the pipe never fills
        reader = asyncio.create_task(_collect(proc.stderr, lines))
        await asyncio.sleep(settle)
        settled = status_kb(proc.pid)
    finally:
        if proc.returncode is None:
            proc.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(proc.wait(), timeout=20)
            except asyncio.TimeoutError:
                proc.kill()
                await proc.wait()
    await asyncio.wait_for(reader, timeout=5)
    text = "".join(lines)
    return {"ready_s": ready, "cpu_ready_s": cpu_ready, "rss_ready_kb": at_ready["VmRSS"], "rss_settled_kb": settled["VmRSS"],
            "hwm_kb": settled["VmHWM"], "exit": proc.returncode,
            "matrix_logged_in": "matrix: logged in" in text or "matrix: reusing device" in text,
            "platforms": next((l.split("ready platforms=", 1)[1].strip() for l in lines if "ready platforms=" in l), ""),
            "errors": [l.strip()[:200] for l in lines if " ERROR " in l or "Traceback" in l]}


async def _collect(stream, lines: list[str]) -> None:
    while True:
        raw = await stream.readline()
        if not raw:
            return
        lines.append(raw.decode(errors="replace"))


async def baseline(code: str, env: dict) -> dict:
    """An interpreter running ``code``: its time to exit and its memory at the end."""
    probe = code + "\nimport os, sys; t = os.times(); sys.stdout.write(open('/proc/self/status').read() + " \
        "f'CPU: {t.user + t.system}\\n')"
    began = time.perf_counter()
    proc = await asyncio.create_subprocess_exec(PYTHON, "-c", probe, cwd=str(ROOT), env=env,
                                                stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await proc.communicate()
    took = time.perf_counter() - began
    if proc.returncode != 0:
        raise RuntimeError(err.decode())
    kb = {}
    for line in out.decode().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            kb[key] = int(value.split()[0])
        elif key == "CPU":
            cpu = float(value)
    return {"seconds": took, "cpu_s": cpu, "rss_kb": kb["VmRSS"], "hwm_kb": kb["VmHWM"]}


async def bench(starts: int, settle: float, workdir: Path, synapse: SynapseServer) -> dict:
    telegram = FakeBotApi()
    await telegram.start()
    signal_svc = FakeSignalService(BOT_NUMBER)
    await signal_svc.start()
    password = secrets.token_urlsafe(12)
    user_id = await register(synapse.url, f"mutualaid{secrets.token_hex(3)}", password)
    env = {**os.environ, "BENCH_TELEGRAM_TOKEN": BOT_TOKEN, "BENCH_MATRIX_PASSWORD": password, "BENCH_MATRIX_STORE": "bench-store-passphrase-0123456789",
           # a deployed bot has its bytecode compiled: let the first start
           # compile it, into a folder of this run rather than the source tree
           "PYTHONPYCACHEPREFIX": str(workdir / "pycache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    config = write_config(workdir, telegram, signal_svc, synapse.url, user_id)
    try:
        runs = []
        for _ in range(starts):
            runs.append(await start_bot(config, env, settle))
            # the two baselines between starts: same machine, same moment
            runs[-1]["libraries"] = await baseline(LIBRARIES, env)
            runs[-1]["bare"] = await baseline("pass", env)
    finally:
        await signal_svc.stop()
        await telegram.stop()
    return {"runs": runs, "telegram_calls": sorted({c.method for c in telegram.calls}),
            "signal_requests": len(signal_svc.requests)}


def machine() -> str:
    model = next((l.split(":", 1)[1].strip() for l in Path("/proc/cpuinfo").read_text().splitlines()
                  if l.startswith("model name")), "unknown CPU")
    return f"{platform.machine()}, {model}, {os.cpu_count()} CPUs, Python {platform.python_version()}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--starts", type=int, default=5, help="starts of the bot (the first one on a new database)")
    ap.add_argument("--settle", type=float, default=5.0, help="seconds after ready at which memory is read again")
    args = ap.parse_args()
    ensure_synapse_installed()
    with tempfile.TemporaryDirectory() as tmp:
        synapse = SynapseServer(Path(tmp) / "synapse")
        synapse.start()
        try:
            workdir = Path(tmp) / "bot"
            workdir.mkdir()
            result = asyncio.run(bench(args.starts, args.settle, workdir, synapse))
        finally:
            synapse.stop()
    runs = result["runs"]
    mb = 1024
    print(f"machine: {machine()}; load average (1 min) {os.getloadavg()[0]:.1f}")
    print(f"{len(runs)} starts of `python -m bot.cli run` with telegram, matrix and signal "
          f"(platforms at ready: {runs[0]['platforms']}); memory read at ready and {args.settle:g} s later")
    for n, r in enumerate(runs, 1):
        print(f"  start {n}{' (new database, first Matrix login)' if n == 1 else ''}: ready {r['ready_s']:.2f} s, "
              f"RSS {r['rss_ready_kb'] / mb:.1f} MB at ready, {r['rss_settled_kb'] / mb:.1f} MB after, "
              f"peak {r['hwm_kb'] / mb:.1f} MB; CPU to ready {r['cpu_ready_s']:.2f} s; matrix logged in: {r['matrix_logged_in']}; exit {r['exit']}; "
              f"errors: {len(r['errors'])}" + (f" {r['errors'][:3]}" if r["errors"] else ""))
    warm = runs[1:] or runs
    ready = statistics.median(r["ready_s"] for r in warm)
    # the first start also compiles every module to bytecode (a one-time
    # install step): its memory is reported apart
    rss = max(max(r["rss_ready_kb"], r["rss_settled_kb"]) for r in warm) / mb
    peak = max(r["hwm_kb"] for r in warm) / mb
    first_rss = max(runs[0]["rss_ready_kb"], runs[0]["rss_settled_kb"]) / mb
    libs_s = statistics.median(r["libraries"]["seconds"] for r in runs)
    libs_rss = statistics.median(r["libraries"]["rss_kb"] for r in runs) / mb
    bare_s = statistics.median(r["bare"]["seconds"] for r in runs)
    bare_rss = statistics.median(r["bare"]["rss_kb"] for r in runs) / mb
    cpu = statistics.median(r["cpu_ready_s"] for r in warm)
    libs_cpu = statistics.median(r["libraries"]["cpu_s"] for r in runs[1:] or runs)
    print(f"ratio start / importing the libraries alone: {ready / libs_s:.2f}x "
          f"(bot ready {ready:.2f} s, median of restarts; `{LIBRARIES}` {libs_s:.2f} s; bare python {bare_s:.2f} s)")
    print(f"ratio CPU time to ready / importing the libraries alone: {cpu / libs_cpu:.2f}x "
          f"(bot {cpu:.2f} s of CPU to ready; libraries alone {libs_cpu:.2f} s)")
    print(f"ratio memory / importing the libraries alone: {rss / libs_rss:.2f}x "
          f"(bot RSS {rss:.1f} MB, most seen after a restart; libraries alone {libs_rss:.1f} MB; bare python {bare_rss:.1f} MB)")
    print(f"start: ready in {ready:.2f} s (goal: under 2 s; first start {runs[0]['ready_s']:.2f} s) — "
          + ("met" if ready < 2 else "NOT met"))
    print(f"memory: {rss:.1f} MB resident (peak {peak:.1f} MB; first start, compiling: {first_rss:.1f} MB; "
          f"goal: under 120 MB) — "
          + ("met" if rss < 120 else "NOT met"))
    print(json.dumps({"ready_s": round(ready, 3), "first_ready_s": round(runs[0]["ready_s"], 3),
                      "cpu_ready_s": round(cpu, 3), "libraries_cpu_s": round(libs_cpu, 3),
                      "rss_mb": round(rss, 1), "peak_mb": round(peak, 1), "first_rss_mb": round(first_rss, 1), "libraries_s": round(libs_s, 3),
                      "libraries_rss_mb": round(libs_rss, 1), "bare_s": round(bare_s, 3),
                      "bare_rss_mb": round(bare_rss, 1)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
