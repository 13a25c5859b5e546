"""Search execution behind a small interface, one implementation per database.

`SqliteSearch` answers a `SearchPlan` with one FTS5 expression: facet tokens and free words
intersect inside the index (posting lists in rowid order), and both sort orders are rowid
order (models.py), so a page is `ORDER BY rowid LIMIT/OFFSET` straight off the index and the
total is `count(*)` of the same expression (without any condition it is a sum over the
open postings per day, open_days.py). The page's rows, with the page query as their
subquery and the total as a scalar subquery, are one statement: each statement costs
several thread hops through aiosqlite. Job and employer numbers are the exception:
they are selective B-tree lookups, and the few candidates are checked against the expression
one rowid at a time (FTS5 seeks by rowid), so a common word never has to be materialised.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

from sqlalchemy import Integer, Select, TextualSelect, column, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from server.jobs.models import JobPosting
from server.jobs.search import fts, open_days
from server.jobs.search.grams import WordQuery
from server.jobs.search.tokens import ALL, SearchPlan, word_pieces


@dataclass(frozen=True)
class Window:
    """Which rows of the ordered result the caller wants, and which postings are open."""

    since: date  # postings received before this day have expired or are older than 新着 asks
    descending: bool
    limit: int
    offset: int
    employer_levels: tuple[int, ...]  # 公開範囲 levels whose employer number may be searched


class SearchBackend(Protocol):
    async def search(
        self, db: AsyncSession, plan: SearchPlan, window: Window
    ) -> tuple[int, list[JobPosting]]:
        """(exact total, the postings of the requested page in order)."""
        ...


async def load_page(
    db: AsyncSession, page: Select[tuple[int]] | TextualSelect | list[int], descending: bool
) -> list[JobPosting]:
    """The postings whose ids `page` selects (a subquery, so no extra round trip), in order."""
    order = JobPosting.id.desc() if descending else JobPosting.id.asc()
    result = await db.execute(select(JobPosting).where(JobPosting.id.in_(page)).order_by(order))
    return list(result.scalars().all())


def _quote(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def _atom(a: str | WordQuery, frequent: bool) -> str:
    if isinstance(a, str):
        return _quote(a)
    parts = [_quote(" ".join(p)) for p in word_pieces(a, frequent=frequent)]
    return parts[0] if len(parts) == 1 else "(" + " AND ".join(parts) + ")"


def fts_expression(plan: SearchPlan, *, frequent: bool = True) -> str | None:
    """The FTS5 MATCH expression of a plan; None when it would match every open posting.

    `frequent=False` spells every word as bigram phrases (tests compare both spellings).
    """

    def atom(a: str | WordQuery) -> str:
        return _atom(a, frequent)

    clauses = [
        atom(c[0]) if len(c) == 1 else "(" + " OR ".join(map(atom, c)) + ")" for c in plan.clauses
    ]
    if not clauses and not plan.not_words and not plan.excluded:
        return None
    expr = " AND ".join(clauses) if clauses else _quote(ALL)
    # FTS5's NOT is binary; nest explicitly: ((A) NOT (B)) NOT (C) …
    for token, unless in plan.excluded:
        out = _quote(token) if unless is None else f"({_quote(token)} NOT {_quote(unless)})"
        expr = f"({expr}) NOT {out}"
    if plan.not_words:
        expr = f"({expr}) NOT ({' OR '.join(map(atom, plan.not_words))})"
    return expr


class SqliteSearch:
    async def search(
        self, db: AsyncSession, plan: SearchPlan, window: Window
    ) -> tuple[int, list[JobPosting]]:
        expr = fts_expression(plan)
        if plan.job_numbers or plan.employer_number:
            return await self._by_numbers(db, plan, expr, window)
        params: dict[str, object] = {"since": window.since}
        if expr is None:
            count_sql = open_days.COUNT_SINCE
        else:
            count_sql, params["q"] = fts.COUNT, expr
        count = open_days.with_since(count_sql).bindparams(**params)
        page = (
            open_days.with_since(fts.PAGE_DESC if window.descending else fts.PAGE_ASC)
            .bindparams(q=expr or _quote(ALL), since=window.since, n=window.limit, o=window.offset)
            .columns(column("rowid", Integer))
        )
        # One statement for the page's rows and the total (an uncorrelated scalar subquery,
        # computed once): every statement costs several thread hops through aiosqlite.
        total_column = count.columns(column("total", Integer)).scalar_subquery()
        order = JobPosting.id.desc() if window.descending else JobPosting.id.asc()
        result = await db.execute(
            select(JobPosting, total_column).where(JobPosting.id.in_(page)).order_by(order)
        )
        rows = result.all()
        if rows:
            return rows[0][1], [r[0] for r in rows]
        # No row on this page (no match, or a page past the end): the total on its own.
        total: int = (await db.execute(count)).scalar_one()
        return total, []

    async def _by_numbers(
        self, db: AsyncSession, plan: SearchPlan, expr: str | None, window: Window
    ) -> tuple[int, list[JobPosting]]:
        where = ["status = 'open'", f"id >= {open_days.OPEN_FLOOR}"]
        params: dict[str, object] = {"since": window.since}
        if plan.job_numbers:
            names = [f":j{i}" for i in range(len(plan.job_numbers))]
            where.append(f"job_number IN ({', '.join(names)})")
            params.update({f"j{i}": n for i, n in enumerate(plan.job_numbers)})
        if plan.employer_number:
            # Only postings that show their employer can be found by its number.
            levels = ", ".join(str(int(v)) for v in window.employer_levels) or "0"
            where.append(f"employer_number = :e AND disclosure IN ({levels})")
            params["e"] = plan.employer_number
        order = "DESC" if window.descending else "ASC"
        # Every piece of this SQL is a constant of this module; values are bound parameters.
        sql = f"SELECT id FROM job_postings WHERE {' AND '.join(where)} ORDER BY id {order}"  # noqa: S608
        candidates = (await db.execute(open_days.with_since(sql), params)).scalars().all()
        probe = text(fts.PROBE)
        hits = [
            i
            for i in candidates
            if expr is None or (await db.execute(probe, {"q": expr, "id": i})).first() is not None
        ]
        page = hits[window.offset : window.offset + window.limit]
        return len(hits), (await load_page(db, page, window.descending)) if page else []
