"""The SQLite database and its WAL, shared-memory and journal files are private (0600), and a
folder created for them is 0700, wherever --database-url points."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from server.app import create_app
from server.db.engine import prepare_sqlite_dir
from tests.api.flows import sign_in
from tests.conftest import Outbox, SettableClock, make_settings, new_api, seed_account, started


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    """A permissive umask (022, as on many systems): files default to world-readable."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


@pytest.mark.usefixtures("open_umask")
async def test_a_new_database_in_an_open_folder_is_private(
    tmp_path: Path, outbox: Outbox, clock: SettableClock
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o777)
    shared.chmod(0o777)
    db = shared / "hw" / "hellowork.db"
    settings = make_settings(f"sqlite+aiosqlite:///{db}", outbox, tmp_path / "data")
    async for app in started(create_app(settings, clock=clock)):
        account = await seed_account(app)
        async with new_api(app) as api:
            await sign_in(api, outbox, account)  # writes: the WAL and shm files exist now
            assert {p.name for p in db.parent.iterdir()} >= {
                "hellowork.db",
                "hellowork.db-wal",
                "hellowork.db-shm",
            }
            for path in db.parent.iterdir():
                assert _mode(path) == 0o600, path.name
    assert _mode(db.parent) == 0o700
    assert _mode(shared) == 0o777  # a folder that was there is left as it was


@pytest.mark.usefixtures("open_umask")
def test_files_left_world_readable_are_narrowed(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    for suffix in ("", "-wal", "-shm", "-journal"):
        path = tmp_path / f"old.db{suffix}"
        path.write_bytes(b"")
        path.chmod(0o644)
    prepare_sqlite_dir(f"sqlite+aiosqlite:///{db}")
    assert sorted(_mode(p) for p in tmp_path.iterdir()) == [0o600] * 4
