"""Async engine and session factory.

SQLite gets WAL, foreign keys and a busy timeout on every connection, and we emit BEGIN
ourselves (SQLAlchemy's documented aiosqlite recipe) so a read-then-write is one transaction.

Requests that change state use `BEGIN IMMEDIATE` on SQLite (the write sessionmaker): they
queue on the busy timeout instead of failing with SQLITE_BUSY when a read transaction would
have to upgrade to a write after another writer committed. Reads stay `BEGIN DEFERRED`, so
they never wait for each other; a POST that only reads (job search) says so with
`reads_only`. PostgreSQL ignores the option.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any, TypeVar

from fastapi import Request
from sqlalchemy import event, exc
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from server.db.problems import DatabaseProblem

SQLITE_BUSY_TIMEOUT_MS = 5000
SQLITE_IMMEDIATE = "hellowork_sqlite_immediate"
_READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_READS_ONLY = "__hellowork_reads_only__"
_Endpoint = TypeVar("_Endpoint", bound=Callable[..., Any])


SQLITE_FILE_SUFFIXES = ("", "-wal", "-shm", "-journal")


def prepare_sqlite_dir(url: str) -> None:
    """Make a SQLite database private to its owner before the first connection.

    The folder is created 0700 if missing; the database file is created empty with 0600, so
    SQLite, which gives its WAL, shared-memory and journal files the database file's mode,
    creates those 0600 too, wherever the URL points (also into a world-readable folder).
    Files left by an older version with a wider mode are narrowed to 0600."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return
    path = Path(parsed.database)
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with contextlib.suppress(FileExistsError):
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except (FileExistsError, NotADirectoryError) as exc:
        raise DatabaseProblem(
            f"the folder of the SQLite database, {path.parent}, is a file (or is under one)"
        ) from exc
    except OSError as exc:
        raise DatabaseProblem(
            f"cannot create the SQLite database {path}: {exc.strerror or type(exc).__name__}"
        ) from exc
    for suffix in SQLITE_FILE_SUFFIXES:
        companion = path.with_name(path.name + suffix)
        try:
            if companion.stat().st_mode & 0o077:
                companion.chmod(0o600)
        except FileNotFoundError:
            continue


PG_CONNECT_TIMEOUT_S = 5.0


def create_engine(url: str, **kwargs: Any) -> AsyncEngine:
    # hide_parameters: SQL errors in logs never carry hashes, e-mails or other values.
    if make_url(url).get_backend_name() == "postgresql":
        # Give up connecting after a few seconds instead of asyncpg's default minute.
        kwargs.setdefault("connect_args", {"timeout": PG_CONNECT_TIMEOUT_S})
    engine = create_async_engine(url, hide_parameters=True, **kwargs)
    if make_url(url).get_backend_name() == "sqlite":
        _configure_sqlite(engine)
    elif not kwargs.get("pool_pre_ping"):
        event.listen(engine.sync_engine.pool, "checkout", _closed_is_gone)
    return engine


def _closed_is_gone(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
    """A database that restarted leaves dead connections in the pool; none may fail a
    request. Their sockets were closed by the server, which the connection has noticed by
    the time it is taken: replace it then (the pool retries with a new one). This replaces
    SQLAlchemy's pre-ping, which costs three round trips (BEGIN, a query, ROLLBACK) per
    request — a fifth of a busy worker's event loop at 200 simulated seekers."""
    if dbapi_connection.driver_connection.is_closed():
        raise exc.DisconnectionError("connection closed by the database")


def _configure_sqlite(engine: AsyncEngine) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN in _on_begin
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        # Read the (large) job-search index through memory mapping, not read() calls.
        cursor.execute("PRAGMA mmap_size=4294967296")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(conn: Any) -> None:
        immediate = conn.get_execution_options().get(SQLITE_IMMEDIATE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def create_sessionmaker(
    engine: AsyncEngine, *, write: bool = False
) -> async_sessionmaker[AsyncSession]:
    """Sessions for reads, or (write=True) for work that writes: IMMEDIATE on SQLite."""
    bind = engine.execution_options(**{SQLITE_IMMEDIATE: True}) if write else engine
    return async_sessionmaker(bind, expire_on_commit=False)


def reads_only(endpoint: _Endpoint) -> _Endpoint:
    """Mark a non-GET route that never writes (a search sent as POST for its body): its
    requests get read sessions, so they run side by side instead of queueing for the
    write lock. The session touch of authentication writes on its own (auth.sessions).
    Apply it below the router decorator, so the route registers the marked function."""
    setattr(endpoint, _READS_ONLY, True)
    return endpoint


def _is_read(request: Request) -> bool:
    if request.method in _READ_METHODS:
        return True
    route = request.scope.get("route")  # set by the router before dependencies run
    return bool(getattr(getattr(route, "endpoint", None), _READS_ONLY, False))


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """FastAPI dependency: one session per request. Services commit explicitly."""
    state = request.app.state.hw
    sessionmaker: async_sessionmaker[AsyncSession] = (
        state.sessionmaker if _is_read(request) else state.write_sessionmaker
    )
    async with sessionmaker() as session:
        yield session
