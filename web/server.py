"""The desk served by uvicorn in the bot's process, on the runtime's event
loop beside the adapters. Uvicorn's access log is off: a login link's
address holds its secret, and logs never carry one."""
from __future__ import annotations

import asyncio
import logging

import uvicorn

from web.app import Desk, create_app

log = logging.getLogger(__name__)


class DeskServer:
    def __init__(self, desk: Desk, host: str, port: int) -> None:
        self.desk, self.host, self.port = desk, host, port
        config = uvicorn.Config(create_app(desk), host=host, port=port, access_log=False, log_config=None,
                                lifespan="off", server_header=False)
        self.server = uvicorn.Server(config)
        self.task: asyncio.Task | None = None

    async def start(self) -> None:
        self.task = asyncio.create_task(self.server.serve(), name="desk")
        while not self.server.started:
            if self.task.done():
                self.task.result()  # raises why it could not start (the port is taken…)
                raise RuntimeError("the desk stopped while starting")
            await asyncio.sleep(0.02)
        if self.port == 0:
            self.port = self.server.servers[0].sockets[0].getsockname()[1]
        log.info("desk serving port=%d", self.port)

    async def stop(self) -> None:
        self.server.should_exit = True
        if self.task is not None:
            await asyncio.gather(self.task, return_exceptions=True)
