"""`mutualaid run` serves the desk: with a [web] section, where it says;
with no config (the console), on 127.0.0.1 with a login link printed for
the console's coordinator."""
from __future__ import annotations

import asyncio
import re
import subprocess
import sys
from datetime import datetime, timezone

import httpx
import pytest

from bot import config
from bot.config import WebConfig
from bot.runtime import Runtime


def test_the_web_section_is_read_and_checked(tmp_path):
    f = tmp_path / "c.toml"
    f.write_text('[web]\nlisten = "0.0.0.0:8470"\npublic_url = "https://desk.example.org/"\n')
    assert config.load(f).web == WebConfig("0.0.0.0", 8470, "https://desk.example.org")
    for body, path in (('[web]\nlisten = "8470"\npublic_url = "https://x"\n', "web.listen"),
                       ('[web]\nlisten = "127.0.0.1:8470"\n', "web.public_url"),
                       ('[web]\nport = 1\n', "web.port")):
        f.write_text(body)
        with pytest.raises(config.ConfigError) as err:
            config.load(f)
        assert str(err.value).startswith(path)
    f.write_text("")
    assert config.load(f).web is None


async def test_the_runtime_serves_the_desk_and_hands_its_actions_to_the_engine(database_url):
    now = datetime(2026, 12, 2, 15, 0, tzinfo=timezone.utc)
    runtime = Runtime(database_url=database_url, adapters=[], clock=lambda: now, scheduler=False,
                      web=WebConfig("127.0.0.1", 0, "http://127.0.0.1"))
    await runtime.start()
    try:
        url = runtime.defaults.desk_url
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", url)
        link = await asyncio.to_thread(runtime.engine.desk_link_for_admin, "sim", "eastside", "ana", "ana", now)
        async with httpx.AsyncClient(base_url=url) as web:
            assert (await web.get("/board")).status_code == 401
            await web.get(link[len(url):])
            answer = await web.post("/login", data={"csrf": web.cookies["desk_csrf"], "secret": link.rsplit("/", 1)[1]})
            assert answer.status_code == 303
            intake = await web.post("/intake", data={"csrf": web.cookies["desk_csrf"], "group": "1",
                                                     "summary": "groceries", "category": "food"})
            assert intake.status_code == 303 and intake.headers["location"] == "/items/1?done=intake"
            assert "server" not in answer.headers
    finally:
        await runtime.stop()


def test_the_console_serves_the_desk_and_prints_a_login_link(tmp_path):
    result = subprocess.run([sys.executable, "-m", "bot.cli", "run"], input="ana: /open\n", capture_output=True,
                            text=True, cwd=tmp_path, timeout=120)
    assert result.returncode == 0, result.stderr
    assert re.search(r"The coordinators' desk, for @ana \(works once, 10 minutes\): http://127\.0\.0\.1:\d+/login/\S+",
                     result.stdout), result.stdout
    assert "Traceback" not in result.stderr


def test_the_core_never_imports_the_web_server():
    """bot/ knows no web server: the runtime imports web/ inside the method
    that starts it, only when the config asks for the desk."""
    import ast
    from pathlib import Path

    core = Path(__file__).parent.parent.parent / "bot"
    top_level = []
    for path in core.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            if any(n == "web" or n.startswith("web.") or n in ("starlette", "uvicorn", "jinja2") for n in names):
                top_level.append(str(path))
    assert top_level == []
    lazy = (core / "runtime.py").read_text(encoding="utf-8")
    assert "        from web.app import Desk" in lazy


def test_expired_links_and_sessions_are_pruned_on_the_tick(tmp_path):
    from tests.desk.deskchat import DeskChat
    from storage.models import DeskToken

    chat = DeskChat(f"sqlite:///{tmp_path}/m.db", "@group eastside", "@coordinator ana", "ana: /desk")
    try:
        with chat.sim.sessions() as db:
            assert db.query(DeskToken).count() == 1
        chat.say("@wait 2d")
        with chat.sim.sessions() as db:
            assert db.query(DeskToken).count() == 0
    finally:
        chat.close()
