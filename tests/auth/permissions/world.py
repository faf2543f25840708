"""The permission suite's world: two teams with one user of each role, an admin, a user of both
teams, a campaign per team (and one in the default team), and each user's own conversation.

Everyone signs in with an API token (no argon2 cost, no CSRF), so one app and one ASGI client
serve every user: `world.call(person, method, path)`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import func, select

from mcc.auth.schemas import AuthMethod, CurrentUser, Role
from mcc.auth.service import AuthService
from mcc.campaigns.schemas import CampaignCreate
from mcc.campaigns.service import CampaignService
from mcc.config import Settings
from mcc.db import Database
from mcc.models import Conversation, Message, MessageRating, SurveyResponse
from mcc.teams.repository import TeamRepository
from mcc.teams.scope import Scope
from mcc.teams.service import DEFAULT_TEAM, TeamService

TEAMS = ("Alpha", "Beta")
TEAM_ROLES = (Role.VIEWER, Role.MARKETER, Role.MANAGER, Role.DIRECTOR, Role.VP)
BASE_URL = "http://mcc.test"


@dataclass(repr=False)
class Person:
    email: str
    role: Role
    teams: tuple[str, ...]
    token: str = ""
    user: CurrentUser | None = None
    conversation_id: uuid.UUID | None = None
    message_id: uuid.UUID | None = None
    answer_id: uuid.UUID | None = None  # the assistant's reply in that conversation (to rate)

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN

    @property
    def can_edit(self) -> bool:
        return self.role is not Role.VIEWER

    def sees(self, team: str) -> bool:
        return self.is_admin or team in self.teams

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def __repr__(self) -> str:
        return self.email


@dataclass
class World:
    db: Database
    settings: Settings
    client: httpx.AsyncClient
    people: list[Person]
    campaigns: dict[str, uuid.UUID] = field(default_factory=dict)  # team -> its campaign
    names: dict[str, str] = field(default_factory=dict)  # team -> campaign name
    # team -> its campaign waiting for VP approval; made on first use (`approvals.pending`)
    pending: dict[str, uuid.UUID] = field(default_factory=dict)

    def person(self, email: str) -> Person:
        return next(p for p in self.people if p.email == email)

    def visible(self, person: Person) -> set[str]:
        """The teams whose campaigns `person` must see (and no other)."""
        return {team for team in self.campaigns if person.sees(team)}

    async def call(
        self, person: Person | None, method: str, path: str, **kwargs: Any
    ) -> httpx.Response:
        headers = {**(person.headers if person else {}), **kwargs.pop("headers", {})}
        return await self.client.request(method, path, headers=headers, **kwargs)

    async def graphql(
        self, person: Person, query: str, variables: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        response = await self.call(
            person, "POST", "/graphql", json={"query": query, "variables": variables or {}}
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    async def feedback_rows(self, person: Person) -> tuple[int, int]:
        """(ratings, survey responses) recorded in the person's name, read as the system."""
        async with self.db.read() as session:
            ratings = await session.scalar(
                select(func.count()).where(MessageRating.rater == person.email)
            )
            surveys = await session.scalar(
                select(func.count()).where(SurveyResponse.respondent == person.email)
            )
        return int(ratings or 0), int(surveys or 0)

    async def campaign_row(self, team: str) -> tuple[str, int]:
        """(name, version) of the team's campaign, read as the system."""
        async with self.db.read() as session:
            campaign = await CampaignService(session).get(self.campaigns[team])
            return campaign.name, campaign.version


def cast() -> list[Person]:
    people = [
        Person(f"{role.value}-{team.lower()}@mcc.test", role, (team,))
        for team in TEAMS
        for role in TEAM_ROLES
    ]
    people.append(Person("both@mcc.test", Role.MARKETER, TEAMS))
    people.append(Person("admin@mcc.test", Role.ADMIN, ()))
    return people


async def build_world(app: FastAPI, db: Database) -> World:
    people = cast()
    async with db.write() as session:
        teams = TeamService(session)
        for name in TEAMS:
            await teams.create(name)
        auth = AuthService(session)
        for person in people:
            user = await auth.create_user(person.email, None, role=person.role, teams=person.teams)
            person.token = await auth.create_api_token(user, "permissions")
            team_ids = await TeamRepository(session).team_ids_of(user.id)
            person.user = CurrentUser(user.id, user.email, person.role, AuthMethod.TOKEN, team_ids)
            conversation = Conversation(owner=person.email, title="mine", state={}, version=1)
            session.add(conversation)
            await session.flush()
            message = Message(conversation_id=conversation.id, role="user", content="hello")
            answer = Message(conversation_id=conversation.id, role="assistant", content="Hi.")
            session.add_all([message, answer])
            await session.flush()
            person.conversation_id, person.message_id = conversation.id, message.id
            person.answer_id = answer.id
    transport = httpx.ASGITransport(app=app)
    client = httpx.AsyncClient(transport=transport, base_url=BASE_URL)
    world = World(db, app.state.settings, client, people)
    async with db.write() as session:
        for team in TEAMS:
            author = world.person(f"marketer-{team.lower()}@mcc.test")
            assert author.user is not None
            name = f"{team} launch"
            data = CampaignCreate.model_validate({"name": name, "type": "email"})
            created = await CampaignService(session, Scope.of(author.user)).create(data)
            world.campaigns[team], world.names[team] = created.id, name
        general = await CampaignService(session).create(
            CampaignCreate.model_validate({"name": "General memo", "type": "email"})
        )
        assert general.team_id == (await teams_default(session))
        world.campaigns[DEFAULT_TEAM], world.names[DEFAULT_TEAM] = general.id, "General memo"
    return world


async def teams_default(session: Any) -> uuid.UUID:
    return (await TeamService(session).default_team()).id
