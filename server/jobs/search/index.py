"""Writing postings into the search index on either database, and rebuilding it.

An index entry is what one open posting puts into the index: its key (keys.py), the three
token columns (tokens.index_document), its dates, and on PostgreSQL its normalised text for
the LIKE recheck. Every write path — one posting at a time (store.py), the bulk loader, the
importer and the rebuild below — goes through the helpers here, so the index row, the early
deadline list and the counted tokens' days (SQLite, sqlite_extras.py) and the open-day counts
(open_days.py) always change together.

The index is derived data. `INDEX_VERSION` names the shape of its tokens; a database records
the version its index was built with (`job_index_state`), and `ensure_current` — run after
every migration to head — rebuilds the index when they differ. Change the version whenever
the tokens of a posting change (on either database: SQLite's regional and counted tokens are
part of its shape too).
"""

from __future__ import annotations

import logging
import sqlite3
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from sqlalchemy import Connection, text

from server.jobs.search import fts, open_days, pg, pg_lists
from server.jobs.search.keys import search_key
from server.jobs.search.sqlite_extras import counted_tokens, sqlite_facets
from server.jobs.search.tokens import as_date, index_document, is_early, search_body

log = logging.getLogger(__name__)

INDEX_VERSION = 5
_STATE = "SELECT version FROM job_index_state WHERE id = 1"
_NEXT_OPEN = "SELECT * FROM job_postings WHERE status = 'open' AND id > :last ORDER BY id LIMIT :n"


class Entry(NamedTuple):
    """(A named tuple: the importer's one writing process makes one a posting, and a frozen
    dataclass took 1.7 µs to make where a named tuple takes 0.3.)"""

    posting_id: int
    key: int
    received_on: str  # ISO
    expires_on: str  # ISO
    # The token columns; UTF-8 bytes only from the importer's workers (fts.Text), with
    # sqlite_f and counted given.
    g: fts.Text
    u: fts.Text
    f: fts.Text
    early: bool
    # sqlite_facets(f) and counted_tokens(u, f) when computed already (the importer's workers)
    sqlite_f: fts.Text | None = None
    counted: list[str] | None = None

    @property
    def fts_row(self) -> tuple[int, fts.Text, fts.Text, fts.Text]:
        """The SQLite index row: the facet column with its regional copies (a function of
        `f`, so deleting writes the very values inserting did)."""
        return (self.key, self.g, self.u, self.sqlite_f or sqlite_facets(_str(self.f)))

    @property
    def counted_tokens(self) -> list[str]:
        if self.counted is None:
            return counted_tokens(_str(self.u), _str(self.f))
        return self.counted


def _str(value: fts.Text) -> str:
    return value if isinstance(value, str) else value.decode()


def entry(
    row: Mapping[str, Any], posting_id: int, doc: tuple[str, str, str] | None = None
) -> Entry:
    """The index entry of a posting row (column values; dates as dates or ISO text).

    `doc` is the row's index document when it was computed already (in a worker process)."""
    received, expires = as_date(row["received_on"]), as_date(row["expires_on"])
    g, u, f = doc if doc is not None else index_document(row)
    return Entry(
        posting_id,
        search_key(received, posting_id),
        received.isoformat(),
        expires.isoformat(),
        g,
        u,
        f,
        is_early(received, expires),
    )


def day_changes(entries: Iterable[Entry], sign: int = 1) -> list[tuple[str, str, int]]:
    """`open_days.BUMP_DAYS` rows for adding (sign 1) or removing (-1) these entries."""
    days = Counter((e.received_on, e.expires_on) for e in entries)
    return [(r, x, sign * n) for (r, x), n in days.items()]


def token_day_changes(entries: Iterable[Entry], sign: int = 1) -> list[tuple[str, str, str, int]]:
    """`fts.BUMP_TERM_DAYS` rows for adding (sign 1) or removing (-1) these entries."""
    # The tokens grouped by day first, then counted per day: no tuple per token (the
    # importer's one writing process counts some 450,000 tokens per 100,000 postings).
    days: dict[tuple[str, str], list[str]] = {}
    for e in entries:
        if tokens := e.counted_tokens:
            days.setdefault((e.received_on, e.expires_on), []).extend(tokens)
    return [
        (t, r, x, sign * n) for (r, x), tokens in days.items() for t, n in Counter(tokens).items()
    ]


def pg_record(e: Entry, row: Mapping[str, Any]) -> dict[str, Any]:
    """The `job_search` row of an entry (`row`: the posting's columns)."""
    return {
        "id": e.posting_id,
        "key": e.key,
        "expires_on": as_date(e.expires_on),
        "tokens": pg.document_tokens(_str(e.g), _str(e.u), _str(e.f)),
        "body": row.get("_body") or search_body(row),
    }


def pg_row(e: Entry, row: Mapping[str, Any]) -> tuple[Any, ...]:
    """The same `job_search` row for COPY (pg.STAGE_COLUMNS): the tokens as one
    space-separated text, which PostgreSQL splits far faster than a driver encodes arrays."""
    r = pg_record(e, row)
    return (r["id"], r["key"], r["expires_on"], " ".join(r["tokens"]), r["body"])


# --------------------------------------------------------------------------- SQLite


def sqlite_insert(conn: sqlite3.Connection, entries: list[Entry]) -> None:
    """Index rows, early deadlines and counted tokens' days of new entries (the caller bumps
    the open-day counts)."""
    conn.executemany(fts.INSERT_FTS, [e.fts_row for e in entries])
    conn.executemany(fts.INSERT_EARLY, [(e.key, e.expires_on) for e in entries if e.early])
    conn.executemany(fts.BUMP_TERM_DAYS, token_day_changes(entries))


def sqlite_delete(conn: sqlite3.Connection, entries: list[Entry]) -> None:
    conn.executemany(fts.DELETE_FTS, [e.fts_row for e in entries])
    conn.executemany(fts.DELETE_EARLY, [(e.key,) for e in entries if e.early])
    conn.executemany(fts.BUMP_TERM_DAYS, token_day_changes(entries, -1))


def sqlite_recreate(conn: sqlite3.Connection) -> None:
    """An empty index (FTS table, early deadlines, counted tokens' days), ready for a bulk
    load."""
    for sql in (fts.DROP_FTS, fts.CREATE_FTS, fts.DROP_EARLY, fts.CREATE_EARLY):
        conn.execute(sql)
    conn.execute(fts.DROP_TERM_DAYS)
    conn.execute(fts.CREATE_TERM_DAYS)


def sqlite_stamp(conn: sqlite3.Connection) -> None:
    conn.execute(
        "INSERT INTO job_index_state (id, version) VALUES (1, ?)"
        " ON CONFLICT (id) DO UPDATE SET version = excluded.version",
        (INDEX_VERSION,),
    )


# --------------------------------------------------------------------------- rebuild


def _stamp(connection: Connection) -> None:
    connection.execute(text("DELETE FROM job_index_state"))
    connection.execute(
        text("INSERT INTO job_index_state (id, version) VALUES (1, :v)"), {"v": INDEX_VERSION}
    )


def ensure_current(connection: Connection) -> bool:
    """Rebuild the index if it was built for other tokens; True when it did."""
    if connection.dialect.name == "sqlite":  # a new database's, or one of before version 5
        connection.execute(text(fts.CREATE_TERM_DAYS))
    version = connection.execute(text(_STATE)).scalar()
    if version == INDEX_VERSION:
        return False
    postings = connection.execute(text("SELECT count(*) FROM job_postings")).scalar_one()
    if postings:
        log.warning("rebuilding the search index of %d postings (new index version)", postings)
        rebuild(connection)
    _stamp(connection)
    return bool(postings)


def rebuild(connection: Connection, batch: int = 2_000) -> None:
    """Index every open posting afresh and recount the open days, in the caller's
    transaction."""
    dialect = connection.dialect.name
    if dialect == "sqlite":
        # Merged once at the end, like a bulk load: faster, and queries then read one segment.
        for sql in (fts.DROP_FTS, fts.CREATE_FTS, fts.AUTOMERGE_OFF, fts.DROP_EARLY):
            connection.execute(text(sql))
        for sql in (fts.CREATE_EARLY, fts.DROP_TERM_DAYS, fts.CREATE_TERM_DAYS):
            connection.execute(text(sql))
    else:
        connection.execute(text(pg_lists.LOCK))
        connection.execute(text(pg_lists.TRIGGERS_OFF))
        connection.execute(text("DELETE FROM job_search"))
    lists = pg_lists.ListBuilder()
    token_days: Counter[tuple[str, str, str]] = Counter()
    last = 0
    while True:
        result = connection.execute(text(_NEXT_OPEN), {"last": last, "n": batch})
        chunk = [dict(r) for r in result.mappings()]
        if not chunk:
            break
        last = chunk[-1]["id"]
        entries = [(entry(r, r["id"]), r) for r in chunk]
        if dialect == "sqlite":
            connection.execute(
                text(fts.INSERT_FTS_NAMED),
                [dict(zip(("key", "g", "u", "f"), e.fts_row, strict=True)) for e, _ in entries],
            )
            for t, r, x, n in token_day_changes(e for e, _ in entries):
                token_days[t, r, x] += n
            early = [{"key": e.key, "expires_on": e.expires_on} for e, _ in entries if e.early]
            if early:
                connection.execute(text(fts.INSERT_EARLY_NAMED), early)
        else:
            records = [pg_record(e, r) for e, r in entries]
            connection.execute(text(pg.INSERT), records)
            for rec in records:
                lists.add(rec["id"], rec["key"], rec["tokens"], rec["body"])
    if dialect == "sqlite":
        if token_days:
            connection.execute(
                text(fts.BUMP_TERM_DAYS_NAMED),
                [
                    {"token": t, "received_on": r, "expires_on": x, "n": n}
                    for (t, r, x), n in token_days.items()
                ],
            )
        connection.execute(text(fts.OPTIMIZE_FTS))
        connection.execute(text(fts.AUTOMERGE_ON))
    else:
        for sql in pg_lists.CLEAR:
            connection.execute(text(sql))
        rows = pg_lists.write_rows(lists.serialised())
        if rows:
            connection.execute(text(pg_lists.INSERT_LIST), rows)
        connection.execute(text(pg_lists.STAMP))
        connection.execute(text(pg_lists.TRIGGERS_ON))
    connection.execute(text(open_days.CLEAR))
    connection.execute(text(open_days.REBUILD))
