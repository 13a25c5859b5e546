"""Start-up and sign-in figures in a real terminal (tmux), printed, never asserted.

1. Time-to-interactive of the login screen beside a minimal Textual app, measured in the
   same run, interleaved (goal: within 1.3x of the minimal app).
2. Time from pressing Enter on the OTP screen to Home painted, against the embedded server
   (goal: under 300 ms).

Usage: .venv/bin/python bench/startup.py [--runs 7] [--size 120x40]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
HELLOWORK = str(BIN / "hellowork")

LOGIN_READY = "Tab で項目を移動"
SERVER_STARTING = "サーバーを起動しています"
OTP_READY = "ワンタイムパスワードの入力"
HOME_READY = "求職者マイページホーム"
DEMO_EMAIL = "demo@example.jp"
DEMO_PASSWORD = "Demo#2026pass"


class Pane:
    """One tmux session running one command."""

    def __init__(self, cmd: list[str], size: str, env: dict[str, str] | None = None) -> None:
        self.name = "bench-" + uuid.uuid4().hex[:8]
        w, h = size.split("x")
        env_prefix = [f"{k}={v}" for k, v in (env or {}).items()]
        shell_cmd = " ".join(["env", *env_prefix, *cmd])
        self.t0 = time.perf_counter()
        subprocess.run(
            ["tmux", "new-session", "-d", "-s", self.name, "-x", w, "-y", h, shell_cmd],
            check=True,
        )

    def screen(self) -> str:
        return subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", self.name], capture_output=True, text=True
        ).stdout

    def wait(self, predicate: Callable[[str], bool], timeout: float = 20.0) -> float:
        """Seconds since `since` until predicate(screen) holds."""
        start = time.perf_counter()
        while time.perf_counter() - start < timeout:
            if predicate(self.screen()):
                return time.perf_counter()
            time.sleep(0.002)
        raise TimeoutError(self.screen()[-1500:])

    def keys(self, *keys: str, literal: bool = False) -> None:
        args = ["tmux", "send-keys", "-t", self.name]
        if literal:
            args.append("-l")
        subprocess.run([*args, *keys], check=True)

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


def tti(cmd: list[str], expected: str, size: str, env: dict[str, str] | None = None) -> float:
    pane = Pane(cmd, size, env)
    try:
        return (pane.wait(lambda s: expected in s) - pane.t0) * 1000
    finally:
        pane.close()


def latest_otp(home: str) -> str:
    out = subprocess.run(
        [HELLOWORK, "mail", "--last"],
        capture_output=True,
        text=True,
        env={**os.environ, "HELLOWORK_HOME": home},
        check=True,
    ).stdout
    match = re.search(r"\b(\d{6})\b", out)
    if not match:
        raise RuntimeError("no OTP in the newest message")
    return match.group(1)


def otp_to_home(home: str, size: str) -> float:
    """Sign in with keys; time Enter on the OTP screen until Home is painted."""
    pane = Pane([HELLOWORK], size, {"HELLOWORK_HOME": home})
    try:
        pane.wait(lambda s: LOGIN_READY in s and SERVER_STARTING not in s)
        pane.keys(DEMO_EMAIL, literal=True)
        pane.keys("Tab")
        pane.keys(DEMO_PASSWORD, literal=True)
        pane.keys("Enter")
        pane.wait(lambda s: OTP_READY in s)
        otp = latest_otp(home)
        pane.keys(otp, literal=True)
        pane.wait(lambda s: otp in s or "●" * 6 in s or "•" * 6 in s, timeout=5)
        t0 = time.perf_counter()
        pane.keys("Enter")
        t1 = pane.wait(lambda s: HOME_READY in s)
        return (t1 - t0) * 1000
    finally:
        pane.close()


def summary(label: str, values: list[float]) -> str:
    return (
        f"{label:<42} min={min(values):7.0f} median={statistics.median(values):7.0f} "
        f"max={max(values):7.0f} ms  (n={len(values)})"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--size", default="120x40")
    args = ap.parse_args()
    if not shutil.which("tmux"):
        sys.exit("tmux is needed")

    # As scripts/run leaves an install: the project's bytecode compiled (see scripts/_venv.sh).
    packages = ["tui", "screens", "widgets", "api_client", "server"]
    subprocess.run([sys.executable, "-m", "compileall", "-q", *packages], cwd=ROOT, check=True)
    minimal = [sys.executable, str(ROOT / "bench" / "minimal_app.py")]
    warm_home = tempfile.mkdtemp(prefix="hw-bench-")
    # First start creates the database and seeds demo data; not part of the figures.
    tti([HELLOWORK], LOGIN_READY, args.size, {"HELLOWORK_HOME": warm_home})
    tti(minimal, "MINIMAL-READY", args.size)

    minimal_ms: list[float] = []
    login_warm: list[float] = []
    login_cold: list[float] = []
    for _ in range(args.runs):
        minimal_ms.append(tti(minimal, "MINIMAL-READY", args.size))
        login_warm.append(tti([HELLOWORK], LOGIN_READY, args.size, {"HELLOWORK_HOME": warm_home}))
        cold_home = tempfile.mkdtemp(prefix="hw-bench-cold-")
        login_cold.append(tti([HELLOWORK], LOGIN_READY, args.size, {"HELLOWORK_HOME": cold_home}))
        shutil.rmtree(cold_home, ignore_errors=True)

    print("== time to interactive (tmux, screen polled every 2 ms)")
    print(summary("minimal Textual app", minimal_ms))
    print(summary("hellowork login screen (existing data dir)", login_warm))
    print(summary("hellowork login screen (new data dir)", login_cold))
    ratio = statistics.median(login_warm) / statistics.median(minimal_ms)
    print(f"ratio login/minimal (medians, existing data dir) = {ratio:.2f}  (goal <= 1.30)")

    print("== OTP Enter -> Home painted (embedded server)")
    otp_ms = [otp_to_home(warm_home, args.size) for _ in range(args.runs)]
    print(summary("OTP -> Home", otp_ms))
    print(f"goal < 300 ms: {'met' if statistics.median(otp_ms) < 300 else 'NOT met'} (median)")
    shutil.rmtree(warm_home, ignore_errors=True)


if __name__ == "__main__":
    main()
