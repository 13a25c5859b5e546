"""Make a burst of requests really overlap on PostgreSQL, without sleeps.

`asyncio.gather` starts requests together, but each one reads and writes in a few
milliseconds: on PostgreSQL most of a burst may run one after another and a missing lock go
unnoticed. A gate holds a lock from a connection of its own, the requests queue behind it at
their first touch of that table (or row), and when every request still running is waiting on
a lock (pg_stat_activity says so) the gate opens: all of them then go on from the same state,
which is the worst case a missing lock has to survive. With the right locks in place the
requests queue on those instead, and the gate opens all the same.

SQLite serialises writers, so there the gate does nothing and the burst runs as it is.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from sqlalchemy.engine import make_url

from tests.conftest import app_state

# A gate that never opens is a test failure, not a hang (the queueing itself is instant).
GATE_DEADLINE_S = 60.0
# PostgreSQL connections of the app (ServerSettings.db_pool_size + db_max_overflow): a burst
# larger than this queues in the pool, where the gate cannot see it.
MAX_BURST = 15


class Gate:
    def __init__(self, conn: Any | None) -> None:
        self._conn = conn
        self.opened = False

    @property
    def active(self) -> bool:
        """True on PostgreSQL (where the gate holds something)."""
        return self._conn is not None

    async def waiting(self) -> int:
        """Backends of this database waiting on a lock (the gate's own never waits)."""
        assert self._conn is not None
        # pg_stat_activity is read once per transaction unless the snapshot is cleared.
        await self._conn.execute("SELECT pg_stat_clear_snapshot()")
        count: int = await self._conn.fetchval(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return count

    async def queued(self, n: int) -> None:
        """Wait until `n` backends wait on a lock (to order a burst: this one first)."""
        await self._wait(lambda: n)

    async def open_when_queued(self, tasks: Sequence[asyncio.Task[Any]]) -> None:
        """Open once every task not yet finished waits on a lock (a task that finished
        never needed the gated table: it does not count)."""
        assert len(tasks) <= MAX_BURST, "more requests than the app has connections"
        await self._wait(lambda: sum(not t.done() for t in tasks))
        if self._conn is not None:
            await self._conn.execute("COMMIT")
            self.opened = True

    async def _wait(self, target: Callable[[], int]) -> None:
        if self._conn is None:
            return
        loop = asyncio.get_running_loop()
        deadline = loop.time() + GATE_DEADLINE_S
        while await self.waiting() < target():
            if loop.time() > deadline:
                raise AssertionError(
                    f"the burst never queued behind the gate ({target()} requests)"
                )
            await asyncio.sleep(0.005)  # polling a condition: the requests run meanwhile

    async def execute(self, sql: str, *args: Any) -> Any:
        """Run SQL in the gate's transaction (before it opens)."""
        assert self._conn is not None and not self.opened
        return await self._conn.execute(sql, *args)


@asynccontextmanager
async def gate(app: FastAPI, lock_sql: str) -> AsyncIterator[Gate]:
    """On PostgreSQL, run `lock_sql` (e.g. `LOCK TABLE t IN ACCESS EXCLUSIVE MODE`, or a
    `SELECT … FOR UPDATE`) in a transaction held until `open_when_queued`."""
    url = make_url(str(app_state(app).engine.url.render_as_string(hide_password=False)))
    if url.get_backend_name() != "postgresql":
        yield Gate(None)
        return
    import asyncpg

    conn = await asyncpg.connect(
        host=url.host,
        port=url.port,
        user=url.username,
        password=url.password,
        database=url.database,
    )
    try:
        await conn.execute("BEGIN")
        await conn.execute(lock_sql)
        held = Gate(conn)
        yield held
        if not held.opened:
            await conn.execute("ROLLBACK")
    finally:
        await conn.close()


def lock_table(table: str) -> str:
    return f'LOCK TABLE "{table}" IN ACCESS EXCLUSIVE MODE'
