"""Helpers shared by the benchmarks: a reusable, migrated demo database under bench/.data/."""

from __future__ import annotations

import asyncio
import json
import time
from datetime import date
from pathlib import Path
from typing import Any

from server.clock import SystemClock
from server.db.engine import create_engine
from server.db.migrate import upgrade_to_head
from server.jobs.demo.generate import load_sqlite
from server.jst import today_jst

DATA_DIR = Path(__file__).resolve().parent / ".data"


async def _migrate(url: str) -> None:
    engine = create_engine(url)
    try:
        await upgrade_to_head(engine)
    finally:
        await engine.dispose()


def ensure_jobs_database(
    n: int, seed: int = 1, today: date | None = None
) -> tuple[Path, dict[str, Any]]:
    """Build (or reuse) bench/.data/jobs-{n}.db; returns its path and how it was built."""
    DATA_DIR.mkdir(exist_ok=True)
    path = DATA_DIR / f"jobs-{n}.db"
    meta_path = path.with_suffix(".json")
    if path.exists() and meta_path.exists():
        return path, json.loads(meta_path.read_text())
    for p in (path, meta_path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        p.unlink(missing_ok=True)
    t0 = time.perf_counter()
    asyncio.run(_migrate(f"sqlite+aiosqlite:///{path}"))
    report = load_sqlite(str(path), n, seed=seed, today=today, progress=True)
    meta = {
        "postings": report.postings,
        "indexed": report.indexed,
        "seconds_total": round(time.perf_counter() - t0, 1),
        "seconds_generate_insert": round(report.seconds_generate_insert, 1),
        "seconds_btree_indexes": round(report.seconds_indexes, 1),
        "seconds_fts_merge_analyze": round(report.seconds_merge, 1),
        "built_on": (today or today_jst(SystemClock().now())).isoformat(),
        "size_mb": round(path.stat().st_size / 1e6),
    }
    meta_path.write_text(json.dumps(meta))
    return path, meta


if __name__ == "__main__":
    import sys

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    built, how = ensure_jobs_database(n)
    print(json.dumps({"path": str(built), "meta": how}))
