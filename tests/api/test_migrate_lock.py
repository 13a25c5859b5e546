"""Migrations run once when several processes start together (an advisory lock on
PostgreSQL, a file lock on SQLite), and a process that must not migrate names the problem."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import sys
from pathlib import Path

import pytest

from server.db.engine import create_engine
from server.db.migrate import current_revision, head_revision, require_head, upgrade_to_head
from server.db.problems import DatabaseProblem

PROCESSES = 4
ROOT = Path(__file__).resolve().parents[2]


async def _migrate_together(url: str) -> None:
    engines = [create_engine(url) for _ in range(PROCESSES)]
    try:
        results = await asyncio.gather(
            *(upgrade_to_head(e) for e in engines), return_exceptions=True
        )
        assert [r for r in results if isinstance(r, BaseException)] == []
        # Each found the schema under the lock: one an empty file, the others at head.
        assert sorted(results, key=str) == [head_revision()] * (PROCESSES - 1) + [None]
        assert await current_revision(engines[0]) == head_revision()
    finally:
        for e in engines:
            await e.dispose()


async def test_concurrent_migrations_of_an_empty_sqlite_file(tmp_path: Path) -> None:
    await _migrate_together(f"sqlite+aiosqlite:///{tmp_path / 'fresh.db'}")


@pytest.mark.postgres
async def test_concurrent_migrations_of_an_empty_postgres_database(
    pg_empty_database_url: str,
) -> None:
    """Separate processes, as several servers starting at once would be. Without the lock
    each sees no alembic_version and creates the tables; all but one fail."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("HELLOWORK_")}
    procs = [
        await asyncio.create_subprocess_exec(
            sys.executable,
            "-c",
            "import sys; from tui.cli import main; sys.exit(main())",
            "admin",
            "migrate",
            "--database-url",
            pg_empty_database_url,
            cwd=ROOT,
            env=env,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        for _ in range(PROCESSES)
    ]
    outcomes = [await p.communicate() for p in procs]
    assert [p.returncode for p in procs] == [0] * PROCESSES, outcomes
    said = sorted(out.decode().split(": schema ", 1)[1].split()[0] for out, _ in outcomes)
    assert said == ["already"] * (PROCESSES - 1) + ["migrated"]  # one did the work
    engine = create_engine(pg_empty_database_url)
    try:
        assert await current_revision(engine) == head_revision()
    finally:
        await engine.dispose()


async def test_require_head_names_the_problem(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    engine = create_engine(f"sqlite+aiosqlite:///{path}")
    try:
        with pytest.raises(DatabaseProblem, match=r"no hellowork schema yet.*admin migrate"):
            await require_head(engine)
        await upgrade_to_head(engine)
        await require_head(engine)  # at head: fine
        with sqlite3.connect(path) as conn:
            conn.execute("UPDATE alembic_version SET version_num = '0002_jobs'")
        with pytest.raises(DatabaseProblem, match="at revision 0002_jobs, this version needs"):
            await require_head(engine)
        with sqlite3.connect(path) as conn:
            conn.execute("UPDATE alembic_version SET version_num = '0999_from_the_future'")
        with pytest.raises(DatabaseProblem, match=r"does not know.*upgrade hellowork"):
            await require_head(engine)
        # Migrating cannot help either, and says so instead of an Alembic traceback.
        with pytest.raises(DatabaseProblem, match="0999_from_the_future"):
            await upgrade_to_head(engine)
    finally:
        await engine.dispose()
