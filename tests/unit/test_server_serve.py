"""`python -m server --embedded`: READY on stdout once accepting, clean exit on stdin EOF."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]


def _start(tmp_path: Path, *listen: str) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HELLOWORK_")}
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "server",
            "--embedded",
            "--seed-demo",
            "--data-dir",
            str(tmp_path / "data"),
            "--maildir",
            str(tmp_path / "outbox"),
            *listen,
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _wait_ready(proc: subprocess.Popen[bytes]) -> None:
    assert proc.stdout is not None
    line = proc.stdout.readline()  # blocks until the server prints READY (or dies)
    if line != b"READY\n":
        proc.kill()
        _, err = proc.communicate(timeout=10)
        pytest.fail(f"no READY line: {line!r}\n{err.decode(errors='replace')}")


def _stop_by_eof(proc: subprocess.Popen[bytes]) -> None:
    assert proc.stdin is not None
    proc.stdin.close()  # the parent TUI "dies"
    try:
        assert proc.wait(timeout=20) == 0
    finally:
        if proc.poll() is None:
            proc.kill()


def test_embedded_unix_socket(tmp_path: Path) -> None:
    sock = tmp_path / "hw.sock"
    proc = _start(tmp_path, "--uds", str(sock))
    try:
        _wait_ready(proc)
        assert sock.stat().st_mode & 0o777 == 0o600
        with httpx.Client(transport=httpx.HTTPTransport(uds=str(sock)), base_url="http://hw") as c:
            meta = c.get("/api/v1/meta").json()
            assert meta["embedded"] is True and meta["mailbox_readable"] is True
            res = c.post(
                "/api/v1/auth/login", json={"email": "demo@example.jp", "password": "Demo#2026pass"}
            )
            assert res.json()["status"] == "otp_required"
        assert len(list((tmp_path / "outbox" / "new").iterdir())) == 1
        secret = tmp_path / "data" / "secret.key"
        assert secret.stat().st_mode & 0o777 == 0o600
    finally:
        _stop_by_eof(proc)


def test_embedded_tcp(tmp_path: Path) -> None:
    from tests.conftest import free_port

    port = free_port()
    proc = _start(tmp_path, "--host", "127.0.0.1", "--port", str(port))
    try:
        _wait_ready(proc)
        # The first /openapi.json builds the schema: seconds on a busy machine.
        assert httpx.get(f"http://127.0.0.1:{port}/openapi.json", timeout=120).status_code == 200
    finally:
        _stop_by_eof(proc)
