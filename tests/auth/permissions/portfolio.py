"""Portfolio checks shared by the route and GraphQL suites (issue 15): the world's campaigns all
launch the same day on email, so each collides with the others; a user sees its own teams'
names, and another team's campaign only as "a campaign in another team". The launch dates are
set for the check and taken away after, so the other checks' world is unchanged."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date

from mcc.models import Campaign
from tests.auth.permissions.world import Person, World

LAUNCH = date(2031, 5, 6)


@asynccontextmanager
async def launching(world: World) -> AsyncIterator[None]:
    saved: dict[uuid.UUID, tuple[date | None, list[str]]] = {}
    async with world.db.write() as session:
        for campaign_id in world.campaigns.values():
            row = await session.get(Campaign, campaign_id)
            assert row is not None
            saved[campaign_id] = (row.launch_date, list(row.channels))
            row.launch_date, row.channels = LAUNCH, ["email"]
    try:
        yield
    finally:
        async with world.db.write() as session:
            for campaign_id, (launch, channels) in saved.items():
                row = await session.get(Campaign, campaign_id)
                assert row is not None
                row.launch_date, row.channels = launch, channels


def _names(text: str, world: World) -> set[str]:
    return {team for team, name in world.names.items() if name in text}


async def calendar_page(world: World, person: Person) -> None:
    async with launching(world):
        response = await world.call(person, "GET", "/calendar", params={"month": "2031-05"})
    assert response.status_code == 200, (person, response.text)
    assert _names(response.text, world) == world.visible(person), person
    hidden = len(world.campaigns) - len(world.visible(person))
    if hidden == 1:
        assert "A campaign in another team launches within" in response.text, person
    elif hidden > 1:
        assert f"{hidden} campaigns in other teams launch within" in response.text, person


async def campaign_page_warnings(world: World, person: Person) -> None:
    async with launching(world):
        for team, campaign_id in world.campaigns.items():
            response = await world.call(person, "GET", f"/campaigns/{campaign_id}")
            if not person.sees(team):
                assert response.status_code == 404, (person, team)
                continue
            start = response.text.find('id="portfolio-warnings"')
            section = response.text[start : response.text.find("</section>", start)]
            others = world.visible(person) - {team}
            assert _names(section, world) == others, (person, team)
