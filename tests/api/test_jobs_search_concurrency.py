"""Searches are read transactions: on SQLite they run side by side, never queue for the
write lock, and never fail with SQLITE_BUSY while other requests write (issue 3)."""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi import FastAPI
from sqlalchemy import select

from api_client.client import MyPageClient
from api_client.job_models import JobSearchRequest
from server.auth.models import Session
from server.jobs.store import add_posting
from tests.api import jobs_data
from tests.conftest import SettableClock, app_state

QUERIES = (
    JobSearchRequest(),
    JobSearchRequest(words="介護"),
    JobSearchRequest(places=[{"prefecture": "13"}], work_styles=["full_time"], car_commute=True),
    JobSearchRequest(words="事務", not_words="医療"),
    JobSearchRequest(age=40, weekly_two_days="any", new_within="week"),
    JobSearchRequest(desired_jobs=[{"group": "05"}], sort="deadline_asc"),
)


async def test_searches_run_while_another_request_holds_the_write_lock(
    seeker: MyPageClient, jobs_app: tuple[FastAPI, list[dict[str, Any]]]
) -> None:
    app, data = jobs_app
    want = [len(jobs_data.expected(data, q)) for q in QUERIES * 2]
    async with app_state(app).write_sessionmaker() as writer:
        # A write in progress: BEGIN IMMEDIATE taken, a posting inserted, not committed.
        await add_posting(writer, jobs_data.posting_values())
        # Each search would wait for this lock (and fail after the busy timeout) if it
        # opened a write transaction; as reads they answer now, from the last commit.
        pages = await asyncio.gather(*(seeker.search_jobs(q) for q in QUERIES * 2))
        assert [p.total for p in pages] == want
        await writer.commit()
    after = await seeker.search_jobs(JobSearchRequest())
    assert after.total == want[0] + 1  # QUERIES[0] has no condition


async def test_concurrent_searches_touches_and_writes_all_succeed(
    seeker: MyPageClient, jobs_app: tuple[FastAPI, list[dict[str, Any]]], clock: SettableClock
) -> None:
    app, data = jobs_app
    want = [len(jobs_data.expected(data, q)) for q in QUERIES * 2]
    numbers = jobs_data.expected(data, JobSearchRequest())[:9]
    for round_ in range(3):
        now = clock.advance(minutes=2)  # every request now wants to touch last_seen_at
        searches = asyncio.gather(*(seeker.search_jobs(q) for q in QUERIES * 2))
        writes = asyncio.gather(
            seeker.save_search(f"条件{round_}", QUERIES[1]),
            seeker.add_favorites(numbers[round_ * 3 : round_ * 3 + 3]),
        )
        pages, _ = await asyncio.gather(searches, writes)
        assert [p.total for p in pages] == want
        async with app_state(app).sessionmaker() as db:
            seen = (await db.execute(select(Session.last_seen_at))).scalars().all()
        assert seen == [now]
    assert len((await seeker.saved_searches()).items) == 3
    assert len((await seeker.favorites()).items) == 9
