"""PostgreSQL's posting lists (server/jobs/search/pg_lists.py) are cached per server process:
every process must see what another one changed — postings added, withdrawn, changed and
expired — at its next search, and a transaction that has not committed yet must not show."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from api_client.job_models import JobSearchRequest
from server.db.engine import create_engine
from server.jobs.bulk import migrate
from server.jobs.demo.generate import Calendar, chunk_rows, load_postgres
from server.jobs.search import index, pg_lists
from server.jobs.search.engine import Window
from server.jobs.search.pg import PostgresSearch
from server.jobs.search.pg_lists import IndexCache
from server.jobs.search.tokens import plan, word_pieces
from server.jobs.store import add_posting, withdraw
from server.jst import expiry_cutoff
from tests.api import jobs_data

pytestmark = pytest.mark.postgres

N = 300
REQUESTS = (
    JobSearchRequest(),
    JobSearchRequest(words="介護"),
    JobSearchRequest(words="事務 経理", word_mode="any"),
    JobSearchRequest(places=[{"prefecture": "13"}], sort="deadline_asc"),
    JobSearchRequest(words="営業", not_words="ノルマ"),
)


def _iso(r: dict[str, Any]) -> dict[str, Any]:
    """The oracle reads rows as SQLite returns them (ISO dates)."""
    return r | {"received_on": str(r["received_on"]), "expires_on": str(r["expires_on"])}


async def _answer(
    worker: PostgresSearch, db: AsyncSession, req: JobSearchRequest, today: date
) -> list[str]:
    window = Window(
        since=expiry_cutoff(today),
        today=today,
        by_deadline=req.sort == "deadline_asc",
        limit=N,
        offset=0,
        employer_levels=(0, 1, 2),
    )
    total, rows = await worker.search(db, plan(req), window)
    assert total == len(rows)
    return [p.job_number for p in rows]


async def _check(
    workers: list[PostgresSearch], db: AsyncSession, data: list[dict[str, Any]]
) -> None:
    for req in REQUESTS:
        want = jobs_data.expected(data, req)
        for worker in workers:
            assert await _answer(worker, db, req, jobs_data.TODAY) == want, req


async def test_every_process_sees_the_changes_of_another(pg_database_url: str) -> None:
    await migrate(pg_database_url)
    await load_postgres(pg_database_url, N, seed=jobs_data.SEED, today=jobs_data.TODAY, workers=1)
    generated = chunk_rows(jobs_data.SEED, 0, N, Calendar.make(jobs_data.TODAY))
    data = [_iso(r) for r in generated]
    engine = create_engine(pg_database_url)
    try:
        async with AsyncSession(engine, expire_on_commit=False) as db:
            early = PostgresSearch(IndexCache())
            await _check([early], db, data)  # its cache now holds the lists as loaded
            await db.commit()

            # Another process withdraws a matching posting and adds a new one.
            gone = jobs_data.expected(data, JobSearchRequest(words="介護"))[0]
            async with AsyncSession(engine) as other:
                await withdraw(other, gone)
                values = jobs_data.posting_values(job_number="13010-99999991")
                values["job_title"] = "介護職員（新規）"
                new_id = (await add_posting(other, dict(values))).id
                await other.commit()
            data = [r for r in data if r["job_number"] != gone]
            data.append(_iso(values | {"id": new_id}))
            late = PostgresSearch(IndexCache())  # a process started after the change
            await _check([early, late], db, data)
            await db.commit()

            # A change not committed yet is seen by nobody; once committed, by everybody.
            async with AsyncSession(engine) as other:
                await withdraw(other, "13010-99999991")
                await other.flush()
                await _check([early, late], db, data)
                await db.commit()
                await other.commit()
            data = [r for r in data if r["job_number"] != "13010-99999991"]
            await _check([early, late], db, data)
            await db.commit()

            # Expiry needs no write: the same lists answer for a later day.
            later = jobs_data.TODAY + timedelta(days=40)
            want = [
                r["job_number"]
                for r in sorted(data, key=lambda r: (r["received_on"], r["id"]), reverse=True)
                if r["status"] == "open"
                and r["expires_on"] >= later.isoformat()
                and r["received_on"] >= expiry_cutoff(later).isoformat()
            ]
            for worker in (early, late):
                assert await _answer(worker, db, JobSearchRequest(), later) == want

            # A rebuild starts a new generation: caches drop what they held.
            log = (await db.execute(text("SELECT count(*) FROM job_search_log"))).scalar_one()
            assert log > 0
    finally:
        await engine.dispose()


@pytest.mark.parametrize("others", ["elsewhere", "in this process too"])
async def test_a_search_sees_one_build_when_a_rebuild_commits_under_it(
    pg_database_url: str, others: str
) -> None:
    """A rebuild that commits while a search is between two of its reads: the search
    answers from the old lists or from the new ones, never from some of each. The two
    postings swap their words between the builds, so a mix finds one that has both."""
    await migrate(pg_database_url)
    engine = create_engine(pg_database_url)
    eel, cod = "鰻", "鱈"

    async def rebuild() -> None:
        async with engine.begin() as conn:
            await conn.run_sync(index.rebuild)

    async def titles(first: str, second: str) -> None:
        async with engine.begin() as conn:  # the postings alone: the lists keep the old words
            for number, title in ((one, first), (two, second)):
                await conn.execute(
                    text("UPDATE job_postings SET job_title = :t WHERE job_number = :n"),
                    {"t": f"{title}の仕込み", "n": number},
                )

    try:
        one, two = "13010-99999981", "13010-99999982"
        async with AsyncSession(engine) as db:
            for number in (one, two):
                await add_posting(db, jobs_data.posting_values(job_number=number))
            await db.commit()
        await titles(eel, cod)
        await rebuild()  # the old build: 鰻 → one, 鱈 → two
        await titles(cod, eel)  # what the next build will see: 鰻 → two, 鱈 → one
        both = JobSearchRequest(words=f"{eel} {cod}")
        async with AsyncSession(engine) as db:
            assert await _answer(
                PostgresSearch(IndexCache()), db, JobSearchRequest(words=eel), jobs_data.TODAY
            ) == [one]

        tokens = {
            t
            for c in plan(both).clauses
            for w in c
            if not isinstance(w, str)
            for p in word_pieces(w)
            for t in p
        }
        cache = IndexCache()  # one server process, nothing read yet: both words are read
        reached, go = asyncio.Event(), asyncio.Event()
        reads: list[set[str]] = []
        async with AsyncSession(engine) as db:
            real = db.execute

            async def execute(statement: Any, params: Any = None, **kw: Any) -> Any:
                # The second read of the two words' lists waits until the rebuild committed.
                if isinstance(params, dict) and set(params.get("tokens", ("-",))) <= tokens:
                    reads.append(set(params["tokens"]))
                    if len(reads) == 2:
                        reached.set()
                        await go.wait()
                return await real(statement, params, **kw)

            db.execute = execute  # type: ignore[method-assign]
            searching = asyncio.create_task(
                _answer(PostgresSearch(cache), db, both, jobs_data.TODAY)
            )
            try:
                paused = asyncio.create_task(reached.wait())
                await asyncio.wait([paused, searching], return_when=asyncio.FIRST_COMPLETED)
                assert reached.is_set(), searching.result()
                assert len(reads) == 2 and reads[0] != reads[1]  # one word read, the other next
                await rebuild()
                if others == "in this process too":
                    async with AsyncSession(engine) as other:
                        found = await _answer(
                            PostgresSearch(cache),
                            other,
                            JobSearchRequest(words=eel),
                            jobs_data.TODAY,
                        )
                        assert found == [two]
            finally:
                go.set()  # (also when an assertion failed: the search must not hang)
            assert await searching == []  # old build: none has both; new build: none either
        async with AsyncSession(engine) as db:
            assert await _answer(
                PostgresSearch(cache), db, JobSearchRequest(words=cod), jobs_data.TODAY
            ) == [one]
    finally:
        await engine.dispose()


async def test_compaction_folds_the_log_into_the_lists(pg_database_url: str) -> None:
    """The change log does not grow without end: compaction folds it into the lists (and
    starts a new generation from there); every process answers as before, also for changes
    made after it."""
    await migrate(pg_database_url)
    await load_postgres(pg_database_url, N, seed=jobs_data.SEED, today=jobs_data.TODAY, workers=1)
    data = [_iso(r) for r in chunk_rows(jobs_data.SEED, 0, N, Calendar.make(jobs_data.TODAY))]
    engine = create_engine(pg_database_url)

    async def log_size() -> int:
        async with engine.connect() as conn:
            return int(
                (await conn.execute(text("SELECT count(*) FROM job_search_log"))).scalar_one()
            )

    try:
        async with AsyncSession(engine, expire_on_commit=False) as db:
            early = PostgresSearch(IndexCache())
            await _check([early], db, data)
            await db.commit()
            async with AsyncSession(engine) as other:  # changes: one withdrawn, one added
                gone = jobs_data.expected(data, JobSearchRequest(words="介護"))[0]
                await withdraw(other, gone)
                values = jobs_data.posting_values(job_number="13010-99999971")
                values["job_title"] = "介護職員（新規）"
                new_id = (await add_posting(other, dict(values))).id
                await other.commit()
            data = [r for r in data if r["job_number"] != gone]
            data.append(_iso(values | {"id": new_id}))
            logged = await log_size()
            assert logged >= 2

            assert await pg_lists.compact(db, at_least=logged + 1) == 0  # below the threshold
            assert await log_size() == logged
            assert await pg_lists.compact(db) == logged
            assert await log_size() == 0
            # The lists themselves now hold the changes: a new process reads no log.
            fresh = IndexCache()
            await _check([early, PostgresSearch(fresh)], db, data)
            await db.commit()
            assert not fresh.view.touched and not fresh.view.overlay

            async with AsyncSession(engine) as other:  # and later changes still show
                await withdraw(other, "13010-99999971")
                await other.commit()
            data = [r for r in data if r["job_number"] != "13010-99999971"]
            await _check([early, PostgresSearch(fresh), PostgresSearch(IndexCache())], db, data)
            await db.commit()
            assert await log_size() > 0
    finally:
        await engine.dispose()


async def test_the_warm_up_reads_every_list_so_searches_read_none(pg_database_url: str) -> None:
    await migrate(pg_database_url)
    await load_postgres(pg_database_url, N, seed=jobs_data.SEED, today=jobs_data.TODAY, workers=1)
    data = [_iso(r) for r in chunk_rows(jobs_data.SEED, 0, N, Calendar.make(jobs_data.TODAY))]
    engine = create_engine(pg_database_url)
    try:
        async with AsyncSession(engine) as db:
            cache = IndexCache()
            read = await pg_lists.warm(db, cache)
            lists = (await db.execute(text("SELECT count(*) FROM job_search_lists"))).scalar()
            assert read == lists == len(cache.view.gen.built)
            fetched: list[Any] = []
            real = db.execute

            async def execute(statement: Any, params: Any = None, **kw: Any) -> Any:
                if isinstance(params, dict) and "tokens" in params:
                    fetched.append(params["tokens"])
                return await real(statement, params, **kw)

            db.execute = execute  # type: ignore[method-assign]
            await _check([PostgresSearch(cache)], db, data)
            assert fetched == []
    finally:
        await engine.dispose()
