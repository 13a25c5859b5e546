"""Start-up and sign-in figures in a real terminal (tmux), printed, never asserted.

1. Time-to-interactive of the login screen beside a minimal Textual app, measured in the
   same run, interleaved (goal: within 1.3x of the minimal app).
2. Time from pressing Enter on the OTP screen to Home painted, against the embedded server
   (goal: under 300 ms).
3. Pane switching: from Alt+digit to the other pane painted (the menu's ▸ on its entry and
   its title on screen), first visits and then back and forth (goal: p95 within 50 ms).
   The screen is polled through tmux, which adds a few milliseconds to every figure.

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


class Tmux:
    """A tmux server of the benchmark's own (`-L`), so another tmux user on the machine (or
    their `kill-server`) cannot take it away mid-run, kept up between panes: with tmux's
    default exit-empty the server exits when its last session closes, and the next
    new-session could reach the exiting server ("server exited unexpectedly")."""

    def __init__(self) -> None:
        self.socket = f"hw-bench-{os.getpid()}-{uuid.uuid4().hex[:6]}"
        # No user configuration; stay up with no session; keep a pane whose program exited,
        # so a crash shows its traceback in the timeout message instead of "can't find pane".
        self.run(
            "-f", "/dev/null", "start-server", ";",
            "set-option", "-g", "exit-empty", "off", ";",
            "set-option", "-g", "remain-on-exit", "on",
        )  # fmt: skip

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=check
        )

    def close(self) -> None:
        self.run("kill-server", check=False)
        # tmux leaves the socket file of a killed server behind.
        tmpdir = os.environ.get("TMUX_TMPDIR") or "/tmp"
        Path(tmpdir, f"tmux-{os.getuid()}", self.socket).unlink(missing_ok=True)


TMUX: Tmux | None = None


def tmux() -> Tmux:
    global TMUX
    if TMUX is None:
        TMUX = Tmux()
    return TMUX


class Pane:
    """One tmux session running one command."""

    def __init__(self, cmd: list[str], size: str, env: dict[str, str] | None = None) -> None:
        self.name = "bench-" + uuid.uuid4().hex[:8]
        w, h = size.split("x")
        env_prefix = [f"{k}={v}" for k, v in (env or {}).items()]
        shell_cmd = " ".join(["env", *env_prefix, *cmd])
        self.t0 = time.perf_counter()
        tmux().run("new-session", "-d", "-s", self.name, "-x", w, "-y", h, shell_cmd)

    def screen(self) -> str:
        return tmux().run("capture-pane", "-p", "-t", self.name, check=False).stdout

    def wait(self, predicate: Callable[[str], bool], timeout: float = 20.0) -> float:
        """The perf_counter() at which predicate(screen) first held."""
        start = time.perf_counter()
        while time.perf_counter() - start < timeout:
            if predicate(self.screen()):
                return time.perf_counter()
            time.sleep(0.002)
        raise TimeoutError(self.screen()[-1500:])

    def keys(self, *keys: str, literal: bool = False) -> None:
        args = ["send-keys", "-t", self.name]
        if literal:
            args.append("-l")
        tmux().run(*args, *keys)

    def close(self) -> None:
        tmux().run("kill-session", "-t", self.name, check=False)


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


def sign_in(pane: Pane, home: str) -> float:
    """Sign in with keys; the time from Enter on the OTP screen until Home is painted."""
    # The embedded server starts behind the login screen; on a busy machine it takes a while.
    pane.wait(lambda s: LOGIN_READY in s and SERVER_STARTING not in s, timeout=180)
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


def otp_to_home(home: str, size: str) -> float:
    pane = Pane([HELLOWORK], size, {"HELLOWORK_HOME": home})
    try:
        return sign_in(pane, home)
    finally:
        pane.close()


# Pane key → (the menu's mark on its entry, a text of its first screen).
PANES = {
    "2": (re.compile(r"▸ ?2 ?求人検索"), "条件を入力して"),
    "5": (re.compile(r"▸ ?5 ?お気に入り"), "お気に入り求人"),
    "1": (re.compile(r"▸ ?1 ?ホーム"), HOME_READY),
}


def pane_switching(home: str, size: str, rounds: int) -> tuple[list[float], list[float]]:
    """Milliseconds from Alt+digit to the pane painted: (first visits, later switches)."""
    pane = Pane([HELLOWORK], size, {"HELLOWORK_HOME": home})

    def switch(key: str) -> float:
        mark, text = PANES[key]
        t0 = time.perf_counter()
        pane.keys(f"M-{key}")
        t1 = pane.wait(lambda s: mark.search(s) is not None and text in s)
        return (t1 - t0) * 1000

    try:
        sign_in(pane, home)
        first = [switch(key) for key in PANES]
        later = [switch(key) for _ in range(rounds) for key in PANES]
        return first, later
    finally:
        pane.close()


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def summary(label: str, values: list[float]) -> str:
    return (
        f"{label:<42} min={min(values):7.0f} median={statistics.median(values):7.0f} "
        f"max={max(values):7.0f} ms  (n={len(values)})"
    )


def main() -> None:
    try:
        run_benchmarks()
    finally:
        if TMUX is not None:
            TMUX.close()


def run_benchmarks() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--size", default="120x40")
    ap.add_argument("--only", choices=("tti", "otp", "panes"), help="one part of the three")
    args = ap.parse_args()
    part = args.only
    if not shutil.which("tmux"):
        sys.exit("tmux is needed")

    # As scripts/run leaves an install: the project's bytecode compiled (see scripts/_venv.sh).
    packages = ["tui", "screens", "widgets", "session", "strings", "api_client", "server"]
    subprocess.run([sys.executable, "-m", "compileall", "-q", *packages], cwd=ROOT, check=True)
    minimal = [sys.executable, str(ROOT / "bench" / "minimal_app.py")]
    warm_home = tempfile.mkdtemp(prefix="hw-bench-")
    # First start creates the database and seeds demo data; not part of the figures.
    tti([HELLOWORK], LOGIN_READY, args.size, {"HELLOWORK_HOME": warm_home})
    tti(minimal, "MINIMAL-READY", args.size)
    if part in (None, "tti"):
        login_tti(args, minimal, warm_home)
    if part in (None, "otp"):
        print("== OTP Enter -> Home painted (embedded server)")
        otp_ms = [otp_to_home(warm_home, args.size) for _ in range(args.runs)]
        print(summary("OTP -> Home", otp_ms))
        met = "met" if statistics.median(otp_ms) < 300 else "NOT met"
        print(f"goal < 300 ms: {met} (median)")
    if part in (None, "panes"):
        print("== Alt+digit -> other pane painted (Home, 求人検索, お気に入り)")
        first, later = pane_switching(warm_home, args.size, rounds=max(10, args.runs * 3))
        print(summary("first visit of a pane (builds it)", first))
        print(summary("switching back and forth", later))
        print(f"p95 switching back and forth = {p95(later):.0f} ms  (goal <= 50)")
    shutil.rmtree(warm_home, ignore_errors=True)


def login_tti(args: argparse.Namespace, minimal: list[str], warm_home: str) -> None:
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


if __name__ == "__main__":
    main()
