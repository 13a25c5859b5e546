"""SQLite: the form's dense boxes answered from bitmaps of their posting lists, cached by each
server process, for searches that FTS5 can only answer by decoding long lists whole.

A search of nothing but the form's boxes, with no place to narrow them (hours + days off +
insurance: 土/日/祝 off, 週休二日, annual days off, the hour steps it excludes, the missing
insurance items — 1.5 to 2 million list entries at 1,000,000 postings), costs FTS5 40–110 ms
of CPU however the expression is written: its candidates come more often than one per 4 KB
page, so every list is decoded whole (sqlite_extras.py). The same set algebra over Roaring
bitmaps of posting ids (pyroaring, as PostgreSQL's pg_lists.py) takes about a millisecond.

Which searches: `eligible` — the plan is boxes only (no word, 事業所名, number, place or
code: those lists are short, or narrowed by the regional copies, and FTS5 answers them
well), in 受付年月日 order. Their tokens are the small vocabulary of the boxes, so a process
soon holds all of them.

The cache (`ListCache`, one per database file and process) holds, for one state of the
index, the ids of each token read so far and the ids received on each day (from the token
every posting carries: the key order, keys.py). The state is FTS5's structure record (row
10 of `job_fts_data`): every committed write to the index flushes a new segment and so
changes it (its write counter only grows), whoever wrote it — the server, the importer in
another process, a rebuild. A search reads it first; when it differs from the cache's, the
cache starts again empty.

A search whose lists are not all in the cache is answered by FTS5 as before, and asks for
them: a thread of the process reads the missing lists (each in one statement, its ids
joined as text by SQLite — no Python object per posting) in one read transaction that also
reads the structure record, so the lists it keeps belong to the state they are kept under.
Nobody waits for it. Expiry needs nothing: "still open" is the key floor (days) and the
day's `expired_token`, a token like the others.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
import threading
import time
from array import array
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from pyroaring import BitMap

from api_client.job_models import DayOff
from server.jobs.search.keys import KEY_DAY_SHIFT
from server.jobs.search.tokens import (
    ALL,
    ANNUAL_HOLIDAYS,
    BOOLEAN_FACETS,
    INSURANCE_TOKENS,
    MID_AFTERNOON,
    NOON,
    POSITIVE_FACETS,
    WAGE_MONTHLY,
    SearchPlan,
)

STATE = "SELECT block FROM job_fts_data WHERE id = 10"  # FTS5's structure record
# A token's posting ids as one text value, two characters an id: its low and high 16 bits,
# each + 0x10000 (a code point outside the surrogates). Decoding it is a few C calls
# (`_ids`), so the reader thread barely holds the GIL — a Python loop over the ids, or
# fetching a row each, would hold it for most of a second on a long list, and the searches
# of the process would wait for it.
_PACKED = "group_concat(char((rowid & 65535) + 65536, ((rowid >> 16) & 65535) + 65536), '')"
_IDS = f"SELECT {_PACKED} FROM job_fts WHERE job_fts MATCH :q"  # noqa: S608
# Every indexed posting's id by 受付年月日 (day number).
_DAYS = (
    f"SELECT rowid >> {KEY_DAY_SHIFT}, {_PACKED}"  # noqa: S608
    " FROM job_fts WHERE job_fts MATCH :q GROUP BY 1"
)
CACHE_BYTES = 256 * 1024 * 1024  # bitmaps per database and process (a dense list: ≈ 130 KB)
# Token prefixes FTS5 answers well (short lists, or regional copies): codes, places,
# licences, 事業所名 grams, deadlines. A plan with any of them is not answered here.
_NOT_HERE = ("cl", "dj", "dg", "in", "iv", "pf", "mu", "lc", "cn", "x")


def eligible(plan: SearchPlan) -> bool:
    """A plan of the form's boxes only (module docstring)."""
    if plan.not_words or plan.company or plan.job_numbers or plan.employer_number:
        return False
    if not plan.clauses and not plan.excluded:
        return False  # no condition: open_days answers it from a few rows
    return all(isinstance(t, str) and not t.startswith(_NOT_HERE) for t in plan_tokens(plan))


def plan_tokens(plan: SearchPlan) -> list[str | object]:
    out: list[str | object] = [a for c in plan.clauses for a in c]
    for tokens, unless in plan.excluded:
        out.extend(tokens)
        if unless is not None:
            out.append(unless)
    return out


# Boxes of few values, whose other values a seeker is likely to try next: asking for one
# reads them all (days off: 土 日 祝 and the weekdays; the missing insurance items; 週休二日).
_FAMILIES = (
    tuple(f"do{d.value}" for d in DayOff),
    tuple(INSURANCE_TOKENS.values()),
    ("fw2every", "fw2none"),
)


def companions(token: str) -> tuple[str, ...]:
    """The tokens read together with `token` (itself included)."""
    return next((f for f in _FAMILIES if token in f), (token,))


assert array("I").itemsize == 4


def _ids(packed: str | None) -> BitMap:
    """The ids of a `_PACKED` value."""
    if not packed:
        return BitMap()
    units = packed.encode("utf-32-le")  # 4 bytes a character: low16 (LE), 0x01, 0x00
    raw = bytearray(len(units) // 2)
    raw[0::2] = units[0::4]  # each id's bytes, low first: the two bytes of each half
    raw[1::2] = units[1::4]
    ids = array("I")
    ids.frombytes(bytes(raw))
    if sys.byteorder == "big":
        ids.byteswap()
    return BitMap(ids)


def _quote(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


@dataclass
class Lists:
    """The lists of one state of the index, as far as this process has read them. A bitmap
    is never changed once kept (searches may be reading it)."""

    state: bytes
    tokens: OrderedDict[str, BitMap] = field(default_factory=OrderedDict)  # LRU
    sizes: dict[str, int] = field(default_factory=dict)  # serialised bytes of each
    days: tuple[tuple[int, BitMap], ...] | None = None  # (day number, ids), newest first
    size: int = 0

    def keep(self, token: str, bm: BitMap, size: int) -> None:
        if token in self.tokens:
            return
        self.tokens[token] = bm
        self.sizes[token] = size
        self.size += size
        while self.size > CACHE_BYTES and len(self.tokens) > 1:
            old, _ = self.tokens.popitem(last=False)
            self.size -= self.sizes.pop(old)


@dataclass(frozen=True)
class Snapshot:
    """The bitmaps one search needs, taken together (the cache may drop them meanwhile)."""

    tokens: dict[str, BitMap]
    days: tuple[tuple[int, BitMap], ...]  # (day number, ids received that day), newest first

    def evaluate(self, plan: SearchPlan) -> BitMap:
        """The ids of the indexed postings that match an eligible plan (any 受付年月日)."""
        t = self.tokens

        def any_of(tokens: Sequence[object]) -> BitMap:
            maps = [t[str(a)] for a in tokens]
            return maps[0] if len(maps) == 1 else BitMap.union(*maps)

        clauses = sorted((any_of(c) for c in plan.clauses), key=len)
        if clauses:
            found = clauses[0] if len(clauses) == 1 else BitMap.intersection(*clauses)
        else:
            found = BitMap.union(BitMap(), *(ids for _, ids in self.days))
        for tokens, unless in plan.excluded:
            out = any_of(tokens)
            if unless is not None:
                out = out - t[unless]
            found = found - out
        return found

    def page(self, found: BitMap, since_day: int, offset: int, limit: int) -> tuple[int, list[int]]:
        """(how many of `found` were received on `since_day` or later, the ids of rows
        offset … offset+limit of them in key order, newest first)."""
        total = 0
        page: list[int] = []
        end = offset + limit
        for day, ids in self.days:
            if day < since_day:
                break
            n = found.intersection_cardinality(ids)
            if n and total < end and total + n > offset:
                hit = found & ids  # ascending: the page wants them from the top down
                lo, hi = max(offset - total, 0), min(end - total, n)
                page.extend(list(hit[n - hi : n - lo])[::-1])
            total += n
        return total, page


# How a search gets lists it lacks: "background" (a thread reads them, FTS5 answers
# meanwhile), "inline" (read before answering: tests use it so that the bitmaps answer every
# eligible search), "off" (never: FTS5 answers everything).
MODE = "background"
# After the index changed, how long it must stay unchanged before lists are read again: an
# import writes a batch every moment, and each write makes the lists read before useless.
SETTLE_SECONDS = 2.0
READER_NICE = 10  # the background reader's nice value
WARM_BATCH = 4  # lists read per transaction by the warm-up
WARM_MIN = 100_000  # postings in the index below which the warm-up is not worth its CPU


def _read(
    conn: sqlite3.Connection, wanted: Sequence[str], days: bool
) -> tuple[bytes, dict[str, BitMap], tuple[tuple[int, BitMap], ...] | None]:
    """(the index state, the lists of `wanted` and, if asked, the days), in one read
    transaction: the lists are those of that state."""
    conn.execute("BEGIN")
    try:
        row = conn.execute(STATE).fetchone()
        state = bytes(row[0]) if row else b""
        lists = {t: _ids(conn.execute(_IDS, {"q": _quote(t)}).fetchone()[0]) for t in wanted}
        by_day = None
        if days:
            rows = conn.execute(_DAYS, {"q": _quote(ALL)}).fetchall()
            by_day = tuple(sorted(((int(d), _ids(s)) for d, s in rows), reverse=True))
    finally:
        conn.execute("COMMIT")
    return state, lists, by_day


class ListCache:
    """One database file's lists in this process (module docstring)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.lists = Lists(b"")
        self._lock = threading.Lock()
        self._wanted: set[str] = set()  # asked for by searches: read first
        self._warm: list[str] = []  # the warm-up's (`warm`), read when nothing else is
        self._loader: threading.Thread | None = None
        self._changed_at = -SETTLE_SECONDS  # when the state last changed (monotonic)
        self.idle = threading.Event()  # set while no list is being read (tests wait on it)
        self.idle.set()

    def ready(self, state: bytes, tokens: Iterable[str]) -> Snapshot | None:
        """The bitmaps of `tokens` (and the days) in `state` when all are read, else None —
        and the missing ones are then read (MODE)."""
        if MODE == "off":
            return None
        tokens = set(tokens)
        for attempt in range(2):
            with self._lock:
                lists = self.lists
                if lists.state != state:
                    if lists.state:
                        self._changed_at = time.monotonic()
                    lists = self.lists = Lists(state)
                    self._wanted.clear()
                missing = {t for t in tokens if t not in lists.tokens}
                if not missing and lists.days is not None:
                    for t in tokens:
                        lists.tokens.move_to_end(t)
                    return Snapshot({t: lists.tokens[t] for t in tokens}, lists.days)
                if attempt:
                    return None
                if MODE == "background":
                    if time.monotonic() - self._changed_at < SETTLE_SECONDS:
                        return None  # the index is being written (an import): not yet
                    self._wanted |= {c for t in missing for c in companions(t)}
                    self._wanted -= lists.tokens.keys()
                    self._start()
                    return None
            conn = self._connect()
            try:
                self._keep(*_read(conn, sorted(missing), lists.days is None))
            finally:
                conn.close()
        return None

    def warm(self, tokens: Sequence[str]) -> None:
        """Read these lists (and the days) in the background, in this order, after what
        searches ask for."""
        if MODE != "background":
            return
        with self._lock:
            self._warm.extend(tokens)
            self._start()

    def _start(self) -> None:
        """(Under the lock.) Start the background reader unless it runs."""
        if self._loader is None:
            self.idle.clear()
            self._loader = threading.Thread(target=self._load, name="sqlite-lists", daemon=True)
            self._loader.start()

    def _next(self) -> list[str]:
        """(Under the lock.) The next lists to read in one transaction: a search's first,
        else a few of the warm-up's (a read transaction is kept short: an import's
        checkpoints wait for it)."""
        if self._wanted:
            wanted = sorted(self._wanted)
            self._wanted.clear()
            return wanted
        have = self.lists.tokens
        batch: list[str] = []
        while self._warm and len(batch) < WARM_BATCH:
            t = self._warm.pop(0)
            if t not in have and t not in batch:
                batch.append(t)
        return batch

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA query_only = 1")
        return conn

    def _keep(
        self,
        state: bytes,
        read: dict[str, BitMap],
        days: tuple[tuple[int, BitMap], ...] | None,
    ) -> None:
        """Keep lists read in `state` (when the index changed since the search that asked,
        they are those of the new state, which the next search will find)."""
        sizes = {t: len(bm.serialize()) for t, bm in read.items()}
        with self._lock:
            if self.lists.state != state:
                self.lists = Lists(state)
            lists = self.lists
            for t, bm in read.items():
                lists.keep(t, bm, sizes[t])
            if days is not None:
                lists.days = days

    def _load(self) -> None:
        """The background reader: reads what searches asked for until nothing is left, or
        until the index changes under it (the next search asks again). It runs at the
        lower CPU priority (Linux: a thread has its own nice value): searches first, but
        ahead of the machine's niced batch work (at 19 it was starved on a busy machine)."""
        with contextlib.suppress(AttributeError, OSError):  # (not Linux: as the process)
            tid = threading.get_native_id()  # (never raised above the process's own)
            nice = max(os.getpriority(os.PRIO_PROCESS, tid), READER_NICE)
            os.setpriority(os.PRIO_PROCESS, tid, nice)
        try:
            conn = self._connect()
            try:
                while True:
                    with self._lock:
                        wanted = self._next()
                        asked = self.lists.state
                        days = self.lists.days is None
                        if not wanted and not days:
                            self._loader = None  # (under the lock: a search that asks
                            self.idle.set()  # next starts a new reader)
                            return
                    state, read, by_day = _read(conn, wanted, days)
                    self._keep(state, read, by_day)
                    if by_day is not None and sum(len(ids) for _, ids in by_day) < WARM_MIN:
                        with self._lock:
                            self._warm.clear()  # a small index: FTS5 is quick on it
                    if asked and state != asked:
                        break
            finally:
                conn.close()
        except sqlite3.Error:
            pass  # (a database being replaced or removed): searches go on with FTS5
        with self._lock:
            self._loader = None
            self.idle.set()


_CACHES: dict[str, ListCache] = {}
_CACHES_LOCK = threading.Lock()


def cache_for(path: str | None) -> ListCache | None:
    """This process's cache of the SQLite database file at `path` (None for an in-memory
    database: there is nobody else to read it)."""
    if not path or path == ":memory:" or path.startswith("file:"):
        return None
    with _CACHES_LOCK:
        cache = _CACHES.get(path)
        if cache is None:
            cache = _CACHES[path] = ListCache(path)
        return cache


def warm_tokens() -> list[str]:
    """What a server reads at start (`warm`): the boxes a search without a place asks for
    most — days off, insurance items, 週休二日 and the yes/no boxes, then annual days off per
    5 days, monthly wages per 10,000 yen up to 300,000, and start and end times on the hour
    and half hour from 6:00 to 22:00 — about 150 lists, most of them dense."""
    out: list[str] = [t for family in _FAMILIES for t in family]
    out += [t for _, t in (*BOOLEAN_FACETS, *POSITIVE_FACETS)]
    out += ["fdiscretion", "fvariable", "fshift", "fdocs", "fdispatch", "agelim"]
    out += [ANNUAL_HOLIDAYS.want(d)[0] for d in range(90, 131, 5)]
    out += [WAGE_MONTHLY.want(w)[0] for w in range(150_000, 300_001, 10_000)]
    for t in range(6 * 60, 22 * 60 + 1, 30):
        out.append(f"sb{t}" if t <= NOON else f"sa{t}")
        out.append(f"ea{t}" if t >= MID_AFTERNOON else f"eb{t}")
    return list(dict.fromkeys(out))


def warm(path: str | None) -> None:
    """Start reading `warm_tokens` into this process's cache of the database at `path`."""
    cache = cache_for(path)
    if cache is not None:
        cache.warm(warm_tokens())
