"""What the database-backed throttle costs a request, printed, never asserted.

Measures, in-process on a fresh SQLite database (or `--database-url`):
1. one throttle hit (INSERT … ON CONFLICT DO UPDATE … RETURNING + commit), p50/p95;
2. POST /auth/login with a wrong password (throttled: one hit, then argon2id), p50/p95;
3. GET /me/home (not throttled), p50/p95 — for scale.

Usage: .venv/bin/python -m bench.ratelimit [--runs 200] [--database-url URL]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _figures(name: str, samples: list[float]) -> str:
    samples = sorted(samples)
    p50 = statistics.median(samples)
    p95 = samples[int(len(samples) * 0.95) - 1]
    return f"{name:<40} p50 {p50 * 1000:7.2f} ms   p95 {p95 * 1000:7.2f} ms   (n={len(samples)})"


async def main(runs: int, database_url: str | None) -> None:
    from server.app import create_app
    from server.config import ServerSettings
    from server.ratelimit import Limit, hit
    from tests.conftest import seed_account, started

    with tempfile.TemporaryDirectory() as tmp:
        url = database_url or f"sqlite+aiosqlite:///{Path(tmp) / 'bench.db'}"
        settings = ServerSettings(
            data_dir=Path(tmp),
            database_url=url,
            maildir=Path(tmp) / "outbox",
            secret_key="bench-secret-" + "x" * 40,
            login_rate_limit=10**9,
            secret_rate_limit=10**9,
        )
        async for app in started(create_app(settings)):
            state = app.state.hw
            account = await seed_account(app, email="bench@example.jp")
            limit = Limit("bench", 10**9, timedelta(minutes=5))
            hits = []
            for i in range(runs):
                async with state.write_sessionmaker() as db:
                    t = time.perf_counter()
                    await hit(db, b"s" * 32, limit, f"10.0.0.{i % 50}", datetime.now(UTC))
                    hits.append(time.perf_counter() - t)
            transport = httpx.ASGITransport(app)
            async with httpx.AsyncClient(transport=transport, base_url="http://bench") as c:
                logins = []
                for i in range(max(20, runs // 10)):  # argon2id dominates: fewer runs
                    t = time.perf_counter()
                    res = await c.post(
                        "/api/v1/auth/login",  # a new address each time: no lockout
                        json={"email": f"nobody{i}@example.jp", "password": "Wrong#pass123"},
                    )
                    logins.append(time.perf_counter() - t)
                    assert res.status_code == 401, res.text
                from server.auth.sessions import start_session

                async with state.write_sessionmaker() as db:
                    from server.accounts.models import Account

                    acc = await db.get(Account, account.account_id)
                    assert acc is not None
                    info = start_session(db, state.env, acc)
                    await db.commit()
                c.headers["Authorization"] = f"Bearer {info.session_token}"
                homes = []
                for _ in range(runs):
                    t = time.perf_counter()
                    res = await c.get("/api/v1/me/home")
                    homes.append(time.perf_counter() - t)
                    assert res.status_code == 200, res.text
            print(f"database: {url.split(':')[0]}")
            print(_figures("throttle hit (upsert + commit)", hits))
            print(_figures("POST /auth/login (1 hit + argon2id)", logins))
            print(_figures("GET /me/home (no throttle)", homes))
            share = statistics.median(hits) / statistics.median(logins) * 100
            print(f"the hit is {share:.1f}% of a login's median time")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    asyncio.run(main(args.runs, args.database_url))
