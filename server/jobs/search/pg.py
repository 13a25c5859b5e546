"""The same search on PostgreSQL: the tokens of tokens.py in a GIN-indexed text[].

`job_search` holds, per open posting, its search key (keys.py) and 紹介期限日, every token of
its index row as one array (bigrams, single characters, frequent phrases, facets) and `body`,
its normalised runs one per line. A condition is array containment (`@>`: all of these
tokens) or overlap (`&&`: any of them), which GIN answers with bitmap scans the planner can
AND together; a word of 3+ characters that is not a single token is then confirmed with
`body LIKE '%run%'` on the few rows left (a run holds letters and digits only, so it needs no
LIKE escaping). "Still open" is `key ≥ floor AND expires_on ≥ today` (B-tree columns), and the
two orders are `key DESC` and `(expires_on, key)`, each with an index to walk.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from server.jobs.models import JobPosting
from server.jobs.search import open_days
from server.jobs.search.engine import Window, load_postings
from server.jobs.search.grams import RUN_BREAK, WordQuery
from server.jobs.search.keys import floor_key
from server.jobs.search.tokens import COMPANY, COMPANY_MARK, SearchPlan, word_pieces

# The secondary indexes of job_search as the migrations create them (a bulk load drops and
# builds them again around the load).
INDEXES = {
    "ix_job_search_tokens": "CREATE INDEX ix_job_search_tokens ON job_search USING gin (tokens)",
    "ix_job_search_key": "CREATE UNIQUE INDEX ix_job_search_key ON job_search (key)",
    "ix_job_search_deadline": "CREATE INDEX ix_job_search_deadline ON job_search (expires_on, key)",
}
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


class _Sql:
    """Collects a WHERE clause with numbered bound parameters."""

    def __init__(self) -> None:
        self.params: dict[str, Any] = {}

    def bind(self, value: Any) -> str:
        name = f"p{len(self.params)}"
        self.params[name] = value
        return f":{name}"

    def tokens(self, op: str, tokens: list[str] | tuple[str, ...]) -> str:
        return f"tokens {op} CAST({self.bind(sorted(set(tokens)))} AS text[])"

    def word(self, q: WordQuery) -> str:
        pieces = word_pieces(q)
        parts = [self.tokens("@>", [t for p in pieces for t in p])]
        for p in pieces:
            if len(p) > 1:  # a bigram phrase: the tokens say "maybe", the text says "yes"
                run = p[0][0] + "".join(b[1] for b in p)
                parts.append(f"body LIKE {self.bind('%' + run + '%')}")
        return "(" + " AND ".join(parts) + ")"

    def company(self, q: WordQuery) -> str:
        """A 事業所名 word (company_query spelling): the prefixed grams narrow, the marked
        body lines of the name confirm each run."""
        pieces = word_pieces(q, frequent=False)
        parts = [self.tokens("@>", [t for p in pieces for t in p])]
        for p in pieces:
            if len(p) > 1:
                grams = [b.removeprefix(COMPANY) for b in p]
                run = grams[0][0] + "".join(b[1] for b in grams)
                # Runs hold letters and digits only: nothing to escape in the pattern.
                pattern = f"(^|\n){COMPANY_MARK}[^\n]*{run}"
                parts.append(f"body ~ {self.bind(pattern)}")
        return "(" + " AND ".join(parts) + ")"

    def clause(self, atoms: tuple[str | WordQuery, ...]) -> str:
        facets = [a for a in atoms if isinstance(a, str)]
        words = [a for a in atoms if not isinstance(a, str)]
        parts = [self.tokens("&&", facets)] if facets else []
        parts += [self.word(w) for w in words]
        return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"


def where_clause(plan: SearchPlan, window: Window) -> tuple[str, dict[str, Any]]:
    sql = _Sql()
    conds = [
        f"key >= {sql.bind(floor_key(window.since))}",
        f"expires_on >= CAST({sql.bind(window.today)} AS date)",
    ]
    conds += [sql.clause(c) for c in plan.clauses]
    for tokens, unless in plan.excluded:
        has = sql.tokens("&&", tokens)
        conds.append(
            f"NOT {has}" if unless is None else f"NOT ({has} AND NOT {sql.tokens('@>', [unless])})"
        )
    conds += [f"NOT {sql.word(w)}" for w in plan.not_words]
    if plan.company:
        company = " AND ".join(sql.company(q) for q in plan.company)
        conds.append(f"NOT ({company})" if plan.company_exclude else f"({company})")
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
            count = open_days.with_dates(open_days.COUNT_SINCE)
            count_params: dict[str, Any] = {"since": window.since, "today": window.today}
        else:
            count, count_params = text(f"SELECT count(*) FROM job_search WHERE {where}"), params  # noqa: S608
        total: int = (await db.execute(count, count_params)).scalar_one()
        if total <= window.offset:
            return total, []
        order = "expires_on, key" if window.by_deadline else "key DESC"
        sql = f"SELECT id FROM job_search WHERE {where} ORDER BY {order} LIMIT :n OFFSET :o"  # noqa: S608
        page = await db.execute(text(sql), params | {"n": window.limit, "o": window.offset})
        return total, await load_postings(db, [int(i) for i in page.scalars().all()])


def document_tokens(g: str, u: str, f: str) -> list[str]:
    """The token array of a posting from its three index columns (tokens.index_document)."""
    return sorted({t for t in g.split() if t != RUN_BREAK} | set(u.split()) | set(f.split()))


async def insert_document(db: AsyncSession, values: dict[str, Any]) -> None:
    """`values`: the columns of `job_search` (COLUMNS)."""
    await db.execute(text(INSERT), values)


async def delete_document(db: AsyncSession, posting_id: int) -> None:
    await db.execute(text("DELETE FROM job_search WHERE id = :id"), {"id": posting_id})
