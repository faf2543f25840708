"""SSO and account protection: users linked to an identity provider, API tokens that expire.

Revision ID: 0010_sso_protection
Revises: 0009_approvals_audit
Create Date: 2026-12-02 10:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import mcc.models.base

revision: str = "0010_sso_protection"
down_revision: str | None = "0009_approvals_audit"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN and a unique index, not a batch copy: on SQLite a batch rebuilds `users`,
    # and dropping the old table would cascade to memberships, sessions and tokens.
    op.add_column("users", sa.Column("sso_subject", sa.String(length=512), nullable=True))
    op.create_index(op.f("ix_users_sso_subject"), "users", ["sso_subject"], unique=True)
    op.add_column(
        "api_tokens",
        sa.Column("expires_at", mcc.models.base.UTCDateTime(timezone=True), nullable=True),
    )


def downgrade() -> None:
    op.drop_column("api_tokens", "expires_at")
    op.drop_index(op.f("ix_users_sso_subject"), table_name="users")
    op.drop_column("users", "sso_subject")
