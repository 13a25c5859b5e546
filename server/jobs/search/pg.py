"""The same search on PostgreSQL: the tokens of tokens.py as posting-list bitmaps.

`job_search` holds, per open posting, its search key (keys.py) and 紹介期限日, every token of
its index row as one array (bigrams, single characters, frequent phrases, facets) and `body`,
its normalised runs one per line. The search itself runs on the posting lists of
pg_lists.py: a condition is an AND (all of these tokens) or OR (any of them) of bitmaps, a
NOT is a difference, and a word of 3+ characters that is not a single token is then
confirmed with `body LIKE '%run%'` on the candidates left (a run holds letters and digits
only, so it needs no LIKE escaping). "Still open" is the union of the 受付年月日 bitmaps from
the window's first day, minus the postings that expired early by today (the same
expired_token as on SQLite); the total is the size of the result, exact. Newest first, a page
is cut from the per-day bitmaps walked from today backwards (keys order by day, then id);
by 紹介期限日 it is cut from the groups of one deadline token each, in key order within.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pyroaring import BitMap
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from server.jobs.models import JobPosting
from server.jobs.search.engine import Window, load_postings, page_spans
from server.jobs.search.grams import RUN_BREAK, WordQuery
from server.jobs.search.keys import day_number
from server.jobs.search.pg_lists import DAY, DEADLINE, LINE, RETRIES, IndexCache, Lists, Stale
from server.jobs.search.tokens import (
    COMPANY,
    COMPANY_MARK,
    SearchPlan,
    expired_token,
    word_pieces,
)

# The secondary indexes of job_search besides its primary key (none: searches read the
# posting lists, and rows are only looked up by id).
INDEXES: dict[str, str] = {}
INSERT = (
    "INSERT INTO job_search (id, key, expires_on, tokens, body)"
    " VALUES (:id, :key, :expires_on, :tokens, :body)"
)
COLUMNS = ("id", "key", "expires_on", "tokens", "body")
# Bulk loads COPY search rows with the tokens as one space-separated text into a staging
# table and let the server split them (no token holds a space).
STAGE_COLUMNS = COLUMNS
CREATE_STAGE = (
    "CREATE TEMPORARY TABLE job_search_stage (id integer, key bigint, expires_on date,"
    " tokens text, body text) ON COMMIT DROP"
)
FROM_STAGE = (
    "INSERT INTO job_search (id, key, expires_on, tokens, body)"
    " SELECT id, key, expires_on, string_to_array(tokens, ' '), body FROM job_search_stage"
)
EMPTY_STAGE = "TRUNCATE job_search_stage"
# Checked once after a bulk load instead of row by row during it.
DROP_FK = "ALTER TABLE job_search DROP CONSTRAINT job_search_id_fkey"
ADD_FK = (
    "ALTER TABLE job_search ADD CONSTRAINT job_search_id_fkey"
    " FOREIGN KEY (id) REFERENCES job_postings (id) ON DELETE CASCADE"
)


async def copy_search_rows(conn: Any, rows: list[tuple[Any, ...]]) -> None:
    """COPY `index.pg_row` rows into `job_search` through the staging table (created by the
    caller with CREATE_STAGE in its transaction). `conn`: the asyncpg connection."""
    if not rows:
        return
    await conn.copy_records_to_table("job_search_stage", records=rows, columns=STAGE_COLUMNS)
    await conn.execute(FROM_STAGE)
    await conn.execute(EMPTY_STAGE)


def _run(piece: tuple[str, ...]) -> str:
    """The run a phrase of bigrams spells."""
    return piece[0][0] + "".join(b[1] for b in piece)


_NUMBERS = "SELECT id FROM job_postings WHERE status = 'open'"


class _Query:
    """One search's evaluation over the posting lists."""

    def __init__(self, db: AsyncSession, lists: Lists) -> None:
        self.db = db
        self.lists = lists

    async def _lines(self, text: str, within: BitMap, company: bool = False) -> BitMap:
        """The postings among `within` with a body line containing `text` (of a 事業所名
        line only with `company`)."""
        lines = self.lists.view.lines_with(text)
        if company:
            lines = [t for t in lines if t.startswith(LINE + COMPANY_MARK)]
        if not lines:
            return BitMap()
        maps = await self.lists.get(lines)
        return BitMap.union(*maps.values()) & within

    async def word(self, q: WordQuery, within: BitMap) -> BitMap:
        """The postings among `within` whose text has the word: single tokens from their
        lists, other runs from the lists of the body lines that contain them."""
        found = within
        for p in word_pieces(q):
            if not found:
                break
            if len(p) > 1:
                found = await self._lines(_run(p), found)
            else:
                found = found & await self.lists.one(p[0])
        return found

    async def company(self, q: WordQuery, within: BitMap) -> BitMap:
        """A 事業所名 word (company_query spelling): single grams from their lists, runs
        from the marked body lines of the names that contain them."""
        found = within
        for p in word_pieces(q, frequent=False):
            if not found:
                break
            if len(p) > 1:
                found = await self._lines(
                    _run(tuple(b.removeprefix(COMPANY) for b in p)), found, True
                )
            else:
                found = found & await self.lists.one(p[0])
        return found

    async def clause(self, atoms: tuple[str | WordQuery, ...], within: BitMap) -> BitMap:
        facets = [a for a in atoms if isinstance(a, str)]
        out = BitMap()
        if facets:
            maps = await self.lists.get(facets)
            out = BitMap.union(*maps.values()) & within
        for w in atoms:
            if not isinstance(w, str):
                out |= await self.word(w, within - out)
        return out

    async def numbers(self, plan: SearchPlan, window: Window) -> BitMap:
        conds = [_NUMBERS]
        params: dict[str, Any] = {}
        if plan.job_numbers:
            conds.append("job_number = ANY(CAST(:numbers AS text[]))")
            params["numbers"] = list(plan.job_numbers)
        if plan.employer_number:
            conds.append(
                "employer_number = :employer AND disclosure = ANY(CAST(:levels AS smallint[]))"
            )
            params["employer"] = plan.employer_number
            params["levels"] = list(window.employer_levels) or [0]
        sql = " AND ".join(conds)  # constants of this module; values are bound parameters
        return BitMap((await self.db.execute(text(sql), params)).scalars().all())

    async def days(self, since: date) -> list[tuple[int, BitMap]]:
        """(day number, its postings) from `since` on, newest first."""
        first = day_number(since)
        names = [t for t in self.lists.view.tokens_named(DAY) if int(t[len(DAY) :]) >= first]
        maps = await self.lists.get(names)
        return sorted(((int(t[len(DAY) :]), maps[t]) for t in names), reverse=True)

    async def open(self, window: Window) -> BitMap:
        """Every open posting received since `window.since` (cached until the next change)."""
        derived = self.lists.view.derived
        key = ("open", window.since, window.today)
        have = derived.get(key)
        if have is None:
            days = await self.days(window.since)
            expired = await self.lists.one(expired_token(window.today))
            have = BitMap.union(*(m for _, m in days)) - expired if days else BitMap()
            derived[key] = have
        return have

    async def matches(self, plan: SearchPlan, window: Window) -> BitMap:
        result = await self.open(window)
        if plan.job_numbers or plan.employer_number:
            result = result & await self.numbers(plan, window)
        # Clauses of facets only first: the words' confirmations then see fewer candidates.
        for c in sorted(plan.clauses, key=lambda c: any(not isinstance(a, str) for a in c)):
            if not result:
                break
            result = await self.clause(c, result)
        for tokens, unless in plan.excluded:
            if not result:
                break
            maps = await self.lists.get([*tokens, *([unless] if unless else [])])
            out = BitMap.union(*(maps[t] for t in tokens))
            if unless is not None:
                out -= maps[unless]
            result = result - out
        for w in plan.not_words:
            if result:
                result = result - await self.word(w, result)
        if plan.company and result:
            named = result
            for q in plan.company:
                named = await self.company(q, named)
            result = result - named if plan.company_exclude else named
        return result

    async def newest_first(self, result: BitMap, window: Window) -> list[int]:
        """Ids `offset … offset+limit` of `result` in key order, newest first."""
        skip, need = window.offset, window.limit
        out: list[int] = []
        for _, day in await self.days(window.since):
            size = result.intersection_cardinality(day)
            if skip >= size:
                skip -= size
                continue
            ids = result & day
            take = min(need, size - skip)
            out.extend(reversed(list(ids[size - skip - take : size - skip])))
            skip, need = 0, need - take
            if not need:
                break
        return out

    async def by_deadline(self, result: BitMap, window: Window) -> list[int]:
        """The same page sorted by 紹介期限日 (soonest first), key order within a day."""
        first = f"{DEADLINE}{window.today:%Y%m%d}"
        names = [
            t
            for t in self.lists.view.tokens_named(DEADLINE)
            if len(t) == len(first) and t[len(DEADLINE) :].isdigit() and t >= first
        ]
        maps = await self.lists.get(names)
        by_day = {date(int(t[2:6]), int(t[6:8]), int(t[8:10])): maps[t] for t in names}
        sizes = [(d, result.intersection_cardinality(m)) for d, m in sorted(by_day.items())]
        days = (await self.days(window.since))[::-1]  # oldest first: ascending keys
        out: list[int] = []
        for deadline, skip, take in page_spans(
            [s for s in sizes if s[1]], window.offset, window.limit
        ):
            group = result & by_day[deadline]
            for _, day in days:
                size = group.intersection_cardinality(day)
                if skip >= size:
                    skip -= size
                    continue
                n = min(take, size - skip)
                out.extend((group & day)[skip : skip + n])
                skip, take = 0, take - n
                if not take:
                    break
        return out


class PostgresSearch:
    def __init__(self, cache: IndexCache | None = None) -> None:
        self.cache = cache  # None: this process's cache of the session's database

    async def search(
        self, db: AsyncSession, plan: SearchPlan, window: Window
    ) -> tuple[int, list[JobPosting]]:
        for _ in range(RETRIES):
            try:
                total, ids = await self._ids(db, plan, window)
            except Stale:
                continue  # a rebuild committed under it: again, on the new lists alone
            return total, await load_postings(db, ids)
        raise RuntimeError(f"the search index was rebuilt {RETRIES} times during one search")

    async def _ids(
        self, db: AsyncSession, plan: SearchPlan, window: Window
    ) -> tuple[int, list[int]]:
        """The total and the page's ids, all read from one view of the lists."""
        lists = Lists(db, self.cache)
        await lists.refresh()
        query = _Query(db, lists)
        result = await query.matches(plan, window)
        total = len(result)
        if total <= window.offset:
            return total, []
        if window.by_deadline:
            return total, await query.by_deadline(result, window)
        return total, await query.newest_first(result, window)


def document_tokens(g: str, u: str, f: str) -> list[str]:
    """The token array of a posting from its three index columns (tokens.index_document)."""
    return sorted({t for t in g.split() if t != RUN_BREAK} | set(u.split()) | set(f.split()))


async def insert_document(db: AsyncSession, values: dict[str, Any]) -> None:
    """`values`: the columns of `job_search` (COLUMNS)."""
    await db.execute(text(INSERT), values)


async def delete_document(db: AsyncSession, posting_id: int) -> None:
    await db.execute(text("DELETE FROM job_search WHERE id = :id"), {"id": posting_id})
