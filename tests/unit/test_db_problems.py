"""Which failures mean "the database is unavailable" (503), and the words for them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import TimeoutError as SQLAlchemyTimeout

from server.db.engine import create_engine
from server.db.problems import describe_database_error, is_database_unavailable
from tests.conftest import free_port


async def _failure(url: str) -> BaseException:
    engine = create_engine(url)
    try:
        async with engine.connect() as conn:
            await conn.execute(text("SELECT 1"))
    except Exception as exc:
        return exc
    finally:
        await engine.dispose()
    pytest.fail("expected the database to fail")


async def test_a_refused_database_connection_is_unavailable() -> None:
    port = free_port()  # nothing listens there
    url = f"postgresql+asyncpg://u:hunter2@127.0.0.1:{port}/db"
    exc = await _failure(url)
    assert is_database_unavailable(exc)
    line = describe_database_error(exc, url)
    assert line == (
        f"cannot reach the database db at 127.0.0.1:{port}: connection refused "
        "(is the server running?)"
    )


def test_a_refused_mail_server_is_not_a_database_problem() -> None:
    # aiosmtplib's connection errors are OSErrors too; only the database stack's count.
    def connect_to_smtp() -> None:
        raise ConnectionRefusedError(111, "Connect call failed")

    with pytest.raises(ConnectionRefusedError) as info:
        connect_to_smtp()
    assert not is_database_unavailable(info.value)
    assert not is_database_unavailable(ValueError("a bug"))


async def test_sqlite_files_that_cannot_be_used(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not SQLite" * 512)
    url = f"sqlite+aiosqlite:///{junk}"
    exc = await _failure(url)
    assert describe_database_error(exc, url) == (
        f"the SQLite database {junk} is not a SQLite database file"
    )
    locked = sqlite3.OperationalError("database is locked")
    assert is_database_unavailable(locked)


async def test_a_connection_pool_with_none_free_is_unavailable(tmp_path: Path) -> None:
    # Under load every pooled connection can be busy past pool_timeout: that is a 503 with
    # Retry-After (the request did nothing), not a 500 with a traceback.
    engine = create_engine(
        f"sqlite+aiosqlite:///{tmp_path / 'pool.db'}",
        pool_size=1,
        max_overflow=0,
        pool_timeout=0.01,
    )
    try:
        async with engine.connect():
            with pytest.raises(SQLAlchemyTimeout) as info:
                async with engine.connect():
                    pass
    finally:
        await engine.dispose()
    assert is_database_unavailable(info.value)


def test_bugs_keep_their_traceback() -> None:
    assert describe_database_error(KeyError("x"), "sqlite+aiosqlite:///x.db") is None
