"""PostgreSQL search: posting lists as compressed bitmaps, kept in the database and cached
in every server process.

Measured at 1,000,000 postings (README, "Going further"), PostgreSQL's own GIN index cannot
give an exact total fast: building the bitmap of 120,000–340,000 matching rows alone takes
0.1–0.3 s, and the count then visits every matching heap row. So the search answers from
posting lists held by the application instead: per token, the set of posting ids that carry
it as a Roaring bitmap (pyroaring). AND, OR, AND NOT and a count over a million ids take
microseconds to a few milliseconds, and a page in key order is read off per-day bitmaps.

Storage (migration 0013):

* `job_search_lists (token, ids)` — the serialised bitmap of every token, plus one per
  受付年月日 (`DAY` + day number: the key order, keys.py) — as of the last build;
* `job_search_state` — the build's `generation` and the `log_seq` it includes;
* `job_search_log (seq, id)` — every posting id whose `job_search` row was inserted or
  deleted since, written by statement triggers on `job_search`. The triggers take one
  transaction-level advisory lock first, so log entries commit in `seq` order: a reader that
  has seen `seq` n has seen every entry below it.

A server process caches the bitmaps it has read (`IndexCache`). Before each search it reads
the generation and the newest `seq`: a new generation drops the cache; new log entries mark
their ids as touched and re-read those ids' current `job_search` rows into a small overlay.
A token's bitmap is then `(built − touched) | overlay`, so postings added, changed or withdrawn
by the importer, staff or the loader are seen by every worker at its next search.
"""

from __future__ import annotations

from array import array
from collections import OrderedDict, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from pyroaring import BitMap
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

DAY = "#d"  # + day number: the postings received on that day (no other token holds "#")
LINE = "#r"  # + a line of `body` (a run, or a marked run of the 事業所名): who has that line
DEADLINE = "xd"  # tokens.deadline_token's prefix: the postings expiring on that day
# Advisory lock key serialising the writers of job_search_log (the triggers of migration
# 0013 take it too).
LOG_LOCK = 448680193895

TABLES = frozenset({"job_search_lists", "job_search_state", "job_search_log"})
# Bulk loads write job_search and the lists together: their rows need no log entries.
TRIGGERS_OFF = "ALTER TABLE job_search DISABLE TRIGGER USER"
TRIGGERS_ON = "ALTER TABLE job_search ENABLE TRIGGER USER"
LOCK = f"SELECT pg_advisory_xact_lock({LOG_LOCK})"
CLEAR = ("DELETE FROM job_search_lists", "DELETE FROM job_search_log")
INSERT_LIST = "INSERT INTO job_search_lists (token, ids) VALUES (:token, :ids)"
# A random generation: caches are per database URL, and a database dropped and created
# again under the same URL must not look like the build a cache holds.
NEW_GENERATION = "floor(random() * 1e15)::bigint"
STAMP = (
    "INSERT INTO job_search_state (id, generation, log_seq)"  # noqa: S608 (constants)
    f" SELECT 1, {NEW_GENERATION}, coalesce((SELECT max(seq) FROM job_search_log), 0)"
    " ON CONFLICT (id) DO UPDATE SET generation = excluded.generation,"
    " log_seq = excluded.log_seq"
)
_STATE = (
    "SELECT coalesce((SELECT generation FROM job_search_state), 0),"
    " coalesce((SELECT log_seq FROM job_search_state), 0),"
    " (SELECT max(seq) FROM job_search_log)"
)
_NAMES = (
    "SELECT token FROM job_search_lists"
    " WHERE token LIKE '#d%' OR token LIKE 'xd%' OR token LIKE '#r%'"
)
_LISTS = "SELECT token, ids FROM job_search_lists WHERE token = ANY(CAST(:tokens AS text[]))"
_TOUCHED = "SELECT DISTINCT id FROM job_search_log WHERE seq > :seq AND seq <= :upto"
_ROWS = "SELECT id, key, tokens, body FROM job_search WHERE id = ANY(CAST(:ids AS integer[]))"


def day_token(key: int) -> str:
    return f"{DAY}{key >> 32}"


def line_tokens(body: str) -> set[str]:
    """The distinct lines of a body as tokens. Postings share few distinct lines (about
    10,000 in 280,000 of a 2 % sample at 1,000,000 postings), so a word of 3+ characters
    that is no single token is matched exactly against the lines that contain it, with no
    posting text read at search time."""
    return {LINE + line for line in body.split("\n") if line}


class ListBuilder:
    """Collects posting lists while search rows are written (bulk load, rebuild)."""

    def __init__(self) -> None:
        self._ids: defaultdict[str, array[int]] = defaultdict(lambda: array("I"))

    def add(self, posting_id: int, key: int, tokens: Iterable[str], body: str) -> None:
        ids = self._ids
        for t in (*tokens, *line_tokens(body), day_token(key)):
            ids[t].append(posting_id)

    def serialised(self) -> dict[str, bytes]:
        return {t: BitMap(a).serialize() for t, a in self._ids.items()}


def merge(parts: Iterable[dict[str, bytes]]) -> dict[str, bytes]:
    """One serialised bitmap per token from the lists of several builders."""
    maps: dict[str, BitMap] = {}
    for part in parts:
        for token, blob in part.items():
            bm = BitMap.deserialize(blob)
            have = maps.get(token)
            if have is None:
                maps[token] = bm
            else:
                have |= bm
    return {t: bm.serialize() for t, bm in maps.items()}


def write_rows(lists: dict[str, bytes]) -> list[dict[str, Any]]:
    return [{"token": t, "ids": b} for t, b in lists.items()]


# --------------------------------------------------------------------------- the cache

_EMPTY = BitMap()
CACHE_BYTES = 512 * 1024 * 1024  # bitmaps read from the database, per process


@dataclass
class IndexCache:
    """One process's view of the posting lists (module docstring)."""

    generation: int = -1
    seq: int = 0
    built: OrderedDict[str, BitMap] = field(default_factory=OrderedDict)  # LRU
    built_bytes: int = 0
    sizes: dict[str, int] = field(default_factory=dict)
    names: frozenset[str] = frozenset()  # day, deadline and line tokens of the build
    lines: tuple[str, ...] = ()  # the line tokens of the build
    touched: BitMap = field(default_factory=BitMap)
    overlay: dict[str, BitMap] = field(default_factory=dict)
    overlay_tokens: dict[int, tuple[str, ...]] = field(default_factory=dict)
    derived: dict[Any, BitMap] = field(default_factory=dict)  # per (generation, seq)

    def reset(self, generation: int, seq: int, names: frozenset[str]) -> None:
        self.generation, self.seq, self.names = generation, seq, names
        self.lines = tuple(t for t in names if t.startswith(LINE))
        self.built.clear()
        self.sizes.clear()
        self.built_bytes = 0
        self.touched = BitMap()
        self.overlay.clear()
        self.overlay_tokens.clear()
        self.derived.clear()

    def apply(self, upto: int, ids: Sequence[int], rows: Sequence[Any]) -> None:
        """Postings `ids` changed up to log entry `upto`; `rows`: their current rows."""
        if upto <= self.seq:
            return  # another search of this process applied these (or newer) already
        self.touched |= BitMap(ids)
        for i in ids:
            for t in self.overlay_tokens.pop(i, ()):
                self.overlay[t].discard(i)
        for posting_id, key, tokens, body in rows:
            mine = (*tokens, *line_tokens(body), day_token(key))
            self.overlay_tokens[posting_id] = mine
            for t in mine:
                self.overlay.setdefault(t, BitMap()).add(posting_id)
        self.seq = upto
        self.derived.clear()

    def keep(self, token: str, bm: BitMap, size: int) -> None:
        self.built[token] = bm
        self.sizes[token] = size
        self.built_bytes += size
        while self.built_bytes > CACHE_BYTES and len(self.built) > 1:
            old, _ = self.built.popitem(last=False)
            self.built_bytes -= self.sizes.pop(old)

    def lines_with(self, text: str) -> list[str]:
        """The line tokens whose line contains `text`."""
        found = [t for t in self.lines if text in t]
        found += [t for t, bm in self.overlay.items() if t.startswith(LINE) and text in t and bm]
        return found

    def tokens_named(self, prefix: str) -> list[str]:
        have = {t for t in self.names if t.startswith(prefix)}
        have |= {t for t, bm in self.overlay.items() if t.startswith(prefix) and bm}
        return sorted(have)


_CACHES: dict[str, IndexCache] = {}


def cache_for(db: AsyncSession) -> IndexCache:
    """This process's cache of the database `db` is bound to."""
    url = db.get_bind().engine.url.render_as_string(hide_password=True)
    return _CACHES.setdefault(url, IndexCache())


class Lists:
    """The posting lists as one search sees them (refreshed from the database first)."""

    def __init__(self, db: AsyncSession, cache: IndexCache | None = None) -> None:
        self.db = db
        self.cache = cache if cache is not None else cache_for(db)

    async def refresh(self) -> None:
        c = self.cache
        generation, base_seq, newest = (await self.db.execute(text(_STATE))).one()
        if generation != c.generation:
            names = frozenset((await self.db.execute(text(_NAMES))).scalars().all())
            c.reset(generation, base_seq, names)
        seq = c.seq
        if newest is not None and newest > seq:
            ids = list(
                (await self.db.execute(text(_TOUCHED), {"seq": seq, "upto": newest}))
                .scalars()
                .all()
            )
            rows = (await self.db.execute(text(_ROWS), {"ids": ids})).all() if ids else []
            c.apply(newest, ids, rows)

    async def get(self, tokens: Iterable[str]) -> dict[str, BitMap]:
        """The current bitmap of each token (empty when no posting carries it)."""
        c = self.cache
        found: dict[str, BitMap] = {}
        missing = []
        for t in set(tokens):
            bm = c.built.get(t)
            if bm is None:
                missing.append(t)
            else:
                found[t] = bm
                c.built.move_to_end(t)
        if missing:
            rows = (await self.db.execute(text(_LISTS), {"tokens": missing})).all()
            blobs = {t: bytes(b) for t, b in rows}
            for t in missing:
                blob = blobs.get(t, b"")
                found[t] = BitMap.deserialize(blob) if blob else BitMap()
                c.keep(t, found[t], len(blob))
        out = {}
        for t, bm in found.items():
            if c.touched:
                bm = bm - c.touched
            extra = c.overlay.get(t)
            out[t] = bm | extra if extra else bm
        return out

    async def one(self, token: str) -> BitMap:
        return (await self.get([token]))[token]

    def empty(self) -> BitMap:
        return _EMPTY
