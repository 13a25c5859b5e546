"""How many open postings there are per (受付年月日, 紹介期限日), shared by both search engines.

`job_open_days` counts the open (= indexed) postings of each pair of days, so a search
without conditions never walks the index: its exact total is a sum over a few hundred rows
(received on or after `:since`, not expired before `:today`), and sorting it by 紹介期限日
reads each deadline's share from the same rows. Every write path keeps it right in the same
transaction as the index row: store.py adds or withdraws one posting (`BUMP`, an upsert both
SQLite and PostgreSQL accept), the bulk loader and the importer count a batch at once
(`BUMP_DAYS`), and `REBUILD` recounts everything.
"""

from __future__ import annotations

from sqlalchemy import Date, TextClause, bindparam, text

# The SQL is the same on SQLite and PostgreSQL.
_OPEN = "FROM job_open_days WHERE received_on >= :since AND expires_on >= :today"
COUNT_SINCE = f"SELECT coalesce(sum(open_count), 0) {_OPEN}"
PER_DEADLINE = f"SELECT expires_on, sum(open_count) {_OPEN} GROUP BY expires_on"


def with_dates(sql: str) -> TextClause:
    """`sql` with its `:since`/`:today` parameters typed as dates (ISO text on SQLite)."""
    params = [bindparam(n, type_=Date()) for n in ("since", "today") if f":{n}" in sql]
    return text(sql).bindparams(*params)


# :d is +1 when posting :id becomes open (indexed), -1 when it is withdrawn. The WHERE
# clause also keeps SQLite's parser from reading ON CONFLICT as a join constraint.
BUMP = (
    "INSERT INTO job_open_days (received_on, expires_on, open_count)"
    " SELECT received_on, expires_on, :d FROM job_postings WHERE id = :id"
    " ON CONFLICT (received_on, expires_on) DO UPDATE"
    " SET open_count = job_open_days.open_count + excluded.open_count"
)
# (received_on, expires_on, change) rows, qmark style (sqlite3's executemany).
BUMP_DAYS = (
    "INSERT INTO job_open_days (received_on, expires_on, open_count) VALUES (?, ?, ?)"
    " ON CONFLICT (received_on, expires_on) DO UPDATE"
    " SET open_count = job_open_days.open_count + excluded.open_count"
)
CLEAR = "DELETE FROM job_open_days"
REBUILD = (
    "INSERT INTO job_open_days (received_on, expires_on, open_count)"
    " SELECT received_on, expires_on, count(*) FROM job_postings WHERE status = 'open'"
    " GROUP BY received_on, expires_on"
)
