"""Run Alembic programmatically (no alembic.ini needed, works from an installed package)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, text
from sqlalchemy.ext.asyncio import AsyncEngine

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


def alembic_config(url: str | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url is not None:
        # '%' is ConfigParser interpolation syntax; URLs may hold %-escapes.
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


async def upgrade_to_head(engine: AsyncEngine) -> None:
    async with engine.begin() as conn:
        await conn.run_sync(_upgrade)


def _upgrade(connection: Connection) -> None:
    cfg = alembic_config()
    cfg.attributes["connection"] = connection
    command.upgrade(cfg, "head")


# Tables SQLite creates for an FTS5 virtual table next to it.
_FTS_SHADOW_SUFFIXES = ("", "_data", "_idx", "_content", "_docsize", "_config")


def unmanaged_tables(connection: Connection) -> set[str]:
    """Tables no model describes: SQLite virtual (FTS) tables and their shadow tables.

    On PostgreSQL: the search table of server/jobs/pg.py (a token array under GIN).
    Migrations create them with raw SQL; autogenerate must neither drop nor diff them.
    """
    if connection.dialect.name == "postgresql":
        return {"job_search"}
    if connection.dialect.name != "sqlite":
        return set()
    rows = connection.execute(
        text("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL%'")
    ).scalars()
    return {f"{name}{suffix}" for name in rows for suffix in _FTS_SHADOW_SUFFIXES}


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
