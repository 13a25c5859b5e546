"""jobs: search keys, early 紹介期限日, open postings per (受付年月日, 紹介期限日), index version

Revision ID: 0011_search_keys
Revises: 0010_auth_scopes
Create Date: 2026-11-29 20:00:00.000000

The search index is keyed by search keys (server/jobs/search/keys.py) instead of posting
ids, and carries 紹介期限日 tokens: it is emptied here and rebuilt with the code that runs the
upgrade (`job_index_state` starts without a version, so server/jobs/search/index.py
`ensure_current` rebuilds it right after the migrations). Downgrading empties the index
again, with its open-day counts (the older code cannot rebuild it: load postings anew with
`hellowork demo-data --replace`).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# Frozen copies of the DDL and SQL at this revision (server/jobs/search/fts.py, pg.py,
# open_days.py).
_SQLITE_EARLY = (
    "CREATE TABLE job_early_deadlines (key INTEGER PRIMARY KEY, expires_on DATE NOT NULL)"
)
_SQLITE_FTS_EMPTY = "INSERT INTO job_fts(job_fts) VALUES ('delete-all')"
_PG_UP = (
    "DELETE FROM job_search",
    "ALTER TABLE job_search ADD COLUMN key bigint NOT NULL",
    "ALTER TABLE job_search ADD COLUMN expires_on date NOT NULL",
    "CREATE UNIQUE INDEX ix_job_search_key ON job_search (key)",
    "CREATE INDEX ix_job_search_deadline ON job_search (expires_on, key)",
)
_PG_DOWN = (
    "DELETE FROM job_search",
    "DROP INDEX ix_job_search_deadline",
    "DROP INDEX ix_job_search_key",
    "ALTER TABLE job_search DROP COLUMN expires_on",
    "ALTER TABLE job_search DROP COLUMN key",
)
_OPEN_DAYS = (
    "INSERT INTO job_open_days (received_on, expires_on, open_count)"
    " SELECT received_on, expires_on, count(*) FROM job_postings WHERE status = 'open'"
    " GROUP BY received_on, expires_on"
)

revision: str = '0011_search_keys'
down_revision: str | None = '0010_auth_scopes'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.create_table('job_index_state',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_job_index_state'))
    )
    op.drop_table('job_open_days')
    op.create_table('job_open_days',
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('expires_on', sa.Date(), nullable=False),
    sa.Column('open_count', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('received_on', 'expires_on', name=op.f('pk_job_open_days'))
    )
    op.execute(_OPEN_DAYS)
    if dialect == 'sqlite':
        op.execute(_SQLITE_FTS_EMPTY)
        op.execute(_SQLITE_EARLY)
    elif dialect == 'postgresql':
        for sql in _PG_UP:
            op.execute(sql)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == 'sqlite':
        op.execute('DROP TABLE IF EXISTS job_early_deadlines')
        op.execute(_SQLITE_FTS_EMPTY)
    elif dialect == 'postgresql':
        for sql in _PG_DOWN:
            op.execute(sql)
    op.drop_table('job_open_days')
    op.create_table('job_open_days',
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('open_count', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('received_on', name=op.f('pk_job_open_days'))
    )
    op.drop_table('job_index_state')
