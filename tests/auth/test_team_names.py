"""Team names compare Unicode case-insensitively on both databases (sweep F12): SQLite's lower()
folds ASCII only, so "Équipe" could be created and then never found by `--team "Équipe"`."""

from __future__ import annotations

import pytest

from mcc.auth.schemas import Role
from mcc.auth.service import AuthService
from mcc.db import Database
from mcc.exceptions import ConflictError
from mcc.teams.service import TeamService


@pytest.mark.parametrize(
    ("created", "asked"),
    [
        ("Équipe", "Équipe"),
        ("Équipe", "équipe"),
        ("STRASSE", "straße"),
        ("Отдел 東京", "отдел 東京"),
    ],
)
async def test_a_team_is_found_by_its_name_in_any_case(
    db: Database, created: str, asked: str
) -> None:
    async with db.write() as session:
        team = await TeamService(session).create(created)
    async with db.write() as session:
        (found,) = await TeamService(session).named([asked])
        assert found.id == team.id
        user = await AuthService(session).create_user(
            "ve@x.io", None, role=Role.VIEWER, teams=[asked]
        )
        assert user.email == "ve@x.io"
    async with db.write() as session:
        with pytest.raises(ConflictError, match=f"A team named {created} already exists"):
            await TeamService(session).create(asked)
