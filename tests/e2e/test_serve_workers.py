"""`hellowork serve --workers 2`, a real process tree on one port, on PostgreSQL and SQLite:
both workers answer, the scheduled jobs run once (not twice), the lockout counter and the
login rate limit are one counter whichever worker a request lands on, a killed worker is
replaced, and SIGTERM stops everything. On SQLite the deployer is told, in one line, that
PostgreSQL is the database for several workers.

Nothing here waits on time: the test reads the server's log lines and waits for the ones
it needs (the timeout only turns a hang into a failure)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from server.demo import DEMO_EMAIL
from tests.conftest import TEST_SECRET
from tests.e2e.serve_support import HANG, ROOT, RUN_CLI, ServerProcess

pytestmark = pytest.mark.e2e

LOGIN_LIMIT = 12  # HELLOWORK_LOGIN_RATE_LIMIT for these servers: logins per address
LIMITS = {"HELLOWORK_LOGIN_RATE_LIMIT": str(LOGIN_LIMIT)}
SQLITE_WARNING = "hellowork serve: warning: --workers 2 on SQLite"


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


def _exercise(server: ServerProcess, *, kill_a_worker: bool = False) -> None:
    # Both workers finished start-up and each ticked its scheduler once.
    server.wait_started(workers=2)
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
        # The per-address login limit is one budget too: alternate guesses (unknown
        # addresses now) until one is refused. Per-worker counters would allow 2 × LIMIT.
        answered = len(codes) + 2
        for i in range(2 * LOGIN_LIMIT):
            ghost = {"email": f"ghost{i}@example.jp", "password": "Wrong#pass123"}
            res = (a if i % 2 else b).post("/api/v1/auth/login", json=ghost)
            if res.status_code == 429:
                break
            answered += 1
        assert answered == LOGIN_LIMIT
        for client in (a, b):  # refused on both workers now
            assert client.post("/api/v1/auth/login", json=wrong).status_code == 429
        assert {_worker_of(a), _worker_of(b)} == set(clients)  # still one per worker
    finally:
        for client in clients.values():
            client.close()

    if kill_a_worker:  # the supervisor replaces a worker that dies; the port keeps serving
        os.kill(int(sorted(pids)[0]), signal.SIGKILL)
        server.wait_started(workers=3)  # the replacement finished its start-up
        replaced = _one_client_per_worker(server.base_url)
        for client in replaced.values():
            client.close()
        assert len(set(replaced) & set(clients)) == 1  # one old worker, one new

    server.proc.send_signal(signal.SIGTERM)
    assert server.proc.wait(timeout=HANG) == 0
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{server.base_url}/healthz")


@pytest.mark.postgres
def test_two_workers_on_postgres(
    serve_process: Callable[..., ServerProcess], pg_database_url: str
) -> None:
    server = serve_process(pg_database_url, "--workers", "2", env=LIMITS)
    server.wait_started(workers=2)  # every line before the workers' start-up is seen
    assert not any(SQLITE_WARNING in line for line in server.seen)
    _exercise(server, kill_a_worker=True)


def test_two_workers_on_sqlite(serve_process: Callable[..., ServerProcess], tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'hellowork.db'}"
    server = serve_process(url, "--workers", "2", env=LIMITS)
    # It serves, and says once, before the workers start, that PostgreSQL is the database
    # for several workers (a burst of writes can wait past SQLite's busy timeout: 503).
    warned = server.wait_for(lambda line: SQLITE_WARNING in line)
    assert len(warned) == 1 and "PostgreSQL" in warned[0] and "503" in warned[0]
    assert not any("Application startup complete" in line for line in server.seen)
    _exercise(server)


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
