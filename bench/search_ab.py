"""Search A/B: the bench.search query mix sent alternately to two servers — this checkout's and
another checkout's (e.g. main's, in a `git worktree`) — over the same database, in the same
minutes, so a busy machine slows both alike. Checks that both answer every query identically
(total and page) and prints p50/p95 per kind for each.

    git worktree add --detach /tmp/base main
    .venv/bin/python -m bench.search_ab --base /tmp/base [--jobs 1000000] [--rounds 20]

The database is bench/.data/jobs-N.db of this checkout (built as bench.search builds it). Both
servers migrate it at start, so the two checkouts must share the schema and INDEX_VERSION —
or, when this checkout's INDEX_VERSION is newer, give the base its own copy of the same
postings at its version (`--base-db`, e.g. a copy of jobs-N.db taken before this checkout's
first start rebuilt it):

    cp bench/.data/jobs-1000000.db /tmp/base.db     # before the new version's rebuild
    .venv/bin/python -m bench.search_ab --base /tmp/base --base-db /tmp/base.db

Figures only — nothing here is a pass/fail test (but it stops on the first differing answer).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sqlite3
import subprocess
import tempfile
import time
from pathlib import Path

from api_client.client import MyPageClient, Timeouts
from bench._common import ensure_jobs_database
from bench._proc import DEMO_EMAIL, DEMO_PASSWORD, percentiles, read_otp, start_server
from bench.search import SAMPLE_SQL, make_samples, query_mix
from server.clock import SystemClock
from server.jst import today_jst


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def start_in(checkout: Path, db: Path, tmp: Path) -> tuple[subprocess.Popen[bytes], str, Path]:
    """`hellowork serve` running the code of `checkout` (its directory first on the path)."""
    here = Path.cwd()
    os.chdir(checkout)
    try:
        return start_server(db, tmp)
    finally:
        os.chdir(here)


async def run(args: argparse.Namespace, db: Path) -> None:
    dbs = {"base": args.base_db or db, "this": db}
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    today = today_jst(SystemClock().now()).isoformat()
    found = {name: conn.execute(sql, (today,)).fetchall() for name, sql in SAMPLE_SQL.items()}
    conn.close()
    samples = make_samples(
        [r[0] for r in found["numbers"]], [r[0] for r in found["employers"]], found["codes"]
    )
    checkouts: dict[str, Path] = args.checkouts
    with tempfile.TemporaryDirectory() as tmp:
        # One after the other: both seed the demo account at start.
        servers = {
            name: start_in(path, dbs[name], Path(tmp) / name) for name, path in checkouts.items()
        }
        apis: dict[str, MyPageClient] = {}
        try:
            for name, (_, url, maildir) in servers.items():
                api = MyPageClient(url, timeouts=Timeouts(read=300.0))
                await api.__aenter__()
                apis[name] = api
                res = await api.login(DEMO_EMAIL, DEMO_PASSWORD)
                assert res.login_ticket
                await api.verify_otp(res.login_ticket, read_otp(maildir))
            mix = query_mix(random.Random(42), samples)
            for make in mix.values():  # warm up caches once per kind, on both
                r = make()
                for api in apis.values():
                    await api.search_jobs(r)
            print(f"\nbase {checkouts['base']} vs this {checkouts['this']}: load {load()}")
            print(f"databases: base {dbs['base']}, this {dbs['this']}")
            print(f"{args.rounds} per kind, each query to both in random order")
            head = f"{'kind':<26}{'base p50':>9}{'p95':>8}{'this p50':>10}{'p95':>8}"
            print(f"{head}  {'mean total':>11}")
            order_rng = random.Random(1)
            for kind, make in mix.items():
                times: dict[str, list[float]] = {name: [] for name in apis}
                totals = []
                for _ in range(args.rounds):
                    r = make()
                    names = list(apis)
                    order_rng.shuffle(names)
                    pages = {}
                    for name in names:
                        t0 = time.perf_counter()
                        pages[name] = await apis[name].search_jobs(r)
                        times[name].append(time.perf_counter() - t0)
                    a, b = pages["base"], pages["this"]
                    same = a.total == b.total and [c.job_number for c in a.items] == [
                        c.job_number for c in b.items
                    ]
                    if not same:
                        raise SystemExit(f"{kind}: the two servers answer differently: {r}")
                    totals.append(a.total)
                base, this = percentiles(times["base"]), percentiles(times["this"])
                print(
                    f"{kind:<26}{base[0]:9.1f}{base[1]:8.1f}{this[0]:10.1f}{this[1]:8.1f}"
                    f"  {sum(totals) / len(totals):11,.0f}",
                    flush=True,
                )
            print(f"load {load()}; every answer identical on both")
        finally:
            for api in apis.values():
                await api.__aexit__(None, None, None)
            for proc, _, _ in servers.values():
                proc.terminate()
                proc.wait(timeout=30)


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--base", required=True, help="the other checkout (its root directory)")
    p.add_argument("--jobs", type=int, default=1_000_000)
    p.add_argument("--rounds", type=int, default=20)
    p.add_argument(
        "--base-db",
        type=Path,
        help="the base's own copy of the same postings (when the index versions differ)",
    )
    args = p.parse_args(argv)
    args.checkouts = {"base": Path(args.base).resolve(), "this": Path.cwd()}
    db, _ = ensure_jobs_database(args.jobs)
    asyncio.run(run(args, db))


if __name__ == "__main__":
    main()
