"""The real app served by uvicorn in a background thread on 127.0.0.1 (a free port)."""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass

import uvicorn
from fastapi import FastAPI
from starlette.routing import Match

START_TIMEOUT = 30.0


@dataclass(frozen=True)
class LiveServer:
    """Where the app answers, and which addresses it routes."""

    base_url: str
    app: FastAPI

    def url(self, path: str) -> str:
        return self.base_url + path

    def routes(self, path: str) -> bool:
        """Whether a GET on ``path`` (without query) reaches a route of the app.

        Matches against the app's own route list (pages are not in the OpenAPI document),
        so a page that is not written yet is told apart from a page that fails.
        """
        scope = {"type": "http", "path": path.split("?", 1)[0], "method": "GET"}
        return any(route.matches(scope)[0] is Match.FULL for route in self.app.routes)


class ServerThread:
    """Runs ``uvicorn.Server`` on a socket bound here, so the port is known and ours."""

    def __init__(self, app: FastAPI) -> None:
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.socket.bind(("127.0.0.1", 0))
        port = self.socket.getsockname()[1]
        config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self.socket]}, daemon=True
        )
        self.live = LiveServer(f"http://127.0.0.1:{port}", app)

    def start(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + START_TIMEOUT
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"uvicorn did not start on {self.live.base_url}")
            time.sleep(0.05)
        return self.live

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=START_TIMEOUT)
        self.socket.close()
