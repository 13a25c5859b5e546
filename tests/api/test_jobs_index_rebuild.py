"""The search index is derived data: a database indexed with other tokens (an older
INDEX_VERSION) is re-indexed when it is brought to head, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from sqlalchemy import text

from api_client.job_models import JobSearchRequest
from server.db.migrate import upgrade_to_head
from server.jobs.demo.generate import Calendar, chunk_rows
from server.jobs.search import index
from server.jobs.store import add_posting
from tests.api import jobs_data
from tests.api.flows import sign_in
from tests.conftest import Outbox, app_state, new_api, seed_account

REQUESTS = (
    JobSearchRequest(),
    JobSearchRequest(sort="deadline_asc"),
    JobSearchRequest(words="介護"),
    JobSearchRequest(places=[{"prefecture": "13"}], sort="deadline_asc"),
    JobSearchRequest(new_within="week", bonus=True),
)


def _iso(row: dict[str, Any]) -> dict[str, Any]:
    return row | {k: row[k].isoformat() for k in ("received_on", "expires_on")}


async def test_an_index_of_another_version_is_rebuilt_at_head(
    any_app: FastAPI, outbox: Outbox
) -> None:
    generated = chunk_rows(jobs_data.SEED, 0, 400, Calendar.make(jobs_data.TODAY))
    state = app_state(any_app)
    async with state.sessionmaker() as db:
        for row in generated:
            await add_posting(db, dict(row))
        await db.commit()
    data = [_iso(r) for r in generated]
    account = await seed_account(any_app)
    async with new_api(any_app) as api:
        await sign_in(api, outbox, account)

        async def check(expect_found: bool) -> None:
            for req in REQUESTS:
                want = jobs_data.expected(data, req)
                res = await api.search_jobs(req.model_copy(update={"per_page": 50}))
                if expect_found:
                    assert res.total == len(want), req
                    assert [c.job_number for c in res.items] == want[:50], req
                else:
                    assert res.items == [], req

        await check(True)
        # As an index built by code with other tokens would be: stale (here: emptied).
        async with state.engine.begin() as conn:
            if conn.dialect.name == "sqlite":
                await conn.execute(text("INSERT INTO job_fts(job_fts) VALUES ('delete-all')"))
                await conn.execute(text("DELETE FROM job_early_deadlines"))
            else:
                await conn.execute(text("DELETE FROM job_search"))
            await conn.execute(text("UPDATE job_index_state SET version = :v"), {"v": 1})
        await check(False)
        await upgrade_to_head(state.engine)
        await check(True)
        async with state.engine.connect() as conn:
            version = (await conn.execute(text("SELECT version FROM job_index_state"))).scalar()
        assert version == index.INDEX_VERSION
        await upgrade_to_head(state.engine)  # at the current version: nothing to do
