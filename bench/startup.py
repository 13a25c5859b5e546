"""Start-up and sign-in figures in a real terminal (tmux), printed, never asserted.

1. Time-to-interactive of the login screen beside a minimal Textual app: launches of the two
   interleaved (minimal, login, minimal, login, ...), so a change in the machine's load hits
   both alike; medians, quartiles, and the ratio of each login launch to the minimal launch
   next to it (goal: within 1.3x of the minimal app).
2. Time from pressing Enter on the OTP screen to Home painted, against the embedded server
   (goal: under 300 ms), and the CPU the app and its server used meanwhile.
3. Pane switching: from Alt+digit to the other pane painted (the menu's ▸ on its entry, its
   title, and its key line at the bottom on screen), first visits and then back and forth,
   each key half a second after the last paint (`--pause`; goal: p95 within 50 ms).

How a paint is seen: the benchmark is a tmux control-mode client of its own tmux server.
tmux tells it (`%output`) the moment a program's output reaches the terminal; after each
such notice the screen is read (capture-pane, through the same client, no process started)
and checked. A figure is the time from sending the key (or releasing the program to start)
to the output that completed the expected screen: no polling interval in it. The
"resolution" printed is the largest uncertainty of that attribution (output that arrived
while the screen was being read).

Usage: .venv/bin/python bench/startup.py [--runs 15] [--size 120x40] [--only tti|otp|panes]
                                          [--pause 0.5]
"""

from __future__ import annotations

import argparse
import os
import queue
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
HELLOWORK = str(BIN / "hellowork")

LOGIN_READY = "Tab で項目を移動"
# At 80×24 that hint is below the fold: there the key line, the bottom of the frame, says
# the login screen is painted (used to wait for it, not to time it).
LOGIN_KEYS = "^q 終了"
SERVER_STARTING = "サーバーを起動しています"
OTP_READY = "ワンタイムパスワードの入力"
HOME_READY = "求職者マイページホーム"
# Home with its sections: the user's office (Home's own request) and the activity section.
HOME_FILLED = ("利用安定所名", "メッセージを読む")
DEMO_EMAIL = "demo@example.jp"
DEMO_PASSWORD = "Demo#2026pass"
CLOCK_TICK_MS = 1000 / os.sysconf("SC_CLK_TCK")


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


def quoted(text: str) -> str:
    """`text` as one argument of a tmux command line (single quotes: nothing expands)."""
    assert "'" not in text and "\n" not in text, text
    return f"'{text}'"


class Control:
    """A tmux control-mode client attached to one session: commands go in on its stdin,
    their answers come back in %begin/%end blocks, and every piece of the program's output
    is announced (%output) as tmux reads it, which the reader thread timestamps."""

    def __init__(self, session: str) -> None:
        self._proc = subprocess.Popen(
            ["tmux", "-L", tmux().socket, "-C", "attach-session", "-t", session],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        self._answers: queue.Queue[tuple[bool, list[str]]] = queue.Queue()
        self._changed = threading.Condition()
        self.outputs = 0  # %output notices so far
        self.last_output = 0.0  # perf_counter() of the newest one
        threading.Thread(target=self._read, daemon=True).start()
        self.command("display-message -p attached")  # answers once the attach is done

    def _read(self) -> None:
        assert self._proc.stdout is not None
        block: list[str] | None = None
        for raw in self._proc.stdout:
            now = time.perf_counter()
            line = raw.decode("utf-8", "replace").rstrip("\n")
            if block is not None:
                if line.startswith(("%end ", "%error ")):
                    self._answers.put((line.startswith("%end "), block))
                    block = None
                else:
                    block.append(line)
            elif line.startswith("%output "):
                with self._changed:
                    self.outputs += 1
                    self.last_output = now
                    self._changed.notify_all()
            elif line.startswith("%begin "):
                block = []
        with self._changed:
            self._changed.notify_all()

    def send(self, line: str) -> float:
        """Send one command; the perf_counter() just before it left."""
        assert self._proc.stdin is not None
        t = time.perf_counter()
        self._proc.stdin.write(line.encode() + b"\n")
        self._proc.stdin.flush()
        return t

    def command(self, line: str, timeout: float = 30.0) -> list[str]:
        """Run a command; its output lines. Every command answers with a block of its own,
        in the order sent (the attach itself first): the blocks up to a marker's are ours."""
        marker = f"end-{uuid.uuid4().hex[:8]}"
        self.send(f"{line} ; display-message -p {marker}")
        deadline = time.perf_counter() + timeout
        found: list[str] = []
        while True:
            ok, lines = self._answers.get(timeout=max(0.01, deadline - time.perf_counter()))
            if lines == [marker]:
                return found
            if not ok:
                raise RuntimeError(f"tmux refused {line!r}: {lines}")
            found = lines

    def wait_output(self, seen: int, timeout: float) -> bool:
        """Wait until there are more than `seen` %output notices; False on timeout."""
        with self._changed:
            return self._changed.wait_for(
                lambda: self.outputs > seen or self._proc.poll() is not None, timeout
            )

    def close(self) -> None:
        if self._proc.poll() is None:
            assert self._proc.stdin is not None
            self._proc.stdin.close()  # a control client detaches when its input ends
            try:
                self._proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._proc.kill()


class Pane:
    """One tmux session running one command. The command is held back (`read`) until the
    control client is attached; `start()` releases it and returns when that happened."""

    def __init__(self, cmd: list[str], size: str, env: dict[str, str] | None = None) -> None:
        self.name = "bench-" + uuid.uuid4().hex[:8]
        w, h = size.split("x")
        env_prefix = [f"{k}={v}" for k, v in (env or {}).items()]
        program = shlex.join(["env", *env_prefix, *cmd])
        # The window keeps its size when the control client attaches (tmux 3.3 crashes
        # with window-size set globally before the first session: set per window).
        tmux().run(
            "new-session", "-d", "-s", self.name, "-x", w, "-y", h,
            f"read -r _ && exec {program}", ";",
            "set-option", "-w", "-t", self.name, "window-size", "manual",
        )  # fmt: skip
        self.ctl = Control(self.name)
        self.resolutions: list[float] = []

    def start(self) -> float:
        return self.ctl.send(f"send-keys -t {self.name} Enter")

    @property
    def pid(self) -> int:
        return int(self.ctl.command(f"display-message -p -t {self.name} '#{{pane_pid}}'")[0])

    def screen(self) -> str:
        return "\n".join(self.ctl.command(f"capture-pane -p -t {self.name}"))

    def wait(self, predicate: Callable[[str], bool], timeout: float = 20.0) -> float:
        """The perf_counter() of the output that made predicate(screen) hold (if it held
        already, of the newest output so far)."""
        deadline = time.perf_counter() + timeout
        while True:
            seen, before = self.ctl.outputs, self.ctl.last_output
            screen = self.screen()
            after = self.ctl.last_output
            if predicate(screen):
                # Output that came while the screen was read may be what completed it:
                # counted, and the uncertainty kept.
                self.resolutions.append((after - before) * 1000)
                return after
            left = deadline - time.perf_counter()
            if left <= 0 or not self.ctl.wait_output(seen, left):
                raise TimeoutError(screen[-1500:])

    def keys(self, *keys: str, literal: bool = False) -> float:
        """Send keys; the perf_counter() just before they left."""
        flag = "-l " if literal else ""
        return self.ctl.send(f"send-keys -t {self.name} {flag}" + " ".join(map(quoted, keys)))

    def close(self) -> None:
        self.ctl.close()
        tmux().run("kill-session", "-t", self.name, check=False)


def cpu_ms(pid: int) -> float:
    """CPU time (user + system) of a process and its children alive now (the built-in
    server), in ms, to the clock tick (10 ms)."""
    total = 0.0
    pids = [pid]
    while pids:
        p = pids.pop()
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) * CLOCK_TICK_MS
            for task in Path(f"/proc/{p}/task").iterdir():
                children = (task / "children").read_text().split()
                pids += [int(c) for c in children]
        except (FileNotFoundError, ProcessLookupError):
            continue
    return total


def login_painted(screen: str) -> bool:
    return LOGIN_READY in screen or LOGIN_KEYS in screen


def tti(
    cmd: list[str],
    expected: str | Callable[[str], bool],
    size: str,
    env: dict[str, str] | None = None,
) -> float:
    pane = Pane(cmd, size, env)
    painted = expected if callable(expected) else lambda s: expected in s
    try:
        t0 = pane.start()
        return (pane.wait(painted) - t0) * 1000
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


def sign_in(pane: Pane, home: str) -> tuple[float, float, float]:
    """Sign in with keys; the time from Enter on the OTP screen until Home is painted (its
    title), until its sections are too, and the CPU the app and its server used until the
    title was painted (all ms)."""
    pane.start()
    # The embedded server starts behind the login screen; on a busy machine it takes a while.
    pane.wait(lambda s: login_painted(s) and SERVER_STARTING not in s, timeout=180)
    pane.keys(DEMO_EMAIL, literal=True)
    pane.keys("Tab")
    pane.keys(DEMO_PASSWORD, literal=True)
    pane.keys("Enter")
    pane.wait(lambda s: OTP_READY in s)
    otp = latest_otp(home)
    pane.keys(otp, literal=True)
    pane.wait(lambda s: otp in s or "●" * 6 in s or "•" * 6 in s, timeout=5)
    pid = pane.pid
    cpu0 = cpu_ms(pid)
    t0 = pane.keys("Enter")
    t1 = pane.wait(lambda s: HOME_READY in s)
    cpu = cpu_ms(pid) - cpu0
    t2 = pane.wait(lambda s: all(text in s for text in HOME_FILLED))
    return (t1 - t0) * 1000, (t2 - t0) * 1000, cpu


def otp_to_home(home: str, size: str) -> tuple[float, float, float, float]:
    """(ms to the title, ms to the sections, CPU ms, resolution ms) of one sign-in."""
    pane = Pane([HELLOWORK], size, {"HELLOWORK_HOME": home})
    try:
        title, filled, cpu = sign_in(pane, home)
        return title, filled, cpu, max(pane.resolutions[-2:])
    finally:
        pane.close()


# Pane key → (the menu's mark on its entry, a text of its first screen, a key of its key
# line and one it must not have). The key line is the bottom of the screen: a frame of a
# whole screen reaches tmux in several reads, and the top of the new pane can be on screen
# over the bottom of the old one; the pane is painted when its bottom is there too.
PANES = {
    "2": (re.compile(r"▸ ?2 ?求人検索"), "条件を入力して", "^s 検索", None),
    "5": (re.compile(r"▸ ?5 ?お気に入り"), "お気に入り求人", "d 削除", None),
    "1": (re.compile(r"▸ ?1 ?ホーム"), HOME_READY, "⏎ 開く", "d 削除"),
}


def pane_painted(key: str, screen: str) -> bool:
    mark, title, key_line_has, key_line_lacks = PANES[key]
    key_line = "\n".join(screen.rstrip("\n").splitlines()[-3:])
    return (
        mark.search(screen) is not None
        and title in screen
        and key_line_has in key_line
        and (key_line_lacks is None or key_line_lacks not in key_line)
    )


def pane_switching(
    home: str, size: str, rounds: int, pause: float
) -> tuple[list[float], list[float], list[float]]:
    """Milliseconds from Alt+digit to the pane painted: (first visits, later switches,
    resolutions). Each key comes `pause` seconds after the pane before it was painted: a
    pane shown again reloads what it shows, and a key sent the moment the frame arrived
    is timed against that work, which a user who looks at the pane does not meet."""
    pane = Pane([HELLOWORK], size, {"HELLOWORK_HOME": home})

    def switch(key: str) -> float:
        time.sleep(pause)
        t0 = pane.keys(f"M-{key}")
        t1 = pane.wait(lambda s: pane_painted(key, s))
        return (t1 - t0) * 1000

    try:
        sign_in(pane, home)
        del pane.resolutions[:]
        first = [switch(key) for key in PANES]
        later = [switch(key) for _ in range(rounds) for key in PANES]
        return first, later, pane.resolutions
    finally:
        pane.close()


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def quartiles(values: list[float]) -> tuple[float, float]:
    if len(values) < 2:
        return values[0], values[0]
    q = statistics.quantiles(values, n=4, method="inclusive")
    return q[0], q[2]


def summary(label: str, values: list[float], unit: str = "ms", digits: int = 0) -> str:
    q1, q3 = quartiles(values)
    med, lo, hi = statistics.median(values), min(values), max(values)
    d = digits
    return (
        f"{label:<44} median={med:6.{d}f}  q1–q3={q1:.{d}f}–{q3:.{d}f}  "
        f"min={lo:.{d}f} max={hi:.{d}f} {unit}  (n={len(values)})"
    )


def loadavg() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main() -> None:
    try:
        run_benchmarks()
    finally:
        if TMUX is not None:
            TMUX.close()


def run_benchmarks() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--size", default="120x40")
    ap.add_argument("--only", choices=("tti", "otp", "panes"), help="one part of the three")
    ap.add_argument(
        "--pause",
        type=float,
        default=0.5,
        help="seconds between a pane painted and the next pane key (0: back to back)",
    )
    ap.add_argument(
        "--hellowork", metavar="PATH", help="the program to measure (e.g. another checkout's)"
    )
    args = ap.parse_args()
    if args.hellowork:
        global HELLOWORK
        HELLOWORK = args.hellowork
    part = args.only
    if not shutil.which("tmux"):
        sys.exit("tmux is needed")

    # As scripts/run leaves an install: the project's bytecode compiled (see scripts/_venv.sh).
    packages = ["tui", "screens", "widgets", "session", "strings", "api_client", "server"]
    subprocess.run([sys.executable, "-m", "compileall", "-q", *packages], cwd=ROOT, check=True)
    minimal = [sys.executable, str(ROOT / "bench" / "minimal_app.py")]
    warm_home = tempfile.mkdtemp(prefix="hw-bench-")
    print(f"load average at start: {loadavg()}")
    # First start creates the database and seeds demo data; not part of the figures.
    tti([HELLOWORK], login_painted, args.size, {"HELLOWORK_HOME": warm_home})
    tti(minimal, "MINIMAL-READY", args.size)
    if part in (None, "tti"):
        login_tti(args, minimal, warm_home)
    if part in (None, "otp"):
        print("== OTP Enter -> Home painted (embedded server)")
        runs = [otp_to_home(warm_home, args.size) for _ in range(args.runs)]
        otp_ms = [r[0] for r in runs]
        print(summary("OTP -> Home painted (its title)", otp_ms))
        print(summary("OTP -> Home with its sections painted", [r[1] for r in runs]))
        print(summary("CPU of the app and its server, to the title", [r[2] for r in runs]))
        print(f"resolution <= {max(r[3] for r in runs):.1f} ms")
        met = "met" if statistics.median(otp_ms) <= 300 else "NOT met"
        print(f"goal <= 300 ms: {met} (median)")
    if part in (None, "panes"):
        print(
            "== Alt+digit -> other pane painted (Home, 求人検索, お気に入り), "
            f"each key {args.pause:g} s after the last paint"
        )
        first, later, resolutions = pane_switching(
            warm_home, args.size, rounds=max(10, args.runs * 2), pause=args.pause
        )
        print(summary("first visit of a pane (builds it)", first))
        print(summary("switching back and forth", later))
        print(f"resolution <= {max(resolutions):.1f} ms")
        print(f"p95 switching back and forth = {p95(later):.0f} ms  (goal <= 50)")
    print(f"load average at end: {loadavg()}")
    shutil.rmtree(warm_home, ignore_errors=True)


def login_tti(args: argparse.Namespace, minimal: list[str], warm_home: str) -> None:
    minimal_ms: list[float] = []
    login_warm: list[float] = []
    login_cold: list[float] = []
    ratios: list[float] = []
    for i in range(args.runs):
        # Alternate which program goes first, so neither always follows the other.
        pair = [(minimal, "MINIMAL-READY", None), ([HELLOWORK], LOGIN_READY, warm_home)]
        for cmd, expected, home in pair if i % 2 == 0 else reversed(pair):
            env = {"HELLOWORK_HOME": home} if home else None
            (login_warm if home else minimal_ms).append(tti(cmd, expected, args.size, env))
        ratios.append(login_warm[-1] / minimal_ms[-1])
        cold_home = tempfile.mkdtemp(prefix="hw-bench-cold-")
        login_cold.append(tti([HELLOWORK], LOGIN_READY, args.size, {"HELLOWORK_HOME": cold_home}))
        shutil.rmtree(cold_home, ignore_errors=True)

    print("== time to interactive (tmux control client: start released -> screen painted)")
    print(summary("minimal Textual app", minimal_ms))
    print(summary("hellowork login screen (existing data dir)", login_warm))
    print(summary("hellowork login screen (new data dir)", login_cold))
    print(summary("login / minimal, launch by launch", ratios, unit="x", digits=2))
    ratio = statistics.median(login_warm) / statistics.median(minimal_ms)
    print(f"ratio login/minimal (medians, existing data dir) = {ratio:.2f}  (goal <= 1.30)")


if __name__ == "__main__":
    main()
