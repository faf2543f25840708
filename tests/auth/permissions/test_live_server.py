"""The live feed's team filter against a real `mcc serve`: a marketer of Alpha, listening on
`/events/campaigns`, hears of Alpha's new campaign and never of Beta's, made just before it."""

from __future__ import annotations

import json

import httpx

from mcc.auth.schemas import Role
from mcc.auth.service import AuthService
from mcc.db import Database
from mcc.teams.service import TeamService
from tests.conftest import Backend
from tests.support.server import mcc_serve

CREATE = """mutation($name: String!, $team: String!) {
  createCampaign(input: {name: $name, type: "email", team: $team}) { campaignId }
}"""


async def _tokens(database_url: str) -> tuple[str, str]:
    """(an admin's token, a marketer of Alpha's token) in the server's database."""
    database = Database.from_url(database_url)
    try:
        async with database.write() as session:
            teams = TeamService(session)
            await teams.create("Alpha")
            await teams.create("Beta")
            auth = AuthService(session)
            admin = await auth.create_user("admin@mcc.test", None, role=Role.ADMIN)
            marketer = await auth.create_user("m@mcc.test", None, teams=["Alpha"])
            return (
                await auth.create_api_token(admin, "live"),
                await auth.create_api_token(marketer, "live"),
            )
    finally:
        await database.dispose()


async def test_the_sse_feed_of_a_real_server_carries_only_the_listeners_teams(
    backend: Backend,
) -> None:
    url = await backend.new_database_url()
    with mcc_serve(url, env={"MCC_EMBEDDER": "none"}) as server:
        admin_token, marketer_token = await _tokens(url)
        admin = {"Authorization": f"Bearer {admin_token}"}
        listener = {"Authorization": f"Bearer {marketer_token}"}
        async with (
            httpx.AsyncClient(base_url=server.url, timeout=30) as client,
            client.stream("GET", "/events/campaigns", headers=listener) as stream,
        ):
            lines = stream.aiter_lines()
            assert "ready" in await anext(lines)
            ids = {}
            for team in ("Beta", "Alpha"):  # Beta's first: a leak would arrive first
                created = await client.post(
                    "/graphql", headers=admin,
                    json={"query": CREATE, "variables": {"name": f"{team} live", "team": team}},
                )  # fmt: skip
                ids[team] = created.json()["data"]["createCampaign"]["campaignId"]
            heard: list[str] = []
            while ids["Alpha"] not in heard:
                line = await anext(lines)
                if line.startswith("data:") and "campaignId" in line:
                    heard.append(json.loads(line.removeprefix("data:"))["campaignId"])
        assert heard == [ids["Alpha"]]
