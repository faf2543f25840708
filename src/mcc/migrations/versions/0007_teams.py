"""Teams, memberships, more roles, and campaigns that belong to a team and an owner.

Existing data keeps working: every existing user joins a "General" team and every existing
campaign belongs to it, so nobody loses sight of what they saw before. A campaign's `owner_id` is
filled where its free-text `owner` names an existing account.

Revision ID: 0007_teams
Revises: 0006_conversation_owner_width, 0002_auth
Create Date: 2026-12-02 10:00:00.000000
"""

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0007_teams"
# Also the merge point of the two heads (auth and sync) that grew in parallel from 0001.
down_revision: tuple[str, ...] | None = ("0006_conversation_owner_width", "0002_auth")
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ROLES_BEFORE = "role IN ('admin', 'marketer')"
ROLES_AFTER = "role IN ('viewer', 'marketer', 'manager', 'director', 'vp', 'admin')"
DEFAULT_TEAM = "General"


def upgrade() -> None:
    op.create_table(
        "teams",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_teams")),
        sa.UniqueConstraint("name", name=op.f("uq_teams_name")),
    )
    op.create_table(
        "team_members",
        sa.Column("team_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["teams.id"],
            name=op.f("fk_team_members_team_id_teams"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_team_members_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("team_id", "user_id", name=op.f("pk_team_members")),
    )
    op.create_index(op.f("ix_team_members_user_id"), "team_members", ["user_id"], unique=False)
    with op.batch_alter_table("users") as batch:
        batch.drop_constraint(op.f("ck_users_role_known"), type_="check")
        batch.create_check_constraint(op.f("ck_users_role_known"), sa.text(ROLES_AFTER))
    with op.batch_alter_table("campaigns") as batch:
        batch.add_column(sa.Column("team_id", sa.Uuid(), nullable=True))
        batch.add_column(sa.Column("owner_id", sa.Uuid(), nullable=True))
        batch.create_index(batch.f("ix_campaigns_team_id"), ["team_id"], unique=False)
        batch.create_index(batch.f("ix_campaigns_owner_id"), ["owner_id"], unique=False)
        batch.create_foreign_key(
            batch.f("fk_campaigns_team_id_teams"), "teams", ["team_id"], ["id"], ondelete="RESTRICT"
        )
        batch.create_foreign_key(
            batch.f("fk_campaigns_owner_id_users"),
            "users",
            ["owner_id"],
            ["id"],
            ondelete="SET NULL",
        )
    _adopt_existing_rows()


def _adopt_existing_rows() -> None:
    bind = op.get_bind()
    has_rows = bind.execute(
        sa.text("SELECT EXISTS (SELECT 1 FROM users) OR EXISTS (SELECT 1 FROM campaigns)")
    ).scalar()
    if not has_rows:
        return
    team_id = uuid.uuid4()
    now = datetime.now(UTC)
    teams = sa.table(
        "teams",
        sa.column("id", sa.Uuid()),
        sa.column("name", sa.String()),
        sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("updated_at", sa.DateTime(timezone=True)),
    )
    op.bulk_insert(
        teams, [{"id": team_id, "name": DEFAULT_TEAM, "created_at": now, "updated_at": now}]
    )
    members = sa.table(
        "team_members",
        sa.column("team_id", sa.Uuid()),
        sa.column("user_id", sa.Uuid()),
        sa.column("created_at", sa.DateTime(timezone=True)),
    )
    users = sa.table("users", sa.column("id", sa.Uuid()), sa.column("email", sa.String()))
    user_ids = [row.id for row in bind.execute(sa.select(users.c.id))]
    if user_ids:
        op.bulk_insert(
            members, [{"team_id": team_id, "user_id": uid, "created_at": now} for uid in user_ids]
        )
    campaigns = sa.table(
        "campaigns",
        sa.column("team_id", sa.Uuid()),
        sa.column("owner_id", sa.Uuid()),
        sa.column("owner", sa.String()),
    )
    bind.execute(sa.update(campaigns).values(team_id=team_id))
    owner_id = (
        sa.select(users.c.id)
        .where(sa.func.lower(users.c.email) == sa.func.lower(campaigns.c.owner))
        .scalar_subquery()
    )
    bind.execute(sa.update(campaigns).values(owner_id=owner_id))


def downgrade() -> None:
    with op.batch_alter_table("campaigns") as batch:
        batch.drop_constraint(batch.f("fk_campaigns_owner_id_users"), type_="foreignkey")
        batch.drop_constraint(batch.f("fk_campaigns_team_id_teams"), type_="foreignkey")
        batch.drop_index(batch.f("ix_campaigns_owner_id"))
        batch.drop_index(batch.f("ix_campaigns_team_id"))
        batch.drop_column("owner_id")
        batch.drop_column("team_id")
    op.execute(
        sa.text("UPDATE users SET role = 'marketer' WHERE role NOT IN ('admin', 'marketer')")
    )
    with op.batch_alter_table("users") as batch:
        batch.drop_constraint(op.f("ck_users_role_known"), type_="check")
        batch.create_check_constraint(op.f("ck_users_role_known"), sa.text(ROLES_BEFORE))
    op.drop_index(op.f("ix_team_members_user_id"), table_name="team_members")
    op.drop_table("team_members")
    op.drop_table("teams")
