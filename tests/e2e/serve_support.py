"""A real `hellowork serve` process tree for end-to-end tests, read through its log lines.

Nothing waits on time: tests wait for the log lines they need (the timeout only turns a
hang into a failure), and read OTPs from the Maildir the server writes."""

from __future__ import annotations

import email
import email.policy
import os
import queue
import re
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import pytest

from server.mail.templates import OTP_LABEL_EN
from tests.conftest import TEST_SECRET, free_port

ROOT = Path(__file__).resolve().parents[2]
RUN_CLI = "import sys; from tui.cli import main; sys.exit(main())"
HANG = 180.0  # seconds before a missing log line counts as a hang (not a speed limit)


@dataclass
class ServerProcess:
    proc: subprocess.Popen[str]
    port: int
    maildir: Path
    lines: queue.Queue[str] = field(default_factory=queue.Queue)
    seen: list[str] = field(default_factory=list)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def wait_for(self, predicate: Callable[[str], bool], count: int = 1) -> list[str]:
        """Block until `count` log lines (seen so far or new) satisfy `predicate`."""
        while len(hits := [line for line in self.seen if predicate(line)]) < count:
            try:
                self.seen.append(self.lines.get(timeout=HANG))
            except queue.Empty:
                pytest.fail(f"server log line never came; log so far:\n{''.join(self.seen)}")
        return hits

    def wait_started(self, workers: int = 1) -> None:
        """Every worker started and the port listening. uvicorn logs "startup complete"
        before it opens its listener (one process) and "running on" once it has (or, with
        workers, once the parent has bound the shared socket): both are needed, or a client
        can be refused in between."""
        self.wait_for(lambda line: "Application startup complete" in line, count=workers)
        self.wait_for(lambda line: "Uvicorn running on" in line)

    def read_otp(self, address: str) -> str:
        """The OTP of the newest mail to `address` in the server's Maildir."""
        newest: tuple[float, str] | None = None
        for path in (self.maildir / "new").iterdir():
            with path.open("rb") as fh:
                msg = email.message_from_binary_file(fh, policy=email.policy.default)
            if address in str(msg["To"]):
                body = msg.get_body(preferencelist=("plain",))
                assert body is not None
                text = str(body.get_content())  # type: ignore[attr-defined]
                stamp = path.stat().st_mtime_ns
                if newest is None or stamp > newest[0]:
                    newest = (stamp, text)
        assert newest is not None, f"no mail to {address}"
        match = re.search(rf"{OTP_LABEL_EN}: (\d{{6}})", newest[1])
        assert match, "no OTP in the mail"
        return match.group(1)


def _pump(stream: IO[str], sink: queue.Queue[str]) -> None:
    for line in iter(stream.readline, ""):
        sink.put(line)


def start_serve(
    tmp_path: Path,
    database_url: str,
    *extra: str,
    port: int | None = None,
    env: dict[str, str] | None = None,
) -> ServerProcess:
    """`hellowork serve` with demo data (no postings), a Maildir and its log on a pipe."""
    port = port or free_port()
    base = {k: v for k, v in os.environ.items() if not k.startswith("HELLOWORK_")}
    base |= {"HELLOWORK_SECRET_KEY": TEST_SECRET, "HELLOWORK_DEMO_JOBS": "0", **(env or {})}
    maildir = tmp_path / "outbox"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            RUN_CLI,
            "serve",
            "--port",
            str(port),
            "--database-url",
            database_url,
            "--maildir",
            str(maildir),
            "--data-dir",
            str(tmp_path / "data"),
            "--seed-demo",
            *extra,
        ],
        cwd=ROOT,
        env=base,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    server = ServerProcess(proc, port, maildir)
    assert proc.stdout is not None
    threading.Thread(target=_pump, args=(proc.stdout, server.lines), daemon=True).start()
    return server


@pytest.fixture
def serve_process(tmp_path: Path) -> Iterator[Callable[..., ServerProcess]]:
    """Start servers with `serve_process(database_url, *flags)`; all are gone afterwards."""
    started: list[ServerProcess] = []

    def start(database_url: str, *extra: str, **kwargs: object) -> ServerProcess:
        server = start_serve(tmp_path, database_url, *extra, **kwargs)  # type: ignore[arg-type]
        started.append(server)
        return server

    yield start
    for server in started:
        if server.proc.poll() is None:
            server.proc.kill()
        server.proc.wait(timeout=60)
