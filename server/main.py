"""`hellowork serve` / `python -m server`: run the API with uvicorn (server/serving.py).

This module only reads the arguments: bad ones are refused at once, before the server, its
web framework and the database layers are imported (seconds on a busy machine).

Before anything listens, the server prepares the database once (migrate under a lock, or
with --no-migrate insist that it is at head; instance id; demo seed) and answers a database
it cannot use with one line on stderr and exit status 1. Then it serves:

- one process (default), or
- `--workers N`: uvicorn's supervisor binds the socket here and starts N worker processes
  (spawned, each with the app built by `serving.worker_app`) that accept on it; it restarts
  a worker that dies. Workers share everything through the database: sessions, counters,
  the claim on the scheduled jobs. SQLite works too (WAL, one host); an in-memory one
  cannot be shared.

Embedded mode (the TUI starts us as a child): print one line "READY" once the socket
accepts, and shut down cleanly when stdin reaches EOF (the parent is gone).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from server.config import ServerSettings


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
    p.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help="serve from N processes on one port (default 1)",
    )
    p.add_argument(
        "--no-migrate",
        dest="migrate",
        action="store_false",
        default=None,
        help="do not upgrade the database schema; refuse to start unless it is at head "
        "(migrate first with `hellowork admin migrate`)",
    )
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
            "migrate",
        )
        if (value := getattr(args, name, None)) is not None
    }
    if "HELLOWORK_SCHEDULER_ENABLED" not in os.environ:
        overrides["scheduler_enabled"] = True  # the server runs the weekly jobs itself
    from server.config import ServerSettings

    return ServerSettings(**overrides)


def serve(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.workers < 1:
        print("hellowork serve: --workers must be at least 1", file=sys.stderr)
        return 2
    from server.serving import run

    return run(args, settings_from_args)


if __name__ == "__main__":
    sys.exit(serve())
