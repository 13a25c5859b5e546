"""Run Alembic programmatically (no alembic.ini needed, works from an installed package).

Several processes may start at once (`serve --workers N`, two hosts, an admin command next
to a server): the upgrade runs under a lock, so one migrates and the others find the schema
at head. PostgreSQL: a transaction-level advisory lock, held until the migration commits
(DDL is transactional there). SQLite: an exclusive lock on a file beside the database.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import Connection, text
from sqlalchemy.ext.asyncio import AsyncEngine

from server.db.problems import DatabaseProblem

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"
# pg_advisory_xact_lock key: "hellowork" in ASCII, as a bigint. Any constant would do; it
# only has to be the same in every process migrating this database.
_PG_MIGRATION_LOCK = 0x68656C6C6F776F72
MIGRATE_HINT = "run `hellowork admin migrate` (or start `hellowork serve` without --no-migrate)"


def alembic_config(url: str | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url is not None:
        # '%' is ConfigParser interpolation syntax; URLs may hold %-escapes.
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


@lru_cache(maxsize=1)
def head_revision() -> str:
    """The revision this version of the code needs (the single head of the chain)."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "the migration chain has no head"
    return head


def known_revisions() -> frozenset[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return frozenset(rev.revision for rev in script.walk_revisions())


async def upgrade_to_head(engine: AsyncEngine, *, rebuild_index: bool = True) -> str | None:
    """Migrate to head, once, whoever else is starting at the same moment. Returns the
    revision found under the lock (None: an empty database).

    `rebuild_index=False` leaves an outdated search index for the caller to rebuild
    (server/jobs/search/pg_build.py does it with every core)."""
    async with _sqlite_file_lock(engine), engine.begin() as conn:
        return await conn.run_sync(_upgrade, rebuild_index)


def _upgrade(connection: Connection, rebuild_index: bool = True) -> str | None:
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK})
    current = _current_revision(connection)
    if current is not None and current not in known_revisions():
        raise DatabaseProblem(_ahead(current))
    cfg = alembic_config()
    cfg.attributes["connection"] = connection
    try:
        command.upgrade(cfg, "head")
    except CommandError as exc:  # e.g. an unknown revision that appeared meanwhile
        raise DatabaseProblem(f"the database schema cannot be migrated: {exc}") from exc
    # The search index is derived data built by the code, not by migrations: rebuilt here
    # when it was built for other tokens (server/jobs/search/index.py).
    from server.jobs.search.index import ensure_current

    if rebuild_index:
        ensure_current(connection)
    return current


@contextlib.asynccontextmanager
async def _sqlite_file_lock(engine: AsyncEngine) -> AsyncIterator[None]:
    url = engine.url
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        yield
        return
    try:
        import fcntl
    except ImportError:  # Windows: one embedded process, nothing to race with
        yield
        return
    lock_path = f"{url.database}.migrate-lock"
    Path(lock_path).parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        # Wait in a thread: a blocking wait on the event loop would stall the holder too
        # when it is in this process (several engines, as in tests).
        await asyncio.to_thread(fcntl.flock, fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def _current_revision(connection: Connection) -> str | None:
    """The schema's revision, or None for a database Alembic has never touched."""
    if not connection.dialect.has_table(connection, "alembic_version"):
        return None
    value = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return str(value) if value is not None else None


async def current_revision(engine: AsyncEngine) -> str | None:
    async with engine.connect() as conn:
        return await conn.run_sync(_current_revision)


def _ahead(current: str) -> str:
    return (
        f"the database schema is at revision {current}, which this version of hellowork "
        f"does not know (it needs {head_revision()}): a newer version migrated it; "
        "upgrade hellowork"
    )


async def require_head(engine: AsyncEngine) -> None:
    """For processes that must not migrate: DatabaseProblem unless the schema is at head."""
    current = await current_revision(engine)
    head = head_revision()
    if current == head:
        return
    if current is None:
        raise DatabaseProblem(f"the database has no hellowork schema yet: {MIGRATE_HINT}")
    if current not in known_revisions():
        raise DatabaseProblem(_ahead(current))
    raise DatabaseProblem(
        f"the database schema is at revision {current}, this version needs {head}: " + MIGRATE_HINT
    )


# Tables SQLite creates for an FTS5 virtual table next to it.
_FTS_SHADOW_SUFFIXES = ("", "_data", "_idx", "_content", "_docsize", "_config")


def unmanaged_tables(connection: Connection) -> set[str]:
    """Tables no model describes: SQLite virtual (FTS) tables and their shadow tables.

    On PostgreSQL: the search table of server/jobs/search/pg.py and the posting lists of
    pg_lists.py.
    On SQLite also the early deadlines and the counted tokens' days beside the index
    (server/jobs/search/fts.py).
    Migrations create them with raw SQL; autogenerate must neither drop nor diff them.
    """
    if connection.dialect.name == "postgresql":
        return {"job_search", "job_search_lists", "job_search_state", "job_search_log"}
    if connection.dialect.name != "sqlite":
        return set()
    rows = connection.execute(
        text("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL%'")
    ).scalars()
    fts = {f"{name}{suffix}" for name in rows for suffix in _FTS_SHADOW_SUFFIXES}
    return fts | {"job_early_deadlines", "job_token_days"}


def include_name_filter(connection: Connection) -> Callable[[str | None, str, Any], bool]:
    skip = unmanaged_tables(connection)

    def include_name(name: str | None, type_: str, _parent: Any) -> bool:
        return not (type_ == "table" and name in skip)

    return include_name


# Any fixed number: the key of the PostgreSQL advisory lock held while a server starts.
STARTUP_LOCK_KEY = 0x68656C6C6F


@asynccontextmanager
async def startup_lock(engine: AsyncEngine) -> AsyncIterator[None]:
    """Let one server process at a time migrate and prepare the database.

    Several workers (`hellowork serve` behind a process manager) start at once on one
    PostgreSQL database: without this they ran the same migration side by side and all but
    one died at start-up. A session-level advisory lock on a connection of its own makes
    them take turns; the later ones find the database at head. SQLite has one writer at a
    time anyway."""
    if engine.dialect.name != "postgresql":
        yield
        return
    async with engine.connect() as conn:
        await conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": STARTUP_LOCK_KEY})
        try:
            yield
        finally:
            await conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": STARTUP_LOCK_KEY})
