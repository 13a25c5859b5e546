"""Load: N simulated seekers against `hellowork serve --workers 2`, loopback only, bounded.

    .venv/bin/python -m bench.load --database-url postgresql+asyncpg://… [--jobs 1000000]
        [--seekers 10,50,200] [--seconds 60] [--workers 2] [--think 5] [--ramp 20]
        [--probe DIR] [--trace FILE]
    .venv/bin/python -m bench.load --throwaway-pg --jobs 20000      # a cluster of its own

Each seeker signs in (password, then the OTP read from the server's Maildir), then until the
level's time is up: searches (a mix of free words, places, 希望する職種 and conditions), opens
one or two job sheets of the results, adds a favorite, applies once to a posting that takes
online applications, and sends messages in that application's thread. No request starts
after the level's time is up (a seeker whose thinking would end later leaves), and a level
starts once the server is idle (its workers' start-up warm-up done).

A simulated seeker is a person: between two actions it thinks (reads the list, the sheet,
the OTP mail) for a random 0.5–1.5 × `--think` seconds (default 5), and the N seekers of a
level start (sign in) at random moments over the first `--ramp` seconds (default 20), as
people arrive. So N is N people using the site at once, offering about
N / (think + response time) requests per second — not N requests in flight. `--think 0`
(ramp 0 unless given) is the stress mode: every seeker sends its next request as soon as
the last one answered, so N is N requests in flight and N sign-ins at the same instant.

The server runs in a session of its own (as a deployed service does), not in the load
generator's: where the kernel schedules by autogroup (one group per session, Linux's
default on desktops and many servers), each session gets an equal share of a busy CPU,
and sharing the generator's left the server's workers half of one share when others'
work kept the machine busy.

Prints, per level, requests/s and p50/p95/p99 per endpoint and the error count (an error:
any exception or any answer other than the expected one). Goal (issue 14): no errors, p95 ≤
200 ms at N = 200. Figures only — nothing here is a pass/fail test.

All seekers come from 127.0.0.1; the server's throttles count per client address, as they
would behind a reverse proxy. So the server trusts X-Forwarded-For from 127.0.0.1
(`--forwarded-allow-ips 127.0.0.1`, as the README's proxy set-up does) and every seeker
sends an address of its own from the benchmarking range 198.18.0.0/15 (RFC 2544) — only
as a header: every connection goes to the loopback server. The per-account limits (30
applications and 60 messages an hour) hold as in production: a seeker sends at most 20
messages.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import contextvars
import os
import random
import ssl
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Awaitable, Coroutine
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import httpx

from api_client.client import MyPageClient
from api_client.job_models import JobSearchRequest
from bench._proc import OTP_LINE, free_port

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "Load#2026seeker"
MESSAGES_PER_SEEKER = 20  # the server allows 60 an hour per account
T = TypeVar("T")

WORDS = ["介護", "事務", "営業", "看護", "配送", "調理", "未経験", "フォークリフト", "車", "英語"]
PREFS = ["13", "27", "14", "23", "01", "40", "11", "26"]
GROUPS = ["01", "05", "07", "08", "12"]


def search_request(rng: random.Random) -> tuple[str, JobSearchRequest]:
    kind = rng.choice(["words", "place", "desired", "conditions"])
    if kind == "words":
        return "search words", JobSearchRequest(words=" ".join(rng.sample(WORDS, 1)))
    if kind == "place":
        return "search place", JobSearchRequest(places=[{"prefecture": rng.choice(PREFS)}])
    if kind == "desired":
        return "search 希望職種", JobSearchRequest(desired_jobs=[{"group": rng.choice(GROUPS)}])
    return "search conditions", JobSearchRequest(
        places=[{"prefecture": rng.choice(PREFS)}], wage_monthly_min=200_000, bonus=True
    )


# --------------------------------------------------------------------------- the seekers


# The endpoint a seeker's task is timing (for the server's own figure of it).
_ENDPOINT: contextvars.ContextVar[str] = contextvars.ContextVar("endpoint", default="")


@dataclass
class Stats:
    samples: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    # Seconds the server's app spent on the request (its Server-Timing header).
    server: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    # (start, endpoint, seconds or None for an error) of every request, for --trace.
    trace: list[tuple[float, str, float | None]] = field(default_factory=list)

    async def timed(self, name: str, call: Awaitable[T]) -> T | None:
        _ENDPOINT.set(name)
        t = time.perf_counter()
        try:
            result = await call
        except Exception as exc:  # every failure counts, whatever it was
            self.errors[name].append(f"{type(exc).__name__}: {exc}"[:200])
            self.trace.append((t, name, None))
            return None
        self.samples[name].append(time.perf_counter() - t)
        self.trace.append((t, name, self.samples[name][-1]))
        return result


# One TLS context for every seeker (none is used on plain http, but httpx makes one per
# transport: 200 of them cost the load generator seconds of CPU while seekers sign in).
_TLS = ssl.create_default_context()


class ForwardedFor(httpx.AsyncHTTPTransport):
    """Loopback connections that say, as a reverse proxy would, whose request it is."""

    def __init__(self, address: str, stats: Stats) -> None:
        self.stats = stats
        super().__init__(limits=httpx.Limits(max_connections=2, keepalive_expiry=2.0), verify=_TLS)
        self.address = address

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        request.headers["X-Forwarded-For"] = self.address
        response = await super().handle_async_request(request)
        timing = response.headers.get("server-timing", "")
        if timing.startswith("app;dur="):
            self.stats.server[_ENDPOINT.get()].append(float(timing[8:]) / 1000)
        return response


class Mailbox:
    """The OTPs in the server's Maildir, read by one task for every seeker: each mail is
    parsed once (a poll per seeker parsing every recent mail cost the load generator a good
    share of a core at N = 200, competing with the server it measures)."""

    def __init__(self, maildir: Path) -> None:
        self.new = maildir / "new"
        self.seen: set[str] = set()
        self.otps: dict[str, list[tuple[float, str]]] = defaultdict(list)
        self.changed = asyncio.Event()

    def _scan(self) -> None:
        import email
        import email.policy

        if not self.new.is_dir():
            return
        for path in self.new.iterdir():
            if path.name in self.seen:
                continue
            self.seen.add(path.name)
            msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            body = msg.get_body(preferencelist=("plain",))
            found = OTP_LINE.search(body.get_content() if body else "")
            if found:
                self.otps[str(msg["To"])].append((path.stat().st_mtime, found.group(1)))
                self.changed.set()

    async def watch(self) -> None:
        while True:
            self._scan()
            await asyncio.sleep(0.05)  # the mail is written by another process: poll

    async def otp(self, address: str, after: float) -> str:
        """The OTP of the first mail to `address` written after `after` (waits for it)."""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            for mtime, otp in self.otps.get(address, []):
                if mtime >= after:
                    return otp
            self.changed.clear()
            try:
                await asyncio.wait_for(self.changed.wait(), deadline - time.monotonic())
            except TimeoutError:
                break
        raise TimeoutError(f"no OTP mail to {address}")


@dataclass(frozen=True)
class Pace:
    think: float  # mean seconds between two actions of one seeker (0: none)
    ramp: float  # seekers start at random moments over this many seconds

    async def pause(self, rng: random.Random, until: float) -> bool:
        """Think before the next action. False when the level ends first: the seeker then
        sends nothing more. (A pause cut short at the end, as before, sent the next request
        of every seeker still thinking at the same instant — a burst of ~N requests that no
        crowd of people makes, whose queue was most of the tail of job sheets, favorites and
        messages at N = 200.)"""
        if self.think > 0:
            wait = rng.uniform(0.5, 1.5) * self.think
            left = until - time.monotonic()
            if wait >= left:
                await asyncio.sleep(max(0.0, left))
                return False
            await asyncio.sleep(wait)
        return time.monotonic() < until


async def seeker(
    i: int, base_url: str, mail: Mailbox, stats: Stats, until: float, seed: int, pace: Pace
) -> None:
    rng = random.Random(seed * 1_000 + i)
    address = f"load{i:04d}@example.jp"
    transport = ForwardedFor(f"198.18.{i // 250}.{i % 250 + 1}", stats)
    await asyncio.sleep(rng.uniform(0, pace.ramp))  # people arrive one by one
    async with MyPageClient(base_url, transport=transport) as api:
        sent_at = time.time() - 1  # Maildir mtimes have 1 s granularity on some file systems
        ticket = await stats.timed("POST /auth/login", api.login(address, PASSWORD))
        if ticket is None or ticket.login_ticket is None:
            return
        otp = await mail.otp(address, sent_at)
        if not await pace.pause(rng, until):  # opening the mail, typing the code
            return
        if await stats.timed("POST /auth/otp", api.verify_otp(ticket.login_ticket, otp)) is None:
            return
        # A seeker of an earlier level (or run) has applied already: it writes in that thread.
        mine = await stats.timed("GET applications", api.applications())
        application_id = mine.items[0].id if mine is not None and mine.items else None
        messages = 0
        while time.monotonic() < until:
            if not await pace.pause(rng, until):  # filling in the search form
                return
            name, req = search_request(rng)
            found = await stats.timed(name, api.search_jobs(req))
            if found is None or not found.items:
                continue
            sheets = []
            for card in rng.sample(found.items, min(2, len(found.items))):
                if not await pace.pause(rng, until):  # reading the list
                    return
                sheet = await stats.timed("GET job sheet", api.job_sheet(card.job_number))
                if sheet is not None:
                    sheets.append(sheet)
            pick = rng.choice(found.items)
            if not await pace.pause(rng, until):  # reading the sheet
                return
            await stats.timed("POST favorites", api.add_favorites([pick.job_number]))
            online = [s for s in sheets if s.online_application]
            if application_id is None and online:
                if not await pace.pause(rng, until):  # writing the motivation
                    return
                applied = await stats.timed(
                    "POST apply",
                    api.apply(
                        online[0].job_number,
                        "貴社の求人に応募いたします。よろしくお願いいたします。",
                        cautions_acknowledged=True,
                    ),
                )
                application_id = applied.id if applied is not None else None
            elif application_id is not None and messages < MESSAGES_PER_SEEKER:
                if not await pace.pause(rng, until):  # writing the message
                    return
                messages += 1
                await stats.timed(
                    "POST message",
                    api.send_message(application_id, f"面接日程についてご相談です（{messages}）。"),
                )


# --------------------------------------------------------------------------- set-up


async def make_seekers(database_url: str, n: int, tmp: Path) -> None:
    """n seeker accounts (valid registration, so they may apply), made as the demo seed makes
    its account; existing ones are kept."""
    from sqlalchemy import select

    from server.accounts.models import Account, Seeker
    from server.accounts.service import create_account, get_or_create_office
    from server.app import create_app
    from server.config import ServerSettings
    from server.jst import end_of_month_after_next, today_jst

    settings = ServerSettings(
        data_dir=tmp, database_url=database_url, maildir=tmp / "x", secret_key="x" * 48
    )
    state = create_app(settings).state.hw
    env = state.env
    try:
        async with state.write_sessionmaker() as db:
            have = set((await db.scalars(select(Account.email))).all())
            office = await get_or_create_office(db, "13010", "飯田橋公共職業安定所")
            for i in range(n):
                address = f"load{i:04d}@example.jp"
                if address in have:
                    continue
                seeker = Seeker(
                    seeker_number=f"13010-{90_000_000 + i:08d}",
                    name=f"負荷 {i}",
                    birth_date=date(1990, 4, 1),
                    office_id=office.id,
                    registration_status="valid",
                    registration_valid_until=end_of_month_after_next(today_jst(env.clock.now())),
                    publication_status="private",
                    created_at=env.clock.now(),
                )
                db.add(seeker)
                await db.flush()
                await create_account(db, env, email=address, password=PASSWORD, seeker=seeker)
            await db.commit()
    finally:
        await state.engine.dispose()


RUN_CLI = "import sys; from tui.cli import main; sys.exit(main())"


def run_cli(*args: str) -> None:
    subprocess.run([sys.executable, "-c", RUN_CLI, *args], check=True, cwd=ROOT)


async def posting_count(database_url: str) -> int:
    from sqlalchemy import func, select

    from server.db.engine import create_engine
    from server.jobs.models import JobPosting

    engine = create_engine(database_url)
    try:
        async with engine.connect() as conn:
            return int(
                (await conn.execute(select(func.count()).select_from(JobPosting))).scalar_one()
            )
    finally:
        await engine.dispose()


def start_serve(
    database_url: str, workers: int, tmp: Path, probe: Path | None = None
) -> tuple[subprocess.Popen[str], str]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("HELLOWORK_")}
    env |= {
        "HELLOWORK_SECRET_KEY": "load-" + "k" * 43,
        "HELLOWORK_DEMO_JOBS": "0",
        "HELLOWORK_SERVER_TIMING": "1",  # the app's own time per answer, reported beside ours
    }
    if probe is not None:  # the server's processes load bench/loop_probe/sitecustomize.py
        probe.mkdir(parents=True, exist_ok=True)
        path = [str(ROOT / "bench" / "loop_probe"), env.get("PYTHONPATH", "")]
        env |= {"PYTHONPATH": os.pathsep.join(p for p in path if p), "BENCH_LOOP_PROBE": str(probe)}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            RUN_CLI,
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--database-url",
            database_url,
            "--maildir",
            str(tmp / "outbox"),
            "--data-dir",
            str(tmp / "data"),
            "--forwarded-allow-ips",
            "127.0.0.1",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        text=True,
        # A session of its own, as a deployed server has (a service, not a child of its
        # clients' shell): where the kernel schedules by autogroup (one per session), the
        # server's workers then share the CPU with the load generator as two programs do,
        # instead of both splitting the one share of this session.
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit("the server did not start")
        try:
            if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    proc.kill()
    raise SystemExit("the server did not start within 300 s")


# --------------------------------------------------------------------------- report


def pct(ms: list[float], q: float) -> float:
    return ms[min(len(ms) - 1, round(q * (len(ms) - 1)))]


def _ticks(pid: int) -> int:
    """CPU ticks (user + system) of process `pid` and its finished children."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(x) for x in fields[11:15])


def _tree(pid: int) -> list[int]:
    """`pid` and its descendants (the serve supervisor and its workers)."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        with contextlib.suppress(OSError):
            todo += [int(c) for c in Path(f"/proc/{p}/task/{p}/children").read_text().split()]
    return out


def _machine() -> tuple[int, int]:
    """(busy, total) CPU ticks of the whole machine."""
    cells = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = cells[3] + cells[4]
    return sum(cells) - idle, sum(cells)


class CpuUse:
    """Who used the CPU during a level: this load generator, the server's processes, and
    the rest of the machine (the database, and whatever else runs)."""

    def __init__(self, server: int) -> None:
        self.server = server
        self.t0 = time.monotonic()
        self.own0 = _ticks(os.getpid())
        self.server0 = self._server()
        self.machine0 = _machine()

    def _server(self) -> dict[int, int]:
        found = {}
        for pid in _tree(self.server):
            with contextlib.suppress(OSError):
                found[pid] = _ticks(pid)
        return found

    def report(self) -> str:
        hz = os.sysconf("SC_CLK_TCK")
        wall = time.monotonic() - self.t0
        own = (_ticks(os.getpid()) - self.own0) / hz
        now = self._server()
        server = sum(t - self.server0.get(p, 0) for p, t in now.items()) / hz
        busy, total = (a - b for a, b in zip(_machine(), self.machine0, strict=True))
        cores = os.cpu_count() or 1
        machine = busy / hz
        return (
            f"CPU over {wall:.0f} s × {cores} cores: load generator {own:.0f} s"
            f" ({own / wall / cores:.0%} of the machine), server {server:.0f} s"
            f" ({server / wall / cores:.0%}), the rest (database, others' work)"
            f" {machine - own - server:.0f} s ({(machine - own - server) / wall / cores:.0%});"
            f" machine busy {busy / max(total, 1):.0%}, load average {os.getloadavg()[0]:.1f}"
        )


def _event_loop(probe: Path | None) -> str:
    """What uvicorn serves with: uvloop and httptools when installed (dependencies of
    hellowork where they have wheels; server/serving.py), except under the probe, which
    needs asyncio's own loop."""
    from server.serving import event_loop_and_parser

    loop, http = event_loop_and_parser(embedded=False)
    return f"{'asyncio' if probe is not None else loop} + {http}"


def settle(server: int, limit: float = 180.0) -> float:
    """Wait until the server's processes are idle — each worker reads the search's posting
    lists into its cache after it answers /readyz (server/warmup.py), a few seconds of CPU
    that a long-running server pays once — so a level measures a running server, not its
    start. Returns the seconds waited."""
    hz = os.sysconf("SC_CLK_TCK")
    start = time.monotonic()

    def ticks() -> int:
        total = 0
        for pid in _tree(server):
            with contextlib.suppress(OSError):
                total += _ticks(pid)
        return total

    before = ticks()
    while time.monotonic() - start < limit:
        time.sleep(1.0)
        now = ticks()
        if (now - before) / hz < 0.05:  # under 5 % of a core over the last second
            break
        before = now
    return time.monotonic() - start


def report(n: int, stats: Stats, seconds: float) -> None:
    total = sum(len(s) for s in stats.samples.values())
    errors = sum(len(e) for e in stats.errors.values())
    print(
        f"\nN = {n}: {total:,} requests in {seconds:.1f} s = {total / seconds:,.0f} req/s, "
        f"errors {errors}"
    )
    print(
        f"  {'endpoint':<22}{'count':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}"
        f"   {'in the app: p50':>15}{'p95':>8}"
    )
    for name in sorted(set(stats.samples) | set(stats.errors)):
        ms = sorted(s * 1000 for s in stats.samples.get(name, []))
        cells = (
            f"{statistics.median(ms):9.1f}{pct(ms, 0.95):9.1f}{pct(ms, 0.99):9.1f}"
            if ms
            else f"{'-':>9}{'-':>9}{'-':>9}"
        )
        app = sorted(s * 1000 for s in stats.server.get(name, []))
        inside = f"{statistics.median(app):18.1f}{pct(app, 0.95):8.1f}" if app else ""
        print(f"  {name:<22}{len(ms):>8}{cells}{len(stats.errors.get(name, [])):>8}{inside}")
    for name, found in stats.errors.items():
        for text in sorted(set(found))[:3]:
            print(f"  ! {name}: {text}")


async def level(
    n: int,
    base: str,
    maildir: Path,
    seconds: float,
    seed: int,
    pace: Pace,
    server: int,
    trace: Path | None = None,
) -> None:
    stats = Stats()
    mail = Mailbox(maildir)
    watching = asyncio.create_task(mail.watch())
    cpu = CpuUse(server)
    start = time.monotonic()
    until = start + seconds
    outcomes = await asyncio.gather(
        *(seeker(i, base, mail, stats, until, seed, pace) for i in range(n)),
        return_exceptions=True,
    )
    watching.cancel()
    for failure in (o for o in outcomes if isinstance(o, BaseException)):
        stats.errors["seeker"].append(f"{type(failure).__name__}: {failure}"[:200])
    report(n, stats, time.monotonic() - start)
    print(f"  {cpu.report()}")
    if trace is not None:  # one line a request: seconds since the level began, endpoint, ms
        t0 = time.perf_counter() - (time.monotonic() - start)
        with (trace.parent / f"{trace.name}-{n}.tsv").open("w") as out:
            for t, name, took in sorted(stats.trace):
                ms = f"{took * 1000:.1f}" if took is not None else "error"
                out.write(f"{t - t0:.3f}\t{name}\t{ms}\n")


def _run_level(coroutine: Coroutine[Any, Any, None]) -> None:
    """Run a level's seekers on uvloop where it is installed (a dependency of hellowork, as
    for `serve`): the same requests for less of the load generator's CPU, which shares the
    machine with the server it measures (a deployment's clients are elsewhere)."""
    try:
        import uvloop
    except ImportError:
        asyncio.run(coroutine)
        return
    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        runner.run(coroutine)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="bench.load", description=__doc__.split("\n")[0])
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--database-url", help="a PostgreSQL (or SQLite) database to load")
    where.add_argument(
        "--throwaway-pg", action="store_true", help="initdb a cluster of its own (removed after)"
    )
    p.add_argument("--jobs", type=int, default=1_000_000, help="postings (loaded when fewer)")
    p.add_argument("--seekers", default="10,50,200", help="levels of N, comma-separated")
    p.add_argument("--seconds", type=float, default=60.0, help="length of each level")
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument(
        "--think",
        type=float,
        default=5.0,
        help="mean seconds a seeker thinks between actions, drawn from 0.5–1.5× (0: none)",
    )
    p.add_argument(
        "--probe",
        type=Path,
        help="write the server's event-loop probe to this folder (bench/loop_probe)",
    )
    p.add_argument(
        "--trace",
        type=Path,
        help="write every request (start, endpoint, ms) to TRACE-N.tsv for each level N",
    )
    p.add_argument(
        "--ramp",
        type=float,
        help="seconds over which the seekers of a level sign in (default 20; 0 with --think 0)",
    )
    args = p.parse_args(argv)
    levels = [int(x) for x in args.seekers.split(",")]
    ramp = args.ramp if args.ramp is not None else (20.0 if args.think > 0 else 0.0)
    pace = Pace(think=args.think, ramp=min(ramp, args.seconds))

    cluster = None
    if args.throwaway_pg:
        sys.path.insert(0, str(ROOT))
        from tests.conftest import start_pg_cluster

        cluster = start_pg_cluster()
        database_url = asyncio.run(cluster.create_database())
    else:
        database_url = args.database_url
    try:
        with tempfile.TemporaryDirectory(prefix="hellowork-load-") as tmp_name:
            tmp = Path(tmp_name)
            run_cli("admin", "migrate", "--database-url", database_url)
            have = asyncio.run(posting_count(database_url))
            if have < args.jobs:
                t = time.perf_counter()
                replace = ["--replace"] if have else []
                run_cli(
                    "demo-data",
                    "--jobs",
                    str(args.jobs),
                    "--seed",
                    str(args.seed),
                    "--database-url",
                    database_url,
                    *replace,
                )
                print(f"loaded {args.jobs:,} postings in {time.perf_counter() - t:.0f} s")
            asyncio.run(make_seekers(database_url, max(levels), tmp))
            proc, base = start_serve(database_url, args.workers, tmp, args.probe)
            try:
                print(f"server idle (its start-up warm-up done) after {settle(proc.pid):.0f} s")
                thinking = (
                    f"think {pace.think:g} s (0.5–1.5×), sign-ins over {pace.ramp:g} s"
                    if pace.think > 0
                    else f"no think time, sign-ins over {pace.ramp:g} s"
                )
                print(
                    f"{have if have >= args.jobs else args.jobs:,} postings, serve --workers "
                    f"{args.workers} ({_event_loop(args.probe)}), {args.seconds:.0f} s per level,"
                    f" {thinking}"
                )
                for n in levels:
                    _run_level(
                        level(
                            n,
                            base,
                            tmp / "outbox",
                            args.seconds,
                            args.seed,
                            pace,
                            proc.pid,
                            args.trace,
                        )
                    )
            finally:
                proc.terminate()
                proc.wait(timeout=60)
            if args.probe is not None:
                print(f"probe: .venv/bin/python bench/loop_probe/summary.py {args.probe}")
    finally:
        if cluster is not None:
            from tests.conftest import remove_pg_cluster

            remove_pg_cluster(cluster)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
