"""Sync conflict checks shared by the route and GraphQL suites (issue 15): each team's campaign
gets an open conflict for the check, removed after (with any outbox row an overwrite queued), so
the other checks' world is unchanged. Another team's conflict is NOT_FOUND, never a hint; a
viewer reads but may not resolve."""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy import delete

from mcc.campaigns.service import UPDATE_PROJECT
from mcc.models import OutboxMessage, SyncConflict
from mcc.models.base import utcnow
from tests.auth.permissions.world import Person, World

THEIRS = "renamed in Workfront"


@asynccontextmanager
async def conflicted(world: World) -> AsyncIterator[dict[str, uuid.UUID]]:
    """team -> an open name conflict on its campaign."""
    made: dict[str, uuid.UUID] = {}
    async with world.db.write() as session:
        for team, campaign_id in world.campaigns.items():
            row = SyncConflict(campaign_id=campaign_id, field="name", theirs=f"{THEIRS} {team}",
                               ours=world.names[team], remote_at=utcnow(), backend="workfront",
                               state="open")  # fmt: skip
            session.add(row)
            await session.flush()
            made[team] = row.id
    try:
        yield made
    finally:
        async with world.db.write() as session:
            await session.execute(delete(SyncConflict))
            await session.execute(
                delete(OutboxMessage).where(OutboxMessage.topic == UPDATE_PROJECT)
            )


async def list_conflicts(world: World, person: Person) -> None:
    query = "query($id: ID!) { campaignConflicts(campaignId: $id) { field theirs state } }"
    async with conflicted(world):
        for team, campaign_id in world.campaigns.items():
            body = await world.graphql(person, query, {"id": str(campaign_id)})
            if person.sees(team):
                assert body["data"]["campaignConflicts"][0]["theirs"] == f"{THEIRS} {team}"
            else:
                assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND", (person, team)
                assert THEIRS not in json.dumps(body), (person, team)


def _expected(person: Person, team: str) -> str:
    return "NOT_FOUND" if not person.sees(team) else "FORBIDDEN" if not person.can_edit else "OK"


async def resolve_conflict(world: World, person: Person) -> None:
    query = 'mutation($id: ID!) { resolveConflict(id: $id, action: "overwrite") { state } }'
    async with conflicted(world) as made:
        for team, conflict_id in made.items():
            body = await world.graphql(person, query, {"id": str(conflict_id)})
            errors = body.get("errors") or []
            code = errors[0]["extensions"]["code"] if errors else "OK"
            assert code == _expected(person, team), (person, team, body)
            if code == "OK":
                assert body["data"]["resolveConflict"]["state"] == "overwritten"


async def resolve_conflict_form(world: World, person: Person) -> None:
    statuses = {"NOT_FOUND": 404, "FORBIDDEN": 403, "OK": 303}
    async with conflicted(world) as made:
        for team, conflict_id in made.items():
            path = f"/campaigns/{world.campaigns[team]}/conflicts/{conflict_id}"
            response = await world.call(person, "POST", path, data={"action": "overwrite"})
            assert response.status_code == statuses[_expected(person, team)], (person, team)
            assert THEIRS not in response.text or person.sees(team)
