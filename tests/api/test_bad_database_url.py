"""A database the command cannot use gets one clear line naming the problem and a non-zero
exit status, never a traceback, and never the password of the URL — for `serve`, `admin …`
and `demo-data`, against a real PostgreSQL cluster that wants a password."""

from __future__ import annotations

import asyncio
import contextlib
import io
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import FAULT_CLUSTER_PASSWORD, TEST_SECRET, PgCluster, free_port

pytestmark = pytest.mark.postgres

ROOT = Path(__file__).resolve().parents[2]
RUN_CLI = "import sys; from tui.cli import main; sys.exit(main())"


_IN_PROCESS = threading.Lock()  # one at a time: they share sys.stdout and os.environ


async def _hellowork(*argv: str, data_dir: Path) -> tuple[int, str]:
    """Run the console entry; (exit status, stdout+stderr). `serve` runs in a process of its
    own (it configures logging); the others in this one (no interpreter start-up to pay)."""
    env = {"HELLOWORK_SECRET_KEY": TEST_SECRET, "HELLOWORK_HOME": str(data_dir)}
    if argv[0] != "serve":
        return await asyncio.to_thread(_in_process, list(argv), env)
    base = {k: v for k, v in os.environ.items() if not k.startswith("HELLOWORK_")}
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        RUN_CLI,
        *argv,
        cwd=ROOT,
        env=base | env,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    out, _ = await proc.communicate()
    assert proc.returncode is not None
    return proc.returncode, out.decode()


def _in_process(argv: list[str], env: dict[str, str]) -> tuple[int, str]:
    from tui.cli import main

    with _IN_PROCESS:
        return _run_here(main, argv, env)


def _run_here(
    main: Callable[[list[str]], int], argv: list[str], env: dict[str, str]
) -> tuple[int, str]:
    saved = {k: v for k, v in os.environ.items() if k.startswith("HELLOWORK_")}
    for key in saved:
        del os.environ[key]
    os.environ.update(env)
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            try:
                rc = main(argv)
            except SystemExit as exc:  # argparse
                rc = int(exc.code or 0)
    finally:
        for key in env:
            del os.environ[key]
        os.environ.update(saved)
    return rc, out.getvalue()


def _one_clear_line(rc: int, out: str, command: str, *expected: str) -> None:
    assert rc != 0, out
    lines = [line for line in out.splitlines() if line.strip()]
    assert len(lines) == 1, out
    assert "Traceback" not in out
    assert FAULT_CLUSTER_PASSWORD not in out and "wrong-pw" not in out
    assert lines[0].startswith(f"hellowork {command}: "), out
    for word in expected:
        assert word in lines[0], out


def _with(url: str, *, user: str | None = None, password: str | None = None) -> str:
    head, rest = url.split("://", 1)
    _auth, where = rest.split("@", 1)
    return f"{head}://{user or 'postgres'}:{password or FAULT_CLUSTER_PASSWORD}@{where}"


async def test_unreachable_wrong_credentials_missing_and_unmigrated(
    fault_cluster: PgCluster, tmp_path: Path
) -> None:
    url = await fault_cluster.create_database()  # empty: no schema yet
    nowhere = _with(url).replace(f":{fault_cluster.port}/", f":{free_port()}/")
    wrong_password = _with(url, password="wrong-pw")
    missing = url.rsplit("/", 1)[0] + "/no_such_db"
    serve = ("serve", "--log-level", "warning", "--port", str(free_port()))
    cases = [
        (["serve", *serve[1:], "--database-url", nowhere], ["cannot reach", "refused"]),
        (["serve", *serve[1:], "--database-url", wrong_password], ["credentials", "postgres"]),
        (["serve", *serve[1:], "--database-url", missing], ["no_such_db", "does not exist"]),
        (
            ["serve", *serve[1:], "--no-migrate", "--database-url", url],
            ["no hellowork schema", "hellowork admin migrate"],
        ),
        (["serve", *serve[1:], "--database-url", url.replace("+asyncpg", "")], ["URL"]),
        (["admin", "migrate", "--database-url", nowhere], ["cannot reach"]),
        (
            ["admin", "record-contact", "--seeker-number", "13010-1", "--database-url", missing],
            ["does not exist"],
        ),
        (["admin", "run-scheduled", "--database-url", wrong_password], ["credentials"]),
        (
            [
                "admin",
                "create-seeker",
                "--database-url",
                nowhere,
                "--name",
                "求職 花子",
                "--seeker-number",
                "13010-12345678",
                "--birth-date",
                "1995-05-05",
                "--email",
                "hanako@example.jp",
            ],
            ["cannot reach"],
        ),
    ]
    results = await asyncio.gather(
        *(_hellowork(*argv, data_dir=tmp_path / f"home{i}") for i, (argv, _) in enumerate(cases))
    )
    for (argv, expected), (rc, out) in zip(cases, results, strict=True):
        _one_clear_line(rc, out, argv[0], *expected)
    # Nothing was created in the empty database by the refused commands.
    import asyncpg

    conn = await asyncpg.connect(url.replace("postgresql+asyncpg", "postgresql"))
    try:
        tables = await conn.fetch("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
    finally:
        await conn.close()
    assert tables == []


async def test_a_schema_from_a_newer_version(fault_cluster: PgCluster, tmp_path: Path) -> None:
    url = await fault_cluster.create_database()
    rc, out = await _hellowork("admin", "migrate", "--database-url", url, data_dir=tmp_path)
    assert rc == 0 and "migrated from empty" in out
    import asyncpg

    conn = await asyncpg.connect(url.replace("postgresql+asyncpg", "postgresql"))
    try:
        await conn.execute("UPDATE alembic_version SET version_num = '0999_newer'")
    finally:
        await conn.close()
    serve = ["serve", "--port", str(free_port()), "--log-level", "warning"]
    for argv in (serve, ["admin", "migrate"]):
        rc, out = await _hellowork(*argv, "--database-url", url, data_dir=tmp_path)
        _one_clear_line(rc, out, argv[0], "0999_newer", "upgrade hellowork")


async def test_sqlite_paths_that_cannot_work(tmp_path: Path) -> None:
    not_a_db = tmp_path / "notes.txt"
    not_a_db.write_text("not a database\n" * 100)
    under_a_file = f"sqlite+aiosqlite:///{not_a_db}/hellowork.db"
    cases = [
        (
            ["demo-data", "--jobs", "10", "--database-url", f"sqlite+aiosqlite:///{not_a_db}"],
            ["not a SQLite database"],
        ),
        (["demo-data", "--jobs", "10", "--database-url", under_a_file], ["is a file"]),
        (["admin", "migrate", "--database-url", under_a_file], ["is a file"]),
        (
            [
                "serve",
                "--log-level",
                "warning",
                "--database-url",
                f"sqlite+aiosqlite:///{not_a_db}",
            ],
            ["not a SQLite database"],
        ),
    ]
    results = await asyncio.gather(
        *(_hellowork(*argv, data_dir=tmp_path / f"h{i}") for i, (argv, _) in enumerate(cases))
    )
    for (argv, expected), (rc, out) in zip(cases, results, strict=True):
        _one_clear_line(rc, out, argv[0], *expected)
