"""What several benchmarks share: a migrated database with an admin's API token to call it with."""

from __future__ import annotations

from mcc import migrations
from mcc.auth.schemas import Role
from mcc.auth.service import AuthService
from mcc.db import Database


async def admin_token(database: Database) -> str:
    """Migrate `database` (a no-op when current) and return a new admin's API token."""
    await migrations.upgrade(database.engine)
    async with database.write() as session:
        auth = AuthService(session)
        user = await auth.create_user("bench@mcc.local", None, role=Role.ADMIN)
        return await auth.create_api_token(user, "benchmark")
