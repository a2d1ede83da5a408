"""The web page's application: :func:`create_app` makes the ASGI app ``monographs serve``
runs with uvicorn."""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from monographs.web.jobs import JobPool, default_workers
from monographs.web.routes import routes
from monographs.web.routes.errors import http_error, server_error
from monographs.web.site import Site

access_log = logging.getLogger("monographs.web.access")
MAX_URL = 2048  # characters of a path and query


class AccessLog:
    """Logs who asked for what: address, method, path and query, status, milliseconds;
    refuses addresses longer than :data:`MAX_URL` (414)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = [0]
        query = scope.get("query_string", b"").decode("latin-1")
        path = scope.get("path", "")
        if len(path) + len(query) > MAX_URL:
            await send({"type": "http.response.start", "status": 414, "headers": []})
            await send({"type": "http.response.body", "body": b"URI too long"})
            access_log.info("%s %s %s… 414", _who(scope), scope["method"], path[:100])
            return

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                status[0] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            access_log.info(
                "%s %s %s%s %s %.0f ms",
                _who(scope),
                scope["method"],
                path,
                f"?{query}" if query else "",
                status[0] or 500,
                (time.perf_counter() - start) * 1000,
            )


def _who(scope: Scope) -> str:
    client = scope.get("client")
    return f"{client[0]}:{client[1]}" if client else "-"


def create_app(
    atlas_path: Path | str | None = None,
    output: Path | str = Path("output"),
    workers: int | None = None,
    max_queue: int = 64,
    timeout: float = 300.0,
) -> Starlette:
    """The web page over an atlas (None: the embedded one), building into ``output``.

    The atlas is loaded and validated here (an invalid one raises
    :class:`~monographs.errors.InvalidAtlas`, before anything listens); ``workers``
    processes (default: one per two cores) load it too when the app starts, and build
    the reports asked for, at most ``max_queue`` waiting and each stopped after
    ``timeout`` seconds. Reports are shared with CLI builds into the same folder.
    """
    atlas = Path(atlas_path) if atlas_path is not None else None
    out = Path(output)
    out.mkdir(parents=True, exist_ok=True)
    pool = JobPool(atlas, out, workers or default_workers(), max_queue, timeout)
    site = Site.load(atlas, out, pool)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        pool.start()
        try:
            yield
        finally:
            pool.stop()

    app = Starlette(
        routes=routes(),
        middleware=[Middleware(AccessLog)],
        exception_handlers={HTTPException: http_error, Exception: server_error},
        lifespan=lifespan,
    )
    app.state.site = site
    return app
