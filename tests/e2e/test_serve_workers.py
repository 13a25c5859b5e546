"""`hellowork serve --workers 2`, a real process tree on one port, on PostgreSQL and SQLite:
both workers answer, the scheduled jobs run once (not twice), the lockout counter is one
counter whichever worker a guess lands on, and SIGTERM stops everything.

Nothing here waits on time: the test reads the server's log lines and waits for the ones
it needs (the timeout only turns a hang into a failure)."""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from server.demo import DEMO_EMAIL
from tests.conftest import TEST_SECRET, free_port

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
RUN_CLI = "import sys; from tui.cli import main; sys.exit(main())"
HANG = 180.0  # seconds before a missing log line counts as a hang (not a speed limit)


@dataclass
class ServerProcess:
    proc: subprocess.Popen[str]
    port: int
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


def _pump(stream: object, sink: queue.Queue[str]) -> None:
    for line in iter(stream.readline, ""):  # type: ignore[attr-defined]
        sink.put(line)


@pytest.fixture
def serve_workers(tmp_path: Path) -> Iterator[Callable[..., ServerProcess]]:
    started: list[ServerProcess] = []

    def start(database_url: str, *extra: str, env: dict[str, str] | None = None) -> ServerProcess:
        port = free_port()
        base = {k: v for k, v in os.environ.items() if not k.startswith("HELLOWORK_")}
        base |= {"HELLOWORK_SECRET_KEY": TEST_SECRET, "HELLOWORK_DEMO_JOBS": "0", **(env or {})}
        proc = subprocess.Popen(
            [
                sys.executable,
                "-c",
                RUN_CLI,
                "serve",
                "--workers",
                "2",
                "--port",
                str(port),
                "--database-url",
                database_url,
                "--maildir",
                str(tmp_path / "outbox"),
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
        server = ServerProcess(proc, port)
        threading.Thread(target=_pump, args=(proc.stdout, server.lines), daemon=True).start()
        started.append(server)
        return server

    yield start
    for server in started:
        if server.proc.poll() is None:
            server.proc.kill()
        server.proc.wait(timeout=60)


def _worker_of(client: httpx.Client) -> str:
    res = client.get("/healthz")
    assert res.status_code == 200
    worker: str = res.json()["worker"]
    return worker


def _one_client_per_worker(base_url: str) -> dict[str, httpx.Client]:
    """Keep-alive connections until each of the two workers holds one. The kernel hands
    each new connection to whichever worker accepts first, so it takes a few tries."""
    clients: dict[str, httpx.Client] = {}
    for _ in range(200):
        client = httpx.Client(base_url=base_url, limits=httpx.Limits(max_connections=1))
        worker = _worker_of(client)
        if worker in clients:
            client.close()
            continue
        clients[worker] = client
        if len(clients) == 2:
            return clients
    pytest.fail(f"200 connections all went to the workers {sorted(clients)}")


def _exercise(server: ServerProcess) -> None:
    # Both workers finished start-up and each ticked its scheduler once.
    server.wait_for(lambda line: "Application startup complete" in line, count=2)
    ticks = server.wait_for(lambda line: "hellowork.scheduler" in line, count=2)
    pids = {re.search(r"\[(\d+)\]", line).group(1) for line in ticks}  # type: ignore[union-attr]
    assert len(pids) == 2, ticks  # one line from each worker ...
    assert sum("scheduled jobs done" in line for line in ticks) == 1, ticks  # ... one ran

    clients = _one_client_per_worker(server.base_url)
    try:
        a, b = clients.values()
        for client in (a, b):
            ready = client.get("/readyz")
            assert ready.status_code == 200 and ready.json()["status"] == "ready"
        # The lockout counter lives in the database: five wrong passwords in a row, spread
        # over both workers, lock the account — as they would on one.
        wrong = {"email": DEMO_EMAIL, "password": "Wrong#pass123"}
        codes = [
            (a if i % 2 else b).post("/api/v1/auth/login", json=wrong).json()["code"]
            for i in range(5)
        ]
        assert codes == ["invalid_credentials"] * 4 + ["account_locked"]
        assert a.post("/api/v1/auth/login", json=wrong).json()["code"] == "account_locked"
        assert b.post("/api/v1/auth/login", json=wrong).json()["code"] == "account_locked"
        assert {_worker_of(a), _worker_of(b)} == set(clients)  # still one per worker
    finally:
        for client in clients.values():
            client.close()

    server.proc.send_signal(signal.SIGTERM)
    assert server.proc.wait(timeout=HANG) == 0
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{server.base_url}/healthz")


@pytest.mark.postgres
def test_two_workers_on_postgres(
    serve_workers: Callable[..., ServerProcess], pg_database_url: str
) -> None:
    _exercise(serve_workers(pg_database_url))


def test_two_workers_on_sqlite(serve_workers: Callable[..., ServerProcess], tmp_path: Path) -> None:
    _exercise(serve_workers(f"sqlite+aiosqlite:///{tmp_path / 'hellowork.db'}"))


def test_refuses_workers_it_cannot_share(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HELLOWORK_")}
    env["HELLOWORK_SECRET_KEY"] = TEST_SECRET
    for argv, expected in (
        (["--workers", "2", "--database-url", "sqlite+aiosqlite:///:memory:"], "in-memory"),
        (["--workers", "0"], "at least 1"),
        (["--workers", "2", "--embedded", "--data-dir", str(tmp_path)], "--embedded"),
    ):
        done = subprocess.run(
            [sys.executable, "-c", RUN_CLI, "serve", *argv],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
        )
        assert done.returncode == 2
        assert done.stderr.strip().startswith("hellowork serve: ")
        assert expected in done.stderr and "Traceback" not in done.stderr
