"""Operations endpoints and the JSON read path."""

from __future__ import annotations

import httpx

from mcc.app import create_app
from mcc.config import Settings
from mcc.db import Database
from tests.conftest import Backend
from tests.support.net import free_port


async def test_healthz(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_readyz_when_migrated(client: httpx.AsyncClient) -> None:
    response = await client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["migrations"] == "current"
    # Without the lifespan's start-up build, the first search builds the index.
    assert response.json()["knowledge"]["search"] == "waiting"
    await client.post("/graphql", json={"query": '{ searchKnowledge(query: "tiers") { rank } }'})
    knowledge = (await client.get("/readyz")).json()["knowledge"]
    assert (knowledge["status"], knowledge["documents"], knowledge["search"]) == (
        "ready",
        0,
        "keyword",
    )
    assert knowledge["dense"].startswith("off: no embedder")


async def test_readyz_reports_pending_migrations(backend: Backend, settings: Settings) -> None:
    database = Database.from_url(await backend.new_database_url())
    try:
        transport = httpx.ASGITransport(app=create_app(settings, database=database))
        async with httpx.AsyncClient(transport=transport, base_url="http://mcc.test") as client:
            response = await client.get("/readyz")
        assert response.status_code == 503
        assert response.json()["migrations"] == "pending"
    finally:
        await database.dispose()


async def test_readyz_reports_an_unreachable_database(settings: Settings) -> None:
    database = Database.from_url(f"postgresql+asyncpg://nobody@127.0.0.1:{free_port()}/none")
    try:
        transport = httpx.ASGITransport(app=create_app(settings, database=database))
        async with httpx.AsyncClient(transport=transport, base_url="http://mcc.test") as client:
            response = await client.get("/readyz")
        assert response.status_code == 503
        assert response.json()["database"].startswith("unreachable")
    finally:
        await database.dispose()


async def test_metrics_count_requests_by_route(client: httpx.AsyncClient) -> None:
    await client.get("/healthz")
    body = (await client.get("/metrics")).text
    assert 'mcc_http_requests_total{method="GET",route="/healthz",status="200"} 1.0' in body


async def test_json_campaign_list_and_errors(client: httpx.AsyncClient) -> None:
    created = await client.post(
        "/graphql",
        json={
            "query": 'mutation { createCampaign(input: {name: "JSON", type: "social"}) '
            "{ campaignId } }"
        },
    )
    campaign_id = created.json()["data"]["createCampaign"]["campaignId"]

    listed = await client.get("/api/campaigns", params={"limit": 5})
    assert [item["campaignId"] for item in listed.json()["items"]] == [campaign_id]
    assert (await client.get(f"/api/campaigns/{campaign_id}")).json()["type"] == "social"

    missing = await client.get("/api/campaigns/00000000-0000-0000-0000-000000000000")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "NOT_FOUND"
    malformed = await client.get("/api/campaigns/nope")
    assert malformed.status_code == 422
    assert malformed.json()["error"]["code"] == "VALIDATION"
    bad_limit = await client.get("/api/campaigns", params={"limit": "many"})
    assert bad_limit.status_code == 422
    assert "limit" in bad_limit.json()["error"]["fields"]
    bad_status = await client.get("/api/campaigns", params={"status": "DONE"})
    assert bad_status.status_code == 422


async def test_home_page_links_the_api(client: httpx.AsyncClient) -> None:
    response = await client.get("/")
    assert response.status_code == 200
    assert 'href="/graphql"' in response.text


async def test_malformed_json_bodies_get_a_400_not_a_500(client: httpx.AsyncClient) -> None:
    json_type = {"content-type": "application/json"}
    for body in (b"null", b"42", b'"s"', b"true", b'{"query": "\xff"}', b"[" * 100_000):
        response = await client.post("/graphql", content=body, headers=json_type)
        assert response.status_code == 400, (body[:20], response.text)
        assert response.json()["error"]["code"] == "MALFORMED"
        chat = await client.post("/api/chat/stream", content=body, headers=json_type)
        assert chat.status_code == 422, (body[:20], chat.text)
    huge = b'{"query": "' + b"x" * (3 * 1024 * 1024) + b'"}'
    too_large = await client.post("/graphql", content=huge, headers=json_type)
    assert too_large.status_code == 413
    # The same code and number format as a form or an upload over its cap (s29/n2).
    assert too_large.json()["error"] == {
        "code": "TOO_LARGE",
        "message": "Body larger than 2,097,152 bytes",
    }
    fine = await client.post("/graphql", json={"query": "{ listCampaigns { nextToken } }"})
    assert fine.status_code == 200
