"""Serving the API with uvicorn, once `hellowork serve` (server/main.py, which says what the
server does before and while it serves) has read and checked its arguments."""

from __future__ import annotations

import argparse
import asyncio
import copy
import gc
import importlib
import logging
import logging.config
import os
import socket
import sys
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import uvicorn
from fastapi import FastAPI
from uvicorn.config import LOGGING_CONFIG, STARTUP_FAILURE
from uvicorn.supervisors import Multiprocess

from server.app import create_app, startup
from server.config import ConfigError, ServerSettings, safe_url
from server.db.problems import describe_database_error
from server.state import AppState
from server.warmup import start_search_warm_up, warm_code_tables, warm_routes

log = logging.getLogger("hellowork.server")
WORKER_HEALTHCHECK_TIMEOUT_S = 60


class _Server(uvicorn.Server):
    def __init__(
        self, config: uvicorn.Config, *, embedded: bool, state: AppState | None = None
    ) -> None:
        super().__init__(config)
        self._embedded = embedded
        self._state = state
        self._warming: asyncio.Task[None] | None = None

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if self.started:
            await warm_routes(self.config.loaded_app)
            warm_code_tables()
            _freeze_start_up_objects()
            if self._state is not None:
                self._warming = start_search_warm_up(self._state)
        if self.started and self.config.uds:
            # uvicorn makes a new socket 0666; only the owner (the TUI) may talk to us.
            os.chmod(self.config.uds, 0o600)
        if self.started and self._embedded:
            print("READY", flush=True)  # the parent waits for exactly this line

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        if self._warming is not None:
            self._warming.cancel()
        await super().shutdown(sockets)

    async def main_loop(self) -> None:
        if self._embedded:
            _watch_stdin(self, asyncio.get_running_loop())
        await super().main_loop()


def _freeze_start_up_objects() -> None:
    """Leave what start-up built (modules, routes, schemas, mappers: ~130,000 objects) out of
    every later full garbage collection. They live as long as the process, and a full
    collection visiting them took 60-100 ms here — added to whichever request it interrupted.
    Done by the process that owns the server, not the app factory: tests build many apps in
    one process, and freezing their leftovers would keep them alive."""
    gc.collect()
    gc.freeze()


def _watch_stdin(server: uvicorn.Server, loop: asyncio.AbstractEventLoop) -> None:
    """Ask the server to exit when stdin closes. A daemon thread: works for pipes, ttys and
    files alike, and never holds up interpreter exit."""

    def wait_for_eof() -> None:
        try:
            while sys.stdin.buffer.read(4096):
                pass
        except (OSError, ValueError):
            pass
        loop.call_soon_threadsafe(setattr, server, "should_exit", True)

    threading.Thread(target=wait_for_eof, name="stdin-eof", daemon=True).start()


def _log_config(level: str) -> dict[str, Any]:
    """uvicorn's logging plus ours, applied in this process and again in every worker
    (uvicorn configures logging in each spawned child). The pid tells workers apart."""
    config = copy.deepcopy(LOGGING_CONFIG)
    config["formatters"]["hellowork"] = {
        "format": "%(levelname)s [%(process)d] %(name)s %(message)s"
    }
    config["handlers"]["hellowork"] = {
        "class": "logging.StreamHandler",
        "formatter": "hellowork",
        "stream": "ext://sys.stderr",
    }
    config["root"] = {"handlers": ["hellowork"], "level": level.upper()}
    return config


def event_loop_and_parser(embedded: bool) -> tuple[str, str]:
    """uvicorn's event loop and HTTP parser for this server.

    A standalone `serve` (one process or the workers of `--workers N`) runs on uvloop and
    parses HTTP with httptools — both C, installed with hellowork wherever they have wheels
    (uvloop: not on Windows): a third less CPU for a job sheet, a fifth for the other
    requests (README, PostgreSQL load). Where one is missing it serves on asyncio's loop or
    h11, the same, slower. The embedded server (one user, on a Unix socket) keeps asyncio and
    h11, as does everything else that runs the app in a process of its own making (tests,
    benchmarks' in-process servers): chosen here, per server, never as a process-wide loop
    policy."""
    if embedded:
        return "asyncio", "h11"
    return (
        "uvloop" if _importable("uvloop") else "asyncio",
        "httptools" if _importable("httptools") else "h11",
    )


def _importable(name: str) -> bool:
    try:
        importlib.import_module(name)
    except ImportError:
        return False
    return True


def _prepare(state: AppState) -> str | None:
    """Prepare the database once, before any worker starts. A problem → its one line."""

    async def run() -> None:
        try:
            await startup(state)
        finally:
            await state.engine.dispose()  # the serving event loop opens its own connections

    try:
        asyncio.run(run())
    except Exception as exc:
        line = describe_database_error(exc, state.env.settings.database_url)
        if line is None:
            raise
        return line
    return None


class _WorkerConfig(uvicorn.Config):
    """Carries the parent's settings to spawned workers (pickled with the config), so the
    database URL and secrets are not copied into environment variables."""

    def __init__(self, *args: Any, hellowork_settings: ServerSettings, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.hellowork_settings = hellowork_settings

    def load(self) -> None:
        global _worker_settings
        _worker_settings = self.hellowork_settings
        super().load()


_worker_settings: ServerSettings | None = None


def worker_app() -> FastAPI:
    """The app factory of one worker of `serve --workers N` (the parent prepared the DB)."""
    assert _worker_settings is not None, "worker_app runs inside a `serve --workers` worker"
    app = create_app(_worker_settings, prepared=True)
    inner = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(running: FastAPI) -> AsyncIterator[None]:
        async with inner(running):
            await warm_routes(running)
            warm_code_tables()
            _freeze_start_up_objects()
            warming = start_search_warm_up(app.state.hw)
            try:
                yield
            finally:
                warming.cancel()

    app.router.lifespan_context = lifespan
    return app


def _check_workers(settings: ServerSettings, workers: int) -> str | None:
    if workers < 1:
        return "--workers must be at least 1"
    if workers == 1:
        return None
    if settings.embedded:
        return "--workers applies to a standalone server, not --embedded"
    if settings.is_sqlite and ":memory:" in settings.database_url:
        return "--workers needs a database the workers can share, not an in-memory SQLite"
    return None


def sqlite_workers_warning(settings: ServerSettings, workers: int) -> str | None:
    """The line a deployer gets for several workers on one SQLite file: it works (sessions,
    lockouts and rate limits are shared), but every write of every worker waits for the
    file's one lock, so a burst of sign-ins or writes can wait past the busy timeout and be
    answered 503 — the database for several workers is PostgreSQL."""
    if workers < 2 or not settings.is_sqlite:
        return None
    return (
        f"warning: --workers {workers} on SQLite: all writes queue on one file lock, so"
        " under many simultaneous sign-ins or writes some requests fail with 503"
        " database_unavailable; for several workers use PostgreSQL"
        " (--database-url postgresql+asyncpg://…)"
    )


def run(
    args: argparse.Namespace, settings_from_args: Callable[[argparse.Namespace], ServerSettings]
) -> int:
    """Serve with the parsed arguments of server/main.py (which checked what it could);
    `settings_from_args` is its, passed in so that neither module imports the other."""
    log_config = _log_config(args.log_level)
    logging.config.dictConfig(log_config)
    try:
        settings = settings_from_args(args)
        app = create_app(settings, prepared=True)
    except ConfigError as exc:
        print(f"hellowork serve: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # e.g. a URL naming a driver that is not installed
        line = describe_database_error(exc, args.database_url or "")
        if line is None:
            raise
        print(f"hellowork serve: {line}", file=sys.stderr)
        return 2
    if (problem := _check_workers(settings, args.workers)) is not None:
        print(f"hellowork serve: {problem}", file=sys.stderr)
        return 2
    if (warning := sqlite_workers_warning(settings, args.workers)) is not None:
        print(f"hellowork serve: {warning}", file=sys.stderr, flush=True)
    log.info("database %s", safe_url(settings.database_url))
    if (problem := _prepare(app.state.hw)) is not None:
        print(f"hellowork serve: {problem}", file=sys.stderr)
        return 1
    options: dict[str, Any] = {
        "host": settings.host,
        "port": settings.port,
        "uds": settings.uds,
        "log_level": args.log_level,
        "log_config": log_config,
        "lifespan": "on",
        # The app itself takes the client address from X-Forwarded-For of trusted proxies
        # only (settings.forwarded_allow_ips), so uvicorn must not rewrite it first.
        "proxy_headers": False,
        "server_header": False,
        # Outlive the client's idle keep-alive (api_client._http) so a request never lands
        # on a connection the server is closing at that very moment.
        "timeout_keep_alive": 30,
    }
    options["loop"], options["http"] = event_loop_and_parser(settings.embedded)
    if args.workers > 1:
        return _serve_workers(settings, args.workers, options)
    server = _Server(uvicorn.Config(app, **options), embedded=settings.embedded, state=app.state.hw)
    server.run()
    return 0 if server.started else 1


def _serve_workers(settings: ServerSettings, workers: int, options: dict[str, Any]) -> int:
    config = _WorkerConfig(
        "server.serving:worker_app",
        factory=True,
        workers=workers,
        hellowork_settings=settings,
        # The supervisor pings each worker and replaces one that does not answer in time.
        # A spawned worker answers only once it has imported the app: seconds on a busy
        # machine (10 s seen on a loaded 2-core host), so uvicorn's default 5 s would kill
        # healthy workers in a loop.
        timeout_worker_healthcheck=WORKER_HEALTHCHECK_TIMEOUT_S,
        **options,
    )
    sock = config.bind_socket()
    if config.uds:
        os.chmod(config.uds, 0o600)  # as in one-process mode: only the owner may connect
    supervisor = Multiprocess(config, sockets=[sock])
    try:
        supervisor.run()
    finally:
        sock.close()
        if config.uds and os.path.exists(config.uds):
            os.remove(config.uds)
    failed = any(p.exitcode == STARTUP_FAILURE for p in supervisor.processes)
    return 1 if failed else 0
