"""Two teams and one person of each role that matters, each with an API token, and the app."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from mcc.app import create_app
from mcc.auth.schemas import Role
from mcc.auth.service import AuthService
from mcc.config import Settings
from mcc.db import Database
from mcc.models import Team, TeamMember

# (name, role, team): "author" writes campaigns; the others may or may not approve them.
PEOPLE = [
    ("author", Role.MARKETER, "Brand"),
    ("colleague", Role.MARKETER, "Brand"),
    ("manager", Role.MANAGER, "Brand"),
    ("director", Role.DIRECTOR, "Brand"),
    ("vp", Role.VP, "Brand"),
    ("other_vp", Role.VP, "Field"),
    ("admin", Role.ADMIN, None),
]


@dataclass
class People:
    client: httpx.AsyncClient
    tokens: dict[str, str]

    async def gql(self, who: str, query: str, **variables: Any) -> dict[str, Any]:
        response = await self.client.post(
            "/graphql",
            json={"query": query, "variables": variables},
            headers={"Authorization": f"Bearer {self.tokens[who]}"},
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body


@asynccontextmanager
async def seated(database: Database, settings: Settings) -> AsyncIterator[People]:
    """Two teams and one person of each role (`PEOPLE`), with the app as their client."""
    tokens: dict[str, str] = {}
    async with database.write() as session:
        teams = {name: Team(name=name) for name in ("Brand", "Field")}
        session.add_all(teams.values())
        await session.flush()
        auth = AuthService(session)
        for name, role, team in PEOPLE:
            # Exactly the team named (none: not even the default one).
            user = await auth.create_user(f"{name}@mcc.test", None, role=role, teams=[])
            if team is not None:
                session.add(TeamMember(team_id=teams[team].id, user_id=user.id))
            tokens[name] = await auth.create_api_token(user, "tests")
    app = create_app(settings, database=database)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://mcc.test") as client:
        yield People(client, tokens)


@pytest.fixture
async def people(db: Database, settings: Settings) -> AsyncIterator[People]:
    async with seated(db, settings) as seated_people:
        yield seated_people
