"""jobs: the real code tables (職業分類 細分類, 産業分類 01–99) and 公開範囲 numbered as the site

Revision ID: 0007_real_codes
Revises: 0006_rate_limits
Create Date: 2026-11-29 18:00:00.000000

Postings made with the invented occupation table cannot be mapped to the real 職業分類, so the
synthetic (架空) ones are removed with their index rows and favorites; the embedded server
generates new demo postings with the real codes on its next start (`hellowork demo-data` does
so on demand). Saved search conditions are rewritten into the new request shape: 求人区分
becomes one choice, places become prefecture slots, industry letters stay as 大分類; the old
occupation picks are dropped (their codes meant something else).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

# Frozen copy of the SQLite index DDL at this revision (server/jobs/search/fts.py).
_SQLITE_FTS = (
    "CREATE VIRTUAL TABLE job_fts USING fts5("
    "g, u, f, content='', tokenize='ascii', detail=full, columnsize=0)"
)
_OPEN_DAYS = (
    "INSERT INTO job_open_days (received_on, open_count)"
    " SELECT received_on, count(*) FROM job_postings WHERE status = 'open' GROUP BY received_on"
)

revision: str = '0007_real_codes'
down_revision: str | None = '0006_rate_limits'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _conditions(old: dict[str, Any]) -> dict[str, Any]:
    new = {k: v for k, v in old.items() if k not in (
        "categories", "prefectures", "municipalities", "occupations", "industries")}
    categories = old.get("categories") or []
    new["category"] = categories[0] if len(categories) == 1 else None
    munis = old.get("municipalities") or []
    places = []
    for pref in old.get("prefectures") or []:
        places.append({"prefecture": pref, "municipalities": [m for m in munis if m[:2] == pref]})
    for m in munis:
        if not any(p["prefecture"] == m[:2] for p in places):
            places.append({"prefecture": m[:2], "municipalities": [m]})
    new["places"] = [
        {**p, "prefecture": "59" if p["prefecture"] == "99" else p["prefecture"]}
        for p in places[:3]
    ]
    new["industries"] = [i for i in old.get("industries") or [] if len(i) == 1]
    return new


def upgrade() -> None:
    bind = op.get_bind()
    dialect = bind.dialect.name
    # The index rows carry the old tokens: start the index afresh.
    if dialect == 'sqlite':
        op.execute('DROP TABLE IF EXISTS job_fts')
        op.execute(_SQLITE_FTS)
    elif dialect == 'postgresql':
        op.execute('DELETE FROM job_search')
    op.execute(
        'DELETE FROM favorites WHERE job_posting_id IN'
        ' (SELECT id FROM job_postings WHERE synthetic)'
    )
    op.execute('DELETE FROM job_postings WHERE synthetic')
    # 公開範囲: our 2 (name hidden) is the site's 3 and our 3 (registered seekers) its 2.
    op.execute('UPDATE job_postings SET disclosure = 5 - disclosure WHERE disclosure IN (2, 3)')
    op.execute('DELETE FROM job_open_days')
    op.execute(_OPEN_DAYS)
    with op.batch_alter_table('job_postings', schema=None) as batch_op:
        batch_op.alter_column(
            'occupation_code',
            new_column_name='classification_code',
            existing_type=sa.String(length=4),
            type_=sa.String(length=5),
            existing_nullable=False,
        )
        batch_op.alter_column(
            'industry_code',
            existing_type=sa.String(length=1),
            type_=sa.String(length=2),
            existing_nullable=False,
        )
    rows = bind.execute(sa.text('SELECT id, conditions FROM saved_searches')).all()
    for row_id, conditions in rows:
        new = json.dumps(_conditions(json.loads(conditions)), ensure_ascii=False)
        bind.execute(
            sa.text('UPDATE saved_searches SET conditions = :c WHERE id = :id'),
            {"c": new, "id": row_id},
        )


def downgrade() -> None:
    with op.batch_alter_table('job_postings', schema=None) as batch_op:
        batch_op.alter_column(
            'classification_code',
            new_column_name='occupation_code',
            existing_type=sa.String(length=5),
            type_=sa.String(length=4),
            existing_nullable=False,
        )
        batch_op.alter_column(
            'industry_code',
            existing_type=sa.String(length=2),
            type_=sa.String(length=1),
            existing_nullable=False,
        )
    op.execute('UPDATE job_postings SET disclosure = 5 - disclosure WHERE disclosure IN (2, 3)')
