"""Neutral names for a campaign's work-management columns (Workfront or Asana): the data is kept.

Revision ID: 0013_workmgmt_names
Revises: 0011_feedback
Create Date: 2026-12-02 13:00:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0013_workmgmt_names"
down_revision: str | None = "0011_feedback"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_RENAMES = (
    ("workfront_project_id", "project_id"),
    ("workfront_url", "project_url"),
    ("workfront_status", "project_status"),
)


def _rename(old_unique: str, new_unique: str, renames: list[tuple[str, str]]) -> None:
    # batch_alter_table: SQLite cannot rename a column carrying a named constraint in place, so
    # the table is copied (rows included); PostgreSQL gets plain ALTERs.
    with op.batch_alter_table("campaigns", schema=None) as batch_op:
        batch_op.drop_constraint(old_unique, type_="unique")
        for old, new in renames:
            batch_op.alter_column(old, new_column_name=new)
    # A second pass: in the same batch the constraint would name the column by its old name
    # and SQLite's copy would silently lose it.
    with op.batch_alter_table("campaigns", schema=None) as batch_op:
        batch_op.create_unique_constraint(new_unique, [renames[0][1]])


def upgrade() -> None:
    _rename("uq_campaigns_workfront_project_id", "uq_campaigns_project_id", list(_RENAMES))


def downgrade() -> None:
    _rename(
        "uq_campaigns_project_id",
        "uq_campaigns_workfront_project_id",
        [(new, old) for old, new in _RENAMES],
    )
