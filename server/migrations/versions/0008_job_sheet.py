"""jobs: the rest of the real 求人票 as a JSON object per posting

Revision ID: 0008_job_sheet
Revises: 0007_real_codes
Create Date: 2026-11-29 18:20:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0008_job_sheet'
down_revision: str | None = '0007_real_codes'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('job_postings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sheet', sa.Text(), server_default='{}', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('job_postings', schema=None) as batch_op:
        batch_op.drop_column('sheet')
