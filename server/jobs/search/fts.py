"""The SQLite full-text index of postings (FTS5), shared by migrations, loader and search.

`job_fts` is contentless (the posting row is the content) and keyed by the posting id:
column `g` holds the bigrams (positions kept, for phrases), `u` the distinct single
characters and the frequent phrases (phrases.py), `f` the facet tokens (tokens.py). No two
kinds of token can be equal (bigrams have 2 characters, single characters 1, phrases 3+
non-ASCII, facets are ASCII), so queries need no column filters. The `ascii`
tokenizer only splits on ASCII punctuation and folds ASCII case, so on our already
normalised, space-separated tokens it is the identity: the Python normaliser is the single
source of truth, with no drift between Python's Unicode tables and SQLite's (unicode61 knows
Unicode 6.1 only). Only open postings are indexed; withdrawing deletes the index row.
"""

from __future__ import annotations

from server.jobs.search.open_days import OPEN_FLOOR

FTS_TABLE = "job_fts"

CREATE_FTS = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS job_fts USING fts5("
    "g, u, f, content='', tokenize='ascii', detail=full, columnsize=0)"
)
DROP_FTS = "DROP TABLE IF EXISTS job_fts"
INSERT_FTS = "INSERT INTO job_fts(rowid, g, u, f) VALUES (?, ?, ?, ?)"
INSERT_FTS_NAMED = "INSERT INTO job_fts(rowid, g, u, f) VALUES (:id, :g, :u, :f)"
# Deleting from a contentless table needs the very values that were indexed.
DELETE_FTS = "INSERT INTO job_fts(job_fts, rowid, g, u, f) VALUES ('delete', ?, ?, ?, ?)"
DELETE_FTS_NAMED = "INSERT INTO job_fts(job_fts, rowid, g, u, f) VALUES ('delete', :id, :g, :u, :f)"
OPTIMIZE_FTS = "INSERT INTO job_fts(job_fts) VALUES ('optimize')"
# Bulk loads merge once at the end instead of continuously (4 is FTS5's default).
AUTOMERGE_OFF = "INSERT INTO job_fts(job_fts, rank) VALUES ('automerge', 0)"
AUTOMERGE_ON = "INSERT INTO job_fts(job_fts, rank) VALUES ('automerge', 4)"
# Matches among the open postings (open_days.OPEN_FLOOR binds :since). Constants only.
_MATCH_OPEN = f"FROM job_fts WHERE job_fts MATCH :q AND rowid >= {OPEN_FLOOR}"
COUNT = f"SELECT count(*) {_MATCH_OPEN}"
PAGE_DESC = f"SELECT rowid {_MATCH_OPEN} ORDER BY rowid DESC LIMIT :n OFFSET :o"
PAGE_ASC = f"SELECT rowid {_MATCH_OPEN} ORDER BY rowid ASC LIMIT :n OFFSET :o"
PROBE = "SELECT 1 FROM job_fts WHERE job_fts MATCH :q AND rowid = :id"
