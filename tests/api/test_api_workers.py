"""Several `hellowork serve` processes (workers) starting at once on one fresh PostgreSQL
database: every one migrates or finds the database migrated, starts, and all report the same
instance id."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.conftest import free_port

pytestmark = [pytest.mark.postgres, pytest.mark.e2e]

ROOT = Path(__file__).resolve().parents[2]
WORKERS = 3


def test_workers_starting_together_all_start(pg_empty_database_url: str, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HELLOWORK_")}
    env |= {"HELLOWORK_SECRET_KEY": "w" * 48, "HELLOWORK_SCHEDULER_ENABLED": "false"}
    ports = [free_port() for _ in range(WORKERS)]
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "server",
                "--embedded",  # prints READY, exits when stdin closes
                "--database-url",
                pg_empty_database_url,
                "--data-dir",
                str(tmp_path / f"w{i}"),
                "--maildir",
                str(tmp_path / "outbox"),
                "--port",
                str(port),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for i, port in enumerate(ports)
    ]
    try:
        for proc in procs:
            assert proc.stdout is not None
            line = proc.stdout.readline()  # READY once accepting, or EOF when it died
            if line != b"READY\n":
                assert proc.stderr is not None
                pytest.fail(f"a worker did not start:\n{proc.stderr.read().decode()[-2000:]}")
        ids = {
            httpx.get(f"http://127.0.0.1:{port}/api/v1/meta").json()["instance_id"]
            for port in ports
        }
        assert len(ids) == 1
    finally:
        for proc in procs:
            if proc.stdin is not None and not proc.stdin.closed:
                proc.stdin.close()
        for proc in procs:
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
