"""Which postings are open, by 受付年月日, shared by both search engines.

Ids follow 受付年月日 and postings expire by it, so "open, and as new as 新着 asks" is
"id ≥ the first id received on or after `:since`" (`OPEN_FLOOR`, one seek in the
received_on index, evaluated once inside the statement that uses it).

`job_open_days` counts the open (= indexed) postings received on each day, so the exact
total of a search without conditions is a sum over a few dozen rows instead of a count
over every open posting. Every write path keeps it right in the same transaction as the
index row: store.py adds or withdraws one posting (`BUMP`, an upsert both SQLite and
PostgreSQL accept), the bulk loader rebuilds it once at the end of a load (`REBUILD`).
"""

from __future__ import annotations

from sqlalchemy import Date, TextClause, bindparam, text

# The SQL is the same on SQLite and PostgreSQL. NULL when nothing is open: no row matches.
OPEN_FLOOR = (
    "(SELECT id FROM job_postings WHERE received_on >= :since ORDER BY received_on, id LIMIT 1)"
)
COUNT_SINCE = "SELECT coalesce(sum(open_count), 0) FROM job_open_days WHERE received_on >= :since"


def with_since(sql: str) -> TextClause:
    """`sql` with its `:since` parameter typed as a date (ISO text on SQLite)."""
    return text(sql).bindparams(bindparam("since", type_=Date()))


# :d is +1 when posting :id becomes open (indexed), -1 when it is withdrawn. The WHERE
# clause also keeps SQLite's parser from reading ON CONFLICT as a join constraint.
BUMP = (
    "INSERT INTO job_open_days (received_on, open_count)"
    " SELECT received_on, :d FROM job_postings WHERE id = :id"
    " ON CONFLICT (received_on) DO UPDATE"
    " SET open_count = job_open_days.open_count + excluded.open_count"
)
CLEAR = "DELETE FROM job_open_days"
REBUILD = (
    "INSERT INTO job_open_days (received_on, open_count)"
    " SELECT received_on, count(*) FROM job_postings WHERE status = 'open' GROUP BY received_on"
)
