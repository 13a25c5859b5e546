"""The same search on PostgreSQL: the tokens of tokens.py in a GIN-indexed text[].

`job_search` holds, per open posting, every token of its index row as one array (bigrams,
single characters, frequent phrases, facets) and `body`, its normalised runs one per line.
A condition is array containment (`@>`: all of these tokens) or overlap (`&&`: any of them),
which GIN answers with bitmap scans the planner can AND together; a word of 3+ characters
that is not a single token is then confirmed with `body LIKE '%run%'` on the few rows left
(a run holds letters and digits only, so it needs no LIKE escaping). Ordering and the
expiry floor are the posting id, exactly as on SQLite.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Integer, column, text
from sqlalchemy.ext.asyncio import AsyncSession

from server.jobs.models import JobPosting
from server.jobs.search import open_days
from server.jobs.search.engine import Window, load_page
from server.jobs.search.grams import RUN_BREAK, WordQuery
from server.jobs.search.tokens import SearchPlan, word_pieces


class _Sql:
    """Collects a WHERE clause with numbered bound parameters."""

    def __init__(self) -> None:
        self.params: dict[str, Any] = {}

    def bind(self, value: Any) -> str:
        name = f"p{len(self.params)}"
        self.params[name] = value
        return f":{name}"

    def tokens(self, op: str, tokens: list[str]) -> str:
        return f"tokens {op} CAST({self.bind(sorted(set(tokens)))} AS text[])"

    def word(self, q: WordQuery) -> str:
        pieces = word_pieces(q)
        parts = [self.tokens("@>", [t for p in pieces for t in p])]
        for p in pieces:
            if len(p) > 1:  # a bigram phrase: the tokens say "maybe", the text says "yes"
                run = p[0][0] + "".join(b[1] for b in p)
                parts.append(f"body LIKE {self.bind('%' + run + '%')}")
        return "(" + " AND ".join(parts) + ")"

    def clause(self, atoms: tuple[str | WordQuery, ...]) -> str:
        facets = [a for a in atoms if isinstance(a, str)]
        words = [a for a in atoms if not isinstance(a, str)]
        parts = [self.tokens("&&", facets)] if facets else []
        parts += [self.word(w) for w in words]
        return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"


def where_clause(plan: SearchPlan, window: Window) -> tuple[str, dict[str, Any]]:
    sql = _Sql()
    sql.params["since"] = window.since
    conds = [f"id >= {open_days.OPEN_FLOOR}"]
    conds += [sql.clause(c) for c in plan.clauses]
    for token, unless in plan.excluded:
        has = sql.tokens("@>", [token])
        conds.append(
            f"NOT {has}" if unless is None else f"NOT ({has} AND NOT {sql.tokens('@>', [unless])})"
        )
    conds += [f"NOT {sql.word(w)}" for w in plan.not_words]
    numbers = ["status = 'open'"]
    if plan.job_numbers:
        numbers.append(f"job_number = ANY(CAST({sql.bind(list(plan.job_numbers))} AS text[]))")
    if plan.employer_number:
        levels = list(window.employer_levels) or [0]
        numbers.append(
            f"employer_number = {sql.bind(plan.employer_number)}"
            f" AND disclosure = ANY(CAST({sql.bind(levels)} AS smallint[]))"
        )
    if len(numbers) > 1:
        subquery = f"SELECT id FROM job_postings WHERE {' AND '.join(numbers)}"  # noqa: S608
        conds.append(f"id IN ({subquery})")
    return " AND ".join(conds), sql.params


class PostgresSearch:
    async def search(
        self, db: AsyncSession, plan: SearchPlan, window: Window
    ) -> tuple[int, list[JobPosting]]:
        where, params = where_clause(plan, window)
        # Every piece of the SQL is built here from constants; values are bound parameters.
        if plan.unconditional:
            count, count_params = open_days.COUNT_SINCE, {"since": window.since}
        else:
            count, count_params = f"SELECT count(*) FROM job_search WHERE {where}", params  # noqa: S608
        total: int = (await db.execute(open_days.with_since(count), count_params)).scalar_one()
        if total <= window.offset:
            return total, []
        order = "DESC" if window.descending else "ASC"
        sql = f"SELECT id FROM job_search WHERE {where} ORDER BY id {order} LIMIT :n OFFSET :o"  # noqa: S608
        page = (
            open_days.with_since(sql)
            .bindparams(**params, n=window.limit, o=window.offset)
            .columns(column("id", Integer))
        )
        return total, await load_page(db, page, window.descending)


def document_tokens(g: str, u: str, f: str) -> list[str]:
    """The token array of a posting from its three index columns (tokens.index_document)."""
    return sorted({t for t in g.split() if t != RUN_BREAK} | set(u.split()) | set(f.split()))


async def insert_document(
    db: AsyncSession, posting_id: int, g: str, u: str, f: str, body: str
) -> None:
    await db.execute(
        text("INSERT INTO job_search (id, tokens, body) VALUES (:id, :tokens, :body)"),
        {"id": posting_id, "tokens": document_tokens(g, u, f), "body": body},
    )


async def delete_document(db: AsyncSession, posting_id: int) -> None:
    await db.execute(text("DELETE FROM job_search WHERE id = :id"), {"id": posting_id})
