"""import-postings and export-postings on PostgreSQL: the same file format and the same
promises as on SQLite (round trip, updates not duplicates, bad rows by line and column,
nothing half-written)."""

from __future__ import annotations

import asyncio
import csv
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from server import admin
from server.jobs import importer
from server.jobs.demo.generate import load_sqlite
from server.jobs.search import index
from server.jobs.search.keys import search_key
from tests.api import jobs_data
from tests.conftest import PgCluster

pytestmark = pytest.mark.postgres

FIXTURE = Path(__file__).resolve().parent.parent / "data" / "postings.csv"


def _run(*argv: str) -> int:
    return admin.main(list(argv))


async def _fetch(url: str, sql: str) -> list[Any]:
    import asyncpg

    conn = await asyncpg.connect(url.replace("postgresql+asyncpg", "postgresql"))
    try:
        return list(await conn.fetch(sql))
    finally:
        await conn.close()


def _index_is_consistent(url: str) -> int:
    """Every open posting has its search row (key, 紹介期限日) and is counted on its days;
    nothing else is. Returns the number of postings."""
    postings = asyncio.run(
        _fetch(url, "SELECT id, received_on, expires_on, status FROM job_postings")
    )
    search = asyncio.run(_fetch(url, "SELECT id, key, expires_on FROM job_search"))
    days = asyncio.run(_fetch(url, "SELECT received_on, expires_on, open_count FROM job_open_days"))
    open_rows = [p for p in postings if p["status"] == "open"]
    assert {(s["id"], s["key"], s["expires_on"]) for s in search} == {
        (p["id"], search_key(p["received_on"], p["id"]), p["expires_on"]) for p in open_rows
    }
    per_days = Counter((p["received_on"], p["expires_on"]) for p in open_rows)
    assert {(d["received_on"], d["expires_on"]): d["open_count"] for d in days if d[2]} == per_days
    return len(postings)


@pytest.fixture
def pg_url(pg_cluster: PgCluster) -> str:
    return asyncio.run(pg_cluster.create_database())


@pytest.fixture
def exported(tmp_path: Path, _template_db: Path) -> Path:
    """400 demo postings exported from SQLite."""
    source = tmp_path / "s.db"
    shutil.copyfile(_template_db, source)
    load_sqlite(str(source), 400, seed=3, today=jobs_data.TODAY, workers=1)
    out = tmp_path / "one.csv"
    assert _run("export-postings", str(out), "--database-url", f"sqlite+aiosqlite:///{source}") == 0
    return out


def test_round_trip_and_reimport_on_postgres(exported: Path, pg_url: str, tmp_path: Path) -> None:
    # Into an empty database: migrated, then loaded.
    assert _run("import-postings", str(exported), "--database-url", pg_url, "--quiet") == 0
    out2 = tmp_path / "two.csv"
    assert _run("export-postings", str(out2), "--database-url", pg_url) == 0
    assert exported.read_bytes() == out2.read_bytes()
    n = _index_is_consistent(pg_url)
    assert n > 390
    # The same file again: every posting updated, none duplicated, the index still right.
    assert _run("import-postings", str(exported), "--database-url", pg_url, "--quiet") == 0
    assert _index_is_consistent(pg_url) == n
    out3 = tmp_path / "three.csv"
    assert _run("export-postings", str(out3), "--database-url", pg_url) == 0
    assert exported.read_bytes() == out3.read_bytes()


def test_bad_rows_on_postgres(
    tmp_path: Path, pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = list(csv.reader(FIXTURE.open(encoding="utf-8", newline="")))
    header = rows[0]
    bad_date, good = list(rows[2]), list(rows[4])
    bad_date[header.index("受付年月日")] = "2026年13月1日"
    good[header.index("求人番号")] = "13010-00004444"
    path = tmp_path / "mixed.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([header, bad_date, good])
    capsys.readouterr()
    assert _run("import-postings", str(path), "--database-url", pg_url) == 1
    captured = capsys.readouterr()
    assert "line 2, column 受付年月日: not a date" in captured.err
    assert "1 added, 0 updated, 1 refused" in captured.out
    assert _index_is_consistent(pg_url) == 1


def test_an_interrupted_import_on_postgres_leaves_whole_batches(
    exported: Path, pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importer, "BATCH", 100)
    real = index.entry
    calls = 0

    def failing(*args: Any) -> index.Entry:
        nonlocal calls
        calls += 1
        if calls == 150:  # in the middle of the second batch
            raise KeyboardInterrupt
        return real(*args)

    monkeypatch.setattr(index, "entry", failing)
    assert _run("import-postings", str(exported), "--database-url", pg_url, "--quiet") == 130
    assert _index_is_consistent(pg_url) == 100  # the first batch, whole
    monkeypatch.setattr(index, "entry", real)
    assert _run("import-postings", str(exported), "--database-url", pg_url, "--quiet") == 0
    assert _index_is_consistent(pg_url) > 390
