"""The total of a search without conditions comes from open postings per day
(server/jobs/search/open_days.py): it must stay exact for every 新着 window and both orders
while postings are added and withdrawn, on SQLite (bulk-loaded) and on PostgreSQL (added one
by one)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import text

from api_client.client import MyPageClient
from api_client.job_models import JobSearchRequest, NewWithin, SortKey
from server.app import create_app
from server.config import ServerSettings
from server.jobs.demo.generate import Calendar, chunk_rows
from server.jobs.search import index, open_days
from server.jobs.store import add_posting, withdraw
from tests.api import jobs_data
from tests.api.flows import sign_in
from tests.conftest import (
    Outbox,
    SettableClock,
    app_state,
    make_settings,
    new_api,
    seed_account,
    started,
)

WINDOWS: tuple[NewWithin | None, ...] = (None, NewWithin.week, NewWithin.today_yesterday)


def _iso(row: dict[str, Any]) -> dict[str, Any]:
    """Rows as the oracle reads them (SQLite returns ISO date strings)."""
    return row | {
        k: row[k].isoformat() for k in ("received_on", "expires_on") if isinstance(row[k], date)
    }


async def _check(api: MyPageClient, app: FastAPI, data: list[dict[str, Any]]) -> None:
    """Every window's total equals the oracle's, and the day table equals a recount."""
    for window in WINDOWS:
        for sort in SortKey:
            req = JobSearchRequest(new_within=window, sort=sort)
            want = jobs_data.expected(data, req)
            res = await api.search_jobs(req.model_copy(update={"per_page": 10}))
            assert res.total == len(want), (window, sort)
            assert [c.job_number for c in res.items] == want[:10], (window, sort)
    columns = "received_on, expires_on, open_count"
    async with app_state(app).sessionmaker() as db:
        kept = (await db.execute(text(f"SELECT {columns} FROM job_open_days"))).all()
        recount = "recount (received_on date, expires_on date, open_count int)"
        await db.execute(text(f"CREATE TEMPORARY TABLE {recount}"))
        await db.execute(text(open_days.REBUILD.replace("job_open_days", "recount")))
        fresh = (await db.execute(text(f"SELECT {columns} FROM recount"))).all()
        await db.rollback()
        if db.get_bind().dialect.name == "sqlite":
            # The counted tokens' days (SQLite only) against the open postings' own tokens.
            tokens = "token, received_on, expires_on, open_count"
            kept_tokens = (await db.execute(text(f"SELECT {tokens} FROM job_token_days"))).all()
            rows = await db.execute(text("SELECT * FROM job_postings WHERE status = 'open'"))
            entries = [index.entry(r, r["id"]) for r in rows.mappings()]
            fresh_tokens = index.token_day_changes(entries)
            assert fresh_tokens
            assert {k[:3]: k[3] for k in kept_tokens if k[3]} == {k[:3]: k[3] for k in fresh_tokens}
    assert {(r, x): n for r, x, n in kept if n} == {(r, x): n for r, x, n in fresh}


async def _add_withdraw_and_check(
    api: MyPageClient, app: FastAPI, data: list[dict[str, Any]]
) -> None:
    await _check(api, app, data)
    # A posting received today, then one received later the same day (an existing day row).
    for i in range(2):
        async with app_state(app).sessionmaker() as db:
            values = jobs_data.posting_values(job_number=f"99999-{99_000_000 + i}")
            posting = await add_posting(db, values)
            await db.commit()
        row = {c: getattr(posting, c) for c in posting.__table__.columns.keys()}  # noqa: SIM118
        data.append(_iso(row))
        await _check(api, app, data)
    # Withdraw one posting of this week and one older open posting (twice: no double count).
    open_rows = [p for p in data if jobs_data.matches(p, JobSearchRequest())]
    week_ago = (jobs_data.TODAY - timedelta(days=6)).isoformat()
    recent = next(p for p in reversed(open_rows) if p["received_on"] >= week_ago)
    older = next(p for p in open_rows if p["received_on"] < week_ago)
    for p in (recent, older, older):
        async with app_state(app).sessionmaker() as db:
            await withdraw(db, p["job_number"])
            await db.commit()
        p["status"] = "withdrawn"
        await _check(api, app, data)


async def test_total_without_conditions_stays_exact_on_sqlite(
    settings: ServerSettings, clock: SettableClock, database_url: str, outbox: Outbox
) -> None:
    data = jobs_data.load(database_url)  # the bulk loader rebuilds the day table
    async for app in started(create_app(settings, clock=clock)):
        account = await seed_account(app)
        async with new_api(app) as api:
            await sign_in(api, outbox, account)
            await _add_withdraw_and_check(api, app, data)


@pytest.mark.postgres
async def test_total_without_conditions_stays_exact_on_postgres(
    pg_database_url: str, outbox: Outbox, tmp_path: Path
) -> None:
    generated = chunk_rows(jobs_data.SEED, 0, 300, Calendar.make(jobs_data.TODAY))
    settings = make_settings(pg_database_url, outbox, tmp_path)
    async for app in started(create_app(settings, clock=SettableClock())):
        async with app_state(app).sessionmaker() as db:
            for row in generated:
                await add_posting(db, dict(row))
            # The generated rows carry their ids; later postings take the next ones.
            await db.execute(
                text(
                    "SELECT setval(pg_get_serial_sequence('job_postings', 'id'), max(id))"
                    " FROM job_postings"
                )
            )
            await db.commit()
        account = await seed_account(app)
        async with new_api(app) as api:
            await sign_in(api, outbox, account)
            await _add_withdraw_and_check(api, app, [_iso(r) for r in generated])
