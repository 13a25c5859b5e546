"""Stdlib-only helpers for benchmarks whose own process must stay as a user's would be.

The TUI benchmark runs the app in its own process: importing the server (SQLAlchemy,
FastAPI, the posting generator) there would add some 80,000 objects that a real TUI never
holds, and with them full garbage collections several times slower than a user ever sees.
So the database is built, and the server run, in child processes started from here.
"""

from __future__ import annotations

import email
import email.policy
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

# The demo account the server seeds (server/demo.py) and the OTP line of its mail
# (server/mail/templates.py), spelled out here so this module imports nothing of the server.
DEMO_EMAIL = "demo@example.jp"
DEMO_PASSWORD = "Demo#2026pass"
OTP_LINE = re.compile(r"One-time password: (\d{6})")


def percentiles(samples: list[float]) -> tuple[float, float]:
    """(p50, p95) in milliseconds of samples in seconds."""
    ms = sorted(s * 1000 for s in samples)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    return statistics.median(ms), p95


def jobs_database(n: int) -> tuple[Path, dict[str, Any]]:
    """bench/.data/jobs-{n}.db, built by a child process on first use (bench/_common.py)."""
    out = subprocess.run(
        [sys.executable, "-m", "bench._common", str(n)],
        check=True,
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
    ).stdout
    found = json.loads(out.strip().splitlines()[-1])
    return Path(found["path"]), found["meta"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def start_server(db: Path | str, tmp: Path) -> tuple[subprocess.Popen[bytes], str, Path]:
    """`hellowork serve` on loopback over `db` (a SQLite file or a database URL), with the
    demo account and a Maildir outbox."""
    port = free_port()
    maildir = tmp / "outbox"
    env = os.environ | {"HELLOWORK_SECRET_KEY": "bench-" + "k" * 40}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "server",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--database-url",
            db if isinstance(db, str) else f"sqlite+aiosqlite:///{db}",
            "--maildir",
            str(maildir),
            "--seed-demo",
            "--data-dir",
            str(tmp),
            "--log-level",
            "warning",
        ],
        env=env,
    )
    # Generous: on a busy machine migrating and seeding a large database takes minutes.
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited with status {proc.returncode} while starting")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return proc, f"http://127.0.0.1:{port}", maildir
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("the server did not start within 600 s")


def read_otp(maildir: Path) -> str:
    newest = max((maildir / "new").iterdir(), key=lambda p: p.stat().st_mtime)
    msg = email.message_from_bytes(newest.read_bytes(), policy=email.policy.default)
    body = msg.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
    found = OTP_LINE.search(body)
    assert found, "no one-time password in the newest mail"
    return found.group(1)
