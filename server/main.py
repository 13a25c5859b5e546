"""`hellowork serve` / `python -m server`: run the API with uvicorn.

Embedded mode (the TUI starts us as a child): print one line "READY" once the socket
accepts, and shut down cleanly when stdin reaches EOF (the parent is gone).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import os
import socket
import sys
import threading
from pathlib import Path
from typing import Any

import uvicorn

from server.app import create_app
from server.config import ConfigError, ServerSettings, safe_url

log = logging.getLogger("hellowork.server")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="hellowork serve",
        description="Run the MyPage API server. Other settings come from HELLOWORK_* variables.",
    )
    p.add_argument("--host")
    p.add_argument("--port", type=int)
    p.add_argument("--uds", help="listen on this Unix socket instead of host:port")
    p.add_argument("--database-url")
    p.add_argument("--maildir", type=Path, help="write mail to this Maildir instead of SMTP")
    p.add_argument("--seed-demo", action="store_true", default=None)
    p.add_argument("--embedded", action="store_true", default=None)
    p.add_argument("--secret-key-file", type=Path)
    p.add_argument("--data-dir", type=Path)
    p.add_argument(
        "--forwarded-allow-ips",
        help="comma-separated proxy addresses (or networks) whose X-Forwarded-For is trusted "
        "as the client address for throttling; none by default",
    )
    p.add_argument("--log-level", default="info")
    return p


def settings_from_args(args: argparse.Namespace) -> ServerSettings:
    overrides: dict[str, Any] = {
        name: value
        for name in (
            "host",
            "port",
            "uds",
            "database_url",
            "maildir",
            "seed_demo",
            "embedded",
            "secret_key_file",
            "data_dir",
            "forwarded_allow_ips",
        )
        if (value := getattr(args, name)) is not None
    }
    if "HELLOWORK_SCHEDULER_ENABLED" not in os.environ:
        overrides["scheduler_enabled"] = True  # the server runs the weekly jobs itself
    return ServerSettings(**overrides)


class _Server(uvicorn.Server):
    def __init__(self, config: uvicorn.Config, *, embedded: bool) -> None:
        super().__init__(config)
        self._embedded = embedded

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if self.started:
            _freeze_start_up_objects()
        if self.started and self.config.uds:
            # uvicorn makes a new socket 0666; only the owner (the TUI) may talk to us.
            os.chmod(self.config.uds, 0o600)
        if self.started and self._embedded:
            print("READY", flush=True)  # the parent waits for exactly this line

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


def serve(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=args.log_level.upper(), format="%(levelname)s %(name)s %(message)s")
    try:
        settings = settings_from_args(args)
        app = create_app(settings)
    except ConfigError as exc:
        print(f"hellowork serve: {exc}", file=sys.stderr)
        return 2
    log.info("database %s", safe_url(settings.database_url))
    config = uvicorn.Config(
        app,
        host=settings.host,
        port=settings.port,
        uds=settings.uds,
        log_level=args.log_level,
        lifespan="on",
        # The app itself takes the client address from X-Forwarded-For of trusted proxies
        # only (settings.forwarded_allow_ips), so uvicorn must not rewrite it first.
        proxy_headers=False,
        server_header=False,
        # Outlive the client's idle keep-alive (api_client._http) so a request never lands
        # on a connection the server is closing at that very moment.
        timeout_keep_alive=30,
    )
    server = _Server(config, embedded=settings.embedded)
    server.run()
    return 0 if server.started else 1


if __name__ == "__main__":
    sys.exit(serve())
