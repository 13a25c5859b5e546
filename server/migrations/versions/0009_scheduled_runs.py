"""scheduler: one claim row per scheduled job, so N workers run it once per interval

Revision ID: 0009_scheduled_runs
Revises: 0008_job_sheet
Create Date: 2026-11-23 09:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = '0009_scheduled_runs'
down_revision: str | None = '0008_job_sheet'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    runs = op.create_table('scheduled_runs',
    sa.Column('name', sa.String(length=32), nullable=False),
    sa.Column('next_due', sa.DateTime(timezone=True), nullable=False),
    sa.Column('holder', sa.String(length=100), nullable=True),
    sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_scheduled_runs'))
    )
    # Due at once: the first worker to tick after the upgrade runs the jobs. SQLite keeps
    # naive UTC (server/db/base.py UTCDateTime), PostgreSQL an aware timestamptz.
    epoch = datetime(1970, 1, 1, tzinfo=UTC)
    if op.get_context().dialect.name == "sqlite":
        epoch = epoch.replace(tzinfo=None)
    op.bulk_insert(runs, [{'name': 'scheduled', 'next_due': epoch}])


def downgrade() -> None:
    op.drop_table('scheduled_runs')
