"""The same search on a throwaway PostgreSQL cluster (posting lists of the same tokens), checked
against the same oracle and dataset as the SQLite tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from api_client.job_models import JobSearchRequest
from server.app import create_app
from server.jobs.demo.generate import Calendar, chunk_rows
from server.jobs.store import add_posting, withdraw
from tests.api import jobs_data
from tests.api.flows import sign_in
from tests.api.test_jobs_search import search_cases
from tests.conftest import SettableClock, app_state, make_settings, new_api, seed_account, started

pytestmark = pytest.mark.postgres


def _as_rows(generated: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The oracle reads rows as SQLite returns them (ISO dates)."""
    return [
        r | {"received_on": r["received_on"].isoformat(), "expires_on": r["expires_on"].isoformat()}
        for r in generated
    ]


async def test_search_on_postgres_matches_the_oracle(
    pg_database_url: str, outbox, tmp_path: Path
) -> None:
    generated = chunk_rows(jobs_data.SEED, 0, jobs_data.N_POSTINGS, Calendar.make(jobs_data.TODAY))
    settings = make_settings(pg_database_url, outbox, tmp_path)
    async for app in started(create_app(settings, clock=SettableClock())):
        async with app_state(app).sessionmaker() as db:
            for row in generated:
                await add_posting(db, dict(row))
            await db.commit()
        data = _as_rows(generated)
        account = await seed_account(app)
        async with new_api(app) as api:
            await sign_in(api, outbox, account)
            for name, fields in search_cases(data):
                req = JobSearchRequest(**fields)
                want = jobs_data.expected(data, req)
                got: list[str] = []
                async for page in jobs_data.all_pages(api, req):
                    assert page.total == len(want), name
                    got.extend(c.job_number for c in page.items)
                assert got == want, name

            number = jobs_data.expected(data, JobSearchRequest(words="介護"))[0]
            async with app_state(app).sessionmaker() as db:
                await withdraw(db, number)
                await db.commit()
            res = await api.search_jobs(JobSearchRequest(words="介護", per_page=50))
            assert number not in [c.job_number for c in res.items]
            still_open = [n for n in jobs_data.expected(data, JobSearchRequest()) if n != number]
            sheet = await api.job_sheet(still_open[0])
            assert sheet.synthetic and len(sheet.sections) == 11
