"""The SQLite full-text index of postings (FTS5), shared by the loader, importer and search.

`job_fts` is contentless (the posting row is the content) and keyed by the posting's search
key (keys.py): column `g` holds the bigrams (positions kept, for phrases), `u` the distinct
single characters and the frequent phrases (phrases.py), `f` the facet tokens (tokens.py).
No two kinds of token can be equal (bigrams have 2 characters, single characters 1, phrases
3+ non-ASCII, facets are ASCII), so queries need no column filters. The `ascii` tokenizer
only splits on ASCII punctuation and folds ASCII case, so on our already normalised,
space-separated tokens it is the identity: the Python normaliser is the single source of
truth, with no drift between Python's Unicode tables and SQLite's (unicode61 knows Unicode
6.1 only). Only open postings are indexed; withdrawing deletes the index row.

Column `f` holds the facet tokens and their regional copies, and `job_token_days` counts the
open postings of a few very common tokens per day (sqlite_extras.py).

`job_early_deadlines` lists the indexed postings whose 紹介期限日 comes before the default
(the end of the month after next): few, and what sorting by 紹介期限日 needs besides the
index (engine.py).
"""

from __future__ import annotations

FTS_TABLE = "job_fts"
EARLY_TABLE = "job_early_deadlines"
TERM_DAYS_TABLE = "job_token_days"

CREATE_FTS = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS job_fts USING fts5("
    "g, u, f, content='', tokenize='ascii', detail=full, columnsize=0)"
)
DROP_FTS = "DROP TABLE IF EXISTS job_fts"
CREATE_EARLY = (
    "CREATE TABLE IF NOT EXISTS job_early_deadlines"
    " (key INTEGER PRIMARY KEY, expires_on DATE NOT NULL)"
)
DROP_EARLY = "DROP TABLE IF EXISTS job_early_deadlines"
CREATE_TERM_DAYS = (
    "CREATE TABLE IF NOT EXISTS job_token_days (token TEXT NOT NULL, received_on DATE NOT NULL,"
    " expires_on DATE NOT NULL, open_count INTEGER NOT NULL,"
    " PRIMARY KEY (token, received_on, expires_on)) WITHOUT ROWID"
)
DROP_TERM_DAYS = "DROP TABLE IF EXISTS job_token_days"
# (token, received_on, expires_on, change) rows, qmark style; and the same named.
BUMP_TERM_DAYS = (
    "INSERT INTO job_token_days (token, received_on, expires_on, open_count)"
    " VALUES (?, ?, ?, ?) ON CONFLICT (token, received_on, expires_on) DO UPDATE"
    " SET open_count = job_token_days.open_count + excluded.open_count"
)
BUMP_TERM_DAYS_NAMED = (
    "INSERT INTO job_token_days (token, received_on, expires_on, open_count)"
    " VALUES (:token, :received_on, :expires_on, :n)"
    " ON CONFLICT (token, received_on, expires_on) DO UPDATE"
    " SET open_count = job_token_days.open_count + excluded.open_count"
)
# A counted token's open postings (as open_days.COUNT_SINCE / PER_DEADLINE for all).
_TERM_OPEN = (
    "FROM job_token_days WHERE token = :token AND received_on >= :since AND expires_on >= :today"
)
TERM_COUNT_SINCE = f"SELECT coalesce(sum(open_count), 0) {_TERM_OPEN}"
TERM_PER_DEADLINE = f"SELECT expires_on, sum(open_count) {_TERM_OPEN} GROUP BY expires_on"
# A column's text as str, or as its UTF-8 bytes in a bytearray (the importer's workers send
# those: see postings_csv.Prepared); the statements that take index rows bind either as text.
Text = str | bytearray
INSERT_FTS = (
    "INSERT INTO job_fts(rowid, g, u, f)"
    " VALUES (?, CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT))"
)
INSERT_FTS_NAMED = "INSERT INTO job_fts(rowid, g, u, f) VALUES (:key, :g, :u, :f)"
# Deleting from a contentless table needs the very values that were indexed.
DELETE_FTS = "INSERT INTO job_fts(job_fts, rowid, g, u, f) VALUES ('delete', ?, ?, ?, ?)"
DELETE_FTS_NAMED = (
    "INSERT INTO job_fts(job_fts, rowid, g, u, f) VALUES ('delete', :key, :g, :u, :f)"
)
INSERT_EARLY = "INSERT INTO job_early_deadlines (key, expires_on) VALUES (?, ?)"
INSERT_EARLY_NAMED = "INSERT INTO job_early_deadlines (key, expires_on) VALUES (:key, :expires_on)"
DELETE_EARLY = "DELETE FROM job_early_deadlines WHERE key = ?"
DELETE_EARLY_NAMED = "DELETE FROM job_early_deadlines WHERE key = :key"
OPTIMIZE_FTS = "INSERT INTO job_fts(job_fts) VALUES ('optimize')"
# Bulk loads merge once at the end instead of continuously (4 is FTS5's default).
AUTOMERGE_OFF = "INSERT INTO job_fts(job_fts, rank) VALUES ('automerge', 0)"
AUTOMERGE_ON = "INSERT INTO job_fts(job_fts, rank) VALUES ('automerge', 4)"
# Matches among the postings received since the day whose first key is :floor. Constants only.
_MATCH = "FROM job_fts WHERE job_fts MATCH :q AND rowid >= :floor"
COUNT = f"SELECT count(*) {_MATCH}"
# The rest of a count whose first :found matches (in key order) end at key :last.
COUNT_AFTER = "SELECT :found + count(*) FROM job_fts WHERE job_fts MATCH :q AND rowid > :last"
PAGE_DESC = f"SELECT rowid {_MATCH} ORDER BY rowid DESC LIMIT :n OFFSET :o"
PAGE_ASC = f"SELECT rowid {_MATCH} ORDER BY rowid ASC LIMIT :n OFFSET :o"
PROBE = "SELECT 1 FROM job_fts WHERE job_fts MATCH :q AND rowid = :key"
# Up to :cap matches read in one pass (in key order: FTS5 reads its lists backwards more
# slowly) into a temporary table m, then from it: (0, their number, the last key) and, newest
# first, (1, key, NULL) for the rows :o … :o+:n — the page when m holds every match. When it
# is full, the pass goes on from after the last key with a count (nothing is read twice).
FIRST = (
    "WITH m AS MATERIALIZED (SELECT rowid AS k FROM job_fts WHERE job_fts MATCH :q"
    " AND rowid >= :floor LIMIT :cap)"
    " SELECT 0, count(*), max(k) FROM m"
    " UNION ALL SELECT * FROM (SELECT 1, k, NULL FROM m ORDER BY k DESC LIMIT :n OFFSET :o)"
)
# The same for 紹介期限日 order: (0, their number, the last key), then — only when they are
# fewer than :cap, i.e. all of them — (1, key, early 紹介期限日 or NULL for the default one).
FIRST_WITH_EARLY = (
    "WITH m AS MATERIALIZED (SELECT job_fts.rowid AS k, e.expires_on AS x FROM job_fts"
    " LEFT JOIN job_early_deadlines e ON e.key = job_fts.rowid"
    " WHERE job_fts MATCH :q AND job_fts.rowid >= :floor LIMIT :cap)"
    " SELECT 0, count(*), max(k) FROM m"
    " UNION ALL SELECT 1, k, x FROM m WHERE (SELECT count(*) FROM m) < :cap"
)
# Matches with an early 紹介期限日, counted per day (:q already asks for early ones only);
# the first column tells these rows from others in a compound statement.
EARLY_DAYS = (
    "SELECT 0, e.expires_on, count(*)"
    " FROM job_fts JOIN job_early_deadlines e ON e.key = job_fts.rowid"
    " WHERE job_fts MATCH :q AND job_fts.rowid >= :floor AND e.expires_on >= :today"
    " GROUP BY e.expires_on"
)
