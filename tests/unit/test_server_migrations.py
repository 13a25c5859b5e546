"""Alembic: the migrations build exactly the models' schema, and run both ways."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, inspect

from server.db.engine import create_engine
from server.db.migrate import alembic_config, include_name_filter, upgrade_to_head
from server.db.models import metadata


def test_first_revision_is_the_foundation() -> None:
    script = ScriptDirectory.from_config(alembic_config())
    bases = script.get_bases()
    assert bases == ["0001_foundation"]


async def test_migrations_match_models(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'm.db'}")
    try:
        await upgrade_to_head(engine)
        await upgrade_to_head(engine)  # idempotent at head

        def diff(conn: Connection) -> list[Any]:
            opts = {"compare_type": True, "include_name": include_name_filter(conn)}
            ctx = MigrationContext.configure(conn, opts=opts)
            return list(compare_metadata(ctx, metadata))

        async with engine.connect() as conn:
            assert await conn.run_sync(diff) == []
            tables = await conn.run_sync(lambda c: set(inspect(c).get_table_names()))
        assert {"accounts", "sessions", "device_tokens", "auth_keys"} <= tables
    finally:
        await engine.dispose()


def test_downgrade_and_upgrade_again(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'd.db'}"
    cfg = alembic_config(url)
    command.upgrade(cfg, "head")
    command.downgrade(cfg, "base")
    command.upgrade(cfg, "head")
