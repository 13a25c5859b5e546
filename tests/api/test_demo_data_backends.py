"""`hellowork demo-data` on an empty PostgreSQL database (migrations, COPY, index) gives the
same postings as on SQLite for the same seed and day, and the same search answers."""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from api_client.job_models import JobSearchRequest
from server.app import create_app
from server.jobs.demo import cli
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

pytestmark = pytest.mark.postgres

N = 1_200
QUERIES: tuple[dict[str, Any], ...] = (
    {},
    {"sort": "deadline_asc"},
    {"new_within": "week"},
    {"words": "介護"},
    {"words": "事務 経理", "word_mode": "any"},
    {"words": "営業", "not_words": "ノルマ"},
    {"places": [{"prefecture": "13"}]},
    {"desired_jobs": [{"group": "05"}]},
    {"classifications": ["B"]},
    {"industries": ["85"]},
    {"work_styles": ["part_time"], "wage_hourly_min": 1_100},
    {"wage_monthly_min": 250_000, "bonus": True},
    {"age": 45, "weekends_off": True},
    {"employment_types": ["regular"], "insurance": True, "sort": "deadline_asc"},
)


def _normal(v: Any) -> Any:
    """Column values compared across backends (SQLite keeps dates as ISO text, booleans as
    integers)."""
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, bool):
        return int(v)
    return v


async def _demo_data(*argv: str) -> int:
    """The command in-process (it runs its own event loop, so in a thread)."""
    return await asyncio.to_thread(cli.main, list(argv))


async def _postings(app: Any) -> list[tuple[Any, ...]]:
    async with app_state(app).sessionmaker() as db:
        rows = (await db.execute(text("SELECT * FROM job_postings ORDER BY id"))).all()
    return [tuple(_normal(v) for v in r) for r in rows]


async def _answers(app: Any, outbox: Outbox) -> list[tuple[int, list[str]]]:
    account = await seed_account(app)
    async with new_api(app) as api:
        await sign_in(api, outbox, account)
        out = []
        for fields in QUERIES:
            res = await api.search_jobs(JobSearchRequest(**fields, per_page=50))
            out.append((res.total, [c.job_number for c in res.items]))
    return out


async def test_same_seed_same_postings_and_answers_on_sqlite_and_postgres(
    pg_database_url: str, outbox: Outbox, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sqlite_file = tmp_path / "fresh" / "hellowork.db"  # an empty data directory
    sqlite_url = f"sqlite+aiosqlite:///{sqlite_file}"
    common = ["--jobs", str(N), "--seed", "11", "--today", jobs_data.TODAY.isoformat()]
    for url in (sqlite_url, pg_database_url):
        assert await _demo_data(*common, "--database-url", url, "--workers", "2") == 0
        out = capsys.readouterr().out
        assert f"{N:,} postings" in out and "indexed" in out
    # A second load without --replace is refused; with it, the same postings again.
    with pytest.raises(SystemExit):
        await _demo_data(*common, "--database-url", pg_database_url)
    assert await _demo_data(*common, "--database-url", pg_database_url, "--replace") == 0

    conn = sqlite3.connect(sqlite_file)
    conn.row_factory = sqlite3.Row
    data = [dict(r) for r in conn.execute("SELECT * FROM job_postings ORDER BY id")]
    conn.close()
    results = {}
    postings = {}
    for name, url in (("sqlite", sqlite_url), ("postgres", pg_database_url)):
        settings = make_settings(url, outbox, tmp_path / name)
        async for app in started(create_app(settings, clock=SettableClock())):
            postings[name] = await _postings(app)
            results[name] = await _answers(app, outbox)
    assert len(postings["sqlite"]) == N
    assert postings["sqlite"] == postings["postgres"]
    assert results["sqlite"] == results["postgres"]
    for fields, (total, first) in zip(QUERIES, results["postgres"], strict=True):
        want = jobs_data.expected(data, JobSearchRequest(**fields))
        assert total == len(want) and first == want[:50], fields
    assert all(total > 0 for total, _ in results["postgres"])
