"""SQLite searches of the form's boxes answered from per-process bitmaps
(server/jobs/search/sqlite_lists.py): the same postings, totals and order as the oracle —
also right after postings are added and withdrawn (the lists of the state before must not
answer) — and the background reader fills the cache without anybody waiting for it."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from fastapi import FastAPI

from api_client.client import MyPageClient
from api_client.job_models import JobSearchRequest
from server.jobs.search import sqlite_lists
from server.jobs.search.tokens import plan
from server.jobs.store import add_posting, withdraw
from tests.api import jobs_data
from tests.conftest import app_state

BOXES: list[dict[str, Any]] = [
    {"work_from": "08:30", "work_until": "17:00", "days_off": ["sun"]},
    {
        "work_from": "13:00",
        "weekly_two_days": "any",
        "exclude_discretionary": True,
        "insurance_items": ["employment", "health", "pension"],
    },
    {"days_off": ["sat", "holiday"], "annual_holidays_min": 105, "no_overtime": False},
    {"wage_monthly_min": 200_000, "weekends_off": True, "insurance": True},
    {"age": 40, "category": "general", "work_styles": ["full_time"], "new_within": "week"},
    {"exclude_discretionary": True, "new_within": "today_yesterday"},
    {"exclude_discretionary": True},  # nearly every posting: deep pages, early deadlines
    {"retirement_age_min": 65, "dispatch": "exclude", "smoking_measures": True},
]


def _cache() -> sqlite_lists.ListCache:
    (cache,) = sqlite_lists._CACHES.values()
    return cache


@pytest.fixture(autouse=True)
def _own_caches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sqlite_lists, "_CACHES", {})


async def _check(api: MyPageClient, data: list[dict[str, Any]], fields: dict[str, Any]) -> None:
    req = JobSearchRequest(**fields)
    assert sqlite_lists.eligible(plan(req)), fields
    want = jobs_data.expected(data, req)
    got: list[str] = []
    async for page in jobs_data.all_pages(api, req):
        assert page.total == len(want), fields
        got.extend(c.job_number for c in page.items)
    assert got == want, fields


async def test_boxes_from_bitmaps_match_the_oracle_as_postings_change(
    seeker: MyPageClient,
    jobs_app: tuple[FastAPI, list[dict[str, Any]]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sqlite_lists, "MODE", "inline")
    app, data = jobs_app
    for fields in BOXES:
        await _check(seeker, data, fields)
        assert len(jobs_data.expected(data, JobSearchRequest(**fields))) > 0, fields
    cache = _cache()
    assert cache.lists.days and {"dosun", "fdiscretion", "isnoemp"} <= set(cache.lists.tokens)
    before = cache.lists.state
    fields = {"exclude_discretionary": True}
    # A posting added: it is in the answer at once (the lists of before do not hold it).
    async with app_state(app).sessionmaker() as db:
        values = jobs_data.posting_values(job_number="99999-99000001")
        posting = await add_posting(db, values)
        await db.commit()
    row = {c: getattr(posting, c) for c in posting.__table__.columns.keys()}  # noqa: SIM118
    data.append(
        row
        | {k: row[k].isoformat() for k in ("received_on", "expires_on") if isinstance(row[k], date)}
    )
    assert "99999-99000001" in jobs_data.expected(data, JobSearchRequest(**fields))
    await _check(seeker, data, fields)
    assert cache.lists.state != before
    # Postings withdrawn (the newest match, and one further down): gone from total and pages.
    want = jobs_data.expected(data, JobSearchRequest(**fields))
    for number in (want[0], want[len(want) // 2]):
        async with app_state(app).sessionmaker() as db:
            await withdraw(db, number)
            await db.commit()
        next(p for p in data if p["job_number"] == number)["status"] = "withdrawn"
        await _check(seeker, data, fields)
    for fields in BOXES:
        await _check(seeker, data, fields)


async def test_the_background_reader_fills_the_cache(
    seeker: MyPageClient,
    jobs_app: tuple[FastAPI, list[dict[str, Any]]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sqlite_lists, "MODE", "background")
    _, data = jobs_app
    fields = BOXES[1]
    await _check(seeker, data, fields)  # answered by FTS5; the lists are asked for
    cache = _cache()
    assert cache.idle.wait(timeout=120)
    assert {"sa780", "fw2none", "fdiscretion", "isnohealth"} <= set(cache.lists.tokens)
    assert cache.lists.days
    await _check(seeker, data, fields)  # now from the bitmaps


async def test_other_searches_are_left_to_fts5() -> None:
    for fields in (
        {"words": "介護", "days_off": ["sun"]},
        {"places": [{"prefecture": "13"}], "days_off": ["sun"]},
        {"classifications": ["E"], "days_off": ["sun"]},
        {"company_name": "株式会社"},
        {},
    ):
        assert not sqlite_lists.eligible(plan(JobSearchRequest(**fields))), fields


async def test_the_warm_up_reads_the_common_boxes(
    seeker: MyPageClient,
    jobs_app: tuple[FastAPI, list[dict[str, Any]]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sqlite_lists, "MODE", "background")
    monkeypatch.setattr(sqlite_lists, "WARM_MIN", 0)  # (a small index is not warmed)
    app, data = jobs_app
    async with app_state(app).sessionmaker() as db:
        sqlite_lists.warm(db.get_bind().engine.url.database)
    cache = _cache()
    assert cache.idle.wait(timeout=120)
    assert set(sqlite_lists.warm_tokens()) <= set(cache.lists.tokens)
    assert {"sb510", "ea1020", "ah120", "wm250000", "dosun", "isnowc"} <= set(cache.lists.tokens)
    await _check(seeker, data, BOXES[0])
