"""jobs: PostgreSQL search from posting-list bitmaps instead of the GIN index

Revision ID: 0013_pg_posting_lists
Revises: 0012_applications
Create Date: 2026-11-30 05:50:00.000000

PostgreSQL only (server/jobs/search/pg_lists.py): the posting lists of every token as
serialised bitmaps, the build's generation, and a log of the `job_search` rows changed
since (statement triggers), so every server process sees changes. The GIN and B-tree
indexes of `job_search` go: searches no longer read them, and every write paid for them.
`job_index_state` is emptied so that the code running the upgrade rebuilds the index and
its lists right after the migrations (server/jobs/search/index.py `ensure_current`).
Downgrading restores the indexes and empties the index state again.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = '0013_pg_posting_lists'
down_revision: str | None = '0012_applications'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copies of the DDL at this revision (server/jobs/search/pg_lists.py).
_LOCK = 448680193895
_UP = (
    "DROP INDEX IF EXISTS ix_job_search_tokens",
    "DROP INDEX IF EXISTS ix_job_search_key",
    "DROP INDEX IF EXISTS ix_job_search_deadline",
    "CREATE TABLE job_search_lists (token text PRIMARY KEY, ids bytea NOT NULL)",
    "CREATE TABLE job_search_state (id integer PRIMARY KEY CHECK (id = 1),"
    " generation bigint NOT NULL, log_seq bigint NOT NULL)",
    "CREATE TABLE job_search_log (seq bigserial PRIMARY KEY, id integer NOT NULL)",
    f"""CREATE FUNCTION job_search_log_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock({_LOCK});
  INSERT INTO job_search_log (id) SELECT id FROM new_rows;
  RETURN NULL;
END $$""",
    f"""CREATE FUNCTION job_search_log_old() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock({_LOCK});
  INSERT INTO job_search_log (id) SELECT id FROM old_rows;
  RETURN NULL;
END $$""",
    "CREATE TRIGGER job_search_logged_insert AFTER INSERT ON job_search"
    " REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION job_search_log_new()",
    "CREATE TRIGGER job_search_logged_update AFTER UPDATE ON job_search"
    " REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION job_search_log_new()",
    "CREATE TRIGGER job_search_logged_delete AFTER DELETE ON job_search"
    " REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION job_search_log_old()",
    "INSERT INTO job_search_state (id, generation, log_seq)"
    " VALUES (1, floor(random() * 1e15)::bigint, 0)",
    "DELETE FROM job_index_state",
)
_DOWN = (
    "DROP TRIGGER IF EXISTS job_search_logged_insert ON job_search",
    "DROP TRIGGER IF EXISTS job_search_logged_update ON job_search",
    "DROP TRIGGER IF EXISTS job_search_logged_delete ON job_search",
    "DROP FUNCTION IF EXISTS job_search_log_new()",
    "DROP FUNCTION IF EXISTS job_search_log_old()",
    "DROP TABLE IF EXISTS job_search_log",
    "DROP TABLE IF EXISTS job_search_state",
    "DROP TABLE IF EXISTS job_search_lists",
    "CREATE INDEX ix_job_search_tokens ON job_search USING gin (tokens)",
    "CREATE UNIQUE INDEX ix_job_search_key ON job_search (key)",
    "CREATE INDEX ix_job_search_deadline ON job_search (expires_on, key)",
    "DELETE FROM job_index_state",
)


def upgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        for sql in _UP:
            op.execute(sql)


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        for sql in _DOWN:
            op.execute(sql)
