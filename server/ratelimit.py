"""Throttles kept in the database, so they hold across restarts and across worker processes.

Each throttled thing (a client address for one kind of request, or the target of a secret:
an e-mail address, a login attempt, an account) has one row, keyed by an HMAC of the
throttle's name and the subject (no address or e-mail is stored in clear). The row counts
the hits of the current fixed window and keeps the count of the window before; the estimate
of a sliding window is

    previous × (part of the window still to run) + current

(the "sliding window counter"), so a burst at a window's edge cannot get twice the limit.
Every hit is counted, refused ones too: someone who keeps guessing stays refused.

One INSERT … ON CONFLICT DO UPDATE … RETURNING counts a hit, atomic on both backends: on
PostgreSQL concurrent hits of one key queue on the row and each sees the others' counts.
The count commits in a transaction of its own, before the request does its work, so a
request that fails afterwards has still been counted. The scheduled job deletes rows whose
windows have passed (`purge_expired`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, bindparam, case, delete
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from server.db.engine import SQLITE_IMMEDIATE
from server.ratelimit_models import RateLimitRow
from server.security import hmac_hex


@dataclass(frozen=True)
class Limit:
    """At most `limit` hits per `window` for one subject of the throttle called `name`."""

    name: str
    limit: int
    window: timedelta


def retry_after(limit: Limit, hits: int, previous: int, elapsed: float) -> int:
    """Seconds until one more hit would be allowed (if no other hits come meanwhile): the
    estimate before that hit must have fallen to limit - 1."""
    w = limit.window.total_seconds()
    room = limit.limit - 1
    if hits > room:
        # Only in the next window, once enough of this one's weight has slid out.
        wait = (w - elapsed) + w * (1 - room / hits)
    else:
        # Later in this window, once enough of the previous one's weight has slid out.
        wait = w * (1 - (room - hits) / previous) - elapsed
    return max(1, math.ceil(wait))


def _count_statement(dialect: str) -> Any:
    """The counting upsert of `hit`, built once per backend with its values as parameters
    (`key`, `index`, `expires`): building it anew for every hit — its CASEs, its values,
    its ON CONFLICT clause — was half of the event loop's CPU for an OTP check (two hits)
    and a sixth of a login's."""
    table = cast(Table, RateLimitRow.__table__)
    c = table.c
    index = bindparam("index", type_=c.window_index.type)
    expires = bindparam("expires", type_=c.expires_at.type)
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    return (
        insert(table)
        .values(
            key=bindparam("rate_key", type_=c.key.type),
            window_index=index,
            hits=1,
            previous=0,
            expires_at=expires,
        )
        .on_conflict_do_update(
            index_elements=[c.key],
            set_={
                # Every expression reads the row as it was before this update.
                "previous": case(
                    (c.window_index == index, c.previous),
                    (c.window_index == index - 1, c.hits),
                    else_=0,
                ),
                "hits": case((c.window_index == index, c.hits + 1), else_=1),
                "window_index": index,
                "expires_at": expires,
            },
        )
        .returning(c.hits, c.previous)
    )


_COUNT_STATEMENTS = {name: _count_statement(name) for name in ("postgresql", "sqlite")}


async def hit(
    db: AsyncSession,
    secret: bytes,
    limit: Limit,
    subject: str,
    now: datetime,
    *,
    commit: bool = True,
) -> int | None:
    """Count one hit of `subject`. None if allowed, else seconds to wait (Retry-After).

    Commits: call it before the request's own work, with nothing pending in `db`. With
    `commit=False` the count joins the session's transaction instead, and the caller commits
    it before the work it guards (fewer round trips and commits on the sign-in path)."""
    seconds = limit.window.total_seconds()
    stamp = now.timestamp()
    index = int(stamp // seconds)
    elapsed = stamp - index * seconds
    expires = datetime.fromtimestamp((index + 2) * seconds, UTC)
    dialect = db.get_bind().dialect.name
    stmt = _COUNT_STATEMENTS["postgresql" if dialect == "postgresql" else "sqlite"]
    values = {
        "rate_key": hmac_hex(secret, "rate", limit.name, subject),
        "index": index,
        "expires": expires,
    }
    if commit:
        await db.commit()  # end whatever the request read so far; the count is its own write
    if not db.in_transaction():
        await db.connection(execution_options={SQLITE_IMMEDIATE: True})
    hits, previous = (await db.execute(stmt, values)).one()
    if commit:
        await db.commit()
    estimate = previous * (1 - elapsed / seconds) + hits
    if estimate <= limit.limit:
        return None
    return retry_after(limit, hits, previous, elapsed)


async def purge_expired(db: AsyncSession, now: datetime) -> int:
    """Delete the rows whose windows are over (they count nothing any more)."""
    result = await db.execute(delete(RateLimitRow).where(RateLimitRow.expires_at <= now))
    await db.commit()
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
