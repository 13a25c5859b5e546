"""Make the first request of each kind as fast as the hundredth.

FastAPI builds an included router's per-route context (the fields of every parameter and
response, with their pydantic schemas) when a request first walks that router. Measured
here: 50-260 ms for the first request into each of /me/home, /me/saved-searches and
/me/home/activity, about 0.5 s for all routers, paid by whichever user came first. In
embedded mode that user is always the one signing in: their first Home waited for it.

One request that matches no route walks every router (and every nested one), so the server
sends itself one through its own ASGI app before it reports ready. Nothing is read from or
written to the database, and the 404 goes nowhere.

The code tables are parsed on first use too: the 職業分類 (1.6 MB of JSON, 17,000 rows) took
60-150 ms of the first request that shows a posting — in embedded mode the first Home's
activity section, the slowest of its three requests. They are parsed before ready as well.
"""

from __future__ import annotations

import asyncio
import logging
import time

from starlette.types import ASGIApp, Message

from server.codes import tables
from server.state import AppState

log = logging.getLogger("hellowork.server")

# Matches no route: the router tries every one of them (and, for the redirect of a missing
# trailing slash, every one again, now built).
WARM_UP_PATH = "/.warm-up"


async def warm_routes(app: ASGIApp) -> int:
    """Walk every route of `app` once; returns the status it answered (404)."""
    status = 0

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Message) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = int(message["status"])

    scope = {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": WARM_UP_PATH,
        "raw_path": WARM_UP_PATH.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": [(b"host", b"warm-up")],
        "client": ("127.0.0.1", 0),
        "server": ("127.0.0.1", 0),
        "state": {},
    }
    await app(scope, receive, send)
    return status


def warm_code_tables() -> None:
    """Parse the code tables that job cards and forms read, once, now."""
    tables.classification_by_code()
    tables.examples_of("")  # builds the 細分類 → example titles index
    tables.municipality_by_code()
    tables.prefecture_by_code()
    tables.desired_job_by_code()
    tables.industry_by_code()


async def warm_search_lists(state: AppState) -> None:
    """SQLite: start the background reading of the form's boxes' lists (sqlite_lists.warm).
    PostgreSQL: read the search's posting lists into this process's cache in the
    background (server/jobs/search/pg_lists.py `warm`). The worker answers — /readyz too —
    from its first moment: a search that comes first reads the lists it needs itself, as
    it would without the warm-up."""
    if state.env.settings.is_sqlite:
        # The boxes' bitmaps (sqlite_lists.py), read by a thread of their own.
        from server.jobs.search import sqlite_lists

        async with state.sessionmaker() as db:
            sqlite_lists.warm(db.get_bind().engine.url.database)
        return
    from server.jobs.search import pg_lists

    t0 = time.perf_counter()
    try:
        async with state.sessionmaker() as db:
            read = await pg_lists.warm(db)
    except Exception as exc:  # a warm-up never takes a worker down; searches read on demand
        log.warning("search lists not warmed (%s)", type(exc).__name__)
        return
    log.info("search lists warmed: %d in %.1f s", read, time.perf_counter() - t0)


async def warm_pool(state: AppState) -> int:
    """PostgreSQL: open the pool's kept connections (`HELLOWORK_DB_POOL_SIZE`) now, as a
    running worker has them, instead of in the first requests after a start: each costs a
    connection start-up (about 5 ms and a new backend process), paid by whichever request
    found the pool short — at a start under load, many at once. Returns how many opened."""
    if state.env.settings.is_sqlite:
        return 0
    opened = await asyncio.gather(
        *(state.engine.connect() for _ in range(state.env.settings.db_pool_size)),
        return_exceptions=True,
    )
    for conn in opened:
        if not isinstance(conn, BaseException):
            await conn.close()  # back into the pool, open
    return sum(not isinstance(conn, BaseException) for conn in opened)


async def _warm_up(state: AppState) -> None:
    try:
        await warm_pool(state)
    except Exception as exc:  # never takes a worker down: requests connect on demand
        log.warning("connections not opened ahead (%s)", type(exc).__name__)
    await warm_search_lists(state)


def start_search_warm_up(state: AppState) -> asyncio.Task[None]:
    """The pool's connections (`warm_pool`), then `warm_search_lists`, as a task of the
    running loop (the caller cancels it on exit)."""
    return asyncio.get_running_loop().create_task(_warm_up(state))
