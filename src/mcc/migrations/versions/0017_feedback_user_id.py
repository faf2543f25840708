"""Survey answers and answer ratings name the account, not only its email (sweep F7).

An SSO address change renamed the user but left their answers on the old address (out of their
team's report), and a reused address handed them to another team. The user id is backfilled from
today's email -> account match; rows of addresses that are no account keep email only.

Revision ID: 0017_feedback_user_id
Revises: 0016_sync_timing_campaign
Create Date: 2026-12-02 17:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017_feedback_user_id"
down_revision: str | None = "0016_sync_timing_campaign"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# table -> (email column, old unique constraint, the other column of the new one, the partial
# unique index that keeps rows of addresses that are no account unique, and its columns)
TABLES = {
    "message_ratings": ("rater", "uq_message_ratings_message_id", "message_id",
                        "uq_message_ratings_address", ["message_id", "rater"]),
    "survey_responses": ("respondent", "uq_survey_responses_respondent", "week",
                         "uq_survey_responses_address_week", ["respondent", "week"]),
}  # fmt: skip
NO_ACCOUNT = sa.text("user_id IS NULL")


def upgrade() -> None:
    for table, (email, old_unique, other, partial, columns) in TABLES.items():
        with op.batch_alter_table(table) as batch:  # SQLite changes constraints by copying
            batch.add_column(sa.Column("user_id", sa.Uuid(), nullable=True))
            batch.create_foreign_key(
                f"fk_{table}_user_id_users", "users", ["user_id"], ["id"], ondelete="SET NULL"
            )
            batch.create_index(f"ix_{table}_user_id", ["user_id"])
        op.execute(
            f"UPDATE {table} SET user_id = (SELECT users.id FROM users "  # noqa: S608
            f"WHERE lower(users.email) = lower({table}.{email}))"
        )
        # Two rows of one person (same account, same answer/week) cannot exist before: the old
        # key was the email, and each email is one account.
        with op.batch_alter_table(table) as batch:
            batch.drop_constraint(old_unique, type_="unique")
            batch.create_unique_constraint(f"uq_{table}_user_id", ["user_id", other])
        op.create_index(partial, table, columns, unique=True,
                        sqlite_where=NO_ACCOUNT, postgresql_where=NO_ACCOUNT)  # fmt: skip


def downgrade() -> None:
    for table, (email, old_unique, other, partial, _) in TABLES.items():
        op.drop_index(partial, table_name=table)
        with op.batch_alter_table(table) as batch:
            batch.drop_constraint(f"uq_{table}_user_id", type_="unique")
            batch.drop_index(f"ix_{table}_user_id")
            batch.drop_constraint(f"fk_{table}_user_id_users", type_="foreignkey")
            batch.drop_column("user_id")
            first = "message_id" if table == "message_ratings" else email
            second = email if table == "message_ratings" else other
            batch.create_unique_constraint(old_unique, [first, second])
