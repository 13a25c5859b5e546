"""The built-in API server, run as a child process of the TUI.

The child gets stdin=PIPE and exits when that pipe closes, so it dies with us even if we are
killed. It prints "READY" on stdout once it accepts connections; a reader thread watches for
that line (and keeps draining stdout afterwards so the child never blocks on a full pipe).
The TUI paints first and waits for readiness only when it actually needs the server.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from tui.paths import Paths, free_loopback_port, uds_usable

READY_LINE = "READY"
START_TIMEOUT = 90.0  # first start migrates the database and seeds demo data
STOP_TIMEOUT = 5.0


class EmbeddedServerError(RuntimeError):
    """The built-in server did not come up; the message says why (last log line)."""


@dataclass(frozen=True)
class Endpoint:
    base_url: str
    uds: str | None


def remove_stale_sockets(data_dir: Path) -> list[Path]:
    """Remove the sockets of built-in servers whose TUI is gone (a killed terminal leaves
    its `server-<pid>.sock` behind). A socket whose pid is alive is left alone: it may be
    another TUI's on the same data dir."""
    removed = []
    for sock in data_dir.glob("server-*.sock"):
        pid = sock.stem.removeprefix("server-")
        if pid.isdigit() and not _alive(int(pid)):
            sock.unlink(missing_ok=True)
            removed.append(sock)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # someone else's process, or a number we cannot judge: keep it
    return True


class EmbeddedServer:
    def __init__(self, paths: Paths, *, seed_demo: bool = True, python: str | None = None):
        self._paths = paths
        self._seed_demo = seed_demo
        self._python = python or sys.executable
        self._proc: subprocess.Popen[str] | None = None
        self._log: IO[str] | None = None
        self._done = threading.Event()  # READY seen, or stdout closed
        self._ready = False
        self._stopping = False
        # Called (from the reader thread) when a server that was ready exits on its own.
        self.on_exit: Callable[[], None] | None = None
        self.endpoint = self._choose_endpoint()

    def _choose_endpoint(self) -> Endpoint:
        # One socket per process, so two TUIs on the same data dir never unlink each other's.
        sock = self._paths.data_dir / f"server-{os.getpid()}.sock"
        if uds_usable(sock):
            return Endpoint("http://hellowork", str(sock))
        return Endpoint(f"http://127.0.0.1:{free_loopback_port()}", None)

    def command(self) -> list[str]:
        cmd = [
            self._python,
            "-m",
            "server",
            "--embedded",
            "--database-url",
            self._paths.database_url,
            "--maildir",
            str(self._paths.maildir),
            "--data-dir",
            str(self._paths.data_dir),
        ]
        if self._seed_demo:
            cmd.append("--seed-demo")
        if self.endpoint.uds is not None:
            cmd += ["--uds", self.endpoint.uds]
        else:
            port = self.endpoint.base_url.rsplit(":", 1)[1]
            cmd += ["--host", "127.0.0.1", "--port", port]
        return cmd

    @property
    def ready(self) -> bool:
        return self._ready

    def start(self) -> None:
        """Spawn the child (blocking work: call it from a thread when on the event loop)."""
        self._paths.ensure()
        remove_stale_sockets(self._paths.data_dir)
        if self.endpoint.uds is not None:
            Path(self.endpoint.uds).unlink(missing_ok=True)
        env = dict(os.environ)
        env["PYTHONUNBUFFERED"] = "1"
        self._log = self._paths.server_log.open("a", encoding="utf-8")
        self._proc = subprocess.Popen(  # noqa: S603 - our own interpreter and module
            self.command(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._log,
            text=True,
            env=env,
            start_new_session=True,  # terminal signals (Ctrl+C) go to the TUI, not the child
        )
        threading.Thread(target=self._watch, name="embedded-server-stdout", daemon=True).start()

    def _watch(self) -> None:
        proc = self._proc
        assert proc is not None and proc.stdout is not None
        for line in proc.stdout:
            if not self._ready and line.strip() == READY_LINE:
                self._ready = True
                self._done.set()
        self._done.set()
        # stdout closed: the child is gone. Unless we stopped it, or it never came up (that
        # is the start's own error), whoever wants to know is told.
        if self._ready and not self._stopping and self.on_exit is not None:
            self.on_exit()

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

    async def wait_ready(self, limit: float = START_TIMEOUT) -> None:
        """Return once the server accepts connections; raise EmbeddedServerError otherwise."""
        await asyncio.to_thread(self._done.wait, limit)
        if not self._ready:
            raise EmbeddedServerError(self._failure_reason())

    def _failure_reason(self) -> str:
        if self._proc is not None and self._proc.poll() is None:
            return f"no READY within {START_TIMEOUT:.0f} s (log: {self._paths.server_log})"
        try:
            lines = self._paths.server_log.read_text(encoding="utf-8").strip().splitlines()
        except OSError:
            lines = []
        last = lines[-1] if lines else "exited"
        return f"{last} (log: {self._paths.server_log})"

    def stop(self, timeout: float = STOP_TIMEOUT) -> None:
        """Close stdin (the child's cue to exit), then terminate, then kill."""
        self._stopping = True
        proc, self._proc = self._proc, None
        if proc is not None:
            try:
                if proc.stdin is not None:
                    proc.stdin.close()
                proc.wait(timeout=timeout)
            except (subprocess.TimeoutExpired, OSError):
                proc.terminate()
                try:
                    proc.wait(timeout=timeout)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
        if self._log is not None:
            self._log.close()
            self._log = None
        if self.endpoint.uds is not None:
            Path(self.endpoint.uds).unlink(missing_ok=True)
