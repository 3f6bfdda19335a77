"""Wiring: adapters hand events in, the engine handles them one at a time in
a worker thread, the outbox sender delivers what it wrote, and APScheduler
ticks. Only this module (with the adapters and the CLI) touches asyncio."""
from __future__ import annotations

import asyncio
import logging
import signal
from datetime import datetime, timezone
from typing import Callable

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.config import Config, ConfigError
from bot.engine import Engine
from bot.events import Event, Tick
from bot.outbox import OutboxQueue
from bot.sender import OutboxSender
from bot.turn import Defaults
from bot.logging_setup import log_failure
from storage import repo
from storage.db import migrate, open_database, session_factory

log = logging.getLogger(__name__)


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Runtime:
    def __init__(self, *, database_url: str, adapters: list, default_zone: str = "America/New_York",
                 default_lang: str = "en", clock: Callable[[], datetime] = utcnow,
                 tick_seconds: float = 30.0, scheduler: bool = True, handled_key: bytes | None = None,
                 web=None) -> None:
        self.database_url = database_url
        self.handled_key = handled_key
        self.adapters = {a.platform: a for a in adapters}
        # the coordinators' desk (bot.config.WebConfig), started beside the adapters
        self.web = web
        self.desk_server = None
        self.defaults = Defaults(zone=default_zone, lang=default_lang,
                                 desk_url=web.public_url if web is not None else None)
        self.clock = clock
        self.tick_seconds = tick_seconds
        self.use_scheduler = scheduler
        self._one_at_a_time = asyncio.Lock()
        self._tasks: list[asyncio.Task] = []
        self._scheduler: AsyncIOScheduler | None = None
        self.sender: OutboxSender | None = None
        self.ready = asyncio.Event()

    async def start(self) -> None:
        self.db = open_database(self.database_url, self.handled_key)
        await asyncio.to_thread(migrate, self.db)
        self.sessions = session_factory(self.db)
        self.engine = Engine(self.sessions, self.defaults)
        self.queue = OutboxQueue(self.sessions)
        self.sender = OutboxSender(self.queue, self.adapters, self.clock, self.submit)
        self._tasks.append(asyncio.create_task(self.sender.run(), name="outbox"))
        if self.use_scheduler:
            self._scheduler = AsyncIOScheduler(timezone=timezone.utc)
            self._scheduler.add_job(self.tick, "interval", seconds=self.tick_seconds, coalesce=True,
                                    max_instances=1, next_run_time=self.clock())
            self._scheduler.start()
        if self.web is not None:
            await self._start_desk()
        for adapter in self.adapters.values():
            await adapter.start(self.submit)
            await self._publish_command_menu(adapter)
        self.ready.set()
        log.info("ready platforms=%s", ",".join(self.adapters))

    async def _publish_command_menu(self, adapter) -> None:
        """Platforms with a command menu (Telegram) get the command table's,
        in every language the bot speaks."""
        publish = getattr(adapter, "set_commands", None)
        if publish is None:
            return
        from bot.commands.table import menu
        from bot.i18n import LANGUAGES

        try:
            await publish({lang: menu(lang) for lang in LANGUAGES})
        except Exception:
            log.warning("command menu not published platform=%s; the bot works without it", adapter.platform)

    async def _start_desk(self) -> None:
        """The web desk, imported only when configured: the core never imports it."""
        from web.app import Desk
        from web.server import DeskServer

        desk = Desk(sessions=self.sessions, submit=self.submit, clock=self.clock,
                    base_url=self.web.public_url, default_zone=self.defaults.zone)
        self.desk_server = DeskServer(desk, self.web.host, self.web.port)
        await self.desk_server.start()
        if self.web.port == 0:
            # a free port was taken (the console's desk): the links name it
            desk.base_url = self.defaults.desk_url = f"http://{self.web.host}:{self.desk_server.port}"

    async def submit(self, event: Event) -> list:
        """Hand one event to the engine; returns once it is committed, with
        the actions it decided (the desk reads its answer among them)."""
        async with self._one_at_a_time:
            actions = await asyncio.to_thread(self.engine.handle, event, self.clock())
        if self.sender is not None:
            self.sender.wake.set()
        return actions

    async def tick(self) -> None:
        try:
            await self.submit(Tick(self.clock()))
        except Exception:
            log_failure(log, "tick failed; the next one retries")

    async def drain_outbox(self, timeout: float = 30.0) -> None:
        """Wait until every message owed has been delivered (for tests)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while loop.time() < deadline:
            if await asyncio.to_thread(self.queue.unsent) == 0:
                return
            self.sender.wake.set()
            await asyncio.sleep(0.05)
        raise TimeoutError("outbox not drained")

    def announcement_message_id(self, number: int) -> str | None:
        with self.sessions() as db:
            row = repo.latest_announcement(db, number)
            return None if row is None else row.message_id

    async def stop(self) -> None:
        if self.desk_server is not None:
            await self.desk_server.stop()
        for adapter in self.adapters.values():
            try:
                await adapter.stop()
            except Exception:
                log_failure(log, "adapter did not stop cleanly platform=%s", adapter.platform)
        if self._scheduler is not None:
            self._scheduler.shutdown(wait=False)
        if self.sender is not None:
            self.sender.stop()
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self.db.dispose()

    async def run_until_stopped(self, done: asyncio.Future | None = None) -> None:
        await self.start()
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            try:
                loop.add_signal_handler(sig, stop.set)
            except (NotImplementedError, RuntimeError):
                pass
        console = next((a for a in self.adapters.values() if getattr(a, "finished", None)), None)
        waiters = [asyncio.create_task(stop.wait())]
        if console is not None:
            waiters.append(asyncio.create_task(console.finished.wait()))
        await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
        if console is not None:
            try:
                await self.drain_outbox(timeout=5)
            except TimeoutError:
                pass
        await self.stop()


def build_runtime(cfg: Config) -> tuple[Runtime, object]:
    """The runtime for a config: every platform whose section it has, or
    the console when it has none."""
    adapters = []
    from os import environ

    for name, section in cfg.platforms.items():
        try:
            adapters.append(_adapter_class(name).from_config(section, cfg.base_dir, environ))
        except (ValueError, KeyError) as exc:
            raise ConfigError(f"{name}: {exc}") from None
    console = None
    if not adapters:
        from bot.plugins import CONSOLE

        console = _adapter_class(CONSOLE)()
        adapters.append(console)
    from bot.config import handled_key

    web = cfg.web
    if web is None and console is not None and cfg.console_desk:
        # `make run` with no config: the desk on this machine only, and the
        # console's coordinator gets a login link printed (adapters/console.py)
        from bot.config import WebConfig

        web = WebConfig(host="127.0.0.1", port=0, public_url="http://127.0.0.1")
    runtime = Runtime(database_url=cfg.database_url, adapters=adapters, default_zone=cfg.zone,
                      default_lang=cfg.lang, tick_seconds=cfg.tick_seconds, handled_key=handled_key(cfg), web=web)
    if console is not None:
        console.bind(runtime)
    return runtime, console


def _adapter_class(name: str):
    from bot.plugins import adapter_class

    try:
        return adapter_class(name)
    except LookupError:
        raise ConfigError(f"{name}: unknown platform (no adapter of that name is installed)") from None
