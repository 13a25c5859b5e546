"""auth: failure counters scoped to their account; when the login e-mail last changed

Revision ID: 0010_auth_scopes
Revises: 0009_scheduled_runs
Create Date: 2026-11-30 03:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0010_auth_scopes"
down_revision: str | None = "0009_scheduled_runs"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("login_failures", schema=None) as batch_op:
        batch_op.add_column(sa.Column("account_id", sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_login_failures_account_id"), ["account_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_login_failures_account_id_accounts"),
            "accounts",
            ["account_id"],
            ["id"],
            ondelete="CASCADE",
        )
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("email_changed_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("previous_email", sa.String(length=254), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.drop_column("previous_email")
        batch_op.drop_column("email_changed_at")
    with op.batch_alter_table("login_failures", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_login_failures_account_id_accounts"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_login_failures_account_id"))
        batch_op.drop_column("account_id")
