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

One search sees one state. It takes the process's current `View` (a generation and a log
position; views are never changed, a newer one replaces them) and every statement it reads
lists, log or rows with also returns the generation it saw: when a rebuild committed in the
middle of a search (READ COMMITTED: each statement sees the newest commit), the search starts
again on the new lists instead of mixing some of each (`Stale`).
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
    "SELECT s.generation, l.token FROM job_search_state s LEFT JOIN job_search_lists l"
    " ON l.token LIKE '#d%' OR l.token LIKE 'xd%' OR l.token LIKE '#r%'"
)


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
RETRIES = 5  # a search restarted this often because rebuilds kept committing under it


class Stale(Exception):
    """The lists changed generation while a search read them: it starts again."""


@dataclass
class Generation:
    """The lists of one build as far as this process has read them. Immutable once read:
    a search holding an older `Generation` keeps reading consistent bitmaps."""

    number: int
    names: frozenset[str] = frozenset()  # day, deadline and line tokens of the build
    lines: tuple[str, ...] = ()  # the line tokens of the build
    built: OrderedDict[str, BitMap] = field(default_factory=OrderedDict)  # LRU
    sizes: dict[str, int] = field(default_factory=dict)
    built_bytes: int = 0
    by_prefix: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def named(self, prefix: str) -> tuple[str, ...]:
        """The build's names that start with `prefix`, sorted. Worked out once per prefix:
        every search asks for the day tokens (and a page in deadline order for the deadline
        tokens), and scanning the tens of thousands of line tokens for them each time was a
        third of a search's CPU at a million postings."""
        found = self.by_prefix.get(prefix)
        if found is None:
            found = tuple(sorted(t for t in self.names if t.startswith(prefix)))
            self.by_prefix[prefix] = found
        return found

    def keep(self, token: str, bm: BitMap, size: int) -> None:
        if token in self.sizes:
            return
        self.built[token] = bm
        self.sizes[token] = size
        self.built_bytes += size
        while self.built_bytes > CACHE_BYTES and len(self.built) > 1:
            old, _ = self.built.popitem(last=False)
            self.built_bytes -= self.sizes.pop(old)


@dataclass(frozen=True)
class View:
    """What one search sees: one generation's lists and the changes up to log entry `seq`.
    Never changed after it is made (apply makes a new one), so a search that holds it sees
    one consistent state however other searches of the process move on meanwhile."""

    gen: Generation
    seq: int
    touched: BitMap = field(default_factory=BitMap)
    overlay: dict[str, BitMap] = field(default_factory=dict)
    derived: dict[Any, BitMap] = field(default_factory=dict)  # cached results of this view

    def lines_with(self, text: str) -> list[str]:
        """The line tokens whose line contains `text`."""
        found = [t for t in self.gen.lines if text in t]
        found += [t for t, bm in self.overlay.items() if t.startswith(LINE) and text in t and bm]
        return found

    def tokens_named(self, prefix: str) -> list[str]:
        """The tokens starting with `prefix` that some posting carries, sorted."""
        built = self.gen.named(prefix)
        extra = {t for t, bm in self.overlay.items() if t.startswith(prefix) and bm}
        return sorted(extra.union(built)) if extra else list(built)


class IndexCache:
    """One process's view of the posting lists (module docstring): the newest `View`."""

    def __init__(self) -> None:
        self.view = View(Generation(-1), 0)
        # The tokens each overlaid posting was added under (to take it out again).
        self._overlay_tokens: dict[int, tuple[str, ...]] = {}

    @property
    def generation(self) -> int:
        return self.view.gen.number

    @property
    def seq(self) -> int:
        return self.view.seq

    def reset(self, generation: int, seq: int, names: frozenset[str]) -> None:
        lines = tuple(t for t in names if t.startswith(LINE))
        self.view = View(Generation(generation, names, lines), seq)
        self._overlay_tokens = {}

    def apply(self, upto: int, ids: Sequence[int], rows: Sequence[Any]) -> None:
        """Postings `ids` changed up to log entry `upto`; `rows`: their current rows."""
        old = self.view
        if upto <= old.seq:
            return  # another search of this process applied these (or newer) already
        overlay = dict(old.overlay)
        copied: set[str] = set()

        def mine(t: str) -> BitMap:
            if t not in copied:
                copied.add(t)
                overlay[t] = BitMap(overlay[t]) if t in overlay else BitMap()
            return overlay[t]

        for i in ids:
            for t in self._overlay_tokens.pop(i, ()):
                mine(t).discard(i)
        for posting_id, key, tokens, body in rows:
            have = (*tokens, *line_tokens(body), day_token(key))
            self._overlay_tokens[posting_id] = have
            for t in have:
                mine(t).add(posting_id)
        self.view = View(old.gen, upto, old.touched | BitMap(ids), overlay)


_CACHES: dict[str, IndexCache] = {}


def cache_for(db: AsyncSession) -> IndexCache:
    """This process's cache of the database `db` is bound to."""
    url = db.get_bind().engine.url.render_as_string(hide_password=True)
    return _CACHES.setdefault(url, IndexCache())


# Every read below also returns the generation it saw, in the same statement (one
# snapshot): a rebuild committing in the middle of a search is noticed, never mixed in.
_TOUCHED = (
    "SELECT (SELECT generation FROM job_search_state), ARRAY(SELECT DISTINCT id FROM job_search_log"
    " WHERE seq > :seq AND seq <= :upto)"
)
_ROWS = (
    "SELECT s.generation, r.id, r.key, r.tokens, r.body FROM job_search_state s"
    " LEFT JOIN job_search r ON r.id = ANY(CAST(:ids AS integer[]))"
)
_LISTS = (
    "SELECT s.generation, l.token, l.ids FROM job_search_state s"
    " LEFT JOIN job_search_lists l ON l.token = ANY(CAST(:tokens AS text[]))"
)


def _seen(rows: Sequence[Any]) -> int:
    """The generation a statement of the form `… FROM job_search_state s LEFT JOIN …` saw
    (0 with no state row, as `_STATE` reads it)."""
    return int(rows[0][0]) if rows else 0


class Lists:
    """The posting lists as one search sees them: one `View`, taken by `refresh`."""

    def __init__(self, db: AsyncSession, cache: IndexCache | None = None) -> None:
        self.db = db
        self.cache = cache if cache is not None else cache_for(db)
        self.view = self.cache.view

    def _check(self, generation: int | None) -> None:
        """A statement saw `generation`: it must be the one of this search's view."""
        if generation != self.view.gen.number:
            raise Stale

    async def refresh(self) -> None:
        """Bring the process's cache up to the database's newest state and take its view
        for this search. Raises Stale when a rebuild commits meanwhile."""
        c = self.cache
        generation, base_seq, newest = (await self.db.execute(text(_STATE))).one()
        if generation != c.generation:
            named = (await self.db.execute(text(_NAMES))).all()
            if _seen(named) != generation:
                raise Stale
            c.reset(generation, base_seq, frozenset(t for _, t in named if t is not None))
        self.view = view = c.view
        self._check(generation)
        if newest is not None and newest > view.seq:
            now, ids = (
                await self.db.execute(text(_TOUCHED), {"seq": view.seq, "upto": newest})
            ).one()
            self._check(now)
            rows: list[Any] = []
            if ids:
                found = (await self.db.execute(text(_ROWS), {"ids": list(ids)})).all()
                self._check(_seen(found))
                rows = [r[1:] for r in found if r[1] is not None]
            if c.view.gen is view.gen:  # (else another search moved on to a new build)
                c.apply(newest, ids, rows)
            self.view = c.view
            self._check(generation)

    async def get(self, tokens: Iterable[str]) -> dict[str, BitMap]:
        """The current bitmap of each token (empty when no posting carries it)."""
        v = self.view
        gen = v.gen
        found: dict[str, BitMap] = {}
        missing = []
        for t in set(tokens):
            bm = gen.built.get(t)
            if bm is None:
                missing.append(t)
            else:
                found[t] = bm
                gen.built.move_to_end(t)
        if missing:
            rows = (await self.db.execute(text(_LISTS), {"tokens": missing})).all()
            self._check(_seen(rows))
            blobs = {t: bytes(b) for _, t, b in rows if t is not None}
            for t in missing:
                blob = blobs.get(t, b"")
                found[t] = BitMap.deserialize(blob) if blob else BitMap()
                gen.keep(t, found[t], len(blob))
        out = {}
        for t, bm in found.items():
            if v.touched:
                bm = bm - v.touched
            extra = v.overlay.get(t)
            out[t] = bm | extra if extra else bm
        return out

    async def one(self, token: str) -> BitMap:
        return (await self.get([token]))[token]

    def empty(self) -> BitMap:
        return _EMPTY


# --------------------------------------------------------------------------- warm-up

WARM_BATCH_BYTES = 8 * 1024 * 1024  # lists read per statement by the warm-up
_SIZES = "SELECT token, pg_column_size(ids) FROM job_search_lists ORDER BY token"


async def warm(db: AsyncSession, cache: IndexCache | None = None) -> int:
    """Read the lists of the current build into this process's cache, a batch at a time, so
    that no search pays for fetching them (the first search to need a token otherwise reads
    it: the cold 職業分類 + 産業分類 outlier of bench.search). Returns the lists read. Stops
    when the cache is nearly full or when the build changes under it (the searches then
    read what they need, as without a warm-up)."""
    lists = Lists(db, cache)
    try:
        await lists.refresh()
        sizes = (await db.execute(text(_SIZES))).all()
        budget = CACHE_BYTES * 3 // 4
        read = 0
        batch: list[str] = []
        batch_bytes = 0
        for token, size in sizes:
            if budget - size < 0:
                break
            budget -= size
            batch.append(token)
            batch_bytes += size
            if batch_bytes >= WARM_BATCH_BYTES:
                await lists.get(batch)
                await db.rollback()  # no transaction (nor its snapshot) held between batches
                read += len(batch)
                batch, batch_bytes = [], 0
        if batch:
            await lists.get(batch)
            read += len(batch)
    except Stale:
        pass
    await db.rollback()
    return read


# --------------------------------------------------------------------------- compaction

COMPACT_LOCK = LOG_LOCK + 1  # one compaction at a time
COMPACT_AT = 10_000  # log entries worth a compaction (the scheduled jobs' threshold)
_LOGGED = "SELECT max(seq), count(*) FROM job_search_log"
_LOGGED_IDS = "SELECT DISTINCT id FROM job_search_log WHERE seq <= :upto"
_CURRENT = "SELECT id, key, tokens, body FROM job_search WHERE id = ANY(CAST(:ids AS integer[]))"
_ALL_LISTS = "SELECT token, ids FROM job_search_lists ORDER BY token"
_UPDATE_LIST = "UPDATE job_search_lists SET ids = :ids WHERE token = :token"
_DELETE_LIST = "DELETE FROM job_search_lists WHERE token = :token"
_FOLDED = "DELETE FROM job_search_log WHERE seq <= :upto"
_NEW_BASE = f"UPDATE job_search_state SET generation = {NEW_GENERATION}, log_seq = :upto"  # noqa: S608


async def compact(db: AsyncSession, *, at_least: int = 1) -> int:
    """Fold the change log into the lists, so that neither the log nor any process's
    overlay grows without end between rebuilds. Returns the log entries folded (0 when
    fewer than `at_least` were there, or another compaction is running).

    The lists become `(built − changed) | current rows` for the postings logged up to the
    newest entry `upto`, the log up to `upto` is deleted, and a new generation starts from
    `upto` (processes drop their caches and read the lists again — a warm-up runs only at
    worker start; log entries after `upto` are applied on top as always). Writers of
    postings are blocked only while the changed lists are written: entries commit in seq
    order, so all up to `upto` are there when it is read, and rows read here that are newer
    than `upto` are applied again from their own entries later — the same answer. In the
    caller's session, committed here."""
    got = (await db.execute(text(f"SELECT pg_try_advisory_xact_lock({COMPACT_LOCK})"))).scalar()
    if not got:
        await db.rollback()
        return 0
    generation = (await db.execute(text(_STATE))).one()[0]
    upto, entries = (await db.execute(text(_LOGGED))).one()
    if upto is None or entries < at_least:
        await db.rollback()
        return 0
    ids = list((await db.execute(text(_LOGGED_IDS), {"upto": upto})).scalars().all())
    changed = BitMap(ids)
    now: dict[str, BitMap] = defaultdict(BitMap)
    for posting_id, key, tokens, body in (await db.execute(text(_CURRENT), {"ids": ids})).all():
        for t in (*tokens, *line_tokens(body), day_token(key)):
            now[t].add(posting_id)
    updates, deletes = [], []
    async for token, blob in await db.stream(text(_ALL_LISTS)):
        built = BitMap.deserialize(bytes(blob))
        if not built.intersect(changed) and token not in now:
            continue
        after = (built - changed) | now.pop(token, _EMPTY)
        if after:
            updates.append({"token": token, "ids": after.serialize()})
        else:
            deletes.append({"token": token})
    # Writers of postings wait from here to the commit (a moment), and a rebuild that
    # committed meanwhile wins: these lists were made from the build before it.
    await db.execute(text(LOCK))
    if (await db.execute(text(_STATE))).one()[0] != generation:
        await db.rollback()
        return 0
    if updates:
        await db.execute(text(_UPDATE_LIST), updates)
    if deletes:
        await db.execute(text(_DELETE_LIST), deletes)
    if now:
        await db.execute(text(INSERT_LIST), write_rows({t: b.serialize() for t, b in now.items()}))
    await db.execute(text(_FOLDED), {"upto": upto})
    await db.execute(text(_NEW_BASE), {"upto": upto})
    await db.commit()
    return int(entries)
