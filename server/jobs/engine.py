"""Search execution behind a small interface, one implementation per database.

`SqliteSearch` answers a `SearchPlan` with one FTS5 expression: facet tokens and free words
intersect inside the index (posting lists in rowid order), and both sort orders are rowid
order (models.py), so a page is `ORDER BY rowid LIMIT/OFFSET` straight off the index and the
total is `count(*)` of the same expression. Job and employer numbers are the exception:
they are selective B-tree lookups, and the few candidates are checked against the expression
one rowid at a time (FTS5 seeks by rowid), so a common word never has to be materialised.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from server.jobs import fts
from server.jobs.grams import WordQuery
from server.jobs.tokens import ALL, SearchPlan, word_pieces


@dataclass(frozen=True)
class Window:
    """Which rows of the ordered result the caller wants, and the open-posting id floor."""

    min_id: int  # postings below this id have expired or are older than 新着 asks
    descending: bool
    limit: int
    offset: int
    employer_levels: tuple[int, ...]  # 公開範囲 levels whose employer number may be searched


class SearchBackend(Protocol):
    async def search(
        self, db: AsyncSession, plan: SearchPlan, window: Window
    ) -> tuple[int, list[int]]:
        """(exact total, ids of the requested page in order)."""
        ...


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
    ) -> tuple[int, list[int]]:
        expr = fts_expression(plan)
        if plan.job_numbers or plan.employer_number:
            return await self._by_numbers(db, plan, expr, window)
        params = {"q": expr or _quote(ALL), "lo": window.min_id}
        count = fts.COUNT if expr else fts.COUNT_ALL_OPEN
        total: int = (await db.execute(text(count), params)).scalar_one()
        if total <= window.offset:
            return total, []
        page = text(fts.PAGE_DESC if window.descending else fts.PAGE_ASC)
        result = await db.execute(page, {**params, "n": window.limit, "o": window.offset})
        ids = result.scalars().all()
        return total, list(ids)

    async def _by_numbers(
        self, db: AsyncSession, plan: SearchPlan, expr: str | None, window: Window
    ) -> tuple[int, list[int]]:
        where = ["status = 'open'", "id >= :lo"]
        params: dict[str, object] = {"lo": window.min_id}
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
        candidates = (await db.execute(text(sql), params)).scalars().all()
        probe = text(fts.PROBE)
        hits = [
            i
            for i in candidates
            if expr is None or (await db.execute(probe, {"q": expr, "id": i})).first() is not None
        ]
        return len(hits), hits[window.offset : window.offset + window.limit]
